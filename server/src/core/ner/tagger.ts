import type { Entity, Token } from '../types';
import type { Span } from './bio';
import { spansToTags, tagsToSpans } from './bio';
import { CharClass, FEATURE_SLOTS, FeatureExtractor, LEXICAL_SLOTS, charClass } from './features';
import { HIDDEN_CODE_SCALE, type HiddenCodes } from './hiddenCodes';
import { NUM_TAGS, PRODUCT_LABEL } from './labels';
import { CharProfileTable } from './charProfile';
import { buildGazetteerTable, buildWordTable } from './lexicon';
import type { NerModelData } from './modelFile';
import { Decoder, TransitionScores, constrain } from './viterbi';
import type { EmissionScorer } from './weights';
import { LineScoreCache } from './lineScoreCache';
import { forbidNamesAcrossGaps } from './layoutSpaces';
import { KernelGemm } from './lac/lacKernelRunner';

/** LAC's tag ids for a line (one per UTF-16 code unit), or undefined when LAC cannot tell. */
export type LacTagSource = (line: string) => ArrayLike<number> | undefined;

/**
 * The name network's log-probabilities for a line (n × NUM_TAGS, lac/nameNetwork.ts), or undefined
 * while they are not computed (the editor's refine pass) or when the network is not there.
 */
export type NameScoreSource = (line: string) => Float32Array | undefined;

/** The name network's last hidden layer for a line (n × HIDDEN_DIM codes), which its output layer reads. */
export type NameHiddenSource = (line: string) => HiddenCodes | undefined;

/**
 * Corrections to the name network's output layer learned in a workspace (outputAdaptation.ts):
 * the network's logits of a character gain hidden · w before its softmax. The
 * network itself is never changed; an all-zero w gives its own scores.
 */
export interface OutputDelta {
  readonly dim: number;
  readonly w: Float32Array;
  /** Whether w holds anything (tagging skips the product otherwise). w is NUM_TAGS × dim, a tag's weights at a time. */
  readonly active: boolean;
}

/**
 * The name network joins the feature model as a product of experts: its log-probabilities, times
 * this many nats of the model's temperature, are added to the model's emission scores before the
 * constrained Viterbi, so each corrects the other where it is unsure. Tuned on the tuning files
 * for the network trained in one run (2026-11-28; micro F1 msra_dev / CLUENER's unseen 1,300 /
 * Weibo --skip 300 --limit 1000, `eval:ner --names-weight W`): 0.3 86.16 / 58.38 / 59.40,
 * 0.4 86.26 / 61.25 / 59.70, 0.5 86.21 / 62.92 / 59.32, 0.6 86.13 / 64.03 / 59.20, 0.7 85.90 /
 * 65.67 / 59.15. 0.4 is msra_dev's and Weibo's best; above it both pay for CLUENER.
 */
export const NAME_NETWORK_WEIGHT = 0.4;

/** One corrected line as learning sees it: features, gold tags, and scores that learning does not change (the name network's). */
export interface TrainingLine {
  feats: Int32Array;
  gold: Uint8Array;
  fixed?: Float32Array;
  /** The name network's last hidden layer (n × HIDDEN_DIM codes) and its own log-probabilities, when the tagger has them. */
  hidden?: HiddenCodes;
  nameScores?: Float32Array;
}

/** A scorer that is shipped scores plus corrections (adaptation.ts's AdaptedScorer). */
interface SplitScorer extends EmissionScorer {
  readonly base: EmissionScorer;
  readonly correcting: boolean;
  addDelta(lexical: Int32Array, n: number, out: Float32Array): void;
}

function isSplit(s: EmissionScorer): s is SplitScorer {
  return 'addDelta' in s && 'base' in s;
}

/** Characters of context on each side of a span when computing its confidence. */
const CONFIDENCE_CONTEXT = 10;

/**
 * Features + weights + constrained Viterbi. Text is tagged one line at a time, as training
 * sentences never span a line break; tokens are shifted into each line's coordinates.
 */
export class NerTagger {
  private readonly transitions: TransitionScores;
  private readonly decoder = new Decoder();
  private feats = new Int32Array(0);
  private emit = new Float32Array(0);
  private marg = new Float32Array(0);
  private tags = new Uint8Array(0);
  private offsets: Int32Array = new Int32Array(0);

