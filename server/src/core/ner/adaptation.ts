import type { Entity, Token } from '../types';
import type { Span } from './bio';
import { FEATURE_SLOTS, LEXICAL_SLOTS } from './features';
import { NUM_TAGS } from './labels';
import type { NerTagger, TrainingLine } from './tagger';
import { OUTPUT_RATE, OutputAdapter } from './outputAdaptation';
import { Decoder, TransitionScores } from './viterbi';
import type { EmissionScorer } from './weights';

/**
 * Sparse corrections to a shipped model's emission weights, learned from an annotator's
 * decisions. The shipped weights are never touched: tagging adds these on top, and an empty delta
 * gives exactly the shipped scores.
 */
export class WeightDelta {
  readonly rows = new Map<number, Float32Array>();

  get size(): number {
    return this.rows.size;
  }

  row(key: number): Float32Array {
    let r = this.rows.get(key);
    if (!r) this.rows.set(key, (r = new Float32Array(NUM_TAGS)));
    return r;
  }

  /** out[i * NUM_TAGS + tag] += scale × the corrections of character i's features (`slots` per character). */
  addTo(feats: Int32Array, n: number, out: Float32Array, scale = 1, slots = FEATURE_SLOTS): void {
    const L = NUM_TAGS;
    const rows = this.rows;
    for (let i = 0; i < n; i++) {
      const fo = i * slots;
      const o = i * L;
      for (let k = 0; k < slots; k++) {
        const key = feats[fo + k];
        if (key === 0) continue;
        const r = rows.get(key);
        if (!r) continue;
        if (scale === 1) for (let t = 0; t < L; t++) out[o + t] += r[t];
        else for (let t = 0; t < L; t++) out[o + t] += scale * r[t];
      }
    }
  }

  clear(): void {
    this.rows.clear();
  }
}

/** A shipped scorer plus a delta at a strength; with an empty delta or strength 0 it is the shipped scorer. */
export class AdaptedScorer implements EmissionScorer {
  constructor(
    readonly base: EmissionScorer,
    private readonly delta: WeightDelta,
    private readonly strength: () => number = () => 1,
  ) {}

  /** The strength the delta is added at; 0 when there is nothing to add. */
  private scale(): number {
    return this.delta.size > 0 ? Math.max(0, this.strength()) : 0;
  }

  emissions(feats: Int32Array, n: number, out: Float32Array): void {
    this.base.emissions(feats, n, out);
    const s = this.scale();
    if (s > 0) this.delta.addTo(feats, n, out, s);
  }

  /** Whether tagging adds anything to the shipped scores. */
  get correcting(): boolean {
    return this.scale() > 0;
  }

  /**
   * Adds the delta at its strength to shipped scores computed before: `lexical` holds character
   * i's LEXICAL_SLOTS features at i × LEXICAL_SLOTS.length, the only ones learning moves.
   */
  addDelta(lexical: Int32Array, n: number, out: Float32Array): void {
    const s = this.scale();
    if (s > 0) this.delta.addTo(lexical, n, out, s, LEXICAL_SLOTS.length);
  }
}

/** One corrected line, prepared once: its features, gold tags and the name network's fixed scores. */
type Example = TrainingLine;

export interface AdapterOptions {
  /** Every wrong tag must lose to the gold path by this much after an update (cost-augmented); default: a quarter of the model's temperature. */
  margin?: number;
  /** Largest step of one update (passive-aggressive PA-I's C): keeps a noisy correction from swamping the model; default: an eighth of the temperature. */
  maxStep?: number;
  /** Updates per new correction until its line decodes right. */
  iterations?: number;
  /** Earlier corrections revisited after each new one, so new lessons do not undo old ones. */
  replay?: number;
  /** Step size of the name network's output-layer corrections (outputAdaptation.ts); 0 leaves the network as shipped. */
  outputRate?: number;
}

/**
 * Online learning from corrections (passive-aggressive updates, Crammer et al. 2006, on a
 * structured perceptron's features): each corrected line is decoded with the shipped weights plus
 * the delta, cost-augmented by `margin` per wrong tag, and the delta takes the smallest step that
 * makes the gold path win by that margin. Because the features are shared (characters, jieba words,
 * word lists), one correction moves every other mention of the same word, in this document and the
 * next.
 */
export class NerAdapter {
  readonly delta = new WeightDelta();
  /** Corrections of the name network's output layer, when the tagger reads its hidden vectors. */
  readonly output?: OutputAdapter;
  readonly tagger: NerTagger;
  /**
   * How much of the delta tagging applies (learning always updates the whole delta). The
   * workspace lowers it when the annotator's next sentences say the lessons hurt (learning.ts).
   */
  strength = 1;
  private readonly examples: Example[] = [];
  private readonly decoder = new Decoder();
  private emit = new Float32Array(0);
  private pred = new Uint8Array(0);
  private readonly opts: Required<AdapterOptions>;

