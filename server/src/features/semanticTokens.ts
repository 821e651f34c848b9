import type { SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams, SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeSemanticTokens, tokenDataEdits, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/tokenLegend';
import type { AnalysisService } from '../analysisService';
import { NO_DECISIONS, type Decisions } from './decisionsView';

export const semanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/**
 * The last token data sent for each document, so the next request can be answered with a delta
 * (textDocument/semanticTokens/full/delta): after a keystroke in a long article the client gets
 * the few tokens that changed rather than hundreds of thousands of integers.
 */
export class SemanticTokenResults {
  private readonly last = new Map<string, { id: string; data: number[] }>();
  private counter = 0;

  full(uri: string, data: number[]): SemanticTokens {
    const resultId = String(++this.counter);
    this.last.set(uri, { id: resultId, data });
    return { resultId, data };
  }

  delta(uri: string, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const previous = this.last.get(uri);
    const result = this.full(uri, data);
    // A result the client holds but this server no longer knows (a restart, a close): all of it.
    if (!previous || previous.id !== previousResultId) return result;
    return { resultId: result.resultId, edits: tokenDataEdits(previous.data, data) };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

function documentTokens(service: AnalysisService, doc: TextDocument, decisions: Decisions): number[] {
  const state = service.get(doc);
  return state ? encodeSemanticTokens(decisions.effective(doc.uri, state.analysis.entities), state.lines) : [];
}

export function provideSemanticTokens(
  service: AnalysisService,
  doc: TextDocument,
  _p: SemanticTokensParams,
  decisions: Decisions = NO_DECISIONS,
  results?: SemanticTokenResults,
): SemanticTokens {
  const data = documentTokens(service, doc, decisions);
  return results ? results.full(doc.uri, data) : { data };
}

export function provideSemanticTokensDelta(
  service: AnalysisService,
  doc: TextDocument,
  p: SemanticTokensDeltaParams,
  results: SemanticTokenResults,
  decisions: Decisions = NO_DECISIONS,
): SemanticTokens | SemanticTokensDelta {
  return results.delta(doc.uri, p.previousResultId, documentTokens(service, doc, decisions));
}

export function provideSemanticTokensRange(service: AnalysisService, doc: TextDocument, p: SemanticTokensRangeParams, decisions: Decisions = NO_DECISIONS): SemanticTokens {
  const state = service.get(doc);
  if (!state) return { data: [] };
  const range = { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) };
  return { data: encodeSemanticTokens(decisions.effective(doc.uri, state.analysis.entities), state.lines, range) };
}
