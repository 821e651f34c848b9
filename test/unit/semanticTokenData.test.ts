import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/offsets';
import { mulberry32 } from '../../server/src/core/prng';
import { encodeSemanticTokens, tokenDataEdits } from '../../server/src/core/tokenLegend';
import type { Entity } from '../../server/src/core/types';

function apply(before: number[], edits: ReturnType<typeof tokenDataEdits>): number[] {
  const out = [...before];
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out.splice(e.start, e.deleteCount, ...e.data);
  return out;
}

test('token data edits turn the old array into the new one, whole tokens only', () => {
  const r = mulberry32(3);
  const token = () => Array.from({ length: 5 }, () => Math.floor(r() * 3));
  for (let i = 0; i < 500; i++) {
    const before = Array.from({ length: Math.floor(r() * 8) }, token).flat();
    const after = [...before];
    const at = 5 * Math.floor(r() * (before.length / 5 + 1));
    after.splice(at, 5 * Math.floor(r() * 2), ...Array.from({ length: Math.floor(r() * 3) }, token).flat());
    const edits = tokenDataEdits(before, after);
    assert.deepEqual(apply(before, edits), after);
    for (const e of edits) assert.ok(e.start % 5 === 0 && e.deleteCount % 5 === 0 && e.data.length % 5 === 0);
  }
  assert.deepEqual(tokenDataEdits([0, 1, 2, 0, 0], [0, 1, 2, 0, 0]), []);
});

test('entities out of order are encoded as if sorted', () => {
  const text = '王小明在北京见到李华。\n上海';
  const e = (start: number, end: number, label: Entity['label']): Entity => ({ start, end, label, text: text.slice(start, end), source: 'rule' });
  const ordered = [e(0, 3, 'person'), e(4, 6, 'location'), e(8, 10, 'person'), e(12, 14, 'location')];
  const lines = new LineIndex(text);
  const expected = encodeSemanticTokens(ordered, lines);
  assert.deepEqual(encodeSemanticTokens([ordered[2], ordered[0], ordered[3], ordered[1]], lines), expected);
  assert.deepEqual(expected.slice(0, 5), [0, 0, 3, expected[3], 1]);
});
