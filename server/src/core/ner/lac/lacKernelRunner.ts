import { LAC_KERNEL_WASM_BASE64 } from './lacKernelWasm';

// Runs LAC's network for a batch of sentences in the WebAssembly SIMD kernels (server/wasm/lacKernel.ts).
// Memory layout, in one WebAssembly memory: the weights; a table of first-layer input projections
// per vocabulary id (filled on first sight of a character: its pages are only touched, and only
// count in the process's memory, for characters actually seen); then the batch's scratch, grown
// on demand. Emission rows are padded from 57 to 64 floats for the kernels' 32-column blocks.

// The project compiles without the DOM library, which is where TypeScript declares WebAssembly;
// Node has it as a global. Only what this file uses:
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(d: { initial: number });
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Instance {
    constructor(m: Module, imports: object);
    readonly exports: unknown;
  }
  function validate(bytes: Uint8Array): boolean;
}

const H = 128;
const G = 3 * H;
const PAGE = 65536;

export interface DirectionWeights {
  /** Input projection, in × 3H row-major, and its bias plus the GRU's. */
  w: Float32Array;
  bias: Float32Array;
  gates: Float32Array; // H × 2H
  cand: Float32Array; // H × H
}

export interface LacWeights {
  vocabSize: number;
  emb: Float32Array; // vocabSize × H
  layers: [DirectionWeights, DirectionWeights][];
  outW: Float32Array; // 2H × tags
  outB: Float32Array;
  tags: number;
  /** CRF: start and end scores (tags), transitions (tags × tags, from row to column). */
  start: Float32Array;
  end: Float32Array;
  trans: Float32Array;
  /** Word-list features per position the first layer reads after the embedding (rows H… of its matrices), 0 for none. */
  lexiconFeatures?: number;
}

