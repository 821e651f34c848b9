import type { LacTensors } from './lacFile';
import { type DirectionWeights, LacKernelRunner, lacKernelAvailable } from './lacKernelRunner';
import { LEX_FEATURES, lexiconFeatures, type WordLookup } from './lexiconFeatures';

// LAC small in plain typed arrays: character embedding (128) → two bidirectional GRU layers
// (hidden 128 per direction, each fed by its own linear projection to 3×128) → linear to the 57
// tags → CRF (Viterbi). Paddle's GRU: gates in the order update, reset, candidate; the reset gate
// scales h_prev BEFORE the candidate matmul (torch.nn.GRU scales after, so it is not the same
// network); h = (1 − u)·h_prev + u·c. Paddle stores a GRU weight as an H×2H gate matrix followed by
// an H×H candidate matrix (not one H×3H matrix).
//
// Two ways to run it, with the same tags: `tag`/`tagBatch`/`emissions` use the WebAssembly SIMD
// kernels (lacKernelRunner.ts; ~20× faster) where WebAssembly SIMD exists; `plainTag` and
// `plainEmissions` are the plain JavaScript network, kept as the reference the kernels are tested
// against and as the fallback. The two differ by float rounding only (float32 sums in another
// order, a polynomial exp). The int16 option trades that for speed: a tag may change where two
// paths score alike.

const H = 128;
const G = 3 * H;
/** Batch bounds of the kernels: rows share each weight load; positions bound the scratch memory (~5.4 KB each). */
const BATCH_ROWS = 64;
const BATCH_POSITIONS = 4096;

type Direction = DirectionWeights;

export class LacNetwork {
  readonly tags: readonly string[];
  private readonly ids = new Map<number, number>();
  private readonly oov: number;
  private readonly emb: Float32Array;
  private readonly layers: [Direction, Direction][];
  private readonly outW: Float32Array;
  private readonly outB: Float32Array;
  /** The CRF's start, end and transition scores (crfw in the file). */
  readonly start: Float32Array;
  readonly end: Float32Array;
  readonly trans: Float32Array;
  /** First-layer input projections per character id (both directions, 2 × 3H), computed on first use. */
  private readonly firstLayer = new Map<number, Float32Array>();
  private readonly runner: LacKernelRunner | null;
  /**
   * Word-list features beside each character's embedding (lexiconFeatures.ts), for a network
   * trained with them: its first-layer matrices have LEX_FEATURES rows more than the embedding.
   */
  private readonly lexicon?: WordLookup;
  readonly readsLexicon: boolean;
  private scratch = { n: 0, x1: new Float32Array(0), x2: new Float32Array(0), proj: new Float32Array(0), emit: new Float32Array(0), back: new Uint8Array(0) };

  /**
   * options.int16: see LacKernelRunner (faster, tags may differ from plainTag's on rare near-ties).
   * options.words: the word list of a network trained with word-list features (without it, each
   * feature reads as absent).
   */
  constructor(m: LacTensors, options: { int16?: boolean; words?: WordLookup } = {}) {
    const get = (name: string, size: number) => {
      const t = m.tensors.get(name);
      if (!t || t.data.length !== size) throw new Error(`LAC tensor ${name} missing or of the wrong size`);
      return t.data;
    };
    this.tags = m.tags;
    const T = m.tags.length;
    m.vocab.forEach((w, i) => {
      if (w.length === 1) this.ids.set(w.charCodeAt(0), i);
    });
    this.oov = m.vocab.indexOf('OOV');
    this.emb = get('word_emb', m.vocab.length * H);
    const direction = (k: number, inSize: number): Direction => {
      const fcB = get(`fc_${k}.b_0`, G);
      const gruB = get(`gru_${k}.b_0`, G);
      const gw = get(`gru_${k}.w_0`, H * G);
      return {
        w: get(`fc_${k}.w_0`, inSize * G),
        bias: fcB.map((b, j) => b + gruB[j]),
        gates: gw.subarray(0, H * 2 * H),
        cand: gw.subarray(H * 2 * H),
      };
    };
    const first = m.tensors.get('fc_0.w_0')?.data.length;
    this.readsLexicon = first === (H + LEX_FEATURES) * G;
    this.lexicon = this.readsLexicon ? options.words : undefined;
    const firstIn = this.readsLexicon ? H + LEX_FEATURES : H;
    this.layers = [
      [direction(0, firstIn), direction(1, firstIn)],
      [direction(2, 2 * H), direction(3, 2 * H)],
    ];
    this.outW = get('fc_4.w_0', 2 * H * T);
    this.outB = get('fc_4.b_0', T);
    const crf = get('crfw', (T + 2) * T);
    this.start = crf.subarray(0, T);
    this.end = crf.subarray(T, 2 * T);
    this.trans = crf.subarray(2 * T);
    this.runner = lacKernelAvailable()
      ? new LacKernelRunner({ vocabSize: m.vocab.length, emb: this.emb, layers: this.layers, outW: this.outW, outB: this.outB, tags: T, start: this.start, end: this.end, trans: this.trans, lexiconFeatures: this.readsLexicon ? LEX_FEATURES : 0 }, options)
      : null;
  }

