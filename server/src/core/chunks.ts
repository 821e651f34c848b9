import { lineRanges, snapToCodePoint } from './offsets';

// Documents are analysed chunk by chunk so that an edit re-analyses only the chunk it touches.
// A chunk is a line (\n, \r\n or a lone \r ends one); very long lines (a 10 MB file with no
// newline) are cut at sentence ends, or hard-cut where there is none, so no single call to the segmenter grows without bound.

export interface Chunk {
  start: number;
  text: string;
}

const MAX_CHUNK = 2000;
const SENTENCE_END = /[。！？!?；;]/g;

export function splitChunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (const line of lineRanges(text)) if (line.end > line.start) pushLine(text, line.start, line.end, out);
  return out;
}

function pushLine(text: string, start: number, end: number, out: Chunk[]): void {
  let s = start;
  while (end - s > MAX_CHUNK) {
    const window = text.slice(s, s + MAX_CHUNK);
    let cut = -1;
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(window); m; m = SENTENCE_END.exec(window)) cut = m.index + 1;
    if (cut < MAX_CHUNK / 4) cut = MAX_CHUNK;
    // Never cut a surrogate pair in two.
    cut = snapToCodePoint(text, s + cut) - s;
    out.push({ start: s, text: text.slice(s, s + cut) });
    s += cut;
  }
  if (end > s) out.push({ start: s, text: text.slice(s, end) });
}

/**
 * After `old` became `text`, the region whose chunks may differ: [lo, hiOld) of the old text
 * became [lo, hiNew) of the new one. Both ends are line starts in both texts, so every chunk
 * before lo is the same and every chunk from hiOld on is the same chunk moved by
 * hiNew - hiOld; only splitChunks(text.slice(lo, hiNew)) needs to be computed again. A line start
 * depends on the character before it and (after a \r) the one at it, so lo is one that the
 * unchanged prefix decides and hiNew one decided by unchanged characters after the change: a \r
 * gaining or losing its \n is inside the region.
 */
export function changedRegion(old: string, text: string): { lo: number; hiOld: number; hiNew: number } {
  const { prefix, suffix } = commonAffixes(old, text);
  let lo = prefix;
  // isLineStart(text, lo) reads text[lo - 1] and text[lo]; for lo < prefix both are unchanged.
  while (lo > 0 && !isLineStart(text, lo)) lo--;
  const changedEnd = text.length - suffix;
  // The first line start after the change whose preceding character is unchanged too.
  let hiNew = text.length;
  for (let i = changedEnd; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      hiNew = i + 1;
      break;
    }
    if (c === 13) {
      hiNew = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      break;
    }
  }
  return { lo, hiOld: hiNew - (text.length - old.length), hiNew };
}

function isLineStart(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  return before === 10 || (before === 13 && text.charCodeAt(at) !== 10);
}

let lastAffixes: { old: string; text: string; prefix: number; suffix: number } | undefined;

/**
 * The lengths of the common prefix and suffix of two versions of a text (the suffix never reaching
 * into the prefix). Each keystroke asks this of the same two versions several times (the analysis,
 * artifact detection, the lost-character memo), and each answer compares a whole long document:
 * the last answer is kept. A pure function of its arguments: keeping it changes no result.
 */
export function commonAffixes(old: string, text: string): { prefix: number; suffix: number } {
  if (lastAffixes && lastAffixes.old === old && lastAffixes.text === text) return lastAffixes;
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  lastAffixes = { old, text, prefix, suffix };
  return lastAffixes;
}
