import type { SemanticTokens, SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeSemanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/tokenLegend';
import type { AnalysisService } from '../analysisService';
import { NO_DECISIONS, type Decisions } from './decisionsView';

export const semanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function provideSemanticTokens(service: AnalysisService, doc: TextDocument, _p: SemanticTokensParams, decisions: Decisions = NO_DECISIONS): SemanticTokens {
  const state = service.get(doc);
  return { data: state ? encodeSemanticTokens(decisions.effective(doc.uri, state.analysis.entities), state.lines) : [] };
}

export function provideSemanticTokensRange(service: AnalysisService, doc: TextDocument, p: SemanticTokensRangeParams, decisions: Decisions = NO_DECISIONS): SemanticTokens {
  const state = service.get(doc);
  if (!state) return { data: [] };
  const range = { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) };
  return { data: encodeSemanticTokens(decisions.effective(doc.uri, state.analysis.entities), state.lines, range) };
}
