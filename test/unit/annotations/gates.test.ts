import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Prequential, spanErrors } from '../../../server/src/core/annotations/gates';
import { spanKey } from '../../../server/src/core/annotations/spanKey';

test('Prequential keeps the preferred choice on ties, with no evidence, and on a few contrary sentences', () => {
  const g = new Prequential([1, 0.5, 0]);
  assert.equal(g.choice, 1);
  g.record([2, 2, 2]);
  assert.equal(g.choice, 1);
  // Two sentences where the last alternative did better: within noise.
  g.record([1, 1, 0]);
  g.record([1, 1, 0]);
  assert.equal(g.choice, 1);
  // A steady run of them is not.
  for (let i = 0; i < 4; i++) g.record([1, 1, 0]);
  assert.equal(g.choice, 0);
});

test('Prequential follows recent errors: old evidence fades, so a choice that starts to hurt is left', () => {
  const g = new Prequential([true, false]);
  // Helps on the first 50 sentences, then hurts on every one.
  for (let i = 0; i < 50; i++) g.record([0, 1]);
  assert.equal(g.choice, true);
  let switched = -1;
  for (let i = 0; i < 200 && switched < 0; i++) {
    g.record([1, 0]);
    if (!g.choice) switched = i;
  }
  // Undecayed sums would need 73 harmful sentences (50 to cancel, then twice the standard error).
  assert.ok(switched >= 0 && switched < 65, `switched after ${switched}`);
  g.clear();
  assert.equal(g.choice, true);
  assert.deepEqual([...g.recentErrors], [0, 0]);
});

test('spanErrors counts false positives and misses by exact span and label', () => {
  const gold = new Set([spanKey({ start: 0, end: 2, label: 'person' }), spanKey({ start: 5, end: 7, label: 'location' })]);
  assert.equal(spanErrors([{ start: 0, end: 2, label: 'person' }, { start: 5, end: 7, label: 'location' }], gold), 0);
  // A wrong label is a false positive and a miss; a duplicate counts once.
  assert.equal(spanErrors([{ start: 0, end: 2, label: 'organization' }, { start: 0, end: 2, label: 'organization' }], gold), 3);
});
