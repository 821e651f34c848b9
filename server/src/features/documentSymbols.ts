import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { NO_DECISIONS, type Decisions } from './decisionsView';
import { isEntityLabel, type EntityLabel, type Label } from '../core/types';

const KIND: Record<EntityLabel, SymbolKind> = {
  person: SymbolKind.Object,
  location: SymbolKind.Namespace,
  organization: SymbolKind.Class,
  date: SymbolKind.Event,
  time: SymbolKind.Event,
  number: SymbolKind.Number,
  ordinal: SymbolKind.Number,
  quantity: SymbolKind.Number,
  money: SymbolKind.Number,
  percent: SymbolKind.Number,
  work: SymbolKind.String,
};

/** Custom labels (articleAnnotator.labels) are shown as keys: no entity type says more about them. */
const kindOf = (label: Label): SymbolKind => (isEntityLabel(label) ? KIND[label] : SymbolKind.Key);

/**
 * Entities grouped by label, each entity once (its first mention, with the number of mentions), so
 * Outline and Go to Symbol list who and what the article names rather than every occurrence.
 */
export function provideDocumentSymbols(service: AnalysisService, doc: TextDocument, decisions: Decisions = NO_DECISIONS): DocumentSymbol[] {
  const state = service.get(doc);
  if (!state) return [];
  const groups = new Map<Label, Map<string, { symbol: DocumentSymbol; mentions: number }>>();
  for (const e of decisions.effective(doc.uri, state.analysis.entities)) {
    const name = e.text.replace(/\s+/g, ' ') || e.label;
    const byName = groups.get(e.label) ?? new Map();
    groups.set(e.label, byName);
    const seen = byName.get(name);
    if (seen) {
      seen.mentions++;
      continue;
    }
    const range = { start: doc.positionAt(e.start), end: doc.positionAt(e.end) };
    byName.set(name, { symbol: { name, detail: e.simplified !== e.text ? e.simplified : undefined, kind: kindOf(e.label), range, selectionRange: range }, mentions: 1 });
  }
  return [...groups.entries()].map(([label, byName]) => {
    const children = [...byName.values()].map(({ symbol, mentions }) => ({
      ...symbol,
      detail: [symbol.detail, mentions > 1 ? `${mentions} mentions` : undefined].filter(Boolean).join(' · ') || undefined,
    }));
    return {
      name: `${label} (${children.length})`,
      kind: kindOf(label),
      range: { start: children[0].range.start, end: children.reduce((a, c) => (c.range.end.line > a.line || (c.range.end.line === a.line && c.range.end.character > a.character) ? c.range.end : a), children[0].range.end) },
      selectionRange: children[0].range,
      children,
    };
  });
}