  /** Whether tag/tagBatch/emissions run in the WebAssembly SIMD kernels (else in plain JavaScript). */
  get accelerated(): boolean {
    return this.runner !== null;
  }

  /** Best tag ids of each character under LAC's CRF (one sequence, as LAC reads a line). */
  tag(text: string): Uint8Array {
    return this.tagBatch([text])[0];
  }

  /**
   * tag() of each text, computed together: sentences of similar length share the kernels' matrix
   * products, so many short sentences go several times faster than one at a time.
   */
  tagBatch(texts: readonly string[]): Uint8Array[] {
    const out: Uint8Array[] = texts.map((t) => new Uint8Array(t.length));
    if (!this.runner) {
      texts.forEach((t, i) => (out[i] = this.plainTag(t)));
      return out;
    }
    for (const group of this.batches(texts)) {
      const tags = this.runner.tags(group.map((i) => this.charIds(texts[i])), this.lexiconOf(group.map((i) => texts[i])));
      group.forEach((i, g) => (out[i] = tags[g]));
    }
    return out;
  }

  /** Emission scores, n × 57, for the characters of text (one sequence, as LAC reads a line). */
  emissions(text: string): Float32Array {
    return this.emissionsBatch([text])[0];
  }

  /** emissions() of each text, computed together in batches of similar lengths (as tagBatch). */
  emissionsBatch(texts: readonly string[]): Float32Array[] {
    return this.emissionsAndHiddenBatch(texts, false).map((r) => r.emissions);
  }

  /**
   * emissions() of each text and, with `withHidden`, the last layer's output it is computed from
   * (n × 2H, ner/hiddenCodes.ts HIDDEN_DIM): the representation a workspace's output-layer corrections read.
   */
  emissionsAndHiddenBatch(texts: readonly string[], withHidden = true): { emissions: Float32Array; hidden?: Float32Array }[] {
    if (!this.runner) {
      return texts.map((t) => {
        const emissions = this.plainEmissions(t);
        return { emissions, hidden: withHidden ? this.scratch.x2.slice(0, t.length * 2 * H) : undefined };
      });
    }
    const T = this.tags.length;
    const out = texts.map((t) => ({ emissions: new Float32Array(t.length * T), hidden: withHidden ? new Float32Array(t.length * 2 * H) : undefined }));
    for (const group of this.batches(texts)) {
      const all = this.runner.emissions(group.map((i) => this.charIds(texts[i])), withHidden, this.lexiconOf(group.map((i) => texts[i])));
      group.forEach((i, g) => {
        const e = all[g];
        const n = texts[i].length;
        for (let t = 0; t < n; t++) out[i].emissions.set(e.data.subarray(e.offset + t * e.stride, e.offset + t * e.stride + T), t * T);
        if (e.hidden) out[i].hidden!.set(e.hidden.data.subarray(e.hidden.offset, e.hidden.offset + n * 2 * H));
      });
    }
    return out;
  }

