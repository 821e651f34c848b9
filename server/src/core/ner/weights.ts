import { FEATURE_SLOTS } from './features';
import { FeatureIndex } from './featureIndex';
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

/**
 * The shipped form: only features with a weight worth keeping, each a row of int8 weights with its
 * own float scale (weights within one feature have similar magnitudes, across features they do
 * not, so a per-row scale keeps int8 accurate).
 */
export class QuantizedWeights implements EmissionScorer {
  constructor(
    readonly index: FeatureIndex,
    /** rows * NUM_TAGS int8 weights. */
    readonly q: Int8Array,
    readonly scale: Float32Array,
  ) {}

  get rows(): number {
    return this.scale.length;
  }

  emissions(feats: Int32Array, n: number, out: Float32Array): void {
    const L = NUM_TAGS;
    const { index, q, scale } = this;
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
        const sc = scale[row];
        for (let t = 0; t < L; t++) out[o + t] += q[base + t] * sc;
      }
    }
  }
}

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
  return new QuantizedWeights(new FeatureIndex(keys), q, scale);
}
