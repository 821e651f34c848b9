// jieba's segmentation and tagging, computed in TypeScript over nodejieba's own data files (the
// dictionary, the user dictionary, the HMM model). nodejieba's native loader needs about 1.5 s to
// build its trie; this reads the same dictionary into typed arrays in a few hundred milliseconds,
// which the artifact detector loads anyway. The language server segments with it alone and never
// loads nodejieba's addon (server.ts); the CLI and batch runs use nodejieba, and
// test/unit/dictSegmenter.test.ts measures how closely the two agree.
import * as fs from 'fs';
import type { WordCounts } from './artifacts/wordCounts';
import { hmmCut, parseHmmModel, type HmmModel } from './jiebaHmm';
import { withOffsets, type Segmenter } from './segmenter';
import type { Token } from './types';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** jieba's separators: each is a word of its own and the text between them is cut separately. */
const SEPARATORS = new Set([0x20, 0x09, 0x0a, 0xff0c, 0x3002]);

interface Lexicon {
  /** log(freq / total) of a word, undefined when it is not a word. */
  weight(word: string): number | undefined;
  tag(word: string): string | undefined;
  longestFrom(codeUnit: number): number;
  minWeight: number;
  /** Single characters of the user dictionary: never handed to the HMM. */
  userSingles: Set<number>;
}

export interface DictSegmenterFiles {
  dictionary: WordCounts;
  hmmModel: string;
  userDictionary?: string;
}

export class DictSegmenter implements Segmenter {
  private constructor(
    private readonly lexicon: Lexicon,
    private readonly hmm: HmmModel,
  ) {}

  /** From the loaded main dictionary and the paths of the HMM model and the user dictionary. */
  static fromFiles(files: DictSegmenterFiles): DictSegmenter {
    const hmm = parseHmmModel(fs.readFileSync(files.hmmModel, 'utf8'));
    const user = files.userDictionary && fs.existsSync(files.userDictionary) ? fs.readFileSync(files.userDictionary, 'utf8') : '';
    return new DictSegmenter(lexiconOf(files.dictionary, user), hmm);
  }

  tag(original: string): Token[] {
    // nodejieba sees the text as UTF-8, where a lone surrogate becomes U+FFFD; its words are then
    // placed in the original text, where they are not found and are skipped. The same here.
    const text = original.replace(LONE_SURROGATE, '\ufffd');
    const pairs: { word: string; tag: string }[] = [];
    // Code points, as jieba works on runes: a surrogate pair is one character.
    const cps: number[] = [];
    const at: number[] = [];
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      cps.push(cp);
      at.push(i);
      i += cp > 0xffff ? 2 : 1;
    }
    at.push(text.length);
    const ends: number[] = [];
    for (let i = 0; i < cps.length; ) {
      if (SEPARATORS.has(cps[i])) {
        ends.push(++i);
        continue;
      }
      let j = i;
      while (j < cps.length && !SEPARATORS.has(cps[j])) j++;
      this.cutMixed(text, cps, at, i, j, ends);
      i = j;
    }
    let from = 0;
    for (const end of ends) {
      const word = text.slice(at[from], at[end]);
      pairs.push({ word, tag: this.lexicon.tag(word) || specialTag(cps, from, end) });
      from = end;
    }
    return withOffsets(original, pairs);
  }

  /** Dictionary words by maximum probability, then runs of lone characters through the HMM. */
  private cutMixed(text: string, cps: number[], at: number[], from: number, to: number, out: number[]): void {
    const words = this.maxProbability(text, cps, at, from, to);
    const single = (end: number, begin: number): boolean => end - begin === 1 && !this.lexicon.userSingles.has(cps[begin]);
    let start = from;
    for (let k = 0; k < words.length; ) {
      if (!single(words[k], start)) {
        out.push(words[k]);
        start = words[k++];
        continue;
      }
      const runStart = start;
      while (k < words.length && single(words[k], start)) start = words[k++];
      hmmCut(this.hmm, cps, runStart, start, out);
    }
  }

  /** The route of highest summed log-probability through the dictionary's words; ends of words. */
  private maxProbability(text: string, cps: number[], at: number[], from: number, to: number): number[] {
    const n = to - from;
    const best = new Float64Array(n + 1);
    const next = new Int32Array(n);
    const { lexicon } = this;
    for (let i = n - 1; i >= 0; i--) {
      const p = from + i;
      // One character is always a candidate; longer ones only when the dictionary lists them.
      let bestWeight = (lexicon.weight(text.slice(at[p], at[p + 1])) ?? lexicon.minWeight) + best[i + 1];
      let bestEnd = i + 1;
      const limit = lexicon.longestFrom(text.charCodeAt(at[p]));
      for (let j = i + 2; j <= n && at[from + j] - at[p] <= limit; j++) {
        const w = lexicon.weight(text.slice(at[p], at[from + j]));
        if (w === undefined) continue;
        // Strictly greater: on a tie the shorter word wins, as in jieba.
        if (w + best[j] > bestWeight) {
          bestWeight = w + best[j];
          bestEnd = j;
        }
      }
      best[i] = bestWeight;
      next[i] = bestEnd;
    }
    const ends: number[] = [];
    for (let i = 0; i < n; i = next[i]) ends.push(from + next[i]);
    return ends;
  }
}

/** jieba's tag for a word its dictionary does not tag: m for ASCII digits, eng for other ASCII, else x. */
function specialTag(cps: number[], from: number, to: number): string {
  const size = to - from;
  let ascii = 0;
  let digits = 0;
  // jieba stops counting once half the word is known to be ASCII.
  for (let i = from; i < to && ascii < Math.floor(size / 2); i++) {
    if (cps[i] < 0x80) {
      ascii++;
      if (cps[i] >= 0x30 && cps[i] <= 0x39) digits++;
    }
  }
  if (ascii === 0) return 'x';
  return digits === ascii ? 'm' : 'eng';
}

function lexiconOf(dictionary: WordCounts, userText: string): Lexicon {
  const freqs = dictionary.frequencies();
  let total = 0;
  for (let i = 0; i < freqs.length; i++) total += freqs[i];
  const sorted = Float64Array.from(freqs).sort();
  const minWeight = Math.log(sorted[0] / total);
  // Words of the user dictionary without a frequency weigh as the median word, as in jieba.
  const median = Math.log(sorted[sorted.length >> 1] / total);
  const user = new Map<string, { weight: number; tag: string }>();
  const userSingles = new Set<number>();
  let userLongest = 0;
  for (const line of userText.split('\n')) {
    const cols = line.replace(/\r$/, '').split(' ');
    if (!cols[0]) continue;
    const word = cols[0];
    if (cols.length === 1) user.set(word, { weight: median, tag: '' });
    else if (cols.length === 2) user.set(word, { weight: median, tag: cols[1] });
    else if (cols.length === 3) user.set(word, { weight: Math.log((parseInt(cols[1], 10) || 0) / total), tag: cols[2] });
    else continue;
    userLongest = Math.max(userLongest, word.length);
    if (Array.from(word).length === 1) userSingles.add(word.codePointAt(0)!);
  }
  return {
    weight: (w) => {
      const u = user.get(w);
      if (u) return u.weight;
      const f = dictionary.get(w);
      return f === undefined ? undefined : Math.log(f / total);
    },
    tag: (w) => user.get(w)?.tag ?? dictionary.tagOf(w),
    longestFrom: (c) => Math.max(dictionary.longestFrom(c), userLongest),
    minWeight,
    userSingles,
  };
}
