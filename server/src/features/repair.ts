import { readTextFile } from '../core/io/safeFiles';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import type { AnalysisService } from '../analysisService';
import { RepairPreviewParams, RepairPreviewRequest, RepairPreviewResult } from '../protocol';
import { fixAllEdits } from './codeActions';

/** Computes the fix-all edits of many files (open ones from the editor, others from disk). */
export function registerRepairRequest(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService): void {
  connection.onRequest(RepairPreviewRequest.method, (p: RepairPreviewParams): RepairPreviewResult => {
    const result: RepairPreviewResult = { files: [], errors: [] };
    for (const uri of p.uris) {
      try {
        const open = documents.get(uri);
        const doc = open ?? TextDocument.create(uri, 'zh-article', 0, readTextFile(fileURLToPath(uri)).text);
        const artifacts = service.artifacts(doc).filter((a) => a.autoFix && a.candidates.length > 0);
        if (!open) service.forget(uri);
        if (artifacts.length === 0) continue;
        const counts: Record<string, number> = {};
        for (const a of artifacts) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
        result.files.push({ uri, counts, edits: fixAllEdits(doc, artifacts) });
      } catch (err) {
        result.errors.push({ uri, message: (err as Error).message });
      }
    }
    return result;
  });
}
