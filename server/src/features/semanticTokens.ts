import type { SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams, SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeAfterEdit, encodeSemanticTokens, tokenDataEdits, TOKEN_MODIFIERS, TOKEN_TYPES, type EncodedTokens } from '../core/tokenLegend';
import type { LineIndex } from '../core/offsets';
import type { AnalysisService } from '../analysisService';
import { NO_DECISIONS, type Decisions } from './decisionsView';

export const semanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/**
 * The last token data sent for each document, so the next request can be answered with a delta
 * (textDocument/semanticTokens/full/delta): after a keystroke in a long article the client gets
 * the few tokens that changed rather than hundreds of thousands of integers.
 */
export class SemanticTokenResults {
  private readonly last = new Map<string, { id: string; data: Uint32Array; basis?: TokenBasis }>();
  private counter = 0;

  full(uri: string, data: Uint32Array, basis?: TokenBasis): SemanticTokens {
    const resultId = String(++this.counter);
    this.last.set(uri, { id: resultId, data, basis });
    return { resultId, data: Array.from(data) };
  }

  delta(uri: string, previousResultId: string, data: Uint32Array, basis?: TokenBasis): SemanticTokens | SemanticTokensDelta {
    const previous = this.last.get(uri);
    // A result the client holds but this server no longer knows (a restart, a close): all of it.
    if (!previous || previous.id !== previousResultId) return this.full(uri, data, basis);
    const resultId = String(++this.counter);
    this.last.set(uri, { id: resultId, data, basis });
    return { resultId, edits: tokenDataEdits(previous.data, data) };
  }

  /** The last data encoded for the document, when it came from the automatic entities of an analysis. */
  basisOf(uri: string): EncodedTokens & { analysisId: number } | undefined {
    const last = this.last.get(uri);
    return last?.basis ? { data: last.data, ...last.basis } : undefined;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/** The analysis (its id) and line index that token data was encoded from. */
interface TokenBasis {
  analysisId: number;
  lines: LineIndex;
}

function documentTokens(service: AnalysisService, doc: TextDocument, decisions: Decisions, results?: SemanticTokenResults): { data: Uint32Array; basis?: TokenBasis } {
  const state = service.get(doc);
  if (!state) return { data: new Uint32Array(0) };
  const { analysis, lines } = state;
  // The annotator's decisions may change tokens anywhere: only automatic entities are encoded again
  // for an edit's lines alone (and then the document's entities are not even listed).
  if (decisions.affects?.(doc.uri) !== false || analysis.id === undefined) {
    return { data: Uint32Array.from(encodeSemanticTokens(decisions.effective(doc.uri, analysis.entities), lines)) };
  }
  const basis = { analysisId: analysis.id, lines };
  const last = results?.basisOf(doc.uri);
  const edit = analysis.edit;
  if (last && edit && edit.from === last.analysisId) return { data: encodeAfterEdit(last, edit.entities, lines, edit), basis };
  return { data: Uint32Array.from(encodeSemanticTokens(analysis.entities, lines)), basis };
}

export function provideSemanticTokens(
  service: AnalysisService,
  doc: TextDocument,
  _p: SemanticTokensParams,
  decisions: Decisions = NO_DECISIONS,
  results?: SemanticTokenResults,
): SemanticTokens {
  const { data, basis } = documentTokens(service, doc, decisions, results);
  return results ? results.full(doc.uri, data, basis) : { data: Array.from(data) };
}

export function provideSemanticTokensDelta(
  service: AnalysisService,
  doc: TextDocument,
  p: SemanticTokensDeltaParams,
  results: SemanticTokenResults,
  decisions: Decisions = NO_DECISIONS,
): SemanticTokens | SemanticTokensDelta {
  const { data, basis } = documentTokens(service, doc, decisions, results);
  return results.delta(doc.uri, p.previousResultId, data, basis);
}

export function provideSemanticTokensRange(service: AnalysisService, doc: TextDocument, p: SemanticTokensRangeParams, decisions: Decisions = NO_DECISIONS): SemanticTokens {
  const state = service.get(doc);
  if (!state) return { data: [] };
  const range = { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) };
  return { data: encodeSemanticTokens(decisions.effective(doc.uri, state.analysis.entities), state.lines, range) };
}
