// `zh-article export`: articles (files or folders) → one export format in --out, analysed in
// parallel worker processes (exportPool.ts), progress on stderr.
import * as path from 'path';
import { parseArgs } from 'util';
import { exportDocuments, exportLabelOf, isExportFormat, labelForTag, EXPORT_FORMATS, EXPORT_TAGS, type ExportDocument } from '../core/export';
import { describeConflicts, planOutput, writeOutput, type OutputConflict } from '../core/io/exportOutput';
import type { TextEncoding } from '../core/io/safeFiles';
import type { ExportJob } from './exportJob';
import { runExportJobs } from './exportPool';
import { collectArticleFiles, ENCODING_USAGE, parseEncoding, readArticle, readErrorMessage, STDIN, UsageError } from './files';

export const EXPORT_USAGE = `  export <files or folders…> --format jsonl|brat|conll|labelstudio|csv --out PATH
         [--offsets codepoint|utf16] [--manual-only] [--repaired] [--labels PER,LOC…] [--jobs N]
         [--force] [${ENCODING_USAGE}]
                               automatic and manual annotations (from the sidecars) in one format.
                               Files in PATH that an export did not write (listed in its
                               .zh-article-export.json) are never overwritten: the export stops
                               and names them, unless --force (then replaced atomically)`;

export interface ExportSummary {
  written: string[];
  documents: number;
  spans: number;
  failed: { file: string; error: string }[];
  /** Files the export would have overwritten without --force; nothing was written when set. */
  conflicts: OutputConflict[];
}

export async function exportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        offsets: { type: 'string' },
        'manual-only': { type: 'boolean' },
        repaired: { type: 'boolean' },
        labels: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        force: { type: 'boolean' },
        encoding: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (!v.format) throw new UsageError(`--format is required (${EXPORT_FORMATS.join(', ')})`);
  if (!isExportFormat(v.format)) throw new UsageError(`unknown format "${v.format}"; expected one of ${EXPORT_FORMATS.join(', ')}`);
  if (!v.out) throw new UsageError('--out PATH is required (the folder the export is written to)');
  const offsets = v.offsets ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw new UsageError(`--offsets must be codepoint or utf16, not "${offsets}"`);
  const labels = v.labels ? v.labels.split(',').map((l) => l.trim()).filter(Boolean) : undefined;
  // A custom label name (EVENT) is accepted: sidecars may hold spans of one.
  for (const l of labels ?? []) if (!exportLabelOf(l)) throw new UsageError(`unknown label "${l}" in --labels`);
  // ... but a typo of an entity type (LOCATON) would then select nothing without a word.
  for (const l of labels ?? []) {
    if (!labelForTag(l)) console.error(`zh-article: "${l}" in --labels is no entity type (${EXPORT_TAGS.join(", ")}); it selects only spans of a custom label of that name`);
  }
  const jobs = v.jobs === undefined ? undefined : Number(v.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a positive integer, not "${v.jobs}"`);
  if (parsed.positionals.length === 0) throw new UsageError('no files or folders given');
  const encoding = parseEncoding(v.encoding);
  const files = collectArticleFiles(parsed.positionals);
  if (files.length === 0) throw new UsageError('no .txt or .article files found in the given folders');

  const summary = await exportFiles(files, {
    format: v.format,
    outDir: v.out,
    offsets,
    labels,
    manualOnly: v['manual-only'],
    repaired: v.repaired,
    jobs,
    force: v.force,
    encoding,
    progress: (done, total, file) => process.stderr.write(`[${done}/${total}] ${file}\n`),
  });
  for (const f of summary.failed) console.error(`zh-article: ${f.file}: ${f.error}`);
  if (summary.conflicts.length) {
    for (const c of summary.conflicts) console.error(`zh-article: ${c.file} ${c.reason}`);
    console.error(`zh-article: nothing written: ${summary.conflicts.length} file(s) in ${path.resolve(v.out)} would be overwritten. Export to another folder, move them away, or pass --force.`);
    return 1;
  }
  console.error(`exported ${summary.documents} article(s), ${summary.spans} span(s) as ${v.format}: ${summary.written.join(', ')}`);
  if (summary.documents === 0) return 1;
  return summary.failed.length ? 1 : 0;
}

export interface ExportFilesOptions {
  format: (typeof EXPORT_FORMATS)[number];
  outDir: string;
  offsets: 'codepoint' | 'utf16';
  labels?: string[];
  manualOnly?: boolean;
  repaired?: boolean;
  jobs?: number;
  /** Overwrite files the export did not write (atomically, never through a symlink). */
  force?: boolean;
  /** How to decode articles that are not UTF-8 (refused when absent). */
  encoding?: TextEncoding | 'auto';
  progress?: (done: number, total: number, file: string) => void;
}

export async function exportFiles(files: string[], opts: ExportFilesOptions): Promise<ExportSummary> {
  const jobs: ExportJob[] = files.map((file, id) => ({ id, file, manualOnly: opts.manualOnly, repaired: opts.repaired, encoding: opts.encoding }));
  const failed: ExportSummary['failed'] = [];
  // Standard input is read here: worker processes do not share it.
  for (const job of jobs.filter((j) => j.file === STDIN)) {
    try {
      job.text = readArticle(STDIN, opts.encoding).text;
    } catch (err) {
      job.error = readErrorMessage(err);
    }
  }
  const results = await runExportJobs(jobs, opts.jobs, opts.progress);
  const exportOpts = { offsets: opts.offsets, labels: opts.labels };
  const docs: ExportDocument[] = [];
  for (const r of results) {
    if ('error' in r) {
      failed.push({ file: r.file, error: r.error });
      continue;
    }
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    try {
      // Alone first, so one bad article is named and the rest still export.
      exportDocuments(opts.format, [r.doc], exportOpts);
      docs.push(r.doc);
    } catch (err) {
      failed.push({ file: r.file, error: (err as Error).message });
    }
  }
  let written: string[] = [];
  let conflicts: OutputConflict[] = [];
  if (docs.length) {
    const plan = planOutput(opts.outDir, exportDocuments(opts.format, docs, exportOpts), { force: opts.force });
    conflicts = plan.conflicts;
    if (!conflicts.length) written = writeOutput(plan);
  }
  const wanted = opts.labels ? new Set(opts.labels.map((l) => exportLabelOf(l))) : undefined;
  const spans = docs.reduce((n, d) => n + d.spans.filter((s) => !wanted || wanted.has(s.label)).length, 0);
  return { written, documents: conflicts.length ? 0 : docs.length, spans: conflicts.length ? 0 : spans, failed, conflicts };
}