  constructor(
    readonly base: NerTagger,
    opts: AdapterOptions = {},
  ) {
    if (base.usesNameHidden && opts.outputRate !== 0) this.output = new OutputAdapter(opts.outputRate);
    this.tagger = base.withScorer(new AdaptedScorer(base.scorer, this.delta, () => this.strength)).withOutputDelta(this.output);
    // In the model's own score units: its weights are scaled so that one nat of confidence is
    // `temperature` units, and a margin of 1 (the old default, at temperature 64) left a corrected
    // name barely ahead of the shipped reading, so its other mentions often stayed wrong. Tuned on
    // CLUENER and Weibo (--adapt 300): /4 and /8 beat /64 and /128 by 1.3 and 0.4 F1; larger ones gain nothing more.
    const units = base.temperature > 0 ? base.temperature : 64;
    this.opts = { margin: units / 4, maxStep: units / 8, iterations: 3, replay: 0, outputRate: OUTPUT_RATE, ...opts };
  }

  /** Lines learned from so far. */
  get examplesSeen(): number {
    return this.examples.length;
  }

  tag(text: string, tokens: Token[]): Entity[] {
    return this.tagger.tag(text, tokens);
  }

  /**
   * Learns that `spans` (PER/LOC/ORG, text offsets) are exactly the names of `text`. Returns the
   * number of tags the adapted model had wrong before learning.
   */
  learn(text: string, tokens: readonly Token[], spans: readonly Span[]): number {
    let wrong = 0;
    const fresh = this.base.trainingLines(text, tokens, spans);
    this.output?.learn(fresh);
    for (const ex of fresh) {
      wrong += this.update(ex, this.opts.iterations);
      this.examples.push(ex);
    }
    // Revisit the most recent earlier corrections once each.
    const from = Math.max(0, this.examples.length - fresh.length - this.opts.replay);
    for (let k = this.examples.length - fresh.length - 1; k >= from; k--) this.update(this.examples[k], 1);
    return wrong;
  }

  /** Forgets every correction: tagging is the shipped model's again. */
  reset(): void {
    this.delta.clear();
    this.output?.reset();
    this.strength = 1;
    this.examples.length = 0;
  }

  /** Up to `iterations` passive-aggressive steps on one line; returns its wrong tags before the first. */
  private update(ex: Example, iterations: number): number {
    const n = ex.gold.length;
    if (n === 0) return 0;
    const L = NUM_TAGS;
    if (this.emit.length < n * L) {
      this.emit = new Float32Array(n * L * 2);
      this.pred = new Uint8Array(n * 2);
    }
    const { emit, pred, opts } = this;
    const t = this.base.transitionScores;
    let firstWrong = -1;
    for (let it = 0; it < iterations; it++) {
      this.base.scorer.emissions(ex.feats, n, emit);
      if (ex.fixed) for (let i = 0; i < n * L; i++) emit[i] += ex.fixed[i];
      this.delta.addTo(ex.feats, n, emit);
      const goldScore = pathScore(emit, t, ex.gold, n);
      for (let i = 0; i < n; i++) {
        const o = i * L;
        for (let k = 0; k < L; k++) if (k !== ex.gold[i]) emit[o + k] += opts.margin;
      }
      this.decoder.viterbi(emit, n, t, pred);
      let wrong = 0;
      let active = 0;
      for (let i = 0; i < n; i++) {
        if (pred[i] === ex.gold[i]) continue;
        wrong++;
        for (const k of LEXICAL_SLOTS) if (ex.feats[i * FEATURE_SLOTS + k] !== 0) active++;
      }
      if (firstWrong < 0) firstWrong = wrong;
      if (wrong === 0 || active === 0) break;
      // pred's augmented score includes margin·wrong; the gold path must beat it.
      const predScore = pathScore(emit, t, pred, n);
      const violation = predScore - goldScore;
      if (violation <= 0) break;
      const step = Math.min(opts.maxStep, violation / (2 * active));
      for (let i = 0; i < n; i++) {
        const g = ex.gold[i];
        const p = pred[i];
        if (g === p) continue;
        for (const k of LEXICAL_SLOTS) {
          const key = ex.feats[i * FEATURE_SLOTS + k];
          if (key === 0) continue;
          const row = this.delta.row(key);
          row[g] += step;
          row[p] -= step;
        }
      }
    }
    return Math.max(0, firstWrong);
  }
}

/** Score of a tag path given emissions and constrained transitions. */
function pathScore(emit: Float32Array, t: TransitionScores, tags: ArrayLike<number>, n: number): number {
  const L = NUM_TAGS;
  let s = t.start[tags[0]] + t.end[tags[n - 1]];
  for (let i = 0; i < n; i++) {
    s += emit[i * L + tags[i]];
    if (i > 0) s += t.trans[tags[i - 1] * L + tags[i]];
  }
  return s;
}
