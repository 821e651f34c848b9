import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { SEEDS_DIR } from '../../sharedDir';
import { AnnotationStore, hashText, parseSidecar, serializeSidecar } from '../../../server/src/core/annotations';
import { astralDoc, fakeSpans } from '../export/fakeSpans';

const seed = fs.readFileSync(`${SEEDS_DIR}/000_7e16d8b1ec49b37b.txt`, 'utf8');
const BUREAU = '長沙市委老干部局';
const bureauAt = seed.indexOf(BUREAU); // in the title line: 聚力同心 抗疫同行——長沙市委老干部局…

const pos = (s: { start: number; end: number; text: string }) => [s.start, s.end, s.text];

test('merge: a manual span replaces the automatic spans it overlaps', () => {
  const auto = fakeSpans(seed);
  const store = new AnnotationStore(seed);
  store.addManual(bureauAt, bureauAt + BUREAU.length, 'organization');
  const merged = store.merge(auto);
  assert.ok(auto.some((a) => a.start === bureauAt && a.text === '長沙'));
  assert.ok(!merged.some((a) => a.start === bureauAt && a.text === '長沙'));
  const bureau = merged.find((m) => m.start === bureauAt)!;
  assert.deepEqual(bureau, { start: bureauAt, end: bureauAt + 8, label: 'organization', text: BUREAU, source: 'manual' });
  assert.equal(merged.length, auto.length); // one automatic 長沙 out, one manual span in
});

test('merge: a rejected automatic span stays rejected, matched by label, text and position', () => {
  const auto = fakeSpans(seed);
  const target = auto.find((a) => a.label === 'location' && a.start > 100)!;
  const store = new AnnotationStore(seed);
  store.reject(target);
  const merged = store.merge(auto);
  assert.equal(merged.length, auto.length - 1);
  assert.ok(!merged.some((m) => m.start === target.start && m.end === target.end));
  // The same text elsewhere, or the same place with another label, is not rejected.
  const other = auto.find((a) => a.text === target.text && a.start !== target.start)!;
  assert.ok(merged.some((m) => m.start === other.start));
  assert.equal(store.merge([{ ...target, label: 'organization' }]).length, 1);
  assert.ok(store.accept(target));
  assert.equal(store.merge(auto).length, auto.length);
});

test('add, relabel, remove; an overlapping manual span replaces the older one', () => {
  const store = new AnnotationStore(seed);
  store.addManual(bureauAt, bureauAt + 2, 'location');
  const { replaced } = store.addManual(bureauAt, bureauAt + 8, 'organization', 'whole bureau');
  assert.deepEqual(replaced.map(pos), [[bureauAt, bureauAt + 2, '長沙']]);
  assert.ok(store.relabel(bureauAt, bureauAt + 8, 'work'));
  assert.equal(store.manual[0].label, 'work');
  assert.equal(store.manual[0].note, 'whole bureau');
  assert.ok(!store.relabel(bureauAt, bureauAt + 2, 'work'));
  assert.ok(store.removeManual(bureauAt, bureauAt + 8));
  assert.equal(store.manual.length, 0);
  assert.throws(() => store.addManual(5, 5, 'work'), RangeError);
  assert.throws(() => store.addManual(0, seed.length + 1, 'work'), RangeError);
  assert.throws(() => new AnnotationStore('😀長沙').addManual(1, 3, 'location'), /surrogate pair/);
});

test('labelAllOccurrences labels every occurrence and respects other manual spans', () => {
  const store = new AnnotationStore(seed);
  store.addManual(bureauAt, bureauAt + 8, 'organization');
  const count = seed.split('長沙').length - 1;
  const out = store.labelAllOccurrences('長沙', 'location');
  assert.equal(out.added.length, count - 1);
  assert.equal(out.skipped, 1);
  assert.ok(out.added.every((s) => seed.slice(s.start, s.end) === '長沙'));
  assert.equal(store.labelAllOccurrences('長沙', 'organization').relabelled, count - 1);
});