  constructor(
    private readonly extractor: FeatureExtractor,
    /** Emission scores; adaptation wraps it with workspace corrections (see adaptation.ts). */
    readonly scorer: EmissionScorer,
    transitions: TransitionScores,
    /** Softmax temperature of confidences: how many score units one nat of evidence is. */
    readonly temperature: number,
    /** Where LAC's tags come from; without it a model trained with them tags without them. */
    private readonly lac?: LacTagSource,
    /** The name network's scores, added to the model's at `namesWeight` (see NAME_NETWORK_WEIGHT). */
    private readonly names?: NameScoreSource,
    readonly namesWeight = NAME_NETWORK_WEIGHT,
    private readonly hidden?: NameHiddenSource,
    private readonly outputDelta?: OutputDelta,
    /** Lines' features and shipped scores, kept when the scorer adds corrections (withScorer). */
    private readonly lineCache?: LineScoreCache,
  ) {
    this.transitions = constrain(transitions);
  }

  /** Whether the model was trained with LAC's tags as features (it also works without them). */
  get wantsLac(): boolean {
    return this.extractor.options.lac === true;
  }

  /** Whether this tagger feeds LAC's tags to the model. */
  get usesLac(): boolean {
    return this.wantsLac && this.lac !== undefined;
  }

  /** The same model reading LAC's tags from source (undefined: without them). */
  withLac(source: LacTagSource | undefined): NerTagger {
    return new NerTagger(this.extractor, this.scorer, this.transitions, this.temperature, source, this.names, this.namesWeight, this.hidden, this.outputDelta, this.lineCache);
  }

  /** The same model joined by the name network's scores from source (undefined: the model alone). */
  withNames(source: NameScoreSource | undefined, weight = this.namesWeight, hidden?: NameHiddenSource): NerTagger {
    return new NerTagger(this.extractor, this.scorer, this.transitions, this.temperature, this.lac, source, weight, source && hidden, undefined, this.lineCache);
  }

  /** Whether the name network's hidden vectors reach this tagger (so its output layer can adapt). */
  get usesNameHidden(): boolean {
    return this.hidden !== undefined;
  }

  /** The same tagger with corrections to the name network's output layer. */
  withOutputDelta(delta: OutputDelta | undefined): NerTagger {
    return new NerTagger(this.extractor, this.scorer, this.transitions, this.temperature, this.lac, this.names, this.namesWeight, this.hidden, delta, this.lineCache);
  }

  /** Whether the name network joins this tagger. */
  get usesNames(): boolean {
    return this.names !== undefined;
  }

  /** Constrained transition scores, as decoding uses them. */
  get transitionScores(): TransitionScores {
    return this.transitions;
  }

  /**
   * The same features and transitions with another emission scorer (a shipped model plus
   * corrections). Such a tagger keeps each line's features and shipped scores, so tagging again
   * after a correction adds only the corrections: every decision re-tags the open documents.
   */
  withScorer(scorer: EmissionScorer): NerTagger {
    const cache = isSplit(scorer) ? new LineScoreCache() : undefined;
    return new NerTagger(this.extractor, scorer, this.transitions, this.temperature, this.lac, this.names, this.namesWeight, this.hidden, this.outputDelta, cache);
  }

  /**
   * Training lines of a corrected text: per line the features the tagger sees and the gold BIOES
   * tags of `spans` (text offsets; spans not inside one line are left out), in the tagger's own
   * line coordinates, so learning sees exactly what tagging sees.
   */
  trainingLines(text: string, tokens: readonly Token[], spans: readonly Span[]): TrainingLine[] {
    const out: TrainingLine[] = [];
    this.eachLine(text, tokens, (line, lineTokens, at) => {
      const n = line.length;
      // Line index of each text offset covered by the line (dropped layout spaces map to -1).
      const first = at[0];
      const last = at[n - 1];
      const index = new Int32Array(last - first + 2).fill(-1);
      for (let k = 0; k < n; k++) index[at[k] - first] = k;
      const lineSpans: Span[] = [];
      for (const s of spans) {
        if (s.start < first || s.end > last + 1 || s.end <= s.start) continue;
        const a = index[s.start - first];
        const b = index[s.end - 1 - first];
        if (a >= 0 && b >= a) lineSpans.push({ start: a, end: b + 1, type: s.type });
      }
      const fixed = new Float32Array(n * NUM_TAGS);
      const nameScores = this.addNameScores(line, fixed, false);
      out.push({
        feats: this.extractor.extract(line, lineTokens, new Int32Array(n * FEATURE_SLOTS), this.lacTags(line)),
        gold: spansToTags(n, lineSpans),
        fixed: nameScores ? fixed : undefined,
        hidden: nameScores ? this.hidden?.(line) : undefined,
        nameScores,
      });
    });
    return out;
  }

