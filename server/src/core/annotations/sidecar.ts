// The sidecar file (ARTICLE.annotations.json next to ARTICLE.txt) that persists annotator
// decisions. Offsets are code points, so the file stays correct for Python tools and survives
// being read by anything that is not JavaScript. Parsing is all-or-nothing: a sidecar that fails
// any check throws SidecarError and nothing of it is used.
import { createHash } from 'crypto';
import { isWellFormedLabel } from '../export/labels';
import { CUSTOM_LABEL_PATTERN, ENTITY_LABELS, type Label } from '../types';

export const SIDECAR_FORMAT = 'zh-article-annotations';
export const SIDECAR_VERSION = 1;
export const SIDECAR_SUFFIX = '.annotations.json';

export interface SidecarSpan {
  start: number;
  end: number;
  label: Label;
  text: string;
  source: 'manual';
  note?: string;
}

/** An automatic span the annotator rejected; matched again by label + text + position. */
export interface SidecarRejected {
  start: number;
  end: number;
  label: Label;
  text: string;
}

/**
 * A decision whose text disappeared (deleted in the editor or not found after an outside change).
 * Kept so it is never silently lost; start/end are its last known position. An extension of the
 * format beyond spans/rejected: optional, and absent when empty.
 */
export interface SidecarOrphan {
  kind: 'manual' | 'rejected';
  start: number;
  end: number;
  label: Label;
  text: string;
  reason: string;
  note?: string;
  /** The characters around it when it was lost (it is re-attached only where they match again). */
  before?: string;
  after?: string;
}

export interface Sidecar {
  format: typeof SIDECAR_FORMAT;
  version: typeof SIDECAR_VERSION;
  /** hashText of the article text the offsets refer to. */
  textHash: string;
  offsets: 'codepoint' | 'utf16';
  spans: SidecarSpan[];
  rejected: SidecarRejected[];
  orphaned?: SidecarOrphan[];
}

export type SidecarErrorKind = 'corrupt' | 'wrong-format' | 'newer-version';

export class SidecarError extends Error {
  constructor(readonly kind: SidecarErrorKind, message: string) {
    super(message);
    this.name = 'SidecarError';
  }
}

/** "sha256:<hex>" of the UTF-8 bytes of the text. */
export function hashText(text: string): string {
  return 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 'dir/000_x.txt' → 'dir/000_x.annotations.json' (last extension replaced; either separator). */
export function sidecarPathFor(articlePath: string): string {
  const slash = Math.max(articlePath.lastIndexOf('/'), articlePath.lastIndexOf('\\'));
  const dot = articlePath.lastIndexOf('.');
  const stem = dot > slash + 1 ? articlePath.slice(0, dot) : articlePath;
  return stem + SIDECAR_SUFFIX;
}

export function isSidecarPath(path: string): boolean {
  return path.endsWith(SIDECAR_SUFFIX);
}

type Raw = Record<string, unknown>;

function isObject(x: unknown): x is Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function corrupt(message: string): never {
  throw new SidecarError('corrupt', `annotation file is corrupt: ${message}`);
}

function offsetsOf(o: Raw, where: string): { start: number; end: number } {
  const { start, end } = o;
  if (!Number.isInteger(start) || (start as number) < 0) corrupt(`${where}.start must be a non-negative integer`);
  if (!Number.isInteger(end) || (end as number) <= (start as number)) corrupt(`${where}.end must be an integer greater than start`);
  return { start: start as number, end: end as number };
}

function labelOf(o: Raw, where: string): Label {
  // Custom labels are stored by name; one no longer declared in the settings is still read (and
  // kept), so taking a label out of articleAnnotator.labels never makes a sidecar unusable.
  if (typeof o.label !== 'string' || !isWellFormedLabel(o.label)) {
    corrupt(`${where}.label must be one of ${ENTITY_LABELS.join(', ')} or a custom label name matching ${CUSTOM_LABEL_PATTERN} that is no entity tag`);
  }
  return o.label as Label;
}

function textOf(o: Raw, where: string): string {
  if (typeof o.text !== 'string' || o.text === '') corrupt(`${where}.text must be a non-empty string`);
  return o.text as string;
}

function arrayOf(root: Raw, key: string, required: boolean): unknown[] {
  const v = root[key];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) corrupt(`"${key}" must be an array`);
  return v as unknown[];
}

