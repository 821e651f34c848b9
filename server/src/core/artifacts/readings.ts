import { pinyin, polyphonic } from 'pinyin-pro';

// Pinyin readings of single characters, from pinyin-pro (which knows traditional forms too).

/** Letters a tone-marked pinyin syllable is written with (after NFKC, so precomposed). */
export const PINYIN_LETTERS = 'a-zāáǎàēéěèêếềīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ';
const TONE_MARK = /[āáǎàēéěèếềīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

const cache = new Map<string, readonly string[]>();

/** Every reading pinyin-pro knows for one character (tone marks, lower case); [] when none. */
export function readingsOf(ch: string): readonly string[] {
  let hit = cache.get(ch);
  if (!hit) {
    const r = pinyin(ch, { multiple: true, type: 'array' }) as string[];
    // pinyin-pro echoes characters it has no reading for.
    hit = r.filter((p) => p !== ch && /^[a-zü\u00c0-\u01ff\u1e00-\u1eff]+$/.test(p));
    if (cache.size > 20000) cache.clear();
    cache.set(ch, hit);
  }
  return hit;
}

export function isReadingOf(py: string, ch: string): boolean {
  return readingsOf(ch).includes(py.normalize('NFC'));
}

export function hasToneMark(py: string): boolean {
  return TONE_MARK.test(py);
}

/** Readings of many characters at once (one pass of pinyin-pro, for whole-table indexes). */
export function readingsOfAll(chars: readonly string[]): string[][] {
  const r = polyphonic(chars.join(''), { type: 'array' }) as unknown as string[][];
  return chars.map((ch, i) => (r[i] ?? []).filter((p) => p !== ch && /^[a-zü\u00c0-\u01ff\u1e00-\u1eff]+$/.test(p)));
}

const ANNOTATION_AT_END = new RegExp(`(\\p{Script=Han})\\(([${PINYIN_LETTERS}]{1,7})\\)$`, 'u');

/**
 * The character whose own reading annotation (責(zé)) ends at `end`, and the offset of that
 * annotation's `(`; undefined when none ends there.
 */
export function annotationEndingAt(text: string, end: number): { char: string; at: number } | undefined {
  const m = ANNOTATION_AT_END.exec(text.slice(Math.max(0, end - 12), end));
  if (!m || !hasToneMark(m[2]) || !isReadingOf(m[2], m[1])) return undefined;
  return { char: m[1], at: end - m[0].length + m[1].length };
}