  static fromModel(m: NerModelData): NerTagger {
    const words = m.options.lexicon ? buildWordTable(m.lexicon) : undefined;
    const gazetteer = m.options.gazetteer ? buildGazetteerTable(m.gazetteer) : undefined;
    const profiles = m.options.lexicon ? new CharProfileTable(m.profiles) : undefined;
    return new NerTagger(new FeatureExtractor(m.options, words, gazetteer, profiles), m.weights, m.transitions, m.temperature);
  }

  /** Best-path spans (offsets in text). */
  spans(text: string, tokens: readonly Token[]): Span[] {
    const out: Span[] = [];
    this.eachLine(text, tokens, (line, lineTokens, at) => {
      const n = this.decode(line, lineTokens, at);
      for (const s of tagsToSpans(this.tags.subarray(0, n))) out.push({ start: at[s.start], end: at[s.end - 1] + 1, type: s.type });
    });
    return out;
  }

  /** Entities with a confidence: the smallest marginal probability of the span's tags. */
  tag(text: string, tokens: readonly Token[]): Entity[] {
    const out: Entity[] = [];
    this.eachLine(text, tokens, (line, lineTokens, at) => {
      const n = this.decode(line, lineTokens, at);
      const spans = tagsToSpans(this.tags.subarray(0, n));
      if (spans.length === 0) return;
      if (this.marg.length < n * NUM_TAGS) this.marg = new Float32Array(this.emit.length);
      // Marginals over windows around the spans (merged where they overlap), not the whole line.
      let from = -1;
      let to = -1;
      for (const s of spans) {
        const a = Math.max(0, s.start - CONFIDENCE_CONTEXT);
        const b = Math.min(n, s.end + CONFIDENCE_CONTEXT);
        if (a > to) {
          this.decoder.marginals(this.emit, n, this.transitions, this.temperature, this.marg, from, to);
          from = a;
        }
        to = b;
      }
      this.decoder.marginals(this.emit, n, this.transitions, this.temperature, this.marg, from, to);
      for (const s of spans) {
        let confidence = 1;
        for (let i = s.start; i < s.end; i++) confidence = Math.min(confidence, this.marg[i * NUM_TAGS + this.tags[i]]);
        const start = at[s.start];
        const end = at[s.end - 1] + 1;
        out.push({
          start,
          end,
          label: PRODUCT_LABEL[s.type],
          text: text.slice(start, end),
          source: 'model',
          confidence: Math.round(confidence * 1000) / 1000,
        });
      }
    });
    return out;
  }

  /** Tags for one line into this.tags; leaves its emissions in this.emit. Returns its length. */
  private decode(line: string, tokens: readonly Token[], at: ArrayLike<number>): number {
    const n = line.length;
    if (this.feats.length < n * FEATURE_SLOTS) {
      this.feats = new Int32Array(n * FEATURE_SLOTS * 2);
      this.emit = new Float32Array(n * NUM_TAGS * 2);
      this.tags = new Uint8Array(n * 2);
    }
    const lac = this.lacTags(line);
    const scorer = this.scorer;
    // A workspace's tagger keeps its lines' shipped scores before any correction too, while they
    // fit: the first decision re-tags every open document, and scoring them all again had made it
    // the slowest (bench --quick: 420 ms at 10,000 characters against 80 ms for the next ones).
    // Beyond the cache's size (a 1,000,000-character document) keeping them only churned it:
    // edits there were 25 ms slower at p95.
    if (this.lineCache && isSplit(scorer) && (scorer.correcting || this.lineCache.hasRoomFor(n))) {
      const key = lineKey(line, tokens, lac !== undefined);
      let kept = this.lineCache.get(key);
      if (!kept) {
        this.extractor.extract(line, tokens, this.feats, lac);
        const shipped = new Float32Array(n * NUM_TAGS);
        scorer.base.emissions(this.feats, n, shipped);
        kept = { lexical: lexicalOf(this.feats, n), shipped };
        this.lineCache.set(key, kept, n);
      }
      this.emit.set(kept.shipped);
      scorer.addDelta(kept.lexical, n, this.emit);
    } else {
      this.extractor.extract(line, tokens, this.feats, lac);
      scorer.emissions(this.feats, n, this.emit);
    }
    this.addNameScores(line, this.emit);
    forbidNamesAcrossGaps(at, n, this.emit);
    this.decoder.viterbi(this.emit, n, this.transitions, this.tags);
    return n;
  }