export function parseSidecar(json: string): Sidecar {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (e) {
    throw new SidecarError('corrupt', `annotation file is corrupt: not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(root)) throw new SidecarError('wrong-format', 'not an annotation file: expected a JSON object');
  if (root.format !== SIDECAR_FORMAT) {
    throw new SidecarError('wrong-format', `not an annotation file: "format" is ${JSON.stringify(root.format)}, expected "${SIDECAR_FORMAT}"`);
  }
  if (!Number.isInteger(root.version) || (root.version as number) < 1) corrupt(`"version" must be a positive integer`);
  if ((root.version as number) > SIDECAR_VERSION) {
    throw new SidecarError(
      'newer-version',
      `annotation file has version ${root.version}, written by a newer version of the extension; this one reads version ${SIDECAR_VERSION}. Update the extension; the file was left untouched.`,
    );
  }
  if (typeof root.textHash !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(root.textHash)) corrupt(`"textHash" must be "sha256:" and 64 hex digits`);
  if (root.offsets !== 'codepoint' && root.offsets !== 'utf16') corrupt(`"offsets" must be "codepoint" or "utf16"`);

  const spans = arrayOf(root, 'spans', true).map((x, i): SidecarSpan => {
    const where = `spans[${i}]`;
    if (!isObject(x)) corrupt(`${where} must be an object`);
    if (x.source !== 'manual') corrupt(`${where}.source must be "manual"`);
    if (x.note !== undefined && typeof x.note !== 'string') corrupt(`${where}.note must be a string`);
    const s: SidecarSpan = { ...offsetsOf(x, where), label: labelOf(x, where), text: textOf(x, where), source: 'manual' };
    if (typeof x.note === 'string') s.note = x.note;
    return s;
  });
  const rejected = arrayOf(root, 'rejected', true).map((x, i): SidecarRejected => {
    const where = `rejected[${i}]`;
    if (!isObject(x)) corrupt(`${where} must be an object`);
    return { ...offsetsOf(x, where), label: labelOf(x, where), text: textOf(x, where) };
  });
  const orphaned = arrayOf(root, 'orphaned', false).map((x, i): SidecarOrphan => {
    const where = `orphaned[${i}]`;
    if (!isObject(x)) corrupt(`${where} must be an object`);
    if (x.kind !== 'manual' && x.kind !== 'rejected') corrupt(`${where}.kind must be "manual" or "rejected"`);
    if (typeof x.reason !== 'string') corrupt(`${where}.reason must be a string`);
    const { start, end } = x;
    // An orphan may have collapsed to an empty range where its text was deleted.
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number)) {
      corrupt(`${where} has invalid start/end`);
    }
    const o: SidecarOrphan = { kind: x.kind as 'manual' | 'rejected', start: start as number, end: end as number, label: labelOf(x, where), text: textOf(x, where), reason: x.reason as string };
    if (typeof x.note === 'string') o.note = x.note;
    if (typeof x.before === 'string' && typeof x.after === 'string') Object.assign(o, { before: x.before, after: x.after });
    return o;
  });
  const out: Sidecar = { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, textHash: root.textHash, offsets: root.offsets, spans, rejected };
  if (orphaned.length) out.orphaned = orphaned;
  return out;
}

function byPosition<T extends { start: number; end: number; label: string; text: string }>(a: T, b: T): number {
  return a.start - b.start || a.end - b.end || a.label.localeCompare(b.label) || a.text.localeCompare(b.text);
}

/** One item per line, keys in a fixed order, items sorted by position: diffs stay small. */
export function serializeSidecar(s: Sidecar): string {
  const spans = [...s.spans].sort(byPosition).map((x) => {
    const o: Record<string, unknown> = { start: x.start, end: x.end, label: x.label, text: x.text, source: 'manual' };
    if (x.note !== undefined) o.note = x.note;
    return o;
  });
  const rejected = [...s.rejected].sort(byPosition).map((x) => ({ start: x.start, end: x.end, label: x.label, text: x.text }));
  const orphaned = [...(s.orphaned ?? [])].sort(byPosition).map((x) => {
    const o: Record<string, unknown> = { kind: x.kind, start: x.start, end: x.end, label: x.label, text: x.text, reason: x.reason };
    if (x.note !== undefined) o.note = x.note;
    if (x.before !== undefined && x.after !== undefined) Object.assign(o, { before: x.before, after: x.after });
    return o;
  });
  const list = (items: object[]): string => (items.length ? `[\n${items.map((i) => '    ' + JSON.stringify(i)).join(',\n')}\n  ]` : '[]');
  const parts = [
    `  "format": ${JSON.stringify(SIDECAR_FORMAT)}`,
    `  "version": ${SIDECAR_VERSION}`,
    `  "textHash": ${JSON.stringify(s.textHash)}`,
    `  "offsets": ${JSON.stringify(s.offsets)}`,
    `  "spans": ${list(spans)}`,
    `  "rejected": ${list(rejected)}`,
  ];
  if (orphaned.length) parts.push(`  "orphaned": ${list(orphaned)}`);
  return `{\n${parts.join(',\n')}\n}\n`;
}
