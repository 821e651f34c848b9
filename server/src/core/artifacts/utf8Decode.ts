import { toSimplified, windowScore, wordFrequency } from './wordList';

// A strict UTF-8 reader for the mojibake detectors: they re-encode suspect text to the bytes it
// came from and need to know where well-formed UTF-8 sequences start and end. A byte the wrong
// decoder turned into U+FFFD is a WILDCARD: the sequences it could complete are all tried and the
// word list picks the one that fits its neighbours.

/** A byte lost to U+FFFD. */
export const WILDCARD = -1;

/** Length of the well-formed UTF-8 sequence at bytes[i] and its code point, or undefined. */
export function utf8At(bytes: readonly number[], i: number): { length: number; code: number } | undefined {
  const b0 = bytes[i];
  if (b0 === undefined) return undefined;
  if (b0 < 0x80) return { length: 1, code: b0 };
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => bytes[i + k] !== undefined && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    return cont(1) ? { length: 2, code: ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f) } : undefined;
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (!cont(1, lo, hi) || !cont(2)) return undefined;
    return { length: 3, code: ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f) };
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return undefined;
    return {
      length: 4,
      code: ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f),
    };
  }
  return undefined;
}

/** True when bytes from i are the beginning of a well-formed sequence cut short by the end. */
export function isTruncatedUtf8(bytes: readonly number[], i: number): boolean {
  const rest = bytes.length - i;
  const b0 = bytes[i];
  const need = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
  if (need === 0 || rest >= need) return false;
  for (let k = 1; k < rest; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return false;
  return true;
}

export function isCjkOutput(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2010 && code <= 0x2027)
  );
}

export function isHanCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** The sequence at bytes[i]; where it holds lost bytes, every filling that makes a plausible character. */
export function sequenceAt(bytes: readonly number[], i: number, fillers: readonly number[]): { length: number; options: number[] } | undefined {
  const lead = bytes[i];
  const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (need === 0) return undefined;
  const holes: number[] = [];
  for (let k = i + 1; k < Math.min(bytes.length, i + need); k++) if (bytes[k] === WILDCARD) holes.push(k - i);
  if (holes.length === 0) {
    const u = utf8At(bytes, i);
    return u && plausible(u.code) ? { length: u.length, options: [u.code] } : undefined;
  }
  if (holes.length > 2) return undefined;
  const options: number[] = [];
  const trial = bytes.slice(i, i + need);
  const fill = (h: number): void => {
    if (h === holes.length) {
      const u = utf8At(trial, 0);
      if (u && plausible(u.code)) options.push(u.code);
      return;
    }
    for (const b of fillers) {
      trial[holes[h]] = b;
      fill(h + 1);
    }
  };
  fill(0);
  return options.length > 0 ? { length: need, options } : undefined;
}

/** Picks, for each character with several possible lost bytes, the one that makes the best words with its neighbours. */
const COMMON_MARKS = '。，、；：？！“”‘’《》（）…—';

export function fillHoles(parts: string[][]): string {
  const chosen = parts.map((p) => p[0]);
  const freq = wordFrequency();
  parts.forEach((options, k) => {
    if (options.length < 2) return;
    let best = -Infinity;
    for (const o of options) {
      const window = toSimplified(chosen.slice(Math.max(0, k - 2), k).join('') + o + chosen.slice(k + 1, k + 3).join(''));
      // Punctuation is not in the word list; among otherwise equal fillings the common marks win.
      const mark = COMMON_MARKS.indexOf(o);
      const score = windowScore(window, freq) + (mark >= 0 ? 0.5 - mark / 100 : 0);
      if (score > best) (best = score), (chosen[k] = o);
    }
  });
  return chosen.join('');
}

/** Code points real text is made of: no controls, surrogates, private use or unassigned planes. */
export function plausible(code: number): boolean {
  if (code < 0xa0 || (code >= 0xd800 && code <= 0xf8ff)) return false;
  return code < 0x10000 || (code >= 0x1f000 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3134f);
}

