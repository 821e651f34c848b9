// The document queue on the server: status, counts and progress of the workspace's articles
// (QueueRequest), done marks in each workspace folder's .zh-article/queue.json (QueueMarkRequest).
// Open documents are counted live; closed ones through core's QueueCounter, a slice at a time
// between other requests, with QueueChangedNotification telling the client to ask again.
import * as fs from 'fs';
import * as path from 'path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { articlePathOf, loadSidecar, parseSidecar, sidecarPathFor } from '../core/annotations';
import { comparePaths, nextNotDone, QueueCounter, queueFileOf, queueStatus, readQueueFile, updateQueueFile, type FileCounts, type FileStamp } from '../core/annotations/queue';
import type { ManualSpan, RejectedSpan } from '../core/annotations/store';
import { EXPORT_MANIFEST } from '../core/io/exportOutput';
import { readTextFile } from '../core/io/safeFiles';
import { servesDocument } from '../core/language';
import type { Entity } from '../core/types';
import { QueueChangedNotification, QueueItem, QueueMarkParams, QueueMarkRequest, QueueMarkResult, QueueParams, QueueRequest, QueueResult } from '../protocol';

type Guard = <T>(name: string, fallback: T, fn: () => T) => T;

export interface QueueDecisions {
  store(uri: string): { manual: readonly ManualSpan[]; rejected: readonly RejectedSpan[] } | undefined;
  effective(uri: string, automatic: readonly Entity[]): Entity[];
}

/** A counting slice ends with the file that uses this up, so a request waits behind at most about one file's analysis. */
const SLICE_MS = 30;
/** Rest between slices, in which waiting requests are answered. */
const PAUSE_MS = 10;
/** How often the client is told to ask again while counting. */
const NOTIFY_MS = 1000;

const languageOf = (file: string) => (file.endsWith('.article') ? 'zh-article' : 'plaintext');

