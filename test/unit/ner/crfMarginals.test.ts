import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crfMarginals, isZeroCrf, MARGINAL_FLOOR } from '../../../server/src/core/ner/crfMarginals';

/** Marginals by enumerating every tag sequence: the definition the forward-backward must meet. */
function bruteForce(em: number[][], start: number[], end: number[], trans: number[][]): number[][] {
  const n = em.length;
  const T = start.length;
  const weight: number[][] = em.map(() => new Array(T).fill(0));
  let z = 0;
  const seq = new Array(n).fill(0);
  for (let k = 0; k < T ** n; k++) {
    for (let i = 0, r = k; i < n; i++, r = Math.floor(r / T)) seq[i] = r % T;
    let s = start[seq[0]] + end[seq[n - 1]];
    for (let i = 0; i < n; i++) s += em[i][seq[i]] + (i > 0 ? trans[seq[i - 1]][seq[i]] : 0);
    const w = Math.exp(s);
    z += w;
    for (let i = 0; i < n; i++) weight[i][seq[i]] += w;
  }
  return weight.map((row) => row.map((w) => Math.max(MARGINAL_FLOOR, Math.log(w / z))));
}

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 6 - 3;
}

test('CRF marginals equal the enumeration of every tag sequence', () => {
  const T = 3;
  const r = random(7);
  for (let n = 1; n <= 5; n++) {
    const em = Array.from({ length: n }, () => Array.from({ length: T }, r));
    const start = Array.from({ length: T }, r);
    const end = Array.from({ length: T }, r);
    const trans = Array.from({ length: T }, () => Array.from({ length: T }, r));
    trans[1][2] = -1e4; // a move the tag scheme forbids, as the training script writes it
    const got = crfMarginals(Float32Array.from(em.flat()), { start: Float32Array.from(start), end: Float32Array.from(end), trans: Float32Array.from(trans.flat()) }, T);
    const want = bruteForce(em, start, end, trans);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let t = 0; t < T; t++) {
        assert.ok(Math.abs(got[i * T + t] - want[i][t]) < 1e-4, `n=${n} i=${i} t=${t}: ${got[i * T + t]} vs ${want[i][t]}`);
        total += Math.exp(got[i * T + t]);
      }
      assert.ok(Math.abs(total - 1) < 1e-4);
    }
  }
});

test('a tag the scores rule out gets the floor, and large emissions do not overflow', () => {
  const T = 2;
  // Tag 1 may not follow tag 0 nor start: with tag 0 forced first, tag 1 never occurs.
  const c = { start: Float32Array.from([0, -1e4]), end: Float32Array.from([0, 0]), trans: Float32Array.from([0, -1e4, 0, 0]) };
  const m = crfMarginals(Float32Array.from([500, 0, 0, 800, 0, 900]), c, T);
  assert.deepEqual(Array.from(m, (x) => Math.round(x)), [0, MARGINAL_FLOOR, 0, MARGINAL_FLOOR, 0, MARGINAL_FLOOR]);
  assert.equal(crfMarginals(new Float32Array(0), c, T).length, 0);
});

test('zero CRF scores mark a file trained without a CRF', () => {
  const z = new Float32Array(4);
  assert.equal(isZeroCrf({ start: z.subarray(0, 2), end: z.subarray(2), trans: new Float32Array(4) }), true);
  assert.equal(isZeroCrf({ start: z.subarray(0, 2), end: z.subarray(2), trans: Float32Array.from([0, -1e4, 0, 0]) }), false);
});
