/**
 * Maps feature hashes (non-zero int32) to weight rows with open addressing on typed arrays. Unlike
 * a fixed hashed weight table, an unseen feature finds no row instead of borrowing the weights of
 * whatever shares its bucket.
 */
export class FeatureIndex {
  private readonly slotKeys: Int32Array;
  private readonly slotRows: Int32Array;
  private readonly mask: number;

  /** Row r is keys[r]. Keys must be distinct and non-zero. */
  constructor(readonly keys: Int32Array) {
    let size = 16;
    while (size < keys.length * 2) size <<= 1;
    this.slotKeys = new Int32Array(size);
    this.slotRows = new Int32Array(size);
    this.mask = size - 1;
    for (let r = 0; r < keys.length; r++) {
      const k = keys[r];
      let slot = mix(k) & this.mask;
      while (this.slotKeys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slotKeys[slot] = k;
      this.slotRows[slot] = r;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** Row of a feature hash, or -1. */
  get(key: number): number {
    let slot = mix(key) & this.mask;
    for (;;) {
      const k = this.slotKeys[slot];
      if (k === key) return this.slotRows[slot];
      if (k === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}

// Keys are already hashes, but their low bits feed the slot, so one cheap remix guards against
// templates whose values differ only in high bits.
function mix(k: number): number {
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
    let slot = mix(key) & (size - 1);
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
          let t = mix(oldKeys[s]) & (size - 1);
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
