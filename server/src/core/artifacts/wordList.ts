import * as fs from 'fs';
import * as OpenCC from 'opencc-js';
import STCharacters from 'opencc-js/dict/STCharacters';
import { JiebaSegmenter } from '../jiebaSegmenter';
import { toSimplifiedText } from '../simplify';
import type { WordFrequency } from './types';
import { WordCounts } from './wordCounts';

// The word list that ranks recovery candidates: jieba's dictionary frequencies, keyed by
// simplified words. Loaded on first use only (a few hundred ms), and replaceable so tests can
// run with a small fake.

let injected: WordFrequency | undefined;
let loaded: WordFrequency | undefined;
let loadedWords: WordCounts | undefined;
let generation = 0;

/** Replaces the word list (tests); undefined restores jieba's dictionary. */
export function setWordFrequency(fn: WordFrequency | undefined): void {
  injected = fn;
  generation++;
}

/** Changes whenever the word list is replaced, so results ranked with the old one can be dropped. */
export function wordListGeneration(): number {
  return generation;
}

export function wordFrequency(): WordFrequency {
  if (injected) return injected;
  if (!loaded) loaded = loadJiebaFrequencies();
  return loaded;
}

function loadJiebaFrequencies(): WordFrequency {
  let text: string;
  try {
    text = fs.readFileSync(JiebaSegmenter.dictionaryPath(), 'utf8');
  } catch {
    // Without the dictionary candidates keep their structural order; nothing else breaks.
    return () => 0;
  }
  const map = new WordCounts(text);
  loadedWords = map;
  return (w) => map.get(w) ?? 0;
}

/** jieba's dictionary itself (undefined when its file cannot be read), loaded once for every user. */
export function jiebaWords(): WordCounts | undefined {
  loaded ??= loadJiebaFrequencies();
  return loadedWords;
}

let pairIndex: { byFirst: Map<string, string[]>; byLast: Map<string, string[]> } | undefined;

/**
 * Two-character words by their first and by their last character, most frequent first, for
 * guessing a lost character from its neighbours. Undefined while a replacement word list (which
 * cannot be enumerated) is in use.
 */
export function twoCharWords(): { byFirst: Map<string, string[]>; byLast: Map<string, string[]> } | undefined {
  if (injected) return undefined;
  wordFrequency();
  if (!loadedWords) return undefined;
  if (!pairIndex) {
    const byFirst = new Map<string, string[]>();
    const byLast = new Map<string, string[]>();
    for (const w of loadedWords.keys()) {
      if (w.length !== 2) continue;
      (byFirst.get(w[0]) ?? byFirst.set(w[0], []).get(w[0])!).push(w);
      (byLast.get(w[1]) ?? byLast.set(w[1], []).get(w[1])!).push(w);
    }
    const byFrequency = (a: string, b: string) => (loadedWords!.get(b) ?? 0) - (loadedWords!.get(a) ?? 0);
    for (const list of [...byFirst.values(), ...byLast.values()]) list.sort(byFrequency);
    pairIndex = { byFirst, byLast };
  }
  return pairIndex;
}

/** The pipeline's own traditional → simplified converter (one copy of OpenCC's tables). */
export function toSimplified(s: string): string {
  return toSimplifiedText(s);
}

let s2t: ((s: string) => string) | undefined;

/**
 * Traditional forms of simplified characters, character by character: callers pass single
 * characters, for which OpenCC's 1 MB phrase table (and the ~0.3 s it takes to load) adds nothing.
 */
export function toTraditional(s: string): string {
  s2t ??= OpenCC.ConverterFactory([STCharacters]);
  return s2t(s);
}

/** Roughly jieba's total count; only the ratio between candidates matters. */
const TOTAL = 6e7;
const MAX_WORD = 6;

/**
 * Log-probability of the best segmentation of a window under a unigram model of the word list
 * (jieba's own criterion). Characters the list does not know cost as much as a word seen once.
 */
export function windowScore(window: string, freq: WordFrequency): number {
  const chars = Array.from(window);
  const n = chars.length;
  const best = new Array<number>(n + 1).fill(-Infinity);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    let w = '';
    for (let j = i; j < Math.min(n, i + MAX_WORD); j++) {
      w += chars[j];
      const f = freq(w);
      const lp = f > 0 ? Math.log(f / TOTAL) : j === i ? Math.log(0.5 / TOTAL) : -Infinity;
      if (lp > -Infinity && best[i] + lp > best[j + 1]) best[j + 1] = best[i] + lp;
    }
  }
  return best[n];
}
