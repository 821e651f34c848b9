// One article of a CLI export: read it, load its sidecar, analyse, merge. Runs in a worker thread
// (worker.ts) or, when the bundled worker is not there, on the main thread.
import * as fs from 'fs';
import { loadSidecar } from '../annotationStores';
import type { ExportDocument } from '../core/export';
import { analyzeText } from '../core/pipeline';
import { prepareExportDocument } from './exportDocument';

export interface ExportJob {
  id: number;
  file: string;
  manualOnly?: boolean;
  repaired?: boolean;
}

export type ExportJobResult = { id: number; file: string; doc: ExportDocument; warnings: string[] } | { id: number; file: string; error: string };

export function runExportJob(job: ExportJob): ExportJobResult {
  try {
    const text = fs.readFileSync(job.file, 'utf8');
    const loaded = loadSidecar(job.file, text);
    if (loaded.error) return { id: job.id, file: job.file, error: loaded.error };
    const { doc, warnings } = prepareExportDocument(job.file, text, loaded.store, {
      manualOnly: job.manualOnly,
      repaired: job.repaired,
      analyze: (t) => analyzeText(t).entities,
    });
    if (loaded.orphaned.length) warnings.push(`${job.file}: ${loaded.orphaned.length} orphaned annotation(s) in its sidecar are not exported`);
    return { id: job.id, file: job.file, doc, warnings };
  } catch (err) {
    return { id: job.id, file: job.file, error: (err as Error).message };
  }
}
