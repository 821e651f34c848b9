// Import of annotations made elsewhere (doccano / Prodigy JSONL, brat, this extension's export):
// which article each imported document belongs to (same text first, then the same file name) and
// where its spans land in that article's text.
import * as fs from 'fs';
import * as path from 'path';
import { baseName } from '../export/common';
import { importBrat, importJsonl, type ImportedDocument } from '../export';
import { readTextFile } from '../io/safeFiles';
import type { Entity } from '../types';
import { anchorByText } from './anchor';

export type MatchedBy = 'hash' | 'name';

/** An article an imported document may belong to; `file` is its path when it has one. */
export interface ImportCandidate {
  uri: string;
  file?: string;
}

/** Reads a .jsonl file or a brat .ann file (with its .txt next to it) into documents; `customLabels` are imported as themselves. */
export function readImportFile(file: string, offsets: 'codepoint' | 'utf16', customLabels: readonly string[] = []): ImportedDocument[] {
  if (file.endsWith('.ann')) {
    const txt = file.slice(0, -4) + '.txt';
    if (!fs.existsSync(txt)) throw new Error(`a brat .ann file needs its .txt next to it (${path.basename(txt)} is missing)`);
    return [{ ...importBrat(readTextFile(txt).text, readTextFile(file).text, offsets, customLabels), path: txt }];
  }
  if (/\.jsonl?$/.test(file)) return importJsonl(readTextFile(file).text, customLabels);
  throw new Error('expected a .jsonl file or a brat .ann file');
}

/**
 * The candidate holding the imported document: one with the same text (what equal text hashes
 * mean) first; then the first with the same file name, whose text the spans are re-anchored in.
 * `textOf` gives a candidate's current text, undefined when it cannot be read.
 */
export function matchImported<C extends ImportCandidate>(
  doc: ImportedDocument,
  candidates: readonly C[],
  textOf: (c: C) => string | undefined,
): (C & { text: string; by: MatchedBy }) | undefined {
  for (const c of candidates) {
    const t = textOf(c);
    if (t === doc.text) return { ...c, text: t, by: 'hash' };
  }
  if (!doc.path) return undefined;
  const stem = baseName(doc.path);
  for (const c of candidates) {
    if (!c.file || baseName(c.file) !== stem) continue;
    const t = textOf(c);
    return t !== undefined ? { ...c, text: t, by: 'name' } : undefined;
  }
  return undefined;
}

/**
 * Spans of an imported document placed in the article text: as they are, or found by their text.
 * Repeated spans are placed once and all come back (importSpans then counts them as merged);
 * different spans do not block each other here, overlaps are importSpans' business.
 */
export function placeSpans(doc: ImportedDocument, text: string, by: MatchedBy, warnings: string[]): Entity[] {
  if (by === 'hash') return doc.spans;
  const unique = new Map<string, number>();
  const first: Entity[] = [];
  const slot = doc.spans.map((s) => {
    const k = `${s.start}:${s.end}:${s.text}`;
    let i = unique.get(k);
    if (i === undefined) {
      unique.set(k, (i = first.length));
      first.push(s);
    }
    return i;
  });
  const placed = anchorByText(first.map((s) => ({ text: s.text, hint: s.start })), text, [], false);
  const out: Entity[] = [];
  doc.spans.forEach((s, n) => {
    const r = placed[slot[n]];
    if ('reason' in r) warnings.push(`${doc.path}: ${s.label} "${s.text}" not imported: ${r.reason}`);
    else out.push({ ...s, start: r.start, end: r.end });
  });
  return out;
}
