import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import type { Decisions } from './decisionsView';
import { DocumentStatsParams, DocumentStatsRequest, DocumentStatsResult } from '../protocol';

type Guard = <T>(name: string, fallback: T, fn: () => T) => T;

/** The custom requests declared in protocol.ts. */
export function registerCustomRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService, decisions: Decisions, guard: Guard): void {
  connection.onRequest(DocumentStatsRequest.method, (p: DocumentStatsParams): DocumentStatsResult => {
    const doc = documents.get(p.uri);
    const empty: DocumentStatsResult = { counts: {}, artifacts: 0, served: false };
    if (!doc) return empty;
    return guard('document stats', empty, () => {
      const state = service.get(doc);
      if (!state) return empty;
      const counts: Record<string, number> = {};
      for (const e of decisions.effective(doc.uri, state.analysis.entities)) counts[e.label] = (counts[e.label] ?? 0) + 1;
      return { counts, artifacts: service.artifacts(doc).length, served: true };
    });
  });
}
