import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evictOldest, getFresh } from '../../server/src/core/lru';

test('a hit moves to the newest end, so eviction takes the least recently used entries first', () => {
  const m = new Map([['a', 1], ['b', 2], ['c', 3]]);
  assert.equal(getFresh(m, 'a'), 1);
  assert.equal(getFresh(m, 'x'), undefined);
  assert.deepEqual([...m.keys()], ['b', 'c', 'a']);
  evictOldest(m, 2);
  assert.deepEqual([...m.keys()], ['c', 'a']);
  evictOldest(m, 5);
  assert.deepEqual([...m.keys()], ['c', 'a']);
});

test('a falsy value is a hit like any other', () => {
  const m = new Map([['zero', 0], ['one', 1]]);
  assert.equal(getFresh(m, 'zero'), 0);
  assert.deepEqual([...m.keys()], ['one', 'zero']);
});
