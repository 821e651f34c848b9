/**
 * Per-character marginal log-probabilities of a linear-chain CRF: log P(tag of character i = t)
 * summed over every tag sequence, by the forward-backward algorithm. A network trained
 * with a CRF's sequence likelihood (scripts/train-lac-ner.py --crf) gives emission scores that mean
 * little on their own; its marginals are log-probabilities that already weigh the neighbours' tags,
 * and they take the place of a softmax network's per-character log-probabilities.
 */

/** start and end: T scores; trans: T × T, row = previous tag; emissions: n × T, row-major. */
export interface CrfScores {
  readonly start: Float32Array;
  readonly end: Float32Array;
  readonly trans: Float32Array;
}

/** Marginals below this are written as it: the network's word on a tag it rules out is "very unlikely", not minus a thousand. */
export const MARGINAL_FLOOR = -30;

/** Whether the scores are all zero: a file trained without a CRF (its emissions are read through a softmax). */
export function isZeroCrf(c: CrfScores): boolean {
  return [c.start, c.end, c.trans].every((a) => a.every((x) => x === 0));
}

/**
 * Marginal log-probabilities, n × T, of each character's tag. Forward-backward in probability space,
 * each step rescaled to sum 1 (the scale cancels in the marginals): T² multiply-adds and T
 * exponentials a character, not T² exponentials as in log space.
 */
export function crfMarginals(emissions: Float32Array, c: CrfScores, T: number): Float32Array {
  const n = emissions.length / T;
  const out = new Float32Array(n * T);
  if (n === 0) return out;
  const p = Float64Array.from(c.trans, Math.exp);
  const e = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let t = 0; t < T; t++) max = Math.max(max, emissions[i * T + t]);
    // Bounded below so that no step's weights all underflow to zero (exp(-80) is 2e-35: no tag the
    // network holds that unlikely changes a marginal above the floor).
    for (let t = 0; t < T; t++) e[i * T + t] = Math.exp(Math.max(MIN_EXPONENT, emissions[i * T + t] - max));
  }
  const alpha = new Float64Array(n * T);
  const beta = new Float64Array(n * T);
  for (let t = 0; t < T; t++) alpha[t] = Math.exp(c.start[t]) * e[t];
  normalise(alpha, 0, T);
  for (let i = 1; i < n; i++) {
    const o = i * T;
    for (let y = 0; y < T; y++) {
      let s = 0;
      for (let x = 0; x < T; x++) s += alpha[o - T + x] * p[x * T + y];
      alpha[o + y] = s * e[o + y];
    }
    normalise(alpha, o, T);
  }
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = Math.exp(c.end[t]);
  normalise(beta, (n - 1) * T, T);
  for (let i = n - 2; i >= 0; i--) {
    const o = i * T;
    for (let x = 0; x < T; x++) {
      let s = 0;
      for (let y = 0; y < T; y++) s += p[x * T + y] * e[o + T + y] * beta[o + T + y];
      beta[o + x] = s;
    }
    normalise(beta, o, T);
  }
  for (let i = 0; i < n; i++) {
    const o = i * T;
    let z = 0;
    for (let t = 0; t < T; t++) z += alpha[o + t] * beta[o + t];
    for (let t = 0; t < T; t++) out[o + t] = Math.max(MARGINAL_FLOOR, Math.log((alpha[o + t] * beta[o + t]) / z));
  }
  return out;
}

const MIN_EXPONENT = -80;

function normalise(a: Float64Array, o: number, T: number): void {
  let s = 0;
  for (let t = 0; t < T; t++) s += a[o + t];
  if (s > 0) for (let t = 0; t < T; t++) a[o + t] /= s;
}
