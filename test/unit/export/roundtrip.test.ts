import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { exportDocuments, importBrat, importJsonl, type ExportDocument } from '../../../server/src/core/export';
import type { Entity } from '../../../server/src/core/types';
import { astralDoc, seedDocs } from './fakeSpans';

// The comparable part of a span: what an importer must give back exactly.
const core = (s: Entity) => ({ start: s.start, end: s.end, label: s.label, text: s.text, value: s.value });

const docs: ExportDocument[] = [...seedDocs(), astralDoc()];

test('every test document has spans, and the fixture has astral characters in and around them', () => {
  assert.equal(docs.length, 6);
  for (const d of docs) assert.ok(d.spans.length > 0, d.path);
  const a = astralDoc();
  assert.ok(a.spans.some((s) => /[\u{10000}-\u{10FFFF}]/u.test(s.text)), 'astral inside an entity');
  const firstSpan = a.spans[0].start;
  assert.ok(/[\u{10000}-\u{10FFFF}]/u.test(a.text.slice(0, firstSpan)), 'astral before the first entity');
});

for (const offsets of ['codepoint', 'utf16'] as const) {
  test(`JSONL (${offsets}) export then import gives back the same spans, sources and paths`, () => {
    const [file] = exportDocuments('jsonl', docs, { offsets });
    const back = importJsonl(file.content);
    assert.equal(back.length, docs.length);
    back.forEach((b, i) => {
      assert.equal(b.text, docs[i].text);
      assert.equal(b.path, docs[i].path);
      assert.equal(b.offsets, offsets);
      assert.deepEqual(b.warnings, []);
      assert.deepEqual(b.spans.map(core), docs[i].spans.map(core));
      assert.deepEqual(b.spans.map((s) => s.source), docs[i].spans.map((s) => s.source));
    });
  });
}

test('brat export then import gives back the same spans and values (code points)', () => {
  const files = exportDocuments('brat', docs, { offsets: 'codepoint' });
  assert.equal(files.length, docs.length * 2);
  docs.forEach((d, i) => {
    const txt = files[2 * i];
    const ann = files[2 * i + 1];
    assert.equal(txt.name.replace(/\.txt$/, '.ann'), ann.name);
    assert.equal(txt.content, d.text);
    const back = importBrat(txt.content, ann.content);
    assert.deepEqual(back.warnings, []);
    assert.deepEqual(back.spans.map(core), d.spans.map(core), d.path);
  });
});

test('brat offsets are code points that slice the .txt to exactly the entity text', () => {
  const files = exportDocuments('brat', docs, { offsets: 'codepoint' });
  let checked = 0;
  for (let i = 0; i < files.length; i += 2) {
    const cps = Array.from(files[i].content);
    for (const line of files[i + 1].content.split('\n').filter((l) => l.startsWith('T'))) {
      const [, typeAndOffsets, surface] = line.split('\t');
      const frags = typeAndOffsets.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
      assert.equal(frags.map(([a, b]) => cps.slice(a, b).join('')).join(' '), surface, line);
      checked++;
    }
  }
  assert.equal(checked, docs.reduce((n, d) => n + d.spans.length, 0));
});

test('brat lines for the fixture: astral offsets, a line-crossing title as fragments, notes for values', () => {
  const a = astralDoc();
  const [, ann] = exportDocuments('brat', [a], { offsets: 'codepoint' });
  const lines = ann.content.trimEnd().split('\n');
  // 😀𠀀長沙: 長沙 is code points 2-4 although UTF-16 4-6.
  assert.equal(lines[0], 'T1\tLOC 2 4\t長沙');
  assert.equal(lines[1], 'T2\tWORK 8 14\t𠮷野家👍指南');
  const multi = lines.find((l) => l.includes('跨行'));
  // 《跨行\n标题》: two fragments on either side of the line break, texts joined by a space.
  assert.match(multi!, /^T\d+\tWORK (\d+) (\d+);(\d+) (\d+)\t跨行 标题$/);
  const [, s1, e1, s2, e2] = /WORK (\d+) (\d+);(\d+) (\d+)/.exec(multi!)!.map(Number);
  assert.equal(e1 - s1, 2);
  assert.equal(s2, e1 + 1);
  assert.equal(e2 - s2, 2);
  assert.ok(lines.includes('#1\tAnnotatorNotes T6\t3'), ann.content);
  assert.ok(lines.some((l) => /^#2\tAnnotatorNotes T8\t2022-09-16$/.test(l)), ann.content);
});

test('brat file names come from the article names and stay distinct', () => {
  const d = astralDoc();
  const files = exportDocuments('brat', [d, { ...d, path: 'other/dir/astral.md' }], { offsets: 'codepoint' });
  assert.deepEqual(files.map((f) => f.name), ['astral.txt', 'astral.ann', 'astral_2.txt', 'astral_2.ann']);
});
