// The server side of ExportRequest: every requested article (editor text when open, the file
// otherwise) with its merged spans, written in one format into params.outDir.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { CancellationToken, Connection, TextDocuments, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { loadSidecar, type AnnotationStores } from '../annotationStores';
import { prepareExportDocument } from '../cli/exportDocument';
import { exportDocuments, isExportFormat, labelForTag, EXPORT_FORMATS, type ExportDocument } from '../core/export';
import type { ArtifactKind } from '../core/artifacts/types';
import { ExportParams, ExportRequest, ExportResult } from '../protocol';

export function registerExport(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService, stores: AnnotationStores): void {
  connection.onRequest(ExportRequest.method, (params: ExportParams, token: CancellationToken) => runExport(connection, documents, service, stores, params, token));
}

const yieldToEvents = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function runExport(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: AnalysisService,
  stores: AnnotationStores,
  params: ExportParams,
  token?: CancellationToken,
): Promise<ExportResult> {
  const result: ExportResult = { written: [], documents: 0, spans: 0, cancelled: false, errors: [] };
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
        const prepared = prepare(uri, documents, service, stores, params, artifacts);
        // Checked alone first so one bad article is reported and the others still export.
        exportDocuments(params.format, [prepared], opts);
        docs.push(prepared);
      } catch (err) {
        result.errors.push({ uri, message: (err as Error).message });
      }
    }
    if (docs.length) {
      const files = exportDocuments(params.format, docs, opts);
      fs.mkdirSync(params.outDir, { recursive: true });
      for (const f of files) {
        const out = path.resolve(params.outDir, f.name);
        fs.writeFileSync(out, f.content);
        result.written.push(out);
      }
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
): ExportDocument {
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
    text = fs.readFileSync(file, 'utf8');
    const loaded = loadSidecar(file, text);
    if (loaded.error) throw new Error(loaded.error);
    store = loaded.store;
  }
  const analyze = (t: string) => service.analyzer.analyzeDocument(t, service.referenceDate()).entities;
  return prepareExportDocument(file, text, store, { manualOnly: params.manualOnly, repaired: params.repaired, analyze, automatic, artifacts }).doc;
}

function selectedCount(doc: ExportDocument, labels: string[] | undefined): number {
  if (!labels?.length) return doc.spans.length;
  const wanted = new Set(labels.map((l) => labelForTag(l)));
  return doc.spans.filter((s) => wanted.has(s.label)).length;
}
