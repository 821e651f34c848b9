import { FEATURE_SLOTS } from './features';
import { FeatureIndex, mixKey, tableSize } from './featureIndex';
import { NUM_TAGS } from './labels';

/** Anything that turns per-character feature hashes into per-tag emission scores. */
export interface EmissionScorer {
  /** out[i * NUM_TAGS + tag] = sum of the weights of character i's features (i < n). */
  emissions(feats: Int32Array, n: number, out: Float32Array): void;
}

/**
 * Emission scores from feature rows already resolved (row ids, -1 for none) and float weights
 * w[row * NUM_TAGS + tag]: the training loop's form, which resolves hashes once per corpus.
 */
export function emissionsByRow(w: Float32Array, rows: Int32Array, n: number, out: Float32Array): void {
  const L = NUM_TAGS;
  out.fill(0, 0, n * L);
  for (let i = 0; i < n; i++) {
    const o = i * L;
    const fo = i * FEATURE_SLOTS;
    for (let k = 0; k < FEATURE_SLOTS; k++) {
      const row = rows[fo + k];
      if (row < 0) continue;
      const base = row * L;
      for (let t = 0; t < L; t++) out[o + t] += w[base + t];
    }
  }
}

/** Float weights of indexed features: what training produces. */
export class DenseWeights implements EmissionScorer {
  constructor(
    readonly index: FeatureIndex,
    readonly w: Float32Array,
  ) {}

  emissions(feats: Int32Array, n: number, out: Float32Array): void {
    const L = NUM_TAGS;
    const { index, w } = this;
    out.fill(0, 0, n * L);
    for (let i = 0; i < n; i++) {
      const o = i * L;
      const fo = i * FEATURE_SLOTS;
      for (let k = 0; k < FEATURE_SLOTS; k++) {
        const key = feats[fo + k];
        if (key === 0) continue;
        const row = index.get(key);
        if (row < 0) continue;
        const base = row * L;
        for (let t = 0; t < L; t++) out[o + t] += w[base + t];
      }
    }
  }
}

// QuantizedWeights.emissions is unrolled for exactly this many tags.
if (NUM_TAGS !== 13) throw new Error('QuantizedWeights.emissions assumes 13 tags');

/** Bytes per lookup slot: key (4), scale (4), NUM_TAGS int8 weights, padded to 4 bytes. */
const SLOT_BYTES = 8 + ((NUM_TAGS + 3) & ~3);
const SLOT_INTS = SLOT_BYTES / 4;

/** QuantizedWeights' memory: slots of SLOT_BYTES (a power-of-two count) and the key filter. */
export interface WeightTable {
  slots: Uint8Array;
  filter: Int32Array;
  rows: number;
}

/**
 * The shipped form: only features with a weight worth keeping, each a row of int8 weights with its
 * own float scale (weights within one feature have similar magnitudes, across features they do
 * not, so a per-row scale keeps int8 accurate). Scoring is bound by memory latency, so each
 * open-addressing slot holds the key, the scale and the weights together: one cache line per
 * feature.
 */
export class QuantizedWeights implements EmissionScorer {
  /**
   * One bit per (second) hash of each key, about 16 bits per key. About one lookup in six is
   * for a feature the model dropped (most character trigrams, many bigrams); the filter is
   * small enough to stay in cache and rejects ~95 % of those without touching the slot table.
   */
  private readonly filter: Int32Array;
  private readonly filterShift: number;
  private readonly ints: Int32Array;
  private readonly floats: Float32Array;
  private readonly bytes: Int8Array;
  private readonly mask: number;
  readonly rows: number;

  /** keys[r] is the feature hash of row r, q[r * NUM_TAGS + tag] its weights, scale[r] their scale. */
  constructor(keys: Int32Array, q: Int8Array, scale: Float32Array);
  /** The table and filter as table() gave them (an unpacked model file): nothing is rebuilt. */
  constructor(built: WeightTable);
  constructor(keys: Int32Array | WeightTable, q?: Int8Array, scale?: Float32Array) {
    if (!(keys instanceof Int32Array)) {
      const t = keys;
      if (t.slots.byteLength % SLOT_BYTES !== 0 || (t.slots.byteLength / SLOT_BYTES) & (t.slots.byteLength / SLOT_BYTES - 1)) throw new RangeError('weight table size is not a power of two');
      const buffer = t.slots.buffer;
      this.ints = new Int32Array(buffer, t.slots.byteOffset, t.slots.byteLength / 4);
      this.floats = new Float32Array(buffer, t.slots.byteOffset, t.slots.byteLength / 4);
      this.bytes = new Int8Array(buffer, t.slots.byteOffset, t.slots.byteLength);
      this.mask = t.slots.byteLength / SLOT_BYTES - 1;
      this.rows = t.rows;
      this.filter = t.filter;
      this.filterShift = 32 - Math.log2(t.filter.length * 32);
      return;
    }
    q = q!;
    scale = scale!;
    const size = tableSize(keys.length);
    const buffer = new ArrayBuffer(size * SLOT_BYTES);
    this.ints = new Int32Array(buffer);
    this.floats = new Float32Array(buffer);
    this.bytes = new Int8Array(buffer);
    this.mask = size - 1;
    this.rows = keys.length;
    let filterBits = 1 << 10;
    while (filterBits < keys.length * 16) filterBits <<= 1;
    this.filter = new Int32Array(filterBits >>> 5);
    this.filterShift = 32 - Math.log2(filterBits);
    for (let r = 0; r < keys.length; r++) {
      const bit = Math.imul(keys[r], 0x9e3779b1) >>> this.filterShift;
      this.filter[bit >>> 5] |= 1 << (bit & 31);
      let slot = mixKey(keys[r]) & this.mask;
      while (this.ints[slot * SLOT_INTS] !== 0) slot = (slot + 1) & this.mask;
      this.ints[slot * SLOT_INTS] = keys[r];
      this.floats[slot * SLOT_INTS + 1] = scale[r];
      this.bytes.set(q.subarray(r * NUM_TAGS, (r + 1) * NUM_TAGS), slot * SLOT_BYTES + 8);
    }
  }

