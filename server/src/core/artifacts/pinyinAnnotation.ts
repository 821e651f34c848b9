import { decodePair } from './gbk';
import { byteForms } from './shiftedRun';
import { annotationEndingAt, hasToneMark, isReadingOf, PINYIN_LETTERS } from './readings';
import type { Artifact } from './types';

// `責(zé)任`: a crawler appended the reading of some characters. Only a tone-marked reading that
// pinyin-pro confirms for the character in front is removed, so `(blog)`, `(微博)`, `(图)` and
// a legitimate `(ma)` stay.

const ANNOTATION = new RegExp(`(\\p{Script=Han})\\(([${PINYIN_LETTERS}]{1,7})\\)`, 'gu');
// `但C(liè)W`: the byte-wise replace also matched a character made of a Chinese character's
// trail byte and the ASCII letter after it (但 = B5 AB, C = 43, AB 43 = 獵). Both still decode as
// they were, so deleting the annotation restores the text; it is deleted only when that byte
// pair's character has this reading. Digits are no GBK trail bytes: only @A-Z[\]^_`a-z{|}~.
// The character in front may also be a mark: full-width (、。《) or one NFKC narrowed (the `，` of
// `冠軍，ForDreaM` lent its trail byte AC to AC 46 = 現, so `,F(xiàn)orDreaM`).
const AFTER_ASCII = new RegExp(`([^\\x00-\\x7f]|[!-/:-@[-\`{-~])([\\x40-\\x7e])\\(([${PINYIN_LETTERS}]{1,7})\\)`, 'gu');

export function detectPinyinAnnotations(text: string): Artifact[] {
  if (text.indexOf('(') < 0) return [];
  const out: Artifact[] = [];
  ANNOTATION.lastIndex = 0;
  for (let m; (m = ANNOTATION.exec(text)); ) {
    const [, ch, py] = m;
    if (!hasToneMark(py) || !isReadingOf(py, ch)) continue;
    out.push(annotation(m.index + ch.length, py, ch, `(${py}) is the reading of ${ch}, inserted after it by the crawler's converter; deleting it restores the text.`));
  }
  AFTER_ASCII.lastIndex = 0;
  for (let m; (m = AFTER_ASCII.exec(text)); ) {
    const [, han, ascii, py] = m;
    // The match may start inside the previous one's annotation: step back to the ASCII letter.
    AFTER_ASCII.lastIndex = m.index + han.length + 1;
    if (!hasToneMark(py)) continue;
    // The character in front may have been annotated after the letter's pair was (`屬(zhǔ)r(péi)`:
    // 屬 = 8C 99, 99 72 = 賠): its own annotation then stands between them.
    const front = han === ')' ? annotationEndingAt(text, m.index + 1)?.char ?? han : han;
    const straddling = byteForms(front)
      .filter((b) => b.length === 2)
      .map((b) => decodePair(b[1], ascii.charCodeAt(0)))
      .find((c) => c && isReadingOf(py, c));
    if (!straddling) continue;
    out.push(
      annotation(
        m.index + han.length + 1,
        py,
        straddling,
        `(${py}) is the reading of ${straddling}, the character GBK makes of ${front < '\x80' ? `the full-width ${front}` : front}'s second byte and "${ascii}"; the crawler's byte-wise converter inserted it there. Deleting it restores the text.`,
      ),
    );
  }
  if (out.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

/** The annotation `(py)` at `start`, deleted by its repair. */
function annotation(start: number, py: string, char: string, explanation: string): Artifact {
  return { kind: 'pinyin_annotation', start, end: start + py.length + 2, candidates: [''], autoFix: true, explanation, detail: { char, pinyin: py } };
}
