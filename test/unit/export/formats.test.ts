import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  CSV_HEADER,
  EXPORT_FORMATS,
  ExportError,
  ImportError,
  exportDocuments,
  importBrat,
  importJsonl,
  parseCsv,
  type ExportDocument,
} from '../../../server/src/core/export';
import { astralDoc, seedDocs } from './fakeSpans';

const astral = astralDoc();

test('CSV: header, RFC 4180 quoting of commas, quotes and line breaks, CRLF rows', () => {
  const [file] = exportDocuments('csv', [astral], { offsets: 'codepoint' });
  assert.equal(file.name, 'entities.codepoint.csv');
  const lines = file.content.split('\r\n');
  assert.equal(lines[0], 'file,start,end,label,text,normalized,source');
  assert.ok(file.content.includes(',WORK,"A,""B""",,rule\r\n'), 'comma and quotes');
  assert.ok(file.content.includes(',WORK,"跨行\n标题",,rule\r\n'), 'line break inside a quoted field');
  assert.ok(file.content.includes('fixtures/astral.txt,2,4,LOC,長沙,,dictionary\r\n'));
  assert.ok(file.content.includes(',DATE,2022-09-16,2022-09-16,rule\r\n'));
  const rows = parseCsv(file.content);
  assert.deepEqual(rows[0], [...CSV_HEADER]);
  assert.equal(rows.length, astral.spans.length + 1);
  assert.deepEqual(rows.slice(1).map((r) => r[4]), astral.spans.map((s) => s.text));
  assert.ok(rows.every((r) => r.length === 7));
});

test('CSV paths with commas are quoted too', () => {
  const [file] = exportDocuments('csv', [{ ...astral, path: 'a,b "c".txt' }], { offsets: 'utf16', labels: ['LOC'] });
  assert.equal(file.name, 'entities.utf16.csv');
  assert.equal(file.content.split('\r\n')[1], '"a,b ""c"".txt",4,6,LOC,長沙,,dictionary');
});

test('the offsets option shifts every offset by the surrogate pairs before it', () => {
  const cp = JSON.parse(exportDocuments('jsonl', [astral], { offsets: 'codepoint' })[0].content);
  const u16 = JSON.parse(exportDocuments('jsonl', [astral], { offsets: 'utf16' })[0].content);
  assert.equal(cp.offsets, 'codepoint');
  assert.equal(cp.meta.offsets, 'codepoint');
  assert.equal(u16.offsets, 'utf16');
  const cps = Array.from(astral.text);
  astral.spans.forEach((s, i) => {
    const pairsBefore = (n: number) => Array.from(astral.text.slice(0, n)).filter((c) => c.length === 2).length;
    assert.deepEqual(u16.label[i], [s.start, s.end, cp.label[i][2]]);
    assert.deepEqual(cp.label[i], [s.start - pairsBefore(s.start), s.end - pairsBefore(s.end), cp.label[i][2]]);
    // Python-style slicing by code points gives the entity text.
    assert.equal(cps.slice(cp.label[i][0], cp.label[i][1]).join(''), s.text);
  });
  // 𠮷野家👍指南 starts after 😀𠀀 (2 pairs) and contains 𠮷 and 👍 (2 more).
  assert.deepEqual(cp.spans[1], { start: 8, end: 14, label: 'WORK', text: '𠮷野家👍指南', source: 'rule' });
  assert.deepEqual(u16.spans[1], { start: 10, end: 18, label: 'WORK', text: '𠮷野家👍指南', source: 'rule' });
});

test('Label Studio: manual spans are an annotation, automatic ones a prediction, offsets in the chosen unit', () => {
  const doc: ExportDocument = {
    ...astral,
    spans: astral.spans.map((s) => (s.label === 'person' ? { ...s, source: 'manual' as const } : { ...s, confidence: s.label === 'work' ? 0.5 : undefined })),
  };
  for (const offsets of ['codepoint', 'utf16'] as const) {
    const [file] = exportDocuments('labelstudio', [doc], { offsets });
    const [task] = JSON.parse(file.content);
    assert.equal(task.data.text, astral.text);
    assert.equal(task.data.offsets, offsets);
    const ann = task.annotations[0].result;
    const pred = task.predictions[0].result;
    assert.equal(ann.length, 2);
    assert.equal(pred.length, astral.spans.length - 2);
    assert.deepEqual(ann[0], {
      id: 'm1',
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      // 𠮷田 at UTF-16 28 follows five surrogate pairs (😀𠀀, 𠮷👍 in the title, 😀): code point 23.
      value: { start: offsets === 'codepoint' ? 23 : 28, end: offsets === 'codepoint' ? 25 : 31, text: '𠮷田', labels: ['PER'] },
    });
    assert.equal(pred[1].score, 0.5);
    const slice = offsets === 'codepoint' ? (a: number, b: number) => Array.from(astral.text).slice(a, b).join('') : (a: number, b: number) => astral.text.slice(a, b);
    for (const r of [...ann, ...pred]) assert.equal(slice(r.value.start, r.value.end), r.value.text);
  }
});