test('applyEdit: an edit above shifts, inside stretches or shrinks, insertions at a boundary stay outside', () => {
  const store = new AnnotationStore(seed);
  const at = seed.indexOf('長沙', 200);
  store.addManual(at, at + 2, 'location');
  store.addManual(bureauAt, bureauAt + 8, 'organization');
  // Type three characters at the very top.
  let r = store.applyEdit(0, 0, '【新】');
  assert.deepEqual(r, { shifted: 2, resized: 0, orphaned: [], reattached: [] });
  assert.deepEqual(store.manual.map(pos), [[bureauAt + 3, bureauAt + 11, BUREAU], [at + 3, at + 5, '長沙']]);
  // Insert inside the bureau name: it stretches.
  r = store.applyEdit(bureauAt + 5, bureauAt + 5, '（湖南）');
  assert.equal(r.resized, 1);
  assert.deepEqual(pos(store.manual[0]), [bureauAt + 3, bureauAt + 15, '長沙（湖南）市委老干部局']);
  // Delete it again: shrinks back.
  store.applyEdit(bureauAt + 5, bureauAt + 9, '');
  assert.deepEqual(pos(store.manual[0]), [bureauAt + 3, bureauAt + 11, BUREAU]);
  // Typing right after or right before a span does not extend it.
  store.applyEdit(bureauAt + 11, bureauAt + 11, '的');
  store.applyEdit(bureauAt + 3, bureauAt + 3, '原');
  assert.deepEqual(pos(store.manual[0]), [bureauAt + 4, bureauAt + 12, BUREAU]);
  assert.equal(store.text, '【新】' + seed.slice(0, bureauAt) + '原' + BUREAU + '的' + seed.slice(bureauAt + 8));
});

test('applyEdit: an edit across a boundary clamps; deleting a whole span orphans it, never drops it', () => {
  const store = new AnnotationStore(seed);
  store.addManual(bureauAt, bureauAt + 8, 'organization', 'keep me');
  // Replace "——長沙" by "：": the head is cut, the span starts after the replacement.
  let r = store.applyEdit(bureauAt - 2, bureauAt + 2, '：');
  assert.equal(r.resized, 1);
  assert.deepEqual(pos(store.manual[0]), [bureauAt - 1, bureauAt + 5, '市委老干部局']);
  // Delete from inside to beyond the end: the tail is cut.
  r = store.applyEdit(bureauAt + 3, bureauAt + 7, '');
  assert.deepEqual(pos(store.manual[0]), [bureauAt - 1, bureauAt + 3, '市委老干']);
  // Delete the rest entirely (and a bit around it).
  r = store.applyEdit(bureauAt - 2, bureauAt + 4, '');
  assert.equal(store.manual.length, 0);
  assert.equal(r.orphaned.length, 1);
  const { gap, before, after, ...orphan } = store.orphaned[0];
  assert.equal(store.orphaned.length, 1);
  assert.deepEqual(orphan, { kind: 'manual', start: bureauAt - 2, end: bureauAt - 2, label: 'organization', text: '市委老干', note: 'keep me', reason: 'its text "市委老干" was deleted' });
  // Where it stood and what surrounded it, so that an undo can put it back.
  assert.equal(gap, 1);
  assert.deepEqual([before, after], ['聚力同心 抗疫同行：', '防控工作紀實\n疫情就是命']);
  // Orphans survive saving.
  const sc = parseSidecar(serializeSidecar(store.toSidecar()));
  assert.equal(sc.orphaned?.[0].text, '市委老干');
  assert.equal(AnnotationStore.fromSidecar(store.text, sc).store.orphaned.length, 1);
});

test('applyEdit moves rejected spans too, so a rejection still matches after typing above it', () => {
  const auto = fakeSpans(seed);
  const target = auto.find((a) => a.start > 500)!;
  const store = new AnnotationStore(seed);
  store.reject(target);
  store.applyEdit(10, 10, '一二三');
  const moved = { ...target, start: target.start + 3, end: target.end + 3 };
  assert.deepEqual(store.merge([moved]), []);
});

test('applyEdit with a length only: spans move, the text is resynchronised later', () => {
  const store = new AnnotationStore(seed);
  store.addManual(bureauAt, bureauAt + 8, 'organization');
  store.applyEdit(bureauAt + 2, bureauAt + 2, 1);
  assert.throws(() => store.toSidecar(), /syncText/);
  const newText = seed.slice(0, bureauAt + 2) + '省' + seed.slice(bureauAt + 2);
  assert.equal(store.syncText(newText), undefined);
  assert.deepEqual(pos(store.manual[0]), [bureauAt, bureauAt + 9, '長沙省市委老干部局']);
});

