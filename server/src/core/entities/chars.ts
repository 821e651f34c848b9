// Character tests for the rules' inner loops, which run on every character and token of every
// chunk: a regex test or a scan of a word list there cost more than jieba itself.

const HAN = /\p{Script=Han}/u;
const HAN_WORD = /^\p{Script=Han}+$/u;
const HAN_WORD_2 = /^\p{Script=Han}{2,}$/u;

// The Script property is asked of the regex engine once per BMP code unit and then cached, so
// the answers stay exactly those of /\p{Script=Han}/u under whichever Unicode version node ships.
const hanCache = new Uint8Array(0x10000); // 0 not asked yet, 1 Han, 2 not Han

/** /\p{Script=Han}/u on one UTF-16 code unit (a lone surrogate is not Han). */
export function isHanCode(code: number): boolean {
  let v = hanCache[code];
  if (v === 0) {
    v = HAN.test(String.fromCharCode(code)) ? 1 : 2;
    hanCache[code] = v;
  }
  return v === 1;
}

/** /\p{Script=Han}/u.test(ch), for a character (one or two code units) or undefined. */
export function isHan(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch.length === 1 ? isHanCode(ch.charCodeAt(0)) : HAN.test(ch);
}

/** The word is Han characters only, at least minChars (1 or 2) of them. */
export function isHanWord(w: string, minChars: 1 | 2 = 1): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    // Astral characters (CJK extension B …) are rare: the regex counts them as one character.
    if ((c & 0xf800) === 0xd800) return (minChars === 1 ? HAN_WORD : HAN_WORD_2).test(w);
    if (!isHanCode(c)) return false;
  }
  return w.length >= minChars;
}

export const isSurrogate = (code: number): boolean => (code & 0xf800) === 0xd800;

/** Code units of single-code-unit strings, for membership tests without making strings. */
export function codeSet(chars: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const ch of chars) {
    if (ch.length !== 1) throw new Error(`not one code unit: ${ch}`);
    out.add(ch.charCodeAt(0));
  }
  return out;
}

/**
 * Words grouped by their last code unit, in the given order, so that "the first word of the
 * list that s ends with" looks only at the few words that can match.
 */
export function byLastCode(words: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const w of words) {
    if (w.length === 0) throw new Error('empty word in a word list');
    const k = w.charCodeAt(w.length - 1);
    const group = out.get(k);
    if (group) group.push(w);
    else out.set(k, [w]);
  }
  return out;
}

/** Words grouped by their first code unit, in the given order. */
export function byFirstCode(words: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const w of words) {
    if (w.length === 0) throw new Error('empty word in a word list');
    const k = w.charCodeAt(0);
    const group = out.get(k);
    if (group) group.push(w);
    else out.set(k, [w]);
  }
  return out;
}

/** The first word (in list order) that s ends with, using a byLastCode grouping. */
export function firstSuffix(s: string, groups: Map<number, string[]>): string | undefined {
  if (s.length === 0) return undefined;
  const group = groups.get(s.charCodeAt(s.length - 1));
  if (group) for (const w of group) if (s.endsWith(w)) return w;
  return undefined;
}
