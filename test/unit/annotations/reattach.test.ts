import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AnnotationStore, parseSidecar, serializeSidecar, type AnchorStats } from '../../../server/src/core/annotations';
import { mulberry32 } from '../../../server/src/core/prng';
import type { Entity } from '../../../server/src/core/types';

// Issue 12, items 6 and 10: a label whose text is deleted and put back comes back; an outside
// edit never moves a label to another copy of its word; re-anchoring stays near-linear.

const ARTICLE = '本报讯 记者张三报道：市里召开会议。张三说，会议讨论了明年的工作。\n另据了解，李四也出席了会议。';
const first = ARTICLE.indexOf('张三');
const second = ARTICLE.indexOf('张三', first + 2);
const spans = (s: AnnotationStore) => s.manual.map((m) => [m.start, m.end, m.label, m.text]);

test('undoing the deletion of a labelled word re-attaches its label', () => {
  const store = new AnnotationStore(ARTICLE);
  store.addManual(first, first + 2, 'person', 'reporter');
  const del = store.applyEdit(first, first + 2, '');
  assert.equal(del.orphaned.length, 1);
  assert.equal(store.manual.length, 0);
  const undo = store.applyEdit(first, first, '张三');
  assert.equal(undo.reattached.length, 1);
  assert.deepEqual(spans(store), [[first, first + 2, 'person', '张三']]);
  assert.equal(store.manual[0].note, 'reporter');
  assert.equal(store.orphaned.length, 0);
});

test('undoing the deletion of a whole sentence puts its labels back where they were, even after typing above', () => {
  const store = new AnnotationStore(ARTICLE);
  store.addManual(second, second + 2, 'person');
  const sentence = ARTICLE.slice(ARTICLE.indexOf('市里'), ARTICLE.indexOf('\n'));
  const at = ARTICLE.indexOf(sentence);
  store.applyEdit(at, at + sentence.length, '');
  assert.equal(store.orphaned.length, 1);
  store.applyEdit(0, 0, '（转）');
  store.applyEdit(at + 3, at + 3, sentence);
  assert.equal(store.text, '（转）' + ARTICLE);
  assert.deepEqual(spans(store), [[second + 3, second + 5, 'person', '张三']]);
  assert.equal(store.orphaned.length, 0);
});

test('retyping a sentence with the labelled word keeps the label; another word typed in its place does not take it', () => {
  const store = new AnnotationStore(ARTICLE);
  store.addManual(second, second + 2, 'person');
  // Select "张三说" and type "张三表示" over it (one replacement).
  const r = store.applyEdit(second, second + 3, '张三表示');
  assert.deepEqual(r.orphaned, []);
  assert.deepEqual(spans(store), [[second, second + 2, 'person', '张三']]);
  // Replaced by another name (with the word after it): an orphan, listed, never silently dropped.
  store.applyEdit(second, second + 3, '王五说');
  assert.equal(store.manual.length, 0);
  assert.deepEqual(store.orphaned.map((o) => o.text), ['张三']);
});

test('an outside edit replacing the first of two 张三 does not move its label to the second', () => {
  const store = new AnnotationStore(ARTICLE);
  store.addManual(first, first + 2, 'person');
  const changed = ARTICLE.slice(0, first) + '王五' + ARTICLE.slice(first + 2);
  const out = store.reanchor(changed);
  assert.deepEqual(spans(store), []);
  assert.equal(out.orphaned.length, 1);
  assert.match(out.orphaned[0].reason, /no longer where it was/);
  // The orphan keeps its surroundings through the sidecar, and comes back when the edit is reverted.
  const saved = parseSidecar(serializeSidecar(store.toSidecar()));
  assert.equal(saved.orphaned?.[0].before, ARTICLE.slice(0, first));
  const back = store.reanchor(ARTICLE);
  assert.equal(back.reattached.length, 1);
  assert.deepEqual(spans(store), [[first, first + 2, 'person', '张三']]);
});

test('an outside edit elsewhere keeps same-text labels on their own occurrences', () => {
  const store = new AnnotationStore(ARTICLE);
  store.addManual(first, first + 2, 'person');
  store.addManual(second, second + 2, 'person');
  // A rewrite around the first mention: the second stays, the first follows its context.
  const changed = '【快讯】' + ARTICLE.replace('召开会议', '召开了全体会议');
  store.reanchor(changed);
  assert.deepEqual(spans(store), [
    [changed.indexOf('张三'), changed.indexOf('张三') + 2, 'person', '张三'],
    [changed.lastIndexOf('张三'), changed.lastIndexOf('张三') + 2, 'person', '张三'],
  ]);
});