interface Kernel {
  gemmAcc(x: number, ldx: number, k: number, m: number, w: number, ldw: number, n: number, out: number, ldo: number): void;
  fillRows(out: number, ldo: number, m: number, row: number, n: number): void;
  gatherRows(table: number, ldt: number, rows: number, m: number, n: number, out: number, ldo: number): void;
  gruRun(
    proj: number, projStride: number, projOff: number, starts: number, lens: number, batch: number, reverse: number,
    gates: number, cand: number, out: number, outStride: number, outOff: number, h: number, rh: number, acc: number,
  ): void;
  quantizeRows(x: number, ldx: number, m: number, n: number, xq: number, ldq: number, q: number): void;
  gemmQAcc(xq: number, ldq: number, k: number, m: number, wq: number, n: number, scale: number, out: number, ldo: number): void;
  gruRunQ(
    proj: number, projStride: number, projOff: number, starts: number, lens: number, batch: number, reverse: number,
    gatesQ: number, gatesScale: number, candQ: number, candScale: number, q: number,
    out: number, outStride: number, outOff: number, h: number, hq: number, acc: number,
  ): void;
  viterbiBatch(
    emit: number, ld: number, starts: number, lens: number, batch: number, T: number,
    start: number, end: number, trans: number, back: number, tags: number, score: number, next: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;
/** The compiled kernels, or null where WebAssembly SIMD is unavailable (the caller falls back to JavaScript). */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Buffer.from(LAC_KERNEL_WASM_BASE64, 'base64');
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

export function lacKernelAvailable(): boolean {
  return kernelModule() !== null;
}

/** Emissions of one sequence in a batch: rows of `stride` floats, the first `tags` of each meaningful. */
export interface BatchEmissions {
  data: Float32Array;
  offset: number;
  stride: number;
  /** The last layer's output (2H per position at hidden.offset + t · 2H), when asked for. */
  hidden?: { data: Float32Array; offset: number };
}

/** Scale of the int16 inputs (GRU outputs, all in [−1, 1]): x ↦ round(x · Q). */
export const INT16_INPUT_SCALE = 8192;
const Q = INT16_INPUT_SCALE;

/**
 * Column-scaled int16 copy of a K × N matrix, in row pairs (wq[kp][j] = w[2kp][j], w[2kp+1][j]) for
 * i32x4.dot_i16x8_s. Each column's scale keeps its largest weight within int16 and, with inputs of
 * at most Q + 1, the sum of its |weights| times that within int32: the kernels' sums cannot overflow.
 */
export function quantizeColumns(w: Float32Array, K: number, N: number): { wq: Int16Array; scale: Float32Array } {
  const limit = Math.floor((2 ** 31 - 1) / (Q + 1)) - K;
  const wq = new Int16Array(K * N);
  const scale = new Float32Array(N);
  for (let j = 0; j < N; j++) {
    let max = 0;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const a = Math.abs(w[k * N + j]);
      max = Math.max(max, a);
      sum += a;
    }
    const step = Math.max(max / 32767, sum / limit) || 1;
    for (let k = 0; k < K; k++) wq[((k >> 1) * N + j) * 2 + (k & 1)] = Math.round(w[k * N + j] / step);
    scale[j] = step / Q;
  }
  return { wq, scale };
}

interface QuantizedMatrix {
  w: number;
  scale: number;
}

export class LacKernelRunner {
  static readonly EMIT_STRIDE = 64;
  private readonly memory: WebAssembly.Memory;
  private readonly k: Kernel;
  private readonly emb: Float32Array;
  private readonly l1: { w: number; bias: number }[];
  private readonly l2: { w: number; bias: number }[];
  private readonly rec: { gates: number; cand: number }[][];
  private readonly outW: number;
  private readonly outB: number;
  private readonly crf: { start: number; end: number; trans: number };
  private readonly T: number;
  private readonly table: number;
  private readonly slot: Int32Array;
  private nextSlot = 0;
  private readonly scratchBase: number;
  private capacity = { positions: 0, rows: 0 };
  private s = { proj: 0, x1: 0, x2: 0, emit: 0, slots: 0, starts: 0, lens: 0, h: 0, rh: 0, acc: 0, back: 0, tags: 0, score: 0, next: 0, lex: 0 };
  private readonly lexFeatures: number;

  /** int16 copies of the matrices whose inputs are GRU outputs, when built with int16: true. */
  private readonly quantized?: { l2: QuantizedMatrix[]; rec: { gates: QuantizedMatrix; cand: QuantizedMatrix }[][]; outW: QuantizedMatrix };

