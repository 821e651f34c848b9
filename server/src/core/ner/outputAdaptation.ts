import { HIDDEN_CODE_SCALE, HIDDEN_DIM } from './hiddenCodes';
import { NUM_TAGS } from './labels';
import { logSoftmaxRows, type OutputDelta, type TrainingLine } from './tagger';

/**
 * Step size of the one gradient pass over each corrected line. Chosen on CLUENER and Weibo
 * (--adapt 300 --limit 1000): 0.001–0.002 with one pass gained 1.6–2.1 F1 on CLUENER and −0.4 to
 * +0.4 on Weibo; 0.005 with two passes, and revisiting earlier corrections, gained less.
 * `npm run tune:adapt` (CLUENER and Weibo, three orders, mean gain over no learning at K=300):
 * 0 → +4.50, 0.001 → +5.19, 0.002 → +5.11, 0.004 → +5.11; the perceptron's margin and step
 * (adaptation.ts) moved it by less than 0.15 either way.
 */
export const OUTPUT_RATE = 0.002;

/**
 * Learns corrections to the name network's output layer from an annotator's corrected lines: a
 * logistic regression on the network's last hidden layer with the network's own logits as its
 * offset, one stochastic-gradient pass per correction (the usual way to adapt a neural tagger to a
 * new source from few labels). What the network represents about a character in its context
 * (after 记者, before 科学家) carries a correction to every character it represents alike, which
 * the sparse features of the perceptron's delta (adaptation.ts) cannot reach. The network is never
 * changed: tagging adds hidden · w to its logits.
 */
export class OutputAdapter implements OutputDelta {
  readonly dim = HIDDEN_DIM;
  readonly w = new Float32Array(HIDDEN_DIM * NUM_TAGS);
  private readonly p = new Float32Array(NUM_TAGS);
  private learned = 0;

  constructor(private readonly rate = OUTPUT_RATE) {}

  get active(): boolean {
    return this.learned > 0;
  }

  /** Lines learned from (those tagged while the network was loaded). */
  get lines(): number {
    return this.learned;
  }

  /** Lines without the network's hidden layer and scores (the network is not loaded) teach nothing. */
  learn(lines: readonly TrainingLine[]): void {
    for (const l of lines) {
      if (!l.hidden || !l.nameScores || l.hidden.length < l.gold.length * this.dim) continue;
      this.step(l.hidden, l.nameScores, l.gold);
      this.learned++;
    }
  }

  reset(): void {
    this.w.fill(0);
    this.learned = 0;
  }

  private step(hidden: Int8Array, scores: Float32Array, gold: Uint8Array): void {
    const T = NUM_TAGS;
    const { w, p, dim } = this;
    for (let i = 0; i < gold.length; i++) {
      const x = i * dim;
      const o = i * T;
      for (let t = 0; t < T; t++) {
        let a = 0;
        for (let k = 0, r = t * dim; k < dim; k++) a += hidden[x + k] * w[r + k];
        p[t] = scores[o + t] + a * HIDDEN_CODE_SCALE;
      }
      // The cross-entropy's gradient on the logits: softmax − one-hot(gold).
      logSoftmaxRows(p);
      for (let t = 0; t < T; t++) p[t] = Math.exp(p[t]);
      p[gold[i]] -= 1;
      for (let t = 0; t < T; t++) {
        const g = this.rate * HIDDEN_CODE_SCALE * p[t];
        for (let k = 0, r = t * dim; k < dim; k++) w[r + k] -= g * hidden[x + k];
      }
    }
  }
}