  /**
   * Adds the name network's scores for line, in the model's units, to out, and (withDelta) the
   * workspace's corrections of its output layer; returns the network's own scores (undefined when
   * there are none).
   */
  private addNameScores(line: string, out: Float32Array, withDelta = true): Float32Array | undefined {
    const own = this.names?.(line);
    if (!own || own.length < line.length * NUM_TAGS) return undefined;
    let s = own;
    const d = this.outputDelta;
    if (withDelta && d?.active) {
      const h = this.hidden?.(line);
      if (h && h.length >= line.length * d.dim) s = adjustedLogProbs(s, h, line.length, d.dim, d.w);
    }
    const k = this.namesWeight * (this.temperature > 0 ? this.temperature : 1);
    for (let i = 0; i < line.length * NUM_TAGS; i++) out[i] += k * s[i];
    return own;
  }

  private lacTags(line: string): ArrayLike<number> | undefined {
    return this.wantsLac && this.lac ? this.lac(line) : undefined;
  }

  /**
   * Calls fn once per line, with the line's tokens in its coordinates and a map from each of its
   * characters to the text's offset. Spaces between Chinese characters are layout (bylines such as
   * "记者 宋红胜 通讯员", spaced-out two-character names): the training text has none, so they are
   * taken out of what the model sees. Spaces next to Latin letters or digits separate words and stay.
   */
  private eachLine(text: string, tokens: readonly Token[], fn: (line: string, tokens: readonly Token[], at: ArrayLike<number>) => void): void {
    let ti = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) {
        while (ti < tokens.length && tokens[ti].end <= start) ti++;
        const { line, at, compact } = compactLine(text, start, end, this.offsets);
        this.offsets = at;
        const whole = start === 0 && end === text.length && !compact;
        const lineTokens: Token[] = whole ? (tokens as Token[]) : [];
        for (let k = ti; !whole && k < tokens.length && tokens[k].start < end; k++) {
          const t = tokens[k];
          if (t.start < start || t.end > end) continue;
          const a = compact ? compact[t.start - start] : t.start - start;
          const b = compact ? compact[t.end - start] : t.end - start;
          if (b > a) lineTokens.push({ word: t.word, tag: t.tag, start: a, end: b });
        }
        fn(line, lineTokens, at);
      }
      start = end + 1;
    }
  }
}

/**
 * What a line's features depend on: its text, its words and whether LAC's tags were known. The
 * words are not always the text's: a line with layout spaces taken out (compactLine) keeps the
 * words jieba made with them, so 记者 宋红胜 and 记者宋红胜 are one text with two segmentations.
 */
function lineKey(line: string, tokens: readonly Token[], lac: boolean): string {
  let key = lac ? `${line}\u0000L` : `${line}\u0000`;
  for (const t of tokens) key += `${t.start},${t.end},${t.tag};`;
  return key;
}

/** Characters' LEXICAL_SLOTS features, LEXICAL_SLOTS.length per character. */
function lexicalOf(feats: Int32Array, n: number): Int32Array {
  const m = LEXICAL_SLOTS.length;
  const out = new Int32Array(n * m);
  for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) out[i * m + k] = feats[i * FEATURE_SLOTS + LEXICAL_SLOTS[k]];
  return out;
}

/**
 * text[start, end) without the runs of spaces that sit between two characters of which neither is
 * a Latin letter or digit. at[i] is the text offset of line character i (reusing `scratch` when
 * large enough); compact[k] (k in 0..end-start) the line index of text offset start + k, or the
 * next kept character's for a dropped space; compact is undefined when nothing was dropped.
 * Character classes are the feature extractor's, so "space" and "word character" mean one thing.
 */
