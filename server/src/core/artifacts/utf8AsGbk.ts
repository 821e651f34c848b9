import { decodePair, encodeChar, hex } from './gbk';
import type { Artifact } from './types';
import { fillHoles, isCjkOutput, isHanCode, isTruncatedUtf8, sequenceAt, WILDCARD } from './utf8Decode';

// `鍙戝竷` for 发布: UTF-8 bytes decoded as GBK. Three UTF-8 bytes per Chinese character against
// two GBK bytes make runs of rare characters; encoding them back to GBK and reading the bytes as
// UTF-8 gives the text. Legitimate GBK text almost never forms valid multi-byte UTF-8 over two
// characters, which is the test.

let markerRe: RegExp | undefined;

/** Characters whose GBK lead byte opens a three-byte UTF-8 sequence (E3-E9, EF) and whose trail is a continuation byte. */
function markers(): RegExp {
  if (markerRe) return markerRe;
  const chars: string[] = [];
  for (const a of [0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xef]) {
    for (let b = 0x80; b <= 0xbf; b++) {
      const ch = decodePair(a, b);
      if (ch && !/[\]\\^-]/.test(ch)) chars.push(ch);
    }
  }
  return (markerRe = new RegExp(`[${chars.join('')}]`, 'g'));
}

/**
 * Bytes of a character that can belong to a mojibake run: a two-byte GBK character, € (byte 80
 * in Microsoft's GBK), or U+FFFD, which the GBK decoder wrote for a lead byte it dropped.
 */
function runByteForm(ch: string | undefined): number[] | undefined {
  if (ch === undefined || ch.charCodeAt(0) < 0x80) return undefined;
  if (ch === '\uFFFD') return [WILDCARD];
  const b = encodeChar(ch);
  return b && (b.length === 2 || (b.length === 1 && b[0] === 0x80)) ? b : undefined;
}

/** Values a dropped byte can have inside a multi-byte UTF-8 sequence. */
const CONTINUATION = Array.from({ length: 0x40 }, (_, i) => 0x80 + i);

export function detectUtf8AsGbk(text: string): Artifact[] {
  const re = markers();
  re.lastIndex = 0;
  const out: Artifact[] = [];
  let doneUntil = 0;
  for (let m; (m = re.exec(text)); ) {
    if (m.index < doneUntil) continue;
    // Maximal run of candidate characters around the marker, within the line.
    let s = m.index;
    while (s > 0 && runByteForm(text[s - 1])) s--;
    // A run never starts with a dropped byte's U+FFFD: that belongs to the text before.
    while (s < m.index && text[s] === '\uFFFD') s++;
    let e = m.index;
    while (e < text.length && runByteForm(text[e])) e++;
    doneUntil = e;
    out.push(...scanRun(text, s, e));
    re.lastIndex = e;
  }
  return out;
}

function scanRun(text: string, s: number, e: number): Artifact[] {
  const out: Artifact[] = [];
  const bytes: number[] = [];
  const charAtByte: number[] = []; // index of the character starting at each byte, -1 inside one
  for (let i = s; i < e; i++) {
    const b = runByteForm(text[i])!;
    charAtByte.push(i - s, ...b.slice(1).map(() => -1));
    bytes.push(...b);
  }
  charAtByte.push(e - s);
  const byteOfChar: number[] = [];
  charAtByte.forEach((c, at) => c >= 0 && (byteOfChar[c] = at));

  for (let c = 0; c < e - s; ) {
    const from = byteOfChar[c];
    let p = from;
    const parts: string[][] = [];
    let han = 0;
    let best: { endChar: number; parts: number } | undefined;
    for (;;) {
      const b = bytes[p];
      if (b >= 0x20 && b < 0x7f && parts.length > 0) {
        // An ASCII character the last GBK pair swallowed as its trail byte.
        parts.push([String.fromCharCode(b)]);
        p++;
      } else {
        const u = sequenceAt(bytes, p, CONTINUATION);
        const options = u && u.length >= 3 ? u.options.filter(isCjkOutput) : [];
        if (!u || options.length === 0) break;
        parts.push(options.map((o) => String.fromCharCode(o)));
        if (isHanCode(options[0])) han++;
        p += u.length;
      }
      if (charAtByte[p] >= 0 && han >= 2) best = { endChar: charAtByte[p], parts: parts.length };
    }
    if (best) {
      const used = parts.slice(0, best.parts);
      const guessed = used.some((o) => o.length > 1);
      out.push(artifact(s + c, s + best.endChar, bytes.slice(from, byteOfChar[best.endChar]), fillHoles(used), !guessed, guessed, text));
      c = best.endChar;
      continue;
    }
    // The run ends in the middle of a sequence: the byte that completed it was lost with the next character.
    if (han >= 2 && isTruncatedUtf8(bytes, p)) {
      out.push(artifact(s + c, e, bytes.slice(from), fillHoles(parts), false, false, text));
      break;
    }
    c++;
  }
  return out;
}

function artifact(start: number, end: number, bytes: number[], decoded: string, complete: boolean, guessed: boolean, text: string): Artifact {
  const broken = text.slice(start, end);
  const all = bytes.map((b) => (b === WILDCARD ? '??' : hex([b])));
  const shown = all.length > 12 ? `${all.slice(0, 12).join(' ')} …` : all.join(' ');
  let explanation = `"${broken}" is UTF-8 read as GBK: its GBK bytes ${shown} are the UTF-8 of "${decoded}".`;
  if (!complete && !guessed) {
    explanation = `"${broken}" is UTF-8 read as GBK: its GBK bytes ${shown} are the UTF-8 of "${decoded}" plus the start of a character whose last byte was lost.`;
  } else if (guessed) {
    explanation += ' A byte the decoder dropped (U+FFFD) was filled in from the word list, so check it.';
  }
  return {
    kind: 'utf8_as_gbk',
    start,
    end,
    candidates: [decoded],
    autoFix: complete,
    explanation,
    detail: { bytes: all.join(' '), complete, guessed },
  };
}