  /** Indices of the non-empty texts, longest first, in batches of similar lengths within the kernels' bounds. */
  private *batches(texts: readonly string[]): Generator<number[]> {
    const order = texts.map((_, i) => i).filter((i) => texts[i].length > 0);
    order.sort((a, b) => texts[b].length - texts[a].length || a - b);
    for (let at = 0; at < order.length; ) {
      const group: number[] = [];
      let positions = 0;
      while (at < order.length && group.length < BATCH_ROWS && (group.length === 0 || positions + texts[order[at]].length <= BATCH_POSITIONS)) {
        positions += texts[order[at]].length;
        group.push(order[at++]);
      }
      yield group;
    }
  }

  /** The word-list features of each text, when the network reads them and a word list is given. */
  private lexiconOf(texts: string[]): Float32Array[] | undefined {
    const words = this.lexicon;
    return words ? texts.map((t) => lexiconFeatures(t, words)) : undefined;
  }

  private charIds(text: string): Int32Array {
    const ids = new Int32Array(text.length);
    for (let t = 0; t < text.length; t++) ids[t] = this.charId(text.charCodeAt(t));
    return ids;
  }

  /** Vocabulary id of a UTF-16 code unit. LAC reads fullwidth forms as halfwidth (its q2b step), before the lookup. */
  charId(code: number): number {
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    else if (code === 0x3000) code = 0x20;
    return this.ids.get(code) ?? this.oov;
  }

  /** emissions() computed in plain JavaScript, one multiply-add at a time. */
  plainEmissions(text: string): Float32Array {
    const n = text.length;
    const T = this.tags.length;
    const s = this.ensure(n);
    // Layer 1: cached per-character projections.
    const p1 = s.proj;
    for (let t = 0; t < n; t++) p1.set(this.firstProjection(this.charId(text.charCodeAt(t))), t * 2 * G);
    const [lex] = this.lexiconOf([text]) ?? [];
    if (lex) {
      for (let t = 0; t < n; t++) {
        for (let d = 0; d < 2; d++) project(lex, t * LEX_FEATURES, LEX_FEATURES, this.layers[0][d], p1, t * 2 * G + d * G, H, true);
      }
    }
    this.recur(p1, n, this.layers[0][0], false, s.x1, 0);
    this.recur(p1, n, this.layers[0][1], true, s.x1, H);
    // Layer 2: project both directions from the first layer's output.
    const [fw, bw] = this.layers[1];
    for (let t = 0; t < n; t++) {
      project(s.x1, t * 2 * H, 2 * H, fw, p1, t * 2 * G);
      project(s.x1, t * 2 * H, 2 * H, bw, p1, t * 2 * G + G);
    }
    this.recur(p1, n, fw, false, s.x2, 0);
    this.recur(p1, n, bw, true, s.x2, H);
    const emit = new Float32Array(n * T);
    for (let t = 0; t < n; t++) {
      const o = t * T;
      for (let j = 0; j < T; j++) emit[o + j] = this.outB[j];
      const x = t * 2 * H;
      for (let k = 0; k < 2 * H; k++) {
        const v = s.x2[x + k];
        const row = k * T;
        for (let j = 0; j < T; j++) emit[o + j] += v * this.outW[row + j];
      }
    }
    return emit;
  }

  /** tag() computed in plain JavaScript. */
  plainTag(text: string): Uint8Array {
    const out = new Uint8Array(text.length);
    if (text.length > 0) this.viterbi(this.plainEmissions(text), 0, this.tags.length, text.length, out);
    return out;
  }

