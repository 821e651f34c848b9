import { hashFinish, hashRange, hashStep } from './hash';

const SEED_A = 0x3c6ef372;
const SEED_B = 0x1f83d9ab;

/** Marks an entry that is a proper prefix of some word, so prefix scans know when to stop. */
const PREFIX = 0x80;

/**
 * A set of short words with a small bit mask (bits 0–6) per word, looked up by text range without
 * slicing strings. Keys are two independent 32-bit hashes, so a false hit needs a 64-bit collision.
 * Every proper prefix of a word is stored too, which lets lookupPrefixes stop at the first
 * extension that no word begins with instead of trying every length.
 */
export class WordTable {
  private keyA: Int32Array;
  private keyB: Int32Array;
  private values: Uint8Array;
  private mask: number;
  private count = 0;
  maxLength = 0;

  constructor(expectedWords: number) {
    let size = 16;
    while (size < expectedWords * 2) size <<= 1;
    this.keyA = new Int32Array(size);
    this.keyB = new Int32Array(size);
    this.values = new Uint8Array(size);
    this.mask = size - 1;
  }

  /** Entries stored, prefixes included. */
  get size(): number {
    return this.count;
  }

  /** ORs bits (0–0x7f) into the word's mask. */
  add(word: string, bits: number): void {
    for (let len = 1; len < word.length; len++) this.put(word, len, PREFIX);
    this.put(word, word.length, bits & 0x7f);
    if (word.length > this.maxLength) this.maxLength = word.length;
  }

  private put(word: string, len: number, bits: number): void {
    if (len === 0) return;
    if (this.count * 2 >= this.values.length) this.grow();
    const a = hashFinish(hashRange(word, 0, len, SEED_A)) | 0;
    const b = hashFinish(hashRange(word, 0, len, SEED_B)) | 1; // never 0: 0 marks empty
    let slot = a & this.mask;
    while (this.keyB[slot] !== 0 && (this.keyA[slot] !== a || this.keyB[slot] !== b)) slot = (slot + 1) & this.mask;
    if (this.keyB[slot] === 0) {
      this.keyA[slot] = a;
      this.keyB[slot] = b;
      this.count++;
    }
    this.values[slot] |= bits;
  }

  private grow(): void {
    const { keyA, keyB, values } = this;
    const size = values.length * 2;
    this.keyA = new Int32Array(size);
    this.keyB = new Int32Array(size);
    this.values = new Uint8Array(size);
    this.mask = size - 1;
    for (let s = 0; s < keyB.length; s++) {
      if (keyB[s] === 0) continue;
      let slot = keyA[s] & this.mask;
      while (this.keyB[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keyA[slot] = keyA[s];
      this.keyB[slot] = keyB[s];
      this.values[slot] = values[s];
    }
  }

  /**
   * Masks of every word starting at `start`, by length: out[len] for len in 1..maxLen (out[0] is
   * unused). Hashes are extended one character at a time instead of rehashing each prefix.
   */
  lookupPrefixes(text: string, start: number, maxLen: number, out: Uint8Array): void {
    let ha = SEED_A;
    let hb = SEED_B;
    const limit = Math.min(maxLen, this.maxLength, text.length - start);
    for (let len = 1; len <= maxLen; len++) out[len] = 0;
    for (let len = 1; len <= limit; len++) {
      const c = text.charCodeAt(start + len - 1);
      ha = hashStep(ha, c);
      hb = hashStep(hb, c);
      const v = this.find(hashFinish(ha) | 0, hashFinish(hb) | 1);
      out[len] = v & 0x7f;
      if (!(v & PREFIX)) break;
    }
  }

  /** The mask of text[start, end), 0 when absent. */
  lookup(text: string, start: number, end: number): number {
    return 0x7f & this.find(hashFinish(hashRange(text, start, end, SEED_A)) | 0, hashFinish(hashRange(text, start, end, SEED_B)) | 1);
  }

  private find(a: number, b: number): number {
    let slot = a & this.mask;
    for (;;) {
      const kb = this.keyB[slot];
      if (kb === 0) return 0;
      if (kb === b && this.keyA[slot] === a) return this.values[slot];
      slot = (slot + 1) & this.mask;
    }
  }
}
