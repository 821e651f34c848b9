/**
 * Maps feature hashes (non-zero int32) to weight rows with open addressing on typed arrays. Unlike
 * a fixed hashed weight table, an unseen feature finds no row instead of borrowing the weights of
 * whatever shares its bucket.
 */
export class FeatureIndex {
  /** Interleaved (key, row) pairs, so a probe touches one cache line; key 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** Row r is keys[r]. Keys must be distinct and non-zero. */
  constructor(readonly keys: Int32Array) {
    const size = tableSize(keys.length);
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let r = 0; r < keys.length; r++) {
      let slot = mixKey(keys[r]) & this.mask;
      while (this.slots[slot * 2] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = keys[r];
      this.slots[slot * 2 + 1] = r;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** Row of a feature hash, or -1. */
  get(key: number): number {
    const slots = this.slots;
    let slot = mixKey(key) & this.mask;
    for (;;) {
      const k = slots[slot * 2];
      if (k === key) return slots[slot * 2 + 1];
      if (k === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Open-addressing table size for n keys: a power of two keeping the load under 0.6. */
export function tableSize(n: number): number {
  let size = 16;
  while (size * 0.6 < n) size <<= 1;
  return size;
}

// Keys are already hashes, but their low bits feed the slot, so one cheap remix guards against
// templates whose values differ only in high bits.
export function mixKey(k: number): number {
  k = Math.imul(k ^ (k >>> 16), 0x45d9f3b);
  return k ^ (k >>> 16);
}

/** Features occurring at least minCount times in feats (0 entries ignored), keys ascending as uint32. */
export function frequentFeatures(feats: Int32Array, minCount: number): Int32Array {
  let size = 1 << 20;
  let keys = new Int32Array(size);
  let counts = new Uint32Array(size);
  let used = 0;
  for (let i = 0; i < feats.length; i++) {
    const key = feats[i];
    if (key === 0) continue;
    let slot = mixKey(key) & (size - 1);
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & (size - 1);
    if (keys[slot] === 0) {
      keys[slot] = key;
      if (++used * 2 > size) {
        const oldKeys = keys;
        const oldCounts = counts;
        counts[slot]++;
        size <<= 1;
        keys = new Int32Array(size);
        counts = new Uint32Array(size);
        for (let s = 0; s < oldKeys.length; s++) {
          if (oldKeys[s] === 0) continue;
          let t = mixKey(oldKeys[s]) & (size - 1);
          while (keys[t] !== 0) t = (t + 1) & (size - 1);
          keys[t] = oldKeys[s];
          counts[t] = oldCounts[s];
        }
        continue;
      }
    }
    counts[slot]++;
  }
  let kept = 0;
  for (let s = 0; s < size; s++) if (keys[s] !== 0 && counts[s] >= minCount) kept++;
  const out = new Uint32Array(kept);
  let j = 0;
  for (let s = 0; s < size; s++) if (keys[s] !== 0 && counts[s] >= minCount) out[j++] = keys[s] >>> 0;
  out.sort();
  return new Int32Array(out.buffer);
}
