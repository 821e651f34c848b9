// One CSV row per entity, RFC 4180: CRLF line ends, fields holding a comma, quote or line break
// are quoted with inner quotes doubled. The header is fixed, so the offset unit is in the file
// name (entities.codepoint.csv / entities.utf16.csv). "normalized" is the bare value (unit not
// included); label is the export tag. No BOM: Excel users should import as UTF-8.
import { OffsetConverter, selectSpans, tagOf, valueText } from './common';
import type { ExportDocument, ExportFile, ExportOptions } from './types';

export const CSV_HEADER = ['file', 'start', 'end', 'label', 'text', 'normalized', 'source'] as const;

export function csvFileName(opts: ExportOptions): string {
  return `entities.${opts.offsets}.csv`;
}

export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportCsv(docs: ExportDocument[], opts: ExportOptions): ExportFile[] {
  const rows: string[] = [CSV_HEADER.join(',')];
  for (const doc of docs) {
    const conv = new OffsetConverter(doc.text, opts.offsets);
    for (const s of selectSpans(doc, opts)) {
      rows.push([doc.path, conv.out(s.start), conv.out(s.end), tagOf(s), s.text, valueText(s.value), s.source].map(csvField).join(','));
    }
  }
  return [{ name: csvFileName(opts), content: rows.join('\r\n') + '\r\n' }];
}

/** RFC 4180 parser (for tests and re-import of edited sheets): rows of raw field strings. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  while (i < content.length) {
    const c = content[i];
    if (quoted) {
      if (c === '"') {
        if (content[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && content[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += c;
    i++;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
