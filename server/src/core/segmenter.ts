import type { Token } from './types';

/**
 * Word segmentation with part-of-speech tags. nodejieba sits behind this interface so that rules
 * can be tested with a fake, and the native addon is loaded only where it is needed.
 */
export interface Segmenter {
  /** Segments and tags text; tokens cover the text in order (whitespace included). */
  tag(text: string): Token[];
}

/** Adds offsets to a word/tag list that concatenates to text. */
export function withOffsets(text: string, pairs: readonly { word: string; tag: string }[]): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (const p of pairs) {
    let at = text.startsWith(p.word, pos) ? pos : text.indexOf(p.word, pos);
    if (at < 0) continue; // The tagger normalised something; skip rather than misplace.
    out.push({ word: p.word, tag: p.tag, start: at, end: at + p.word.length });
    pos = at + p.word.length;
  }
  return out;
}
