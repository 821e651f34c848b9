import { FEATURE_SLOTS } from './features';
import { NUM_TAGS, allowedEnd, allowedStart, allowedTransition } from './labels';
import { Decoder, TransitionScores } from './viterbi';
import { emissionsByRow } from './weights';

/**
 * Averaged structured perceptron (Collins 2002) over indexed features (row ids per character
 * slot, -1 for none). Averaging is lazy: every
 * update of d at step c also adds c·d to an accumulator, and the average is w − acc / c, so an
 * epoch costs only the updates, not a pass over the table per sentence.
 */
export class PerceptronTrainer {
  readonly w: Float32Array;
  private readonly acc: Float64Array;
  /** Current transition weights, with −Infinity on forbidden transitions (never updated). */
  private readonly cur: TransitionScores;
  private readonly accTrans = new Float64Array(NUM_TAGS * NUM_TAGS);
  private readonly accStart = new Float64Array(NUM_TAGS);
  private readonly accEnd = new Float64Array(NUM_TAGS);
  private readonly decoder = new Decoder();
  private emit = new Float32Array(0);
  private pred = new Uint8Array(0);
  private c = 1;

  /**
   * margin: cost-augmented decoding (every wrong tag's score is raised by this much while
   * training), so updates continue until the gold path wins by a margin rather than barely; 0 is
   * the plain perceptron.
   */
  constructor(
    readonly rows: number,
    private readonly margin = 0,
  ) {
    const L = NUM_TAGS;
    this.w = new Float32Array(rows * L);
    this.acc = new Float64Array(rows * L);
    const trans = new Float32Array(L * L);
    const start = new Float32Array(L);
    const end = new Float32Array(L);
    for (let a = 0; a < L; a++) {
      start[a] = allowedStart(a) ? 0 : -Infinity;
      end[a] = allowedEnd(a) ? 0 : -Infinity;
      for (let b = 0; b < L; b++) trans[a * L + b] = allowedTransition(a, b) ? 0 : -Infinity;
    }
    this.cur = { trans, start, end };
  }

  /** Decodes one sentence with the current weights, updates on mistakes; returns wrong tags. */
  train(rows: Int32Array, n: number, gold: Uint8Array): number {
    if (n === 0) return 0;
    const L = NUM_TAGS;
    if (this.emit.length < n * L) {
      this.emit = new Float32Array(n * L * 2);
      this.pred = new Uint8Array(n * 2);
    }
    emissionsByRow(this.w, rows, n, this.emit);
    const margin = this.margin;
    if (margin > 0) {
      for (let i = 0; i < n; i++) {
        const o = i * L;
        for (let t = 0; t < L; t++) this.emit[o + t] += margin;
        this.emit[o + gold[i]] -= margin;
      }
    }
    const pred = this.pred;
    this.decoder.viterbi(this.emit, n, this.cur, pred);
    let wrong = 0;
    for (let i = 0; i < n; i++) if (pred[i] !== gold[i]) wrong++;
    if (wrong > 0) {
      const c = this.c;
      const { w, acc } = this;
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const p = pred[i];
        if (g !== p) {
          const fo = i * FEATURE_SLOTS;
          for (let k = 0; k < FEATURE_SLOTS; k++) {
            const id = rows[fo + k];
            if (id < 0) continue;
            w[id * L + g] += 1;
            acc[id * L + g] += c;
            w[id * L + p] -= 1;
            acc[id * L + p] -= c;
          }
        }
        if (i > 0 && (g !== p || gold[i - 1] !== pred[i - 1])) {
          this.bump(this.cur.trans, this.accTrans, gold[i - 1] * L + g, 1);
          this.bump(this.cur.trans, this.accTrans, pred[i - 1] * L + p, -1);
        }
      }
      this.bump(this.cur.start, this.accStart, gold[0], 1);
      this.bump(this.cur.start, this.accStart, pred[0], -1);
      this.bump(this.cur.end, this.accEnd, gold[n - 1], 1);
      this.bump(this.cur.end, this.accEnd, pred[n - 1], -1);
    }
    this.c++;
    return wrong;
  }

  /** Score of a tag path under the current (not averaged) weights. */
  pathScore(rows: Int32Array, n: number, tags: ArrayLike<number>): number {
    const L = NUM_TAGS;
    if (n === 0) return 0;
    let score = this.cur.start[tags[0]] + this.cur.end[tags[n - 1]];
    for (let i = 0; i < n; i++) {
      if (i > 0) score += this.cur.trans[tags[i - 1] * L + tags[i]];
      for (let k = 0; k < FEATURE_SLOTS; k++) {
        const id = rows[i * FEATURE_SLOTS + k];
        if (id >= 0) score += this.w[id * L + tags[i]];
      }
    }
    return score;
  }

  private bump(w: Float32Array, acc: Float64Array, k: number, d: number): void {
    w[k] += d;
    acc[k] += this.c * d;
  }

  /** The averaged weights (into `into` when given) and averaged, unconstrained transitions. */
  averaged(into?: Float32Array): { weights: Float32Array; transitions: TransitionScores } {
    const c = this.c;
    const weights = into ?? new Float32Array(this.w.length);
    const { w, acc } = this;
    for (let k = 0; k < w.length; k++) weights[k] = w[k] === 0 && acc[k] === 0 ? 0 : w[k] - acc[k] / c;
    const avg = (cur: Float32Array, a: Float64Array) => {
      const out = new Float32Array(cur.length);
      for (let k = 0; k < cur.length; k++) out[k] = Number.isFinite(cur[k]) ? cur[k] - a[k] / c : 0;
      return out;
    };
    return {
      weights,
      transitions: { trans: avg(this.cur.trans, this.accTrans), start: avg(this.cur.start, this.accStart), end: avg(this.cur.end, this.accEnd) },
    };
  }
}
