// brat standoff: NAME.txt (the text, byte for byte) and NAME.ann per document.
//
// Offsets: brat's server is Python and counts str indices, i.e. code points, so write with
// offsets 'codepoint' for brat itself; 'utf16' is honoured for JS consumers of the format. The
// .ann file has no place to declare the unit, so importBrat is told it (default code points).
//
// Line breaks: an .ann line cannot hold one, so a span crossing a line break is written with
// brat's discontinuous syntax, one fragment per line piece ("T1\tLOC 0 3;4 6\t长沙 市"; brat joins
// fragment texts with a single space). The break characters themselves are not annotated.
// importBrat rejoins fragments whose gaps are only whitespace into one span.
//
// Normalized values go to "#N\tAnnotatorNotes TN\tVALUE" lines.
import type { Entity } from '../types';
import { OffsetConverter, parseValue, selectSpans, tagOf, uniqueStems, valueText } from './common';
import { importLabelOf, unknownImportLabel } from './labels';
import { ExportError, ImportError, type ExportDocument, type ExportFile, type ExportOptions, type ImportedDocument, type OffsetUnit } from './types';

/** brat joins the texts of discontinuous fragments with this. */
export const BRAT_FRAGMENT_SEPARATOR = ' ';

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** UTF-16 pieces of [start, end) that contain no line break. */
export function lineFragments(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = -1;
  for (let i = start; i <= end; i++) {
    const brk = i === end || isLineBreak(text.charCodeAt(i));
    if (brk) {
      if (from >= 0) out.push([from, i]);
      from = -1;
    } else if (from < 0) from = i;
  }
  return out;
}

function oneLine(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ');
}

export function exportBrat(docs: ExportDocument[], opts: ExportOptions): ExportFile[] {
  const stems = uniqueStems(docs.map((d) => d.path));
  const files: ExportFile[] = [];
  docs.forEach((doc, d) => {
    const conv = new OffsetConverter(doc.text, opts.offsets);
    const lines: string[] = [];
    let note = 0;
    selectSpans(doc, opts).forEach((s, k) => {
      const id = `T${k + 1}`;
      const frags = lineFragments(doc.text, s.start, s.end);
      if (frags.length === 0) throw new ExportError(`${doc.path}: span [${s.start}, ${s.end}) holds only line breaks`);
      const offsets = frags.map(([a, b]) => `${conv.out(a)} ${conv.out(b)}`).join(';');
      const surface = frags.map(([a, b]) => doc.text.slice(a, b)).join(BRAT_FRAGMENT_SEPARATOR);
      lines.push(`${id}\t${tagOf(s)} ${offsets}\t${surface}`);
      if (s.value !== undefined) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${oneLine(valueText(s.value)!)}`);
    });
    files.push({ name: `${stems[d]}.txt`, content: doc.text });
    files.push({ name: `${stems[d]}.ann`, content: lines.length ? lines.join('\n') + '\n' : '' });
  });
  return files;
}

/**
 * Reads one brat document. Text-bound annotations (T) with known types become spans in UTF-16;
 * AnnotatorNotes on them become values. Relations, events, attributes and unknown types are
 * skipped with a warning. A T line whose text does not match the .txt throws ImportError.
 */
export function importBrat(txt: string, ann: string, offsets: OffsetUnit = 'codepoint', customLabels: readonly string[] = []): ImportedDocument {
  const conv = new OffsetConverter(txt, offsets);
  const warnings: string[] = [];
  const byId = new Map<string, Entity>();
  const notes: Array<[string, string, number]> = [];
  const skippedKinds = new Set<string>();

  ann.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `.ann line ${i + 1}`;
    const cols = line.split('\t');
    const id = cols[0];
    if (id.startsWith('T')) {
      if (cols.length < 3) throw new ImportError(`${where}: text-bound annotation needs ID, TYPE START END and TEXT separated by tabs`);
      const [type, ...rest] = cols[1].split(' ');
      const frags = rest.join(' ').split(';').map((f) => {
        const m = /^(\d+) (\d+)$/.exec(f.trim());
        if (!m) throw new ImportError(`${where}: malformed offsets ${JSON.stringify(cols[1])}`);
        const a = Number(m[1]);
        const b = Number(m[2]);
        if (b <= a || b > conv.length) throw new ImportError(`${where}: fragment [${a}, ${b}) is outside the text (${conv.length} ${offsets})`);
        return [conv.in(a), conv.in(b)] as [number, number];
      });
      const surface = cols.slice(2).join('\t');
      const actual = frags.map(([a, b]) => txt.slice(a, b)).join(BRAT_FRAGMENT_SEPARATOR);
      if (surface !== actual) {
        throw new ImportError(`${where}: ${id} says ${JSON.stringify(surface)} but the .txt has ${JSON.stringify(actual)} at those ${offsets} offsets`);
      }
      const label = importLabelOf(type, customLabels);
      if (!label) {
        warnings.push(`${where}: ${id} skipped, ${unknownImportLabel(type)}`);
        return;
      }
      frags.sort((x, y) => x[0] - y[0]);
      for (let f = 1; f < frags.length; f++) {
        if (txt.slice(frags[f - 1][1], frags[f][0]).trim() !== '') {
          warnings.push(`${where}: ${id} skipped, its fragments are separated by text (a discontinuous entity)`);
          return;
        }
      }
      const start = frags[0][0];
      const end = frags[frags.length - 1][1];
      byId.set(id, { start, end, label, text: txt.slice(start, end), source: 'manual' });
    } else if (id.startsWith('#')) {
      const m = /^AnnotatorNotes (T\S+)$/.exec(cols[1] ?? '');
      if (m) notes.push([m[1], cols.slice(2).join('\t'), i + 1]);
      else skippedKinds.add('#');
    } else {
      skippedKinds.add(id.charAt(0));
    }
  });
  for (const [ref, value, lineNo] of notes) {
    const ent = byId.get(ref);
    if (ent) ent.value = parseValue(ent.label, value);
    else warnings.push(`.ann line ${lineNo}: note for unknown or skipped annotation ${ref}`);
  }
  for (const k of skippedKinds) warnings.push(`annotations of kind "${k}" are not imported`);
  const spans = [...byId.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  return { text: txt, offsets, spans, warnings };
}
