// JSONL for doccano and Prodigy: one document per line. "label" holds doccano's
// [start, end, TAG] triples, "spans" Prodigy-style objects with the richer fields (source,
// normalized value), and "offsets" (top level and in meta) names the unit so a reader never guesses.
import type { Entity } from '../types';
import { OffsetConverter, isEntitySource, selectSpans, tagOf } from './common';
import { importLabelOf, unknownImportLabel } from './labels';
import { ImportError, type ExportDocument, type ExportFile, type ExportOptions, type ImportedDocument, type OffsetUnit } from './types';

export const JSONL_FILE_NAME = 'annotations.jsonl';

export function exportJsonl(docs: ExportDocument[], opts: ExportOptions): ExportFile[] {
  const lines = docs.map((doc) => {
    const conv = new OffsetConverter(doc.text, opts.offsets);
    const spans = selectSpans(doc, opts);
    const record = {
      text: doc.text,
      label: spans.map((s) => [conv.out(s.start), conv.out(s.end), tagOf(s)]),
      meta: { file: doc.path, offsets: opts.offsets },
      offsets: opts.offsets,
      spans: spans.map((s) => {
        const o: Record<string, unknown> = { start: conv.out(s.start), end: conv.out(s.end), label: tagOf(s), text: s.text, source: s.source };
        if (s.value !== undefined) o.value = s.value;
        if (s.unit !== undefined) o.unit = s.unit;
        if (s.currency !== undefined) o.currency = s.currency;
        if (s.qualifier !== undefined) o.qualifier = s.qualifier;
        if (s.confidence !== undefined) o.confidence = s.confidence;
        return o;
      }),
    };
    return JSON.stringify(record);
  });
  return [{ name: JSONL_FILE_NAME, content: lines.length ? lines.join('\n') + '\n' : '' }];
}

type Raw = Record<string, unknown>;

function isObject(x: unknown): x is Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads JSONL written by exportJsonl, doccano ("label" triples or "entities" with
 * start_offset/end_offset) or Prodigy ("spans"). The unit comes from "offsets" or meta.offsets and
 * defaults to code points, which is what doccano and Prodigy (Python) write. Spans with unknown
 * labels are skipped with a warning; anything malformed throws ImportError naming the line.
 */
/** `customLabels`: the labels declared in articleAnnotator.labels, imported as themselves. */
export function importJsonl(content: string, customLabels: readonly string[] = []): ImportedDocument[] {
  const docs: ImportedDocument[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      throw new ImportError(`${where}: not valid JSON (${(e as Error).message})`);
    }
    if (!isObject(rec) || typeof rec.text !== 'string') throw new ImportError(`${where}: expected an object with a "text" string`);
    docs.push(importRecord(rec, rec.text, where, customLabels));
  });
  return docs;
}

function importRecord(rec: Raw, text: string, where: string, customLabels: readonly string[]): ImportedDocument {
  const meta = isObject(rec.meta) ? rec.meta : {};
  const declared = rec.offsets ?? meta.offsets ?? 'codepoint';
  if (declared !== 'codepoint' && declared !== 'utf16') throw new ImportError(`${where}: unknown offsets unit ${JSON.stringify(declared)}`);
  const unit: OffsetUnit = declared;
  const conv = new OffsetConverter(text, unit);
  const warnings: string[] = [];
  const spans: Entity[] = [];

  const add = (raw: Raw, start: unknown, end: unknown, tag: unknown, what: string): void => {
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new ImportError(`${where}: ${what} has non-integer offsets`);
    const s = start as number;
    const e = end as number;
    if (s < 0 || e <= s || e > conv.length) throw new ImportError(`${where}: ${what} [${s}, ${e}) is outside the text (${conv.length} ${unit})`);
    if (typeof tag !== 'string') throw new ImportError(`${where}: ${what} has no label`);
    const label = importLabelOf(tag, customLabels);
    if (!label) {
      warnings.push(`${where}: ${what} skipped, ${unknownImportLabel(tag)}`);
      return;
    }
    const u16s = conv.in(s);
    const u16e = conv.in(e);
    const slice = text.slice(u16s, u16e);
    // A text field that disagrees with the slice means the offsets are in another unit than declared.
    if (typeof raw.text === 'string' && raw.text !== slice) {
      throw new ImportError(`${where}: ${what} says ${JSON.stringify(raw.text)} but [${s}, ${e}) in ${unit} is ${JSON.stringify(slice)}`);
    }
    const ent: Entity = { start: u16s, end: u16e, label, text: slice, source: isEntitySource(raw.source) ? raw.source : 'manual' };
    if (typeof raw.value === 'number' || typeof raw.value === 'string') ent.value = raw.value;
    else if (Array.isArray(raw.value) && raw.value.length === 2 && raw.value.every((x: unknown) => typeof x === 'number')) ent.value = [raw.value[0], raw.value[1]];
    if (typeof raw.unit === 'string') ent.unit = raw.unit;
    if (typeof raw.currency === 'string') ent.currency = raw.currency;
    if (typeof raw.qualifier === 'string') ent.qualifier = raw.qualifier;
    if (typeof raw.confidence === 'number') ent.confidence = raw.confidence;
    spans.push(ent);
  };

  if (Array.isArray(rec.spans)) {
    rec.spans.forEach((sp, k) => {
      if (!isObject(sp)) throw new ImportError(`${where}: spans[${k}] is not an object`);
      add(sp, sp.start, sp.end, sp.label, `spans[${k}]`);
    });
  } else if (Array.isArray(rec.label)) {
    rec.label.forEach((t, k) => {
      if (!Array.isArray(t) || t.length < 3) throw new ImportError(`${where}: label[${k}] is not [start, end, label]`);
      add({}, t[0], t[1], t[2], `label[${k}]`);
    });
  } else if (Array.isArray(rec.entities)) {
    rec.entities.forEach((en, k) => {
      if (!isObject(en)) throw new ImportError(`${where}: entities[${k}] is not an object`);
      add({}, en.start_offset, en.end_offset, en.label, `entities[${k}]`);
    });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const path = typeof meta.file === 'string' ? meta.file : typeof meta.path === 'string' ? meta.path : undefined;
  return { path, text, offsets: unit, spans, warnings };
}
