// Helpers every exporter and importer shares: span selection and validation, offset-unit
// conversion (through CodePointIndex only), and file naming.
import { CodePointIndex, splitsPair } from '../offsets';
import type { Entity, EntitySource, Label } from '../types';
import { NUMERIC_LABELS, exportLabelOf, isWellFormedLabel, tagForLabel } from './labels';
import { ExportError, type ExportDocument, type ExportOptions, type OffsetUnit } from './types';

/** Converts UTF-16 offsets of one text to the requested unit and back. */
export class OffsetConverter {
  private readonly index: CodePointIndex;
  constructor(readonly text: string, readonly unit: OffsetUnit) {
    this.index = new CodePointIndex(text);
  }
  /** UTF-16 → unit. */
  out(u16: number): number {
    return this.unit === 'utf16' ? u16 : this.index.toCodePoint(u16);
  }
  /** unit → UTF-16. */
  in(x: number): number {
    return this.unit === 'utf16' ? x : this.index.toUtf16(x);
  }
  /** Length of the text in the unit. */
  get length(): number {
    return this.unit === 'utf16' ? this.text.length : this.index.codePointLength;
  }
}

function labelFilter(opts: ExportOptions): ((l: Label) => boolean) | undefined {
  if (!opts.labels) return undefined;
  const wanted = new Set<Label>();
  for (const l of opts.labels as string[]) {
    const label = exportLabelOf(l);
    if (!label) throw new ExportError(`unknown label in export options: ${JSON.stringify(l)}`);
    wanted.add(label);
  }
  return (l) => wanted.has(l);
}

/**
 * The spans of a document that an export writes: filtered by label, sorted by position, and
 * checked. A span whose offsets leave the text, split a surrogate pair, or whose text differs from
 * the document slice means offsets went wrong upstream; writing it would corrupt training data,
 * so it is an ExportError rather than a silent fix.
 */
export function selectSpans(doc: ExportDocument, opts: ExportOptions): Entity[] {
  const keep = labelFilter(opts);
  const out: Entity[] = [];
  for (const s of doc.spans) {
    if (keep && !keep(s.label)) continue;
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > doc.text.length || s.start >= s.end) {
      throw new ExportError(`${doc.path}: span [${s.start}, ${s.end}) ${s.label} is outside the text (length ${doc.text.length}) or empty`);
    }
    if (splitsPair(doc.text, s.start) || splitsPair(doc.text, s.end)) {
      throw new ExportError(`${doc.path}: span [${s.start}, ${s.end}) ${s.label} splits a surrogate pair`);
    }
    const slice = doc.text.slice(s.start, s.end);
    if (s.text !== slice) {
      throw new ExportError(`${doc.path}: span [${s.start}, ${s.end}) says ${JSON.stringify(s.text)} but the text there is ${JSON.stringify(slice)}`);
    }
    if (!isWellFormedLabel(s.label)) {
      throw new ExportError(`${doc.path}: span [${s.start}, ${s.end}) has unknown label ${JSON.stringify(s.label)}`);
    }
    out.push(s);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));
}

export function tagOf(s: Entity): string {
  return tagForLabel(s.label);
}

/** Final path segment without its last extension ('a/b/000_x.txt' → '000_x'); both separators. */
export function baseName(path: string): string {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  return stem || 'document';
}

/** Distinct stems for a list of paths: the second '000_x' becomes '000_x_2', and so on. */
export function uniqueStems(paths: readonly string[]): string[] {
  const used = new Set<string>();
  return paths.map((p) => {
    const stem = baseName(p);
    let name = stem;
    for (let k = 2; used.has(name); k++) name = `${stem}_${k}`;
    used.add(name);
    return name;
  });
}

const SOURCES: readonly EntitySource[] = ['dictionary', 'rule', 'tagger', 'model', 'manual'];

export function isEntitySource(x: unknown): x is EntitySource {
  return typeof x === 'string' && (SOURCES as readonly string[]).includes(x);
}

/** A normalized value read back from text: numbers for numeric labels ('3/5' a range), strings otherwise. */
export function parseValue(label: Label, raw: string): number | string | [number, number] {
  if (NUMERIC_LABELS.has(label) && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  const range = /^(-?[\d.]+)\/(-?[\d.]+)$/.exec(raw.trim());
  if (NUMERIC_LABELS.has(label) && range && Number.isFinite(Number(range[1])) && Number.isFinite(Number(range[2]))) {
    return [Number(range[1]), Number(range[2])];
  }
  return raw;
}

/** A value as one text field (CSV cell, brat note): a range as 'low/high', as ISO 8601 writes intervals. */
export function valueText(value: Entity['value']): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? `${value[0]}/${value[1]}` : String(value);
}
