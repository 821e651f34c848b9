import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectLostCharacters } from '../../../server/src/core/artifacts/lostCharacter';

// Hostile input must cost bounded work. Time is measured in `npm run bench`; here the work itself
// is counted, so the bound holds on any machine.

const COMMON = '国人大中年会生上我时工的是在有和这为个以要他来们到作地于出就分对成主发动同也能下过子说产种面方后定行学法民得经';

test('lost-character guesses cost a bounded number of word-list lookups however many gaps a line has', () => {
  const lookups = (gaps: number): number => {
    let line = '';
    for (let i = 0; i < gaps; i++) line += `${COMMON[i % COMMON.length]}?${COMMON[(i * 7 + 3) % COMMON.length]}。`;
    let calls = 0;
    const found = detectLostCharacters(line, (w) => (calls++, w.length === 2 ? 1 : 0));
    assert.equal(found.length, gaps);
    return calls;
  };
  const few = lookups(40);
  const many = lookups(600);
  assert.ok(many <= few, `600 gaps cost ${many} lookups, 40 gaps ${few}`);
  // Each guess tries at most 2 × 48 candidates with 5 lookups each.
  assert.ok(few <= 32 * 2 * 48 * 5, `${few} lookups`);
});

test('gaps beyond the guessing bound are still reported, without guesses', () => {
  let line = '';
  for (let i = 0; i < 100; i++) line += `${COMMON[i % COMMON.length]}\uFFFD${COMMON[(i * 7 + 3) % COMMON.length]}。`;
  const found = detectLostCharacters(line);
  assert.equal(found.length, 100);
  assert.ok(found.slice(0, 10).every((a) => a.candidates.length > 0));
  assert.ok(found.slice(-10).every((a) => a.candidates.length === 0 && !/would make words/.test(a.explanation)));
});
