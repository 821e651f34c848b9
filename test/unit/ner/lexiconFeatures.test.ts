// Word-list features of the name network (lexiconFeatures.ts), and a network that reads them: the
// WebAssembly kernels and the plain JavaScript network must add them alike.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { defaultLacPath, LacNetwork } from '../../../server/src/core/ner/lac';
import { decodeLac } from '../../../server/src/core/ner/lac/lacFile';
import { LEX_FEATURES, lexiconFeatures } from '../../../server/src/core/ner/lac/lexiconFeatures';
import { mulberry32 } from '../../../server/src/core/prng';
import * as fs from 'fs';

const WORDS = new Map([
  ['北京', 1000],
  ['北京大学', 99],
  ['大学', 500],
  ['学', 9],
]);
const lookup = (w: string) => WORDS.get(w);

test('each character gets the begins / inside / ends / alone sums of the listed words over it', () => {
  const f = lexiconFeatures('在北京大学学', lookup);
  const row = (i: number) => Array.from(f.subarray(i * LEX_FEATURES, (i + 1) * LEX_FEATURES)).map((v) => Math.round(v * 1e4) / 1e4);
  const lg = (v: number) => Math.round((Math.log10(1 + v) / 6) * 1e4) / 1e4;
  assert.deepEqual(row(0), [0, 0, 0, 0, 0, 0, 0, 0]);
  // 北 begins 北京 and 北京大学; 京 ends 北京 and is inside 北京大学.
  assert.deepEqual(row(1), [lg(1099), 0, 0, 0, 1, 0, 0, 0]);
  assert.deepEqual(row(2), [0, lg(99), lg(1000), 0, 0, 1, 1, 0]);
  assert.deepEqual(row(3), [lg(500), lg(99), 0, 0, 1, 1, 0, 0]);
  // 学 ends 北京大学 and 大学 and is a word alone; the last 学 only alone.
  assert.deepEqual(row(4), [0, 0, lg(599), lg(9), 0, 0, 1, 1]);
  assert.deepEqual(row(5), [0, 0, 0, lg(9), 0, 0, 0, 1]);
  assert.equal(lexiconFeatures('', lookup).length, 0);
});

const lacPath = defaultLacPath();
const skip = !lacPath && 'models/lac-small.bin missing';

/** LAC small with LEX_FEATURES random rows added to its first layer's matrices, as a network trained with --lexicon has. */
function withLexiconRows(scale: number): LacNetwork {
  const m = decodeLac(fs.readFileSync(lacPath!));
  const r = mulberry32(5);
  for (const k of [0, 1]) {
    const t = m.tensors.get(`fc_${k}.w_0`)!;
    const grown = new Float32Array(t.data.length + LEX_FEATURES * 384);
    grown.set(t.data);
    for (let i = t.data.length; i < grown.length; i++) grown[i] = (r() - 0.5) * scale;
    m.tensors.set(`fc_${k}.w_0`, { ...t, data: grown, shape: [t.shape[0] + LEX_FEATURES, t.shape[1]] });
  }
  return new LacNetwork(m, { words: lookup });
}

test('a network with word-list rows: the kernels and the plain network agree, and the rows matter', { skip }, () => {
  const net = withLexiconRows(2);
  assert.equal(net.readsLexicon, true);
  const texts = ['在北京大学学习。', '北京', '大学生在北京大学读书，学有所成。'];
  for (const text of texts) {
    const fast = net.emissions(text);
    const plain = net.plainEmissions(text);
    let worst = 0;
    for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i] - plain[i]));
    assert.ok(worst < 1e-3, `${text}: largest difference ${worst}`);
  }
  // Zero rows leave LAC's own emissions: the features enter only through those rows.
  const zero = withLexiconRows(0);
  const lac = new LacNetwork(decodeLac(fs.readFileSync(lacPath!)));
  assert.equal(lac.readsLexicon, false);
  const a = zero.emissions(texts[0]);
  const b = lac.emissions(texts[0]);
  assert.ok(a.every((v, i) => Math.abs(v - b[i]) < 1e-4));
  const c = net.emissions(texts[0]);
  assert.ok(c.some((v, i) => Math.abs(v - b[i]) > 0.01), 'random rows change the emissions');
  // Batches: each text as alone.
  const batch = net.emissionsBatch(texts);
  texts.forEach((t, i) => assert.ok(batch[i].every((v, j) => Math.abs(v - net.emissions(t)[j]) < 1e-5), t));
});
