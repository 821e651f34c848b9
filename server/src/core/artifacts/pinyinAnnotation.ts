import { hasToneMark, isReadingOf, PINYIN_LETTERS } from './readings';
import type { Artifact } from './types';

// `責(zé)任`: a crawler appended the reading of some characters. Only a tone-marked reading that
// pinyin-pro confirms for the character in front is removed, so `(blog)`, `(微博)`, `(图)` and
// a legitimate `(ma)` stay.

const ANNOTATION = new RegExp(`(\\p{Script=Han})\\(([${PINYIN_LETTERS}]{1,7})\\)`, 'gu');

export function detectPinyinAnnotations(text: string): Artifact[] {
  if (text.indexOf('(') < 0) return [];
  const out: Artifact[] = [];
  ANNOTATION.lastIndex = 0;
  for (let m; (m = ANNOTATION.exec(text)); ) {
    const [, ch, py] = m;
    if (!hasToneMark(py) || !isReadingOf(py, ch)) continue;
    const start = m.index + ch.length;
    out.push({
      kind: 'pinyin_annotation',
      start,
      end: start + py.length + 2,
      candidates: [''],
      autoFix: true,
      explanation: `(${py}) is the reading of ${ch}, inserted after it by the crawler's converter; deleting it restores the text.`,
      detail: { char: ch, pinyin: py },
    });
  }
  return out;
}