test('an orphan saved in the sidecar comes back when the article is reverted while the editor is closed', () => {
  const store = new AnnotationStore(ARTICLE);
  store.addManual(second, second + 2, 'person');
  store.applyEdit(second, second + 2, '');
  const saved = parseSidecar(serializeSidecar(store.toSidecar()));
  assert.equal(saved.orphaned?.length, 1);
  const { store: reopened, reanchor } = AnnotationStore.fromSidecar(ARTICLE, saved);
  assert.equal(reanchor.reattached.length, 1);
  assert.deepEqual(spans(reopened), [[second, second + 2, 'person', '张三']]);
  assert.equal(reopened.orphaned.length, 0);
  // Still deleted: it stays an orphan.
  assert.equal(AnnotationStore.fromSidecar(store.text, saved).store.orphaned.length, 1);
});

/** A long article of random sentences where 的 occurs thousands of times. */
function bigArticle(n: number): string {
  const rand = mulberry32(7);
  const words = ['我们', '城市', '发展', '工作', '会议', '人民', '经济', '建设', '社会', '文化'];
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(words[Math.floor(rand() * words.length)], '的', words[Math.floor(rand() * words.length)], i % 7 === 6 ? '。\n' : '，');
  return parts.join('');
}

test('4,000 same-text labels: reopening after an outside edit re-finds each one in its place, with linear work', () => {
  const text = bigArticle(4000);
  const store = new AnnotationStore(text);
  assert.equal(store.labelAllOccurrences('的', 'work').added.length, 4000);
  const insertAt = text.indexOf('\n', text.length >> 1) + 1;
  const changed = text.slice(0, insertAt) + '新增一句话。\n' + text.slice(insertAt);
  const expected = [...changed.matchAll(/的/g)].map((m) => m.index!).filter((i) => i < insertAt || i >= insertAt + 7);
  // Closed editor: only the sidecar and the new text.
  const { store: reopened } = AnnotationStore.fromSidecar(changed, store.toSidecar());
  const got = reopened.manual.map((m) => m.start);
  const bad = got.findIndex((g, i) => g !== expected[i]);
  assert.equal(bad, -1, `first misplaced: ${bad} ${got[bad]} vs ${expected[bad]} (insert at ${insertAt}); ${got.length} vs ${expected.length}`);
  // Open editor: an outside change seen as a whole new text.
  const stats: AnchorStats = { probes: 0 };
  const out = store.reanchor(changed, stats);
  assert.deepEqual(store.manual.map((m) => m.start), expected);
  assert.equal(out.orphaned.length, 0);
  assert.ok(stats.probes <= 4 * 4000, `${stats.probes} places probed`);
});

test('merge drops exactly the automatic spans a manual span overlaps (binary search agrees with a full comparison)', () => {
  const rand = mulberry32(3);
  const text = '的'.repeat(5000);
  const store = new AnnotationStore(text);
  for (let i = 0; i < 400; i++) {
    const s = Math.floor(rand() * 4990);
    store.addManual(s, s + 1 + Math.floor(rand() * 8), 'person');
  }
  const auto: Entity[] = [];
  for (let i = 0; i < 2000; i++) {
    const s = Math.floor(rand() * 4990);
    const e = s + 1 + Math.floor(rand() * 8);
    auto.push({ start: s, end: e, label: 'location', text: text.slice(s, e), source: 'model' });
  }
  const kept = store.merge(auto).filter((e) => e.source !== 'manual');
  const naive = auto.filter((a) => !store.manual.some((m) => m.start < a.end && a.start < m.end));
  assert.equal(kept.length, naive.length);
  // The analyzer's sorted list takes the sweep path; it must agree with the sorted copy made above.
  const sortedAuto = [...auto].sort((a, b) => a.start - b.start || a.end - b.end);
  assert.deepEqual(store.merge(sortedAuto), store.merge(auto));
  for (let i = 1; i < store.manual.length; i++) assert.ok(store.manual[i - 1].end <= store.manual[i].start, 'manual spans stay disjoint and sorted');
});
