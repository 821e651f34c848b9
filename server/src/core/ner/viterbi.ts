import { NUM_TAGS, allowedEnd, allowedStart, allowedTransition } from './labels';

/** Label-bigram scores: trans[from * NUM_TAGS + to], plus scores for the first and last tag. */
export interface TransitionScores {
  trans: Float32Array;
  start: Float32Array;
  end: Float32Array;
}

/** A copy of the scores with -Infinity on transitions BIOES forbids, so decoding is always well formed. */
export function constrain(t: TransitionScores): TransitionScores {
  const L = NUM_TAGS;
  const trans = new Float32Array(L * L);
  const start = new Float32Array(L);
  const end = new Float32Array(L);
  for (let a = 0; a < L; a++) {
    start[a] = allowedStart(a) ? t.start[a] : -Infinity;
    end[a] = allowedEnd(a) ? t.end[a] : -Infinity;
    for (let b = 0; b < L; b++) trans[a * L + b] = allowedTransition(a, b) ? t.trans[a * L + b] : -Infinity;
  }
  return { trans, start, end };
}

/** Reusable buffers for decoding; grown on demand. */
export class Decoder {
  private back = new Uint8Array(0);
  private alpha = new Float64Array(0);
  private beta = new Float64Array(0);
  private expEmit = new Float64Array(0);

  /**
   * Best tag sequence for emission scores emit[i * NUM_TAGS + tag] (i < n) under constrained
   * transitions; writes tags into out and returns the sequence score.
   */
  viterbi(emit: Float32Array, n: number, t: TransitionScores, out: Uint8Array): number {
    const L = NUM_TAGS;
    if (n === 0) return 0;
    if (this.back.length < n * L) this.back = new Uint8Array(Math.max(n * L, this.back.length * 2));
    const back = this.back;
    let prev = new Float64Array(L);
    let cur = new Float64Array(L);
    for (let b = 0; b < L; b++) prev[b] = t.start[b] + emit[b];
    for (let i = 1; i < n; i++) {
      const eo = i * L;
      for (let b = 0; b < L; b++) {
        let best = -Infinity;
        let arg = 0;
        for (let a = 0; a < L; a++) {
          const v = prev[a] + t.trans[a * L + b];
          if (v > best) {
            best = v;
            arg = a;
          }
        }
        cur[b] = best + emit[eo + b];
        back[eo + b] = arg;
      }
      const swap = prev;
      prev = cur;
      cur = swap;
    }
    let best = -Infinity;
    let arg = 0;
    for (let b = 0; b < L; b++) {
      const v = prev[b] + t.end[b];
      if (v > best) {
        best = v;
        arg = b;
      }
    }
    out[n - 1] = arg;
    for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * L + out[i]];
    return best;
  }

  /**
   * Per-position tag marginals of the distribution p(tags) ∝ exp(score / temperature), by scaled
   * forward-backward; out[i * NUM_TAGS + tag] for i in [from, to). Forbidden transitions get
   * probability 0. A window inside the sentence treats its edges as open (any tag may precede or
   * follow it): the chain forgets its context within a few characters, so a window a little wider
   * than a span gives that span's marginals at a fraction of the cost of the whole sentence.
   */
  marginals(emit: Float32Array, n: number, t: TransitionScores, temperature: number, out: Float32Array, from = 0, to = n): void {
    const L = NUM_TAGS;
    if (to <= from) return;
    if (this.alpha.length < n * L) {
      const size = Math.max(n * L, this.alpha.length * 2);
      this.alpha = new Float64Array(size);
      this.beta = new Float64Array(size);
      this.expEmit = new Float64Array(size);
    }
    const { alpha, beta, expEmit } = this;
    const inv = 1 / temperature;
    const expTrans = this.expTransitions(t, temperature);
    for (let i = from; i < to; i++) {
      const o = i * L;
      let max = -Infinity;
      for (let b = 0; b < L; b++) if (emit[o + b] > max) max = emit[o + b];
      for (let b = 0; b < L; b++) expEmit[o + b] = Math.exp((emit[o + b] - max) * inv);
    }
    const first = from * L;
    let sum = 0;
    for (let b = 0; b < L; b++) sum += alpha[first + b] = (from === 0 ? Math.exp(t.start[b] * inv) : 1) * expEmit[first + b];
    for (let b = 0; b < L; b++) alpha[first + b] /= sum;
    for (let i = from + 1; i < to; i++) {
      const o = i * L;
      const p = o - L;
      sum = 0;
      for (let b = 0; b < L; b++) {
        let acc = 0;
        for (let a = 0; a < L; a++) acc += alpha[p + a] * expTrans[a * L + b];
        sum += alpha[o + b] = acc * expEmit[o + b];
      }
      for (let b = 0; b < L; b++) alpha[o + b] /= sum;
    }
    const last = (to - 1) * L;
    sum = 0;
    for (let b = 0; b < L; b++) sum += beta[last + b] = to === n ? Math.exp(t.end[b] * inv) : 1;
    for (let b = 0; b < L; b++) beta[last + b] /= sum;
    const next = this.next;
    for (let i = to - 2; i >= from; i--) {
      const o = i * L;
      const q = o + L;
      for (let b = 0; b < L; b++) next[b] = expEmit[q + b] * beta[q + b];
      sum = 0;
      for (let a = 0; a < L; a++) {
        let acc = 0;
        for (let b = 0; b < L; b++) acc += expTrans[a * L + b] * next[b];
        sum += beta[o + a] = acc;
      }
      for (let a = 0; a < L; a++) beta[o + a] /= sum;
    }
    for (let i = from; i < to; i++) {
      const o = i * L;
      let z = 0;
      for (let b = 0; b < L; b++) z += alpha[o + b] * beta[o + b];
      for (let b = 0; b < L; b++) out[o + b] = z > 0 ? (alpha[o + b] * beta[o + b]) / z : 0;
    }
  }

  private next = new Float64Array(NUM_TAGS);
  private expTransFor: { t: TransitionScores; temperature: number; values: Float64Array } | undefined;

  /** exp(trans / temperature), cached for the last transitions and temperature used. */
  private expTransitions(t: TransitionScores, temperature: number): Float64Array {
    const c = this.expTransFor;
    if (c && c.t === t && c.temperature === temperature) return c.values;
    const values = new Float64Array(NUM_TAGS * NUM_TAGS);
    for (let k = 0; k < values.length; k++) values[k] = Math.exp(t.trans[k] / temperature);
    this.expTransFor = { t, temperature, values };
    return values;
  }
}
