// 32-bit MurmurHash3 steps over small integers. Features are hashed straight from character codes
// and ids, so extraction allocates no strings.

export const HASH_SEED = 0x5bd1e995;

export function hashStep(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export function hashFinish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of text[start, end) from its code units, starting from seed. */
export function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = seed;
  for (let i = start; i < end; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

/** Hash of a whole string (used for POS tags and word-set keys). */
export function hashString(s: string, seed = HASH_SEED): number {
  return hashFinish(hashRange(s, 0, s.length, seed));
}