test('Label Studio leaves out an empty annotation list', () => {
  const [file] = exportDocuments('labelstudio', [astral], { offsets: 'codepoint' });
  const [task] = JSON.parse(file.content);
  assert.equal(task.annotations, undefined);
  assert.equal(task.predictions[0].model_version, 'zh-article-annotator');
});

test('the labels option filters spans, accepting core labels, tags or custom label names', () => {
  const seeds = seedDocs();
  const a = exportDocuments('jsonl', seeds, { offsets: 'codepoint', labels: ['work'] });
  const b = exportDocuments('jsonl', seeds, { offsets: 'codepoint', labels: ['WORK'] });
  assert.equal(a[0].content, b[0].content);
  const back = importJsonl(a[0].content);
  assert.ok(back.every((d) => d.spans.every((s) => s.label === 'work')));
  assert.equal(back.reduce((n, d) => n + d.spans.length, 0), seeds.reduce((n, d) => n + d.spans.filter((s) => s.label === 'work').length, 0));
  // A well-formed name is a custom label (articleAnnotator.labels) that these spans do not carry; anything else is refused.
  assert.equal(exportDocuments('csv', seeds, { offsets: 'codepoint', labels: ['GIZMO'] })[0].content.trim().split('\n').length, 1);
  assert.throws(() => exportDocuments('csv', seeds, { offsets: 'codepoint', labels: ['no such label'] }), ExportError);
});

test('every format refuses a span whose text does not match the document', () => {
  const bad: ExportDocument = { path: 'bad.txt', text: '😀長沙', spans: [{ start: 1, end: 3, label: 'location', text: '長沙', source: 'manual' }] };
  for (const f of EXPORT_FORMATS) assert.throws(() => exportDocuments(f, [bad], { offsets: 'codepoint' }), ExportError, f);
});

test('importJsonl reads doccano triples and entities, and rejects offsets in the wrong unit', () => {
  const text = '😀長沙市';
  const [d1] = importJsonl(JSON.stringify({ text, label: [[1, 3, 'LOC']] }));
  assert.deepEqual(d1.spans, [{ start: 2, end: 4, label: 'location', text: '長沙', source: 'manual' }]);
  const [d2] = importJsonl(JSON.stringify({ text, entities: [{ id: 1, label: 'GPE', start_offset: 1, end_offset: 4 }] }));
  assert.equal(d2.spans[0].text, '長沙市');
  const [d3] = importJsonl(JSON.stringify({ text, offsets: 'utf16', label: [[2, 4, 'LOC'], [4, 5, 'GIZMO']] }));
  assert.equal(d3.spans[0].text, '長沙');
  assert.match(d3.warnings[0], /unknown label "GIZMO"/);
  // Offsets written in UTF-16 but declared as code points: the text check catches it.
  assert.throws(() => importJsonl(JSON.stringify({ text, spans: [{ start: 2, end: 4, label: 'LOC', text: '長沙' }] })), /line 1: spans\[0\] says "長沙"/);
  assert.throws(() => importJsonl('{"text": "a"}\n{oops'), /line 2: not valid JSON/);
  assert.throws(() => importJsonl(JSON.stringify({ text, label: [[0, 9, 'LOC']] })), ImportError);
});

test('importBrat checks text, rejoins line fragments and skips what it cannot represent', () => {
  const txt = '長\n沙 和 成都';
  const ann = 'T1\tLOC 0 1;2 3\t長 沙\nT2\tLOC 6 8\t成都\nT3\tLOC 0 1;6 8\t長 成都\nR1\tNear Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T2\tChengdu\n';
  const d = importBrat(txt, ann);
  assert.deepEqual(d.spans.map((s) => [s.start, s.end, s.text, s.value]), [
    [0, 3, '長\n沙', undefined],
    [6, 8, '成都', 'Chengdu'],
  ]);
  assert.equal(d.warnings.length, 2);
  assert.throws(() => importBrat(txt, 'T1\tLOC 0 2\t長沙\n'), /\.ann line 1: T1 says "長沙"/);
  assert.throws(() => importBrat(txt, 'T1\tLOC 0\t長\n'), /malformed offsets/);
});
