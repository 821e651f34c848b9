// What `annotate --jsonl` and `fix --jsonl` do to one batch of input lines: decode, parse, check,
// analyse, and write one output line per record (or an error line in its place). Runs in a worker
// process (batchWorker.ts) or on the main thread; the output depends only on the input line.
import type { ArticleAnalyzer, ReferenceDate } from '../core/analyzer';
import { applyArtifacts, detectArtifacts, type Artifact } from '../core/artifacts';
import { checkFixAll } from '../core/artifacts/fixAllLimit';
import { CodePointIndex } from '../core/offsets';
import type { Entity } from '../core/types';
import type { LineBatch } from './lineBatches';

export type BatchMode = 'annotate' | 'fix';

export interface BatchOutput {
  /** One JSON line (without its newline) per input record, blank lines left out. */
  lines: string[];
  /** Indexes into `lines` of the error lines. */
  errors: number[];
  /** Records analysed, and their characters (UTF-16 units of `text`), for throughput. */
  records: number;
  chars: number;
}

/**
 * A batch's output as the bytes written to stdout (each line ends with \n) and where each line
 * ends: worker processes hand these over as one byte block each, so the main thread neither
 * rebuilds nor re-encodes the strings of every result line (its heap grew with them over a long run).
 */
export interface EncodedOutput {
  bytes: Uint8Array;
  /** Byte offset just past line k's \n. */
  ends: number[];
  errors: number[];
  records: number;
  chars: number;
}

const encoder = new TextEncoder();

export function encodeOutput(o: BatchOutput): EncodedOutput {
  const bytes = encoder.encode(o.lines.length ? `${o.lines.join('\n')}\n` : '');
  const ends: number[] = [];
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) ends.push(i + 1);
  return { bytes, ends, errors: o.errors, records: o.records, chars: o.chars };
}

/** Entity as a result line carries it: offsets in code points; value, unit, currency and qualifier when the core has them. */
export function entityJson(e: Entity, index: CodePointIndex): Record<string, unknown> {
  const o: Record<string, unknown> = { start: index.toCodePoint(e.start), end: index.toCodePoint(e.end), label: e.label, text: e.text };
  if (e.value !== undefined) o.value = e.value;
  if (e.unit !== undefined) o.unit = e.unit;
  if (e.currency !== undefined) o.currency = e.currency;
  if (e.qualifier !== undefined) o.qualifier = e.qualifier;
  o.source = e.source;
  if (e.confidence !== undefined) o.confidence = e.confidence;
  return o;
}

function entitiesOf(analyzer: ArticleAnalyzer, text: string, reference?: ReferenceDate): Record<string, unknown>[] {
  const index = new CodePointIndex(text);
  return analyzer.analyzeDocument(text, reference).entities.map((e) => entityJson(e, index));
}

function artifactJson(a: Artifact, text: string, index: CodePointIndex, repaired: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { start: index.toCodePoint(a.start), end: index.toCodePoint(a.end), kind: a.kind, text: text.slice(a.start, a.end) };
  if (repaired) o.replacement = a.candidates[0] ?? '';
  return o;
}

/**
 * The fields a record gains (or, for `text` in fix mode, has replaced); `reference` is the date of
 * articles without a dateline (--date).
 */
export function processText(mode: BatchMode, analyzer: ArticleAnalyzer, text: string, reference?: ReferenceDate): Record<string, unknown> {
  if (mode === 'annotate') return { entities: entitiesOf(analyzer, text, reference) };
  // The same choice of repairs as `zh-article fix` and the editor's fix-all; entities are those of
  // the repaired text, as `export --repaired` gives them.
  const artifacts = detectArtifacts(text);
  let fixable = artifacts.filter((a) => a.autoFix && a.candidates.length > 0);
  // As the editor's fix-all: a repair that would delete most of the article is not made.
  const limit = checkFixAll(text, fixable);
  if (!limit.allowed) fixable = [];
  const fixed = applyArtifacts(text, fixable);
  const index = new CodePointIndex(text);
  return {
    ...(limit.allowed ? {} : { refused: limit.reason }),
    text: fixed,
    repairs: fixable.map((a) => artifactJson(a, text, index, true)),
    review: artifacts.filter((a) => !fixable.includes(a)).map((a) => artifactJson(a, text, index, false)),
    entities: entitiesOf(analyzer, fixed, reference),
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

type Parsed = { record: Record<string, unknown>; text: string } | { error: string; id?: unknown };

export function parseRecord(bytes: Uint8Array): Parsed {
  let line: string;
  try {
    line = utf8.decode(bytes);
  } catch {
    return { error: 'not valid UTF-8' };
  }
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return { error: `expected a JSON object, got ${describe(rec)}` };
  const record = rec as Record<string, unknown>;
  if (!('text' in record)) return { error: 'missing "text"', id: record.id };
  if (typeof record.text !== 'string') return { error: `"text" is ${describe(record.text)}, not a string`, id: record.id };
  return { record, text: record.text };
}

function errorLine(line: number, source: string | undefined, error: string, id?: unknown): string {
  const o: Record<string, unknown> = { line };
  if (source !== undefined) o.file = source;
  if (id !== undefined) o.id = id;
  o.error = error;
  return JSON.stringify(o);
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

export function processBatch(mode: BatchMode, analyzer: ArticleAnalyzer, batch: LineBatch, maxLineBytes: number, reference?: ReferenceDate): BatchOutput {
  const out: BatchOutput = { lines: [], errors: [], records: 0, chars: 0 };
  const oversize = new Set(batch.oversize);
  const bytes = batch.bytes;
  const fail = (i: number, error: string, id?: unknown): void => {
    out.errors.push(out.lines.length);
    out.lines.push(errorLine(batch.firstLine + i, batch.source, error, id));
  };
  let from = 0;
  for (let i = 0; i < batch.lines; i++) {
    let end = bytes.indexOf(0x0a, from);
    if (end === -1) end = bytes.length;
    const raw = bytes.subarray(from, end);
    from = end + 1;
    if (oversize.has(i)) {
      fail(i, `line longer than ${maxLineBytes} bytes`);
      continue;
    }
    if (isBlank(raw)) continue;
    const parsed = parseRecord(raw);
    if ('error' in parsed) {
      fail(i, parsed.error, parsed.id);
      continue;
    }
    try {
      out.lines.push(JSON.stringify({ ...parsed.record, ...processText(mode, analyzer, parsed.text, reference) }));
      out.records++;
      out.chars += parsed.text.length;
    } catch (err) {
      fail(i, `analysis failed: ${(err as Error).message}`, parsed.record.id);
    }
  }
  return out;
}