test('sidecar offsets are code points; loading converts back to UTF-16 exactly', () => {
  const doc = astralDoc();
  const store = new AnnotationStore(doc.text);
  const yoshida = doc.text.indexOf('𠮷田');
  store.addManual(yoshida, yoshida + 3, 'person');
  store.reject(doc.spans[1]);
  const sc = store.toSidecar();
  assert.equal(sc.textHash, hashText(doc.text));
  assert.deepEqual(sc.spans[0], { start: 23, end: 25, label: 'person', text: '𠮷田', source: 'manual' });
  assert.deepEqual([sc.rejected[0].start, sc.rejected[0].end], [8, 14]);
  const { store: again, hashMatched, reanchor } = AnnotationStore.fromSidecar(doc.text, parseSidecar(serializeSidecar(sc)));
  assert.ok(hashMatched);
  assert.deepEqual(reanchor, { kept: 2, moved: 0, orphaned: [], reattached: [] });
  assert.deepEqual(again.manual.map(pos), [[yoshida, yoshida + 3, '𠮷田']]);
  assert.deepEqual(again.merge(doc.spans).length, doc.spans.length - 1);
  assert.equal(again.revision, 0);
});

test('reanchor after an outside change: spans follow their text, lost ones become orphans with a reason', () => {
  const store = new AnnotationStore(seed);
  const second = seed.indexOf('長沙', bureauAt + 2);
  store.addManual(bureauAt, bureauAt + 8, 'organization');
  store.addManual(second, second + 2, 'location');
  const tail = seed.lastIndexOf('疫情');
  store.addManual(tail, tail + 2, 'work');
  const title = seed.indexOf('聚力同心');
  store.addManual(title, title + 4, 'work');
  // Someone re-crawled the article: a new header line, the first 長沙 paragraph rewritten, and
  // the title words removed.
  const changed = '（轉載）\n' + seed.slice(0, second).replace('聚力同心', '') + '湖南' + seed.slice(second + 2);
  const out = store.reanchor(changed);
  assert.equal(store.text, changed);
  assert.deepEqual(out.orphaned.map((o) => o.text).sort(), ['聚力同心', '長沙'].sort());
  assert.equal(out.orphaned.find((o) => o.text === '聚力同心')!.reason, 'text "聚力同心" no longer occurs in the article');
  assert.equal(store.orphaned.length, 2);
  const byLabel = Object.fromEntries(store.manual.map((m) => [m.label + ':' + m.text, m.start]));
  assert.equal(byLabel['organization:' + BUREAU], changed.indexOf(BUREAU));
  // 長沙 at `second` was replaced: its label does not jump to another 長沙 (every one of them opens
  // the same 長沙市委老干部局, so only the context before tells them apart); it is an orphan.
  assert.equal(byLabel['location:長沙'], undefined);
  assert.ok(store.orphaned.some((o) => o.text === '長沙' && /no longer where it was/.test(o.reason)));
  assert.equal(byLabel['work:疫情'], tail + changed.length - seed.length);
  for (const m of store.manual) assert.equal(changed.slice(m.start, m.end), m.text);
});

test('fromSidecar with a changed article re-finds spans by text near their old place', () => {
  const store = new AnnotationStore(seed);
  store.addManual(bureauAt, bureauAt + 8, 'organization');
  const sc = store.toSidecar();
  const changed = '編者按：本文有修改。\n' + seed;
  const { store: again, hashMatched, reanchor } = AnnotationStore.fromSidecar(changed, sc);
  assert.equal(hashMatched, false);
  assert.equal(reanchor.moved, 1);
  assert.deepEqual(again.manual.map(pos), [[bureauAt + 11, bureauAt + 19, BUREAU]]);
  // Text gone entirely: kept as an orphan, not dropped.
  const gone = AnnotationStore.fromSidecar(seed.replaceAll(BUREAU, '某單位'), sc);
  assert.equal(gone.store.manual.length, 0);
  assert.equal(gone.store.orphaned[0].text, BUREAU);
  assert.match(gone.reanchor.orphaned[0].reason, /no longer occurs/);
});
