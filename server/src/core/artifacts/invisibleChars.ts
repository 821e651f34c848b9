import type { Artifact } from './types';

// Characters a reader cannot see: zero-width marks and BOMs inside the text, private-use
// characters (glyphs only some font had, or damaged GBK user-defined pairs) and control
// characters other than tab and line breaks.

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]|[\ue000-\uf8ff]|[\udb80-\udbff][\udc00-\udfff]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/** Emoji and pictographs a zero-width joiner legitimately glues together. */
const PICTOGRAPH = /\p{Extended_Pictographic}|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/u;

export function detectInvisibleChars(text: string): Artifact[] {
  const out: Artifact[] = [];
  INVISIBLE.lastIndex = 0;
  for (let m; (m = INVISIBLE.exec(text)); ) {
    const ch = m[0];
    const code = ch.codePointAt(0)!;
    const start = m.index;
    const end = start + ch.length;
    const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    if (code >= 0x200b && code <= 0xfeff && !(code >= 0xe000 && code <= 0xf8ff)) {
      if (code === 0x200d && (PICTOGRAPH.test(text.slice(Math.max(0, start - 2), start)) || PICTOGRAPH.test(text.slice(end, end + 2)))) continue;
      out.push({
        kind: 'zero_width',
        start,
        end,
        candidates: [''],
        autoFix: true,
        explanation: `An invisible ${code === 0xfeff ? 'byte-order mark' : 'zero-width character'} (${u}) sits in the text; it breaks search and segmentation and is deleted.`,
        detail: { code: u },
      });
    } else if (code >= 0xe000) {
      out.push({
        kind: 'private_use',
        start,
        end,
        candidates: [''],
        autoFix: false,
        explanation: `${u} is a private-use character: it shows only with the font it was made for, or it is a damaged GBK user-defined pair. The intended character cannot be known; delete or retype it.`,
        detail: { code: u },
      });
    } else {
      out.push({
        kind: 'control_char',
        start,
        end,
        candidates: [''],
        autoFix: true,
        explanation: `A control character (${u}) is left over from the page or a faulty conversion; it is deleted.`,
        detail: { code: u },
      });
    }
  }
  return out;
}
