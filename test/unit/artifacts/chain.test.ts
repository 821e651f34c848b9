import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { append, chainLength, chainOf, fromEnd, toArray } from '../../../server/src/core/artifacts/chain';

test('chains that extend one prefix share it and each reads back its own items', () => {
  const base = chainOf([1, 2, 3]);
  const a = append(base, 4);
  const b = append(base, 5, 6);
  assert.deepEqual(toArray(base), [1, 2, 3]);
  assert.deepEqual(toArray(a), [1, 2, 3, 4]);
  assert.deepEqual(toArray(b), [1, 2, 3, 5, 6]);
  assert.equal(chainLength(b), 5);
  assert.equal(a!.before, base);
  assert.equal(fromEnd(b, 0), 6);
  assert.equal(fromEnd(b, 4), 1);
  assert.equal(fromEnd(b, 5), undefined);
});

test('an empty chain is undefined: no items, length 0', () => {
  assert.equal(chainOf([]), undefined);
  assert.deepEqual(toArray(undefined), []);
  assert.equal(chainLength(undefined), 0);
  assert.equal(fromEnd(undefined, 0), undefined);
});