  /**
   * int16: the second layer's input projection, the recurrent products and the output layer in
   * int16 (about twice the multiply-adds per instruction; emissions move by ~1e-3, so a tag may
   * change where two paths score alike): an option, the float32 kernels are the default.
   */
  constructor(w: LacWeights, options: { int16?: boolean } = {}) {
    const module = kernelModule();
    if (!module) throw new Error('WebAssembly SIMD is not available');
    if (w.tags > LacKernelRunner.EMIT_STRIDE) throw new Error('LAC kernel: too many tags');
    let top = 64;
    const layout: [number, Float32Array | Int16Array][] = [];
    const put = (data: Float32Array | Int16Array) => {
      const at = top;
      layout.push([at, data]);
      top += Math.ceil((data.length * data.BYTES_PER_ELEMENT) / 64) * 64;
      return at;
    };
    const putQ = (m: Float32Array, K: number, N: number): QuantizedMatrix => {
      const { wq, scale } = quantizeColumns(m, K, N);
      return { w: put(wq), scale: put(scale) };
    };
    this.l1 = w.layers[0].map((d) => ({ w: put(d.w), bias: put(d.bias) }));
    this.l2 = w.layers[1].map((d) => ({ w: put(d.w), bias: put(d.bias) }));
    this.rec = w.layers.map((pair) => pair.map((d) => ({ gates: put(d.gates), cand: put(d.cand) })));
    const E = LacKernelRunner.EMIT_STRIDE;
    const outW = new Float32Array(2 * H * E);
    for (let k = 0; k < 2 * H; k++) outW.set(w.outW.subarray(k * w.tags, (k + 1) * w.tags), k * E);
    const outB = new Float32Array(E);
    outB.set(w.outB);
    this.outW = put(outW);
    this.outB = put(outB);
    if (options.int16) {
      this.quantized = {
        l2: w.layers[1].map((d) => putQ(d.w, 2 * H, G)),
        rec: w.layers.map((pair) => pair.map((d) => ({ gates: putQ(d.gates, H, 2 * H), cand: putQ(d.cand, H, H) }))),
        outW: putQ(outW, 2 * H, E),
      };
    }
    const padded = (rows: Float32Array, n: number) => {
      const p = new Float32Array(n * E);
      for (let r = 0; r < n; r++) p.set(rows.subarray(r * w.tags, (r + 1) * w.tags), r * E);
      return p;
    };
    this.crf = { start: put(padded(w.start, 1)), end: put(padded(w.end, 1)), trans: put(padded(w.trans, w.tags)) };
    this.T = w.tags;
    this.table = top;
    top += w.vocabSize * 2 * G * 4;
    this.scratchBase = top;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(top / PAGE) });
    this.k = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as Kernel;
    const f = new Float32Array(this.memory.buffer);
    const i16 = new Int16Array(this.memory.buffer);
    for (const [at, data] of layout) {
      if (data instanceof Float32Array) f.set(data, at / 4);
      else i16.set(data, at / 2);
    }
    this.emb = w.emb;
    this.slot = new Int32Array(w.vocabSize).fill(-1);
    this.lexFeatures = w.lexiconFeatures ?? 0;
  }

  /** Best CRF tag ids of each sequence of character ids (all non-empty, sorted longest first). */
  tags(seqs: readonly Int32Array[], lexicon?: readonly Float32Array[]): Uint8Array[] {
    this.forward(seqs, lexicon);
    const s = this.s;
    const E = LacKernelRunner.EMIT_STRIDE;
    this.k.viterbiBatch(s.emit, E, s.starts, s.lens, seqs.length, this.T, this.crf.start, this.crf.end, this.crf.trans, s.back, s.tags, s.score, s.next);
    const bytes = new Uint8Array(this.memory.buffer);
    const out: Uint8Array[] = [];
    let p = s.tags;
    for (const seq of seqs) {
      out.push(bytes.slice(p, p + seq.length));
      p += seq.length;
    }
    return out;
  }

  /** Emissions of each sequence of character ids (all non-empty, sorted longest first). */
  emissions(seqs: readonly Int32Array[], withHidden = false, lexicon?: readonly Float32Array[]): BatchEmissions[] {
    const P = this.forward(seqs, lexicon);
    const s = this.s;
    const E = LacKernelRunner.EMIT_STRIDE;
    // One copy of the batch's emissions, so that later batches may reuse the scratch.
    const f = new Float32Array(this.memory.buffer);
    const data = f.slice(s.emit / 4, s.emit / 4 + P * E);
    // Both kernels leave the last layer's float output in x2 (int16 quantises a copy into x1).
    const hidden = withHidden ? f.slice(s.x2 / 4, s.x2 / 4 + P * 2 * H) : undefined;
    const out: BatchEmissions[] = [];
    let p = 0;
    for (const seq of seqs) {
      out.push({ data, offset: p * E, stride: E, hidden: hidden && { data: hidden, offset: p * 2 * H } });
      p += seq.length;
    }
    return out;
  }

  /**
   * The network up to the emissions, left in the scratch at s.emit; returns the number of
   * positions. `lexicon`: each sequence's word-list features (lexiconFeatures rows per position).
   */
  private forward(seqs: readonly Int32Array[], lexicon?: readonly Float32Array[]): number {
    const B = seqs.length;
    let P = 0;
    for (const s of seqs) P += s.length;
    this.ensure(P, B);
    const k = this.k;
    const s = this.s;
    const E = LacKernelRunner.EMIT_STRIDE;
    const f = new Float32Array(this.memory.buffer);
    const i32 = new Int32Array(this.memory.buffer);

    // First-layer projections of characters never seen before, into fresh (consecutive) table slots.
    const first = this.nextSlot;
    for (const seq of seqs) {
      for (let t = 0; t < seq.length; t++) {
        const id = seq[t];
        if (this.slot[id] < 0) {
          f.set(this.emb.subarray(id * H, (id + 1) * H), s.x1 / 4 + (this.nextSlot - first) * H);
          this.slot[id] = this.nextSlot++;
        }
      }
    }
    const fresh = this.nextSlot - first;
    if (fresh > 0) {
      const out = this.table + first * 2 * G * 4;
      for (let d = 0; d < 2; d++) {
        k.fillRows(out + d * G * 4, 2 * G, fresh, this.l1[d].bias, G);
        k.gemmAcc(s.x1, H, H, fresh, this.l1[d].w, G, G, out + d * G * 4, 2 * G);
      }
    }

    let p = 0;
    for (let b = 0; b < B; b++) {
      const seq = seqs[b];
      i32[s.starts / 4 + b] = p;
      i32[s.lens / 4 + b] = seq.length;
      for (let t = 0; t < seq.length; t++) i32[s.slots / 4 + p + t] = this.slot[seq[t]];
      p += seq.length;
    }
    k.gatherRows(this.table, 2 * G, s.slots, P, 2 * G, s.proj, 2 * G);
    const F = this.lexFeatures;
    if (F > 0 && lexicon) {
      let at = s.lex / 4;
      for (const x of lexicon) {
        f.set(x, at);
        at += x.length;
      }
      for (let d = 0; d < 2; d++) k.gemmAcc(s.lex, F, F, P, this.l1[d].w + H * G * 4, G, G, s.proj + d * G * 4, 2 * G);
    }
    const qz = this.quantized;
    if (!qz) {
      for (let d = 0; d < 2; d++) k.gruRun(s.proj, 2 * G, d * G, s.starts, s.lens, B, d, this.rec[0][d].gates, this.rec[0][d].cand, s.x1, 2 * H, d * H, s.h, s.rh, s.acc);
      for (let d = 0; d < 2; d++) {
        k.fillRows(s.proj + d * G * 4, 2 * G, P, this.l2[d].bias, G);
        k.gemmAcc(s.x1, 2 * H, 2 * H, P, this.l2[d].w, G, G, s.proj + d * G * 4, 2 * G);
      }
      for (let d = 0; d < 2; d++) k.gruRun(s.proj, 2 * G, d * G, s.starts, s.lens, B, d, this.rec[1][d].gates, this.rec[1][d].cand, s.x2, 2 * H, d * H, s.h, s.rh, s.acc);
      k.fillRows(s.emit, E, P, this.outB, E);
      k.gemmAcc(s.x2, 2 * H, 2 * H, P, this.outW, E, E, s.emit, E);
      return P;
    }
    // int16: each layer's output quantised into the buffer that is free at that point (x2, then x1).
    const gru = (layer: number, out: number) => {
      for (let d = 0; d < 2; d++) {
        const r = qz.rec[layer][d];
        k.gruRunQ(s.proj, 2 * G, d * G, s.starts, s.lens, B, d, r.gates.w, r.gates.scale, r.cand.w, r.cand.scale, Q, out, 2 * H, d * H, s.h, s.rh, s.acc);
      }
    };
    gru(0, s.x1);
    k.quantizeRows(s.x1, 2 * H, P, 2 * H, s.x2, 2 * H, Q);
    for (let d = 0; d < 2; d++) {
      k.fillRows(s.proj + d * G * 4, 2 * G, P, this.l2[d].bias, G);
      k.gemmQAcc(s.x2, 2 * H, 2 * H, P, qz.l2[d].w, G, qz.l2[d].scale, s.proj + d * G * 4, 2 * G);
    }
    gru(1, s.x2);
    k.quantizeRows(s.x2, 2 * H, P, 2 * H, s.x1, 2 * H, Q);
    k.fillRows(s.emit, E, P, this.outB, E);
    k.gemmQAcc(s.x1, 2 * H, 2 * H, P, qz.outW.w, E, qz.outW.scale, s.emit, E);
    return P;
  }

  private ensure(positions: number, rows: number): void {
    const c = this.capacity;
    if (positions <= c.positions && rows <= c.rows) return;
    const P = Math.max(positions, c.positions, 256);
    const B = Math.max(rows, c.rows, 16);
    let top = this.scratchBase;
    const take = (bytes: number) => {
      const at = top;
      top += Math.ceil(bytes / 64) * 64;
      return at;
    };
    // x1 also receives the embeddings of new characters (at most one per position): H ≤ 2H floats each.
    this.s = {
      proj: take(P * 2 * G * 4),
      x1: take(P * 2 * H * 4),
      x2: take(P * 2 * H * 4),
      emit: take(P * LacKernelRunner.EMIT_STRIDE * 4),
      slots: take(P * 4),
      starts: take(B * 4),
      lens: take(B * 4),
      h: take(B * H * 4),
      rh: take(B * H * 4), // also the int16 h and r·h of gruRunQ
      acc: take(B * G * 4),
      back: take(P * LacKernelRunner.EMIT_STRIDE * 4),
      tags: take(P),
      score: take(LacKernelRunner.EMIT_STRIDE * 4),
      next: take(LacKernelRunner.EMIT_STRIDE * 4),
      lex: take(P * Math.max(1, this.lexFeatures) * 4),
    };
    const have = this.memory.buffer.byteLength;
    if (top > have) this.memory.grow(Math.ceil((top - have) / PAGE));
    this.capacity = { positions: P, rows: B };
  }
}

