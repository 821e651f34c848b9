// core/annotations/everywhere.ts: which spans a decision "everywhere" changes in one document, and
// that applying exactly those is what the preview said, never overriding a manual decision.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AnnotationStore, applyOccurrences, findOccurrences, type EverywhereDecision } from '../../../server/src/core/annotations';
import type { Entity } from '../../../server/src/core/types';

const TEXT = '红星厂在东湖路。红星厂的工人说，红星厂明年搬家。';
const nth = (needle: string, n: number) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = TEXT.indexOf(needle, at + 1);
  return at;
};
const auto = (n: number, label: Entity['label'] = 'location'): Entity => ({ start: nth('红星厂', n), end: nth('红星厂', n) + 3, label, text: '红星厂', source: 'tagger' });
const AUTO = [auto(0), auto(1), auto(2)];
const starts = (xs: readonly { start: number }[]) => xs.map((x) => x.start);

test('reject everywhere: every unrejected automatic occurrence of that label and text, none under a manual span', () => {
  const store = new AnnotationStore(TEXT);
  store.addManual(nth('红星厂', 1), nth('红星厂', 1) + 5, 'organization'); // 红星厂的工 (a manual decision of another range)
  store.reject(AUTO[2]);
  const d: EverywhereDecision = { action: 'reject', text: '红星厂', label: 'location' };
  const found = findOccurrences(store, AUTO, d);
  assert.deepEqual(starts(found), [nth('红星厂', 0)]);
  const out = applyOccurrences(store, found, d);
  assert.equal(out.applied.length, 1);
  assert.deepEqual(starts(store.rejected), [nth('红星厂', 0), nth('红星厂', 2)]);
  assert.equal(store.manual.length, 1);
  // Idempotent: the same spans again change nothing.
  const revision = store.revision;
  assert.equal(applyOccurrences(store, found, d).applied.length, 0);
  assert.equal(store.revision, revision);
  assert.deepEqual(findOccurrences(store, AUTO, d), []);
});

test('accept everywhere makes automatic and rejected occurrences manual spans of the label', () => {
  const store = new AnnotationStore(TEXT);
  store.reject(AUTO[1]);
  const d: EverywhereDecision = { action: 'accept', text: '红星厂', label: 'location' };
  const found = findOccurrences(store, AUTO, d);
  assert.deepEqual(found.map((o) => o.now), ['automatic', 'rejected', 'automatic']);
  assert.equal(applyOccurrences(store, found, d).applied.length, 3);
  assert.deepEqual(store.manual.map((m) => [m.start, m.label]), [0, 1, 2].map((n) => [nth('红星厂', n), 'location']));
  assert.equal(store.rejected.length, 0);
  assert.equal(applyOccurrences(store, found, d).applied.length, 0);
});

test('relabel everywhere: manual spans are relabelled, automatic ones become manual; a moved text is skipped with its reason', () => {
  const store = new AnnotationStore(TEXT);
  store.addManual(nth('红星厂', 0), nth('红星厂', 0) + 3, 'location');
  const d: EverywhereDecision = { action: 'relabel', text: '红星厂', label: 'location', newLabel: 'organization' };
  const found = findOccurrences(store, AUTO, d);
  assert.deepEqual(found.map((o) => o.now), ['manual', 'automatic', 'automatic']);
  // The text moved between preview and apply: an edit put two characters before everything.
  store.applyEdit(0, 0, '今天');
  const out = applyOccurrences(store, found, d);
  assert.equal(out.applied.length, 0);
  assert.equal(out.skipped.length, 3);
  assert.match(out.skipped[0].reason, /no longer "红星厂"/);
  assert.deepEqual(store.manual.map((m) => m.label), ['location']);
  // On the current text it applies.
  const now = findOccurrences(store, AUTO.map((e) => ({ ...e, start: e.start + 2, end: e.end + 2 })), d);
  assert.equal(applyOccurrences(store, now, d).applied.length, 3);
  assert.deepEqual(store.manual.map((m) => m.label), ['organization', 'organization', 'organization']);
  assert.deepEqual(findOccurrences(store, [], { ...d, newLabel: 'location' }), []);
});