  /** Viterbi over n emission rows at e[offset + t·stride …], best tag ids into out. */
  private viterbi(e: Float32Array, offset: number, stride: number, n: number, out: Uint8Array): void {
    if (n === 0) return;
    const T = this.tags.length;
    const back = this.scratch.back.length >= n * T ? this.scratch.back : (this.scratch.back = new Uint8Array(n * T * 2));
    let score = new Float32Array(T);
    let next = new Float32Array(T);
    for (let j = 0; j < T; j++) score[j] = this.start[j] + e[offset + j];
    for (let t = 1; t < n; t++) {
      const row = offset + t * stride;
      for (let j = 0; j < T; j++) {
        let best = -Infinity;
        let arg = 0;
        for (let i = 0; i < T; i++) {
          const v = score[i] + this.trans[i * T + j];
          if (v > best) {
            best = v;
            arg = i;
          }
        }
        next[j] = best + e[row + j];
        back[t * T + j] = arg;
      }
      [score, next] = [next, score];
    }
    let best = 0;
    for (let j = 1; j < T; j++) if (score[j] + this.end[j] > score[best] + this.end[best]) best = j;
    out[n - 1] = best;
    for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * T + out[t]];
  }

  private firstProjection(id: number): Float32Array {
    let p = this.firstLayer.get(id);
    if (p) return p;
    p = new Float32Array(2 * G);
    const [fw, bw] = this.layers[0];
    project(this.emb, id * H, H, fw, p, 0);
    project(this.emb, id * H, H, bw, p, G);
    this.firstLayer.set(id, p);
    return p;
  }

  /** One GRU over the sequence; inputs at proj[t * 2G + (reverse ? G : 0)], outputs at out[t * 2H + at]. */
  private recur(proj: Float32Array, n: number, d: Direction, reverse: boolean, out: Float32Array, at: number): void {
    const h = new Float32Array(H);
    const rh = new Float32Array(H);
    const acc = new Float32Array(G);
    const { gates, cand } = d;
    const off = reverse ? G : 0;
    for (let step = 0; step < n; step++) {
      const t = reverse ? n - 1 - step : step;
      const x = t * 2 * G + off;
      for (let j = 0; j < G; j++) acc[j] = proj[x + j];
      for (let k = 0; k < H; k++) {
        const v = h[k];
        if (v === 0) continue;
        const row = k * 2 * H;
        for (let j = 0; j < 2 * H; j++) acc[j] += v * gates[row + j];
      }
      for (let j = 0; j < 2 * H; j++) acc[j] = 1 / (1 + Math.exp(-acc[j]));
      for (let k = 0; k < H; k++) rh[k] = acc[H + k] * h[k];
      for (let k = 0; k < H; k++) {
        const v = rh[k];
        if (v === 0) continue;
        const row = k * H;
        for (let j = 0; j < H; j++) acc[2 * H + j] += v * cand[row + j];
      }
      const o = t * 2 * H + at;
      for (let j = 0; j < H; j++) {
        const u = acc[j];
        const c = Math.tanh(acc[2 * H + j]);
        h[j] = (1 - u) * h[j] + u * c;
        out[o + j] = h[j];
      }
    }
  }

  private ensure(n: number) {
    const s = this.scratch;
    if (s.n < n) {
      const size = Math.max(n, s.n * 2, 64);
      s.n = size;
      s.x1 = new Float32Array(size * 2 * H);
      s.x2 = new Float32Array(size * 2 * H);
      s.proj = new Float32Array(size * 2 * G);
    }
    return s;
  }
}

/** out[o..o+3H) = bias + x[xo..xo+inSize) · d.w (rows from `fromRow`); `add` adds to out without the bias. */
function project(x: Float32Array, xo: number, inSize: number, d: Direction, out: Float32Array, o: number, fromRow = 0, add = false): void {
  const w = d.w;
  if (!add) for (let j = 0; j < G; j++) out[o + j] = d.bias[j];
  for (let k = 0; k < inSize; k++) {
    const v = x[xo + k];
    if (v === 0) continue;
    const row = (fromRow + k) * G;
    for (let j = 0; j < G; j++) out[o + j] += v * w[row + j];
  }
}
