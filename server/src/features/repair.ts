import * as path from 'path';
import { readTextFile } from '../core/io/safeFiles';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import type { AnalysisService } from '../analysisService';
import { RepairPreviewParams, RepairPreviewRequest, RepairPreviewResult } from '../protocol';
import { fixAllEdits } from './codeActions';

/** Computes the fix-all edits of many files (open ones from the editor, others from disk). */
export function registerRepairRequest(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService): void {
  connection.onRequest(RepairPreviewRequest.method, (p: RepairPreviewParams): RepairPreviewResult =>
    previewRepair(service, p.uris, (uri) => documents.get(uri), (uri) => readTextFile(fileURLToPath(uri)).text),
  );
}

/**
 * A closed file is judged as the editor would open it: `.article` files always, other text only
 * when it is mostly Chinese (the server's own test), so English notes are never offered edits.
 */
export function previewRepair(
  service: AnalysisService,
  uris: readonly string[],
  openDocument: (uri: string) => TextDocument | undefined,
  readText: (uri: string) => string,
): RepairPreviewResult {
  const result: RepairPreviewResult = { files: [], errors: [] };
  for (const uri of uris) {
    try {
      const open = openDocument(uri);
      const languageId = path.extname(uri).toLowerCase() === '.article' ? 'zh-article' : 'plaintext';
      const doc = open ?? TextDocument.create(uri, languageId, 0, readText(uri));
      const artifacts = service.artifacts(doc).filter((a) => a.autoFix && a.candidates.length > 0);
      const check = artifacts.length > 0 ? service.fixAllCheck(doc) : undefined;
      if (!open) service.forget(uri);
      if (artifacts.length === 0) continue;
      if (check && !check.allowed) {
        result.errors.push({ uri, message: `not repaired: ${check.reason}` });
        continue;
      }
      const counts: Record<string, number> = {};
      for (const a of artifacts) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
      result.files.push({ uri, counts, edits: fixAllEdits(doc, artifacts) });
    } catch (err) {
      result.errors.push({ uri, message: (err as Error).message });
    }
  }
  return result;
}