export function compactLine(text: string, start: number, end: number, scratch: Int32Array): { line: string; at: Int32Array; compact?: Int32Array } {
  const n = end - start;
  const at = scratch.length > n ? scratch : new Int32Array(n * 2 + 1);
  const isWord = (i: number) => {
    const k = charClass(text.charCodeAt(i));
    return k === CharClass.Latin || k === CharClass.Digit;
  };
  let compact: Int32Array | undefined;
  let k = 0;
  for (let i = start; i < end; ) {
    // A whole run of spaces at a time, so its neighbours are the characters either side of it.
    let runEnd = i;
    while (runEnd < end && charClass(text.charCodeAt(runEnd)) === CharClass.Space) runEnd++;
    if (runEnd > i && i > start && runEnd < end && !isWord(i - 1) && !isWord(runEnd)) {
      if (!compact) {
        compact = new Int32Array(n + 1);
        for (let j = 0; j < i - start; j++) compact[j] = j;
      }
      for (; i < runEnd; i++) compact[i - start] = k;
      continue;
    }
    const keepTo = Math.max(runEnd, i + 1);
    for (; i < keepTo; i++) {
      if (compact) compact[i - start] = k;
      at[k++] = i;
    }
  }
  if (!compact) return { line: text.slice(start, end), at };
  compact[n] = k;
  let line = '';
  for (let j = 0; j < k; j++) line += text[at[j]];
  return { line, at, compact };
}

/**
 * Log-probabilities s (n × NUM_TAGS) with hidden · w added to their logits, renormalised. w is
 * stored a tag's row at a time (NUM_TAGS × dim). The product runs in the WebAssembly SIMD kernels
 * where they exist (a decision re-tags every character of the open documents: in JavaScript this
 * product was half of decision → tokens), else in JavaScript.
 */
export function adjustedLogProbs(s: Float32Array, h: HiddenCodes, n: number, dim: number, w: Float32Array): Float32Array {
  const gemm = kernelGemm();
  return logSoftmaxRows(gemm ? addProductKernel(gemm, s, h, n, dim, w) : addProductJs(s, h, n, dim, w));
}

let gemmInstance: KernelGemm | null | undefined;
function kernelGemm(): KernelGemm | undefined {
  if (gemmInstance === undefined) gemmInstance = KernelGemm.create() ?? null;
  return gemmInstance ?? undefined;
}

/** Columns of the kernels' product: NUM_TAGS padded to their 32-column blocks. */
const PRODUCT_COLUMNS = 32;

function addProductKernel(gemm: KernelGemm, s: Float32Array, h: HiddenCodes, n: number, dim: number, w: Float32Array): Float32Array {
  const T = NUM_TAGS;
  const wt = new Float32Array(dim * PRODUCT_COLUMNS);
  for (let t = 0; t < T; t++) for (let k = 0; k < dim; k++) wt[k * PRODUCT_COLUMNS + t] = w[t * dim + k] * HIDDEN_CODE_SCALE;
  const p = gemm.product(n, dim, (x) => {
    for (let i = 0; i < n * dim; i++) x[i] = h[i];
  }, wt, PRODUCT_COLUMNS);
  const out = new Float32Array(n * T);
  for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) out[i * T + t] = s[i * T + t] + p[i * PRODUCT_COLUMNS + t];
  return out;
}

/** The same product in JavaScript (and the reference the kernel is tested against). */
export function addProductJs(s: Float32Array, h: HiddenCodes, n: number, dim: number, w: Float32Array): Float32Array {
  const T = NUM_TAGS;
  const out = new Float32Array(n * T);
  for (let i = 0; i < n; i++) {
    const o = i * T;
    const x = i * dim;
    for (let t = 0; t < T; t++) {
      const r = t * dim;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let k = 0; k < dim; k += 4) {
        a0 += h[x + k] * w[r + k];
        a1 += h[x + k + 1] * w[r + k + 1];
        a2 += h[x + k + 2] * w[r + k + 2];
        a3 += h[x + k + 3] * w[r + k + 3];
      }
      out[o + t] = s[o + t] + (a0 + a1 + a2 + a3) * HIDDEN_CODE_SCALE;
    }
  }
  return out;
}

/** Each row of NUM_TAGS scores made log-probabilities, in place. */
export function logSoftmaxRows(e: Float32Array): Float32Array {
  const T = NUM_TAGS;
  for (let o = 0; o < e.length; o += T) {
    let max = -Infinity;
    for (let j = 0; j < T; j++) if (e[o + j] > max) max = e[o + j];
    let sum = 0;
    for (let j = 0; j < T; j++) sum += Math.exp(e[o + j] - max);
    const z = max + Math.log(sum);
    for (let j = 0; j < T; j++) e[o + j] -= z;
  }
  return e;
}
