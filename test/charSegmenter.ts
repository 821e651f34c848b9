import type { Segmenter } from '../server/src/core/segmenter';
import type { Entity, Token } from '../server/src/core/types';

/**
 * One token per character, tagged `x`: enough for rules and incremental analysis that look at the
 * text, without the native addon. Offsets count characters, as the texts of its tests are BMP-only.
 */
export const charSegmenter: Segmenter = {
  tag(text: string): Token[] {
    return Array.from(text).map((ch, i) => ({ word: ch, tag: 'x', start: i, end: i + 1 }));
  },
};

/** A rule-made entity at every occurrence of `word`. */
export function everyOccurrence(text: string, word: string, label: Entity['label']): Entity[] {
  const out: Entity[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) out.push({ start: i, end: i + word.length, label, text: word, source: 'rule' });
  return out;
}
