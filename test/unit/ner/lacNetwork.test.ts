import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../../server/src/core/assets';
import { defaultLacPath, LacNetwork, loadLac } from '../../../server/src/core/ner/lac';
import { decodeLac, encodeLac, fromHalf, toHalf } from '../../../server/src/core/ner/lac/lacFile';

// Reference: a float64 numpy forward pass of LAC small with Paddle's GRU convention over the
// Debian package's float32 weights, on sentences written for this test (not from any corpus).
// The shipped file holds float16 weights, so emissions may differ slightly; tags must not.
const reference = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'test/fixtures/lac-reference.json'), 'utf8')) as {
  sentences: { text: string; tags: string[]; emissions: number[] }[];
};

const lacPath = defaultLacPath();
let shared: LacNetwork | undefined;
const lac = () => (shared ??= loadLac(lacPath!));

test('LAC runtime reproduces the numpy reference: same tags, emissions within float16 rounding', { skip: !lacPath && 'models/lac-small.bin missing' }, () => {
  for (const s of reference.sentences) {
    const tags = Array.from(lac().tag(s.text), (t) => lac().tags[t]);
    assert.deepEqual(tags, s.tags, s.text);
    const e = lac().emissions(s.text);
    assert.equal(e.length, s.emissions.length);
    let worst = 0;
    for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(e[i] - s.emissions[i]));
    assert.ok(worst < 0.05, `${s.text}: largest emission difference ${worst}`);
  }
});

test('LAC reads fullwidth letters and digits as their halfwidth forms', { skip: !lacPath && 'models/lac-small.bin missing' }, () => {
  assert.equal(lac().charId('Ｃ'.charCodeAt(0)), lac().charId('C'.charCodeAt(0)));
  assert.equal(lac().charId('２'.charCodeAt(0)), lac().charId('2'.charCodeAt(0)));
  assert.notEqual(lac().charId('C'.charCodeAt(0)), lac().charId('\uE000'.charCodeAt(0)));
  assert.deepEqual(lac().tag(''), new Uint8Array(0));
});

test('float16 conversion rounds to nearest and keeps small, large and negative weights', () => {
  for (const x of [0, 1, -1, 0.1, -0.3333, 3.14159, 1e-5, -2.5e-7, 65504]) {
    const back = fromHalf(toHalf(x));
    assert.ok(Math.abs(back - x) <= Math.max(Math.abs(x) * 2 ** -11, 2 ** -25), `${x} → ${back}`);
  }
  assert.equal(toHalf(1 + 2 ** -11), toHalf(1)); // a tie rounds to even
  const m = { vocab: ['a', 'OOV'], tags: ['O'], tensors: new Map([['t', { shape: [2, 2], data: new Float32Array([0.5, -1, 2, 0]) }]]) };
  assert.deepEqual(Array.from(decodeLac(encodeLac(m)).tensors.get('t')!.data), [0.5, -1, 2, 0]);
});
