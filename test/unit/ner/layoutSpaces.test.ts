import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tagsToSpans } from '../../../server/src/core/ner/bio';
import { NUM_TAGS, TAG_NAMES } from '../../../server/src/core/ner/labels';
import { forbidNamesAcrossGaps } from '../../../server/src/core/ner/layoutSpaces';
import { Decoder, constrain } from '../../../server/src/core/ner/viterbi';

const L = NUM_TAGS;
const tag = (name: string) => TAG_NAMES.indexOf(name);

/** Emissions that prefer `names` by 2, with a second choice at 1 where given. */
function decode(names: string[], second: (string | undefined)[], at: number[]): string[] {
  const n = names.length;
  const emit = new Float32Array(n * L);
  names.forEach((name, i) => {
    emit[i * L + tag(name)] = 2;
    if (second[i]) emit[i * L + tag(second[i]!)] = 1;
  });
  forbidNamesAcrossGaps(at, n, emit);
  const out = new Uint8Array(n);
  const zeros = { trans: new Float32Array(L * L), start: new Float32Array(L), end: new Float32Array(L) };
  new Decoder().viterbi(emit, n, constrain(zeros), out);
  return tagsToSpans(out).map((s) => `${s.start}-${s.end} ${s.type}`);
}

// 赵永莉特约: the byline "赵永莉 特约记者" with its space taken out (offsets 0 1 2 | 4 5).
const names = ['B-PER', 'I-PER', 'I-PER', 'E-PER', 'O'];
const second = [undefined, undefined, 'E-PER', undefined, undefined];

test('a name does not run across a dropped layout space', () => {
  assert.deepEqual(decode(names, second, [0, 1, 2, 4, 5]), ['0-3 PER']);
});

test('without a space the same scores give the longer name (the rule alone decides)', () => {
  assert.deepEqual(decode(names, second, [0, 1, 2, 3, 4]), ['0-4 PER']);
});

test('a two-character name padded to three (王 芳) stays one name', () => {
  assert.deepEqual(decode(['B-PER', 'E-PER', 'O'], [], [0, 2, 3]), ['0-2 PER']);
});

test('a longer name across the space is cut: after the space no name continues (王 芳芳 is not one)', () => {
  // Position-wise best: B I E over 王|芳芳. The I after the gap is forbidden.
  const spans = decode(['B-PER', 'I-PER', 'E-PER'], [undefined, 'E-PER', 'S-PER'], [0, 2, 3]);
  assert.ok(!spans.includes('0-3 PER'), spans.join());
});
