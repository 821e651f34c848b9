// jieba's dictionary ("word freq tag" lines, ~350,000 of them) as a lookup table that keeps the file's
// text and indexes it with typed arrays. A Map of the same words held a JavaScript string and an
// entry object per word: several times the memory and most of the load time, for a table that is
// only ever asked "how frequent is this word".

/** Word → frequency over the text of a jieba dictionary; words with frequency 0 are left out. */
export class WordCounts {
  private readonly starts: Int32Array;
  private readonly lengths: Uint8Array;
  private readonly freqs: Float64Array;
  /** Open addressing: entry index + 1 per slot, 0 for empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private count = 0;

  constructor(private readonly text: string) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    this.starts = new Int32Array(lines);
    this.lengths = new Uint8Array(lines);
    this.freqs = new Float64Array(lines);
    let size = 1024;
    while (size < lines * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let start = 0; start < text.length; ) {
      let nl = text.indexOf('\n', start);
      if (nl < 0) nl = text.length;
      const sp = text.indexOf(' ', start);
      if (sp > start && sp < nl && sp - start < 256) {
        const sp2 = text.indexOf(' ', sp + 1);
        const freq = Number(text.slice(sp + 1, sp2 > sp && sp2 < nl ? sp2 : nl));
        if (freq > 0) this.add(start, sp - start, freq);
      }
      start = nl + 1;
    }
  }

  get size(): number {
    return this.count;
  }

  /** Frequency of a word, undefined when the dictionary does not list it. */
  get(word: string): number | undefined {
    const e = this.entry(word);
    return e < 0 ? undefined : this.freqs[e];
  }

  /** The third column of the word's line (jieba's part-of-speech tag), '' when it has none. */
  tagOf(word: string): string | undefined {
    const e = this.entry(word);
    if (e < 0) return undefined;
    const end = this.starts[e] + this.lengths[e];
    const sp = this.text.indexOf(' ', end + 1);
    let nl = this.text.indexOf('\n', end);
    if (nl < 0) nl = this.text.length;
    return sp < 0 || sp > nl ? '' : this.text.slice(sp + 1, nl).trim();
  }

  /** Frequencies of every word, in dictionary order. */
  frequencies(): Float64Array {
    return this.freqs.subarray(0, this.count);
  }

  private entry(word: string): number {
    if (word.length === 0 || word.length > 255) return -1;
    for (let slot = hashOf(word, 0, word.length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot] - 1;
      if (e < 0) return -1;
      if (this.lengths[e] === word.length && this.text.startsWith(word, this.starts[e])) return e;
    }
  }

  private longest: Map<number, number> | undefined;

  /** The length (UTF-16 units) of the longest word starting with this code unit; 0 when none does. */
  longestFrom(codeUnit: number): number {
    if (!this.longest) {
      this.longest = new Map();
      for (let e = 0; e < this.count; e++) {
        const c = this.text.charCodeAt(this.starts[e]);
        if ((this.longest.get(c) ?? 0) < this.lengths[e]) this.longest.set(c, this.lengths[e]);
      }
    }
    return this.longest.get(codeUnit) ?? 0;
  }

  /** Every word, in dictionary order. */
  *keys(): IterableIterator<string> {
    for (let e = 0; e < this.count; e++) yield this.text.slice(this.starts[e], this.starts[e] + this.lengths[e]);
  }

  /** A word listed twice keeps its last frequency, as a Map filled line by line would. */
  private add(start: number, length: number, freq: number): void {
    for (let slot = hashOf(this.text, start, length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot] - 1;
      if (e < 0) {
        this.starts[this.count] = start;
        this.lengths[this.count] = length;
        this.freqs[this.count] = freq;
        this.slots[slot] = ++this.count;
        return;
      }
      if (this.lengths[e] === length && this.text.startsWith(this.text.slice(start, start + length), this.starts[e])) {
        this.freqs[e] = freq;
        return;
      }
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hashOf(s: string, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}