function statOr0(file: string): { size: number; mtimeMs: number } {
  try {
    const st = fs.statSync(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return { size: 0, mtimeMs: 0 };
  }
}

export function registerQueueFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService, decisions: QueueDecisions, folders: () => string[], guard: Guard): void {
  const stampOf = (file: string): FileStamp | undefined => {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const side = statOr0(sidecarPathFor(file));
    return { size: st.size, mtimeMs: st.mtimeMs, sidecarSize: side.size, sidecarMtimeMs: side.mtimeMs };
  };

  /** One closed file's counts, yielding after each chunk of artifact detection (the long part on a damaged file). */
  function* countClosed(file: string): Generator<void, FileCounts, void> {
    const text = readTextFile(file).text;
    const languageId = languageOf(file);
    const decided = sidecarDecisions(file);
    if (!servesDocument(languageId, text, service.settings.plaintext)) return { served: false, entities: 0, artifacts: 0, decisions: decided };
    if (text.length > service.settings.maxFileSize) return { served: true, entities: 0, artifacts: 0, decisions: decided, error: 'longer than articleAnnotator.maxFileSize; not annotated' };
    // The same analysis as an open document's (one service, its settings and learning), under a
    // URI no editor uses so an open copy's cached state is never touched.
    const doc = TextDocument.create(`queue-count:${file}`, languageId, 0, text);
    try {
      const artifacts = (yield* service.artifactSteps(doc)).length;
      yield;
      const automatic = service.get(doc)?.analysis.entities ?? [];
      const loaded = loadSidecar(file, text);
      const entities = loaded.store ? loaded.store.merge(automatic).length : automatic.length;
      return { served: true, entities, artifacts, decisions: decided, error: loaded.error };
    } finally {
      service.forget(doc.uri);
    }
  }
  // Learning changes what recognition finds in files that did not change: recount them then.
  const counter = new QueueCounter(stampOf, countClosed, Date.now, () => service.learning.version);

  /** Decisions in a closed article's sidecar (its spans and rejections), without reading the article. */
  function sidecarDecisions(file: string): number {
    const side = sidecarPathFor(file);
    if (!fs.existsSync(side)) return 0;
    try {
      const s = parseSidecar(readTextFile(side).text);
      return s.spans.length + s.rejected.length;
    } catch {
      return 0;
    }
  }

  let pumping = false;
  let lastNotice = 0;
  const pump = () => {
    if (pumping) return;
    pumping = true;
    const turn = () => {
      const left = guard('queue counting', 0, () => counter.work(SLICE_MS));
      const now = Date.now();
      if (left === 0 || now - lastNotice >= NOTIFY_MS) {
        lastNotice = now;
        void connection.sendNotification(QueueChangedNotification.method, { pending: left });
      }
      // A timer, not setImmediate: the JSON-RPC connection handles incoming messages in immediates,
      // so a request that arrived during a file's count is answered before the next file starts.
      if (left > 0) setTimeout(turn, PAUSE_MS);
      else pumping = false;
    };
    setTimeout(turn, PAUSE_MS);
  };

  /** The workspace folder holding `file` (the innermost) and the file's path in it, '/'-separated. */
  const placeOf = (file: string): { folder: string; rel: string } | undefined => {
    let best: { folder: string; rel: string } | undefined;
    for (const folder of folders()) {
      const rel = path.relative(folder, file);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (!best || folder.length > best.folder.length) best = { folder, rel: rel.split(path.sep).join('/') };
    }
    return best;
  };

  connection.onRequest(QueueRequest.method, (p: QueueParams): QueueResult =>
    guard<QueueResult>('queue', { items: [], done: 0, total: 0, pending: 0 }, () => {
      if (p.recount) counter.clear();
      const marks = new Map<string, Set<string>>();
      const errors: string[] = [];
      const doneIn = (folder: string): Set<string> => {
        let set = marks.get(folder);
        if (!set) {
          try {
            set = readQueueFile(queueFileOf(folder));
          } catch (err) {
            errors.push((err as Error).message);
            set = new Set();
          }
          marks.set(folder, set);
        }
        return set;
      };
      const rows: { key: string; item: QueueItem }[] = [];
      // A brat export's .txt copies are not articles to annotate: their folder holds an export manifest.
      const exportFolders = new Map<string, boolean>();
      const isExport = (dir: string) => exportFolders.get(dir) ?? (exportFolders.set(dir, fs.existsSync(path.join(dir, EXPORT_MANIFEST))), exportFolders.get(dir)!);
      for (const uri of new Set(p.uris)) {
        const file = articlePathOf(uri);
        if (!file || isExport(path.dirname(file))) continue;
        const place = placeOf(file);
        const done = !!place && doneIn(place.folder).has(place.rel);
        const open = documents.get(uri);
        let item: QueueItem;
        if (open) {
          const state = service.get(open);
          if (!state) continue;
          const store = decisions.store(uri);
          const decided = (store?.manual.length ?? 0) + (store?.rejected.length ?? 0);
          item = { uri, status: queueStatus(done, decided), decisions: decided, entities: decisions.effective(uri, state.analysis.entities).length, artifacts: service.artifacts(open).length };
        } else {
          const counts = counter.get(file);
          if (counts && !counts.served) continue;
          const decided = counts?.decisions ?? sidecarDecisions(file);
          item = { uri, status: queueStatus(done, decided), decisions: decided };
          if (counts) {
            item.entities = counts.entities;
            item.artifacts = counts.artifacts;
            if (counts.error) item.error = counts.error;
          }
        }
        if (!place) item.error = [item.error, 'outside the workspace folders: cannot be marked done'].filter(Boolean).join('; ');
        rows.push({ key: place ? `${place.folder}\u0000${place.rel}` : file, item });
      }
      rows.sort((a, b) => comparePaths(a.key, b.key));
      const items = rows.map((r) => r.item);
      if (counter.pendingCount) pump();
      const current = items.findIndex((i) => i.uri === p.current);
      const result: QueueResult = { items, done: items.filter((i) => i.status === 'done').length, total: items.length, pending: counter.pendingCount };
      const next = nextNotDone(items, current);
      if (next) result.next = next.uri;
      if (errors.length) result.error = errors.join('; ');
      return result;
    }),
  );

  connection.onRequest(QueueMarkRequest.method, (p: QueueMarkParams): QueueMarkResult =>
    guard<QueueMarkResult>('queue mark', { ok: false, message: 'Marking failed; see the output log.', written: [] }, () => {
      const byFolder = new Map<string, string[]>();
      const outside: string[] = [];
      for (const uri of p.uris) {
        const file = articlePathOf(uri);
        const place = file ? placeOf(file) : undefined;
        if (!place) outside.push(file ?? uri);
        else byFolder.set(place.folder, [...(byFolder.get(place.folder) ?? []), place.rel]);
      }
      const written: string[] = [];
      const problems: string[] = outside.map((f) => `${f} is outside the workspace folders`);
      for (const [folder, rels] of byFolder) {
        try {
          updateQueueFile(queueFileOf(folder), rels, p.done);
          written.push(queueFileOf(folder));
        } catch (err) {
          problems.push((err as Error).message);
        }
      }
      void connection.sendNotification(QueueChangedNotification.method, { pending: counter.pendingCount });
      const n = p.uris.length - outside.length;
      if (problems.length) return { ok: false, message: `Not marked: ${problems.join('; ')}`, written };
      return { ok: true, message: `Marked ${n} article(s) ${p.done ? 'done' : 'not done'}.`, written };
    }),
  );
}