/**
 * The kernels' float32 matrix product on a memory of its own, for a product outside LAC's network:
 * the name network's output layer with a workspace's corrections, redone for every character of
 * the open documents after each decision (tagger.ts adjustedLogProbs).
 */
export class KernelGemm {
  private readonly memory: WebAssembly.Memory;
  private readonly k: Kernel;

  private constructor(module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: 1 });
    this.k = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as Kernel;
  }

  /** Undefined where WebAssembly SIMD is not available. */
  static create(): KernelGemm | undefined {
    const module = kernelModule();
    return module ? new KernelGemm(module) : undefined;
  }

  /**
   * x (m × k, row-major) · w (k × n, row-major; n a multiple of 32), as m × n. `fill` writes x
   * straight into the kernels' memory (row i at i · k).
   */
  product(m: number, k: number, fill: (x: Float32Array) => void, w: Float32Array, n: number): Float32Array {
    if (n % 32 !== 0) throw new Error('KernelGemm: columns must be a multiple of 32');
    const xBytes = m * k * 4;
    const wAt = Math.ceil(xBytes / 64) * 64;
    const outAt = wAt + Math.ceil((k * n * 4) / 64) * 64;
    const top = outAt + m * n * 4;
    const have = this.memory.buffer.byteLength;
    if (top > have) this.memory.grow(Math.ceil((top - have) / PAGE));
    const buf = this.memory.buffer;
    fill(new Float32Array(buf, 0, m * k));
    new Float32Array(buf, wAt, k * n).set(w);
    const out = new Float32Array(buf, outAt, m * n);
    out.fill(0);
    this.k.gemmAcc(0, k, k, m, wAt, n, n, outAt, n);
    return out.slice();
  }
}
