import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { effectiveEntities } from '../annotationStores';
import type { EntityLabel } from '../core/types';

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

/** Entities grouped by label, so Outline and Go to Symbol list who and what the article names. */
export function provideDocumentSymbols(service: AnalysisService, doc: TextDocument): DocumentSymbol[] {
  const state = service.get(doc);
  if (!state) return [];
  const groups = new Map<EntityLabel, DocumentSymbol[]>();
  for (const e of effectiveEntities(doc.uri, state.analysis.entities)) {
    const range = { start: doc.positionAt(e.start), end: doc.positionAt(e.end) };
    const list = groups.get(e.label) ?? [];
    list.push({ name: e.text.replace(/\s+/g, ' ') || e.label, detail: e.simplified !== e.text ? e.simplified : undefined, kind: KIND[e.label], range, selectionRange: range });
    groups.set(e.label, list);
  }
  return [...groups.entries()].map(([label, children]) => ({
    name: `${label} (${children.length})`,
    kind: KIND[label],
    range: { start: children[0].range.start, end: children[children.length - 1].range.end },
    selectionRange: children[0].range,
    children,
  }));
}
