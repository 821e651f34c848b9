// One article of a CLI export: read it, load its sidecar, analyse, merge. Runs in a worker process
// (worker.ts) or, when the bundled worker is not there, on the main thread.
import { loadSidecar } from '../core/annotations';
import type { ExportDocument } from '../core/export';
import type { TextEncoding } from '../core/io/safeFiles';
import type { Entity } from '../core/types';
import { createDefaultAnalyzer } from '../core/pipeline';
import { createCoreResources } from '../core/resources';
import { prepareExportDocument } from './exportDocument';
import { readArticle, readErrorMessage, STDIN } from './files';

export interface ExportJob {
  id: number;
  file: string;
  manualOnly?: boolean;
  repaired?: boolean;
  encoding?: TextEncoding | 'auto';
  /** The text of standard input (`-`), read by the main thread. */
  text?: string;
  /** Why the main thread could not read it. */
  error?: string;
}

export type ExportJobResult = { id: number; file: string; doc: ExportDocument; warnings: string[] } | { id: number; file: string; error: string };

/**
 * A job runner with its own analyzer (one per worker process, or the CLI's own when it runs
 * inline). `beforeAnalysis` sees each article's text first (a worker's test fault hook).
 */
export function createExportJobRunner(beforeAnalysis?: (text: string) => void): (job: ExportJob) => ExportJobResult {
  let analyzer: ReturnType<typeof createDefaultAnalyzer> | undefined;
  return (job) =>
    runExportJob(job, (text) => {
      beforeAnalysis?.(text);
      analyzer ??= createDefaultAnalyzer(createCoreResources({ log: (m) => console.error(m), lac: true }));
      return analyzer.analyzeDocument(text).entities;
    });
}

export function runExportJob(job: ExportJob, analyze: (text: string) => Entity[]): ExportJobResult {
  if (job.error !== undefined) return { id: job.id, file: job.file, error: job.error };
  let text: string;
  try {
    text = job.text ?? readArticle(job.file, job.encoding).text;
  } catch (err) {
    return { id: job.id, file: job.file, error: readErrorMessage(err) };
  }
  try {
    // Standard input has no sidecar; its documents are named "stdin".
    const loaded = job.file === STDIN ? { store: undefined, orphaned: [] } : loadSidecar(job.file, text);
    if ('error' in loaded && loaded.error) return { id: job.id, file: job.file, error: loaded.error };
    const { doc, warnings } = prepareExportDocument(job.file === STDIN ? 'stdin' : job.file, text, loaded.store, {
      manualOnly: job.manualOnly,
      repaired: job.repaired,
      analyze,
    });
    if (loaded.orphaned.length) warnings.push(`${job.file}: ${loaded.orphaned.length} orphaned annotation(s) in its sidecar are not exported`);
    return { id: job.id, file: job.file, doc, warnings };
  } catch (err) {
    return { id: job.id, file: job.file, error: (err as Error).message };
  }
}