  /** The open-addressing table and the filter as they are in memory, for an unpacked model file. */
  table(): WeightTable {
    return { slots: new Uint8Array(this.ints.buffer, this.ints.byteOffset, this.ints.byteLength), filter: this.filter, rows: this.rows };
  }

  /** Scale and int8 weights of a feature hash, or undefined. */
  weightsOf(key: number): { scale: number; q: Int8Array } | undefined {
    const slot = this.find(key);
    if (slot < 0) return undefined;
    return { scale: this.floats[slot * SLOT_INTS + 1], q: this.bytes.slice(slot * SLOT_BYTES + 8, slot * SLOT_BYTES + 8 + NUM_TAGS) };
  }

  /** Every row as (keys, q, scale), in slot order. */
  entries(): { keys: Int32Array; q: Int8Array; scale: Float32Array } {
    const keys = new Int32Array(this.rows);
    const q = new Int8Array(this.rows * NUM_TAGS);
    const scale = new Float32Array(this.rows);
    let r = 0;
    for (let slot = 0; slot <= this.mask; slot++) {
      const key = this.ints[slot * SLOT_INTS];
      if (key === 0) continue;
      keys[r] = key;
      scale[r] = this.floats[slot * SLOT_INTS + 1];
      q.set(this.bytes.subarray(slot * SLOT_BYTES + 8, slot * SLOT_BYTES + 8 + NUM_TAGS), r * NUM_TAGS);
      r++;
    }
    return { keys, q, scale };
  }

  private find(key: number): number {
    let slot = mixKey(key) & this.mask;
    for (;;) {
      const k = this.ints[slot * SLOT_INTS];
      if (k === key) return slot;
      if (k === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  emissions(feats: Int32Array, n: number, out: Float32Array): void {
    const { ints, floats, bytes, mask, filter, filterShift } = this;
    for (let i = 0; i < n; i++) {
      // Thirteen scalar accumulators rather than `out[o + t] +=`: this is the hottest loop of
      // tagging, and locals stay in registers where typed-array stores would not.
      let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0, e8 = 0, e9 = 0, e10 = 0, e11 = 0, e12 = 0;
      const fo = i * FEATURE_SLOTS;
      for (let k = 0; k < FEATURE_SLOTS; k++) {
        const key = feats[fo + k];
        if (key === 0) continue;
        const bit = Math.imul(key, 0x9e3779b1) >>> filterShift;
        if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
        let slot = mixKey(key) & mask;
        let found = ints[slot * SLOT_INTS];
        while (found !== key && found !== 0) {
          slot = (slot + 1) & mask;
          found = ints[slot * SLOT_INTS];
        }
        if (found === 0) continue;
        const sc = floats[slot * SLOT_INTS + 1];
        const b = slot * SLOT_BYTES + 8;
        e0 += bytes[b] * sc;
        e1 += bytes[b + 1] * sc;
        e2 += bytes[b + 2] * sc;
        e3 += bytes[b + 3] * sc;
        e4 += bytes[b + 4] * sc;
        e5 += bytes[b + 5] * sc;
        e6 += bytes[b + 6] * sc;
        e7 += bytes[b + 7] * sc;
        e8 += bytes[b + 8] * sc;
        e9 += bytes[b + 9] * sc;
        e10 += bytes[b + 10] * sc;
        e11 += bytes[b + 11] * sc;
        e12 += bytes[b + 12] * sc;
      }
      const o = i * 13;
      out[o] = e0;
      out[o + 1] = e1;
      out[o + 2] = e2;
      out[o + 3] = e3;
      out[o + 4] = e4;
      out[o + 5] = e5;
      out[o + 6] = e6;
      out[o + 7] = e7;
      out[o + 8] = e8;
      out[o + 9] = e9;
      out[o + 10] = e10;
      out[o + 11] = e11;
      out[o + 12] = e12;
    }
  }}

/**
 * Keeps features whose largest absolute weight reaches minMagnitude and quantizes each kept row
 * to int8 with scale = max|w| / 127. Rows stay in the order of `index.keys`.
 */
export function quantize(index: FeatureIndex, w: Float32Array, minMagnitude: number): QuantizedWeights {
  const L = NUM_TAGS;
  const maxOf = (r: number) => {
    let max = 0;
    for (let t = 0; t < L; t++) max = Math.max(max, Math.abs(w[r * L + t]));
    return max;
  };
  const keep: number[] = [];
  for (let r = 0; r < index.size; r++) {
    const max = maxOf(r);
    if (max > 0 && max >= minMagnitude) keep.push(r);
  }
  const keys = new Int32Array(keep.length);
  const q = new Int8Array(keep.length * L);
  const scale = new Float32Array(keep.length);
  keep.forEach((r, j) => {
    keys[j] = index.keys[r];
    const sc = maxOf(r) / 127;
    scale[j] = sc;
    for (let t = 0; t < L; t++) q[j * L + t] = Math.round(w[r * L + t] / sc);
  });
  return new QuantizedWeights(keys, q, scale);
}
