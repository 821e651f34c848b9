// The server side of ExportRequest: every requested article (editor text when open, the file
// otherwise) with its merged spans, written in one format into params.outDir, never over a file
// an export did not write unless params.overwrite (core/io/exportOutput.ts).
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { CancellationToken, Connection, TextDocuments, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { loadSidecar, type AnnotationStores } from '../core/annotations';
import { prepareExportDocument, type PreparedDocument } from '../cli/exportDocument';
import { exportDocuments, exportLabelOf, isExportFormat, EXPORT_FORMATS, type ExportDocument } from '../core/export';
import type { ArtifactKind } from '../core/artifacts/types';
import { describeConflicts, planOutput, writeOutput } from '../core/io/exportOutput';
import { readTextFile } from '../core/io/safeFiles';
import { ExportParams, ExportRequest, ExportResult } from '../protocol';

/** The workspace folders (file paths) the client opened, for relative output folders. */
export type WorkspaceFolders = () => readonly string[];

export function registerExport(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService, stores: AnnotationStores, folders: WorkspaceFolders): void {
  connection.onRequest(ExportRequest.method, (params: ExportParams, token: CancellationToken) => runExport(connection, documents, service, stores, params, token, folders));
}

/**
 * The absolute output folder: a relative one belongs to the workspace (the folder holding the
 * first article, else the first folder), never to the server process's working directory.
 */
export function resolveOutDir(outDir: string, uris: readonly string[], folders: readonly string[]): string {
  if (path.isAbsolute(outDir)) return path.normalize(outDir);
  const first = uris.map((u) => (u.startsWith('file:') ? fileURLToPath(u) : undefined)).find((f) => f !== undefined);
  const home = (first && folders.find((f) => first === f || first.startsWith(f.endsWith(path.sep) ? f : f + path.sep))) ?? folders[0];
  if (!home) throw new Error(`the output folder "${outDir}" is relative and no workspace folder is open; give an absolute path`);
  return path.resolve(home, outDir);
}

const yieldToEvents = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function runExport(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: AnalysisService,
  stores: AnnotationStores,
  params: ExportParams,
  token?: CancellationToken,
  folders: WorkspaceFolders = () => [],
): Promise<ExportResult> {
  const result: ExportResult = { written: [], documents: 0, spans: 0, cancelled: false, errors: [], warnings: [] };
  if (!isExportFormat(params.format)) {
    result.errors.push({ uri: '', message: `unknown export format ${JSON.stringify(params.format)}; expected one of ${EXPORT_FORMATS.join(', ')}` });
    return result;
  }
  const opts = { offsets: params.offsets ?? 'codepoint', labels: params.labels?.length ? params.labels : undefined } as const;
  let progress: WorkDoneProgressServerReporter | undefined;
  if (params.progress) {
    try {
      progress = await connection.window.createWorkDoneProgress();
      progress.begin('Exporting annotations', 0, `0 / ${params.uris.length}`, true);
    } catch {
      progress = undefined;
    }
  }
  const artifacts = { disabled: service.settings.disabledArtifacts as ArtifactKind[], boilerplatePatterns: service.settings.boilerplatePatterns };
  const docs: ExportDocument[] = [];
  try {
    for (let i = 0; i < params.uris.length; i++) {
      // Analysis is synchronous: let a cancel notification in between files.
      await yieldToEvents();
      if (token?.isCancellationRequested || progress?.token.isCancellationRequested) {
        result.cancelled = true;
        break;
      }
      const uri = params.uris[i];
      progress?.report(Math.round((i / params.uris.length) * 100), `${i + 1} / ${params.uris.length}: ${path.basename(uri)}`);
      try {
        const prepared = service.settled(() => prepare(uri, documents, service, stores, params, artifacts));
        // Checked alone first so one bad article is reported and the others still export.
        exportDocuments(params.format, [prepared.doc], opts);
        docs.push(prepared.doc);
        result.warnings.push(...prepared.warnings);
      } catch (err) {
        result.errors.push({ uri, message: (err as Error).message });
      }
    }
    if (docs.length) {
      const outDir = resolveOutDir(params.outDir, params.uris, folders());
      const plan = planOutput(outDir, exportDocuments(params.format, docs, opts), { force: params.overwrite });
      if (plan.conflicts.length) {
        result.conflicts = plan.conflicts;
        result.errors.push({ uri: outDir, message: `nothing written: ${plan.conflicts.length} file(s) would be overwritten that an export did not write: ${describeConflicts(plan.conflicts)}` });
        return result;
      }
      result.written = writeOutput(plan);
      result.documents = docs.length;
      result.spans = docs.reduce((n, d) => n + selectedCount(d, params.labels), 0);
    }
  } catch (err) {
    result.errors.push({ uri: params.outDir, message: (err as Error).message });
  } finally {
    progress?.done();
  }
  return result;
}

function prepare(
  uri: string,
  documents: TextDocuments<TextDocument>,
  service: AnalysisService,
  stores: AnnotationStores,
  params: ExportParams,
  artifacts: { disabled: ArtifactKind[]; boilerplatePatterns: string[] },
): PreparedDocument {
  const open = documents.get(uri);
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  let text: string;
  let store = open ? stores.store(uri) : undefined;
  let automatic = undefined;
  if (open) {
    text = open.getText();
    const broken = stores.error(uri);
    if (broken) throw new Error(broken);
    automatic = service.get(open)?.analysis.entities;
  } else {
    // A regular UTF-8 file only: the editor decodes other encodings itself when the file is open.
    text = readTextFile(file).text;
    const loaded = loadSidecar(file, text);
    if (loaded.error) throw new Error(loaded.error);
    store = loaded.store;
  }
  const analyze = (t: string) => service.analyzer.analyzeDocument(t, service.referenceDate()).entities;
  return prepareExportDocument(file, text, store, { manualOnly: params.manualOnly, repaired: params.repaired, analyze, automatic, artifacts });
}

function selectedCount(doc: ExportDocument, labels: string[] | undefined): number {
  if (!labels?.length) return doc.spans.length;
  const wanted = new Set(labels.map((l) => exportLabelOf(l)));
  return doc.spans.filter((s) => wanted.has(s.label)).length;
}
