import * as iconv from 'iconv-lite';
import { decodePair, hex, inGb2312 } from './gbk';
import type { Artifact } from './types';
import { fillHoles, isCjkOutput, isHanCode, sequenceAt, WILDCARD } from './utf8Decode';

// Bytes decoded one per character as Latin-1 or Windows-1252: `ä¸­æ–‡` (UTF-8 of 中文) and
// `ÖÐÎÄ` (GBK of 中文). Each character maps back to one byte; the bytes are then read as UTF-8
// or, failing that, as GBK. European words essentially never form valid UTF-8 or runs of four
// high bytes that decode to Chinese, which keeps real accented text untouched.

let cp1252: Map<number, number> | undefined;

/** Byte a character had under Latin-1/Windows-1252, for characters decoded from 0x80-0xFF. */
function byteOf(code: number): number | undefined {
  if (code >= 0x80 && code <= 0xff) return code;
  if (!cp1252) {
    cp1252 = new Map();
    for (let b = 0x80; b <= 0x9f; b++) {
      const ch = iconv.decode(Buffer.from([b]), 'windows-1252');
      if (ch.length === 1 && ch !== '\uFFFD') cp1252.set(ch.charCodeAt(0), b);
    }
  }
  return cp1252.get(code);
}

/** Cheap test before any work: a UTF-8 lead byte followed by a continuation byte, or four high bytes in a row. */
const SUSPECT = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|[\u00a1-\u00fe]{4}/;
const HIGH_RUN = /[\u0080-\u00ff\uFFFD\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}/g;

export function detectLatin1Mojibake(text: string): Artifact[] {
  if (!SUSPECT.test(text)) return [];
  const out: Artifact[] = [];
  HIGH_RUN.lastIndex = 0;
  for (let m; (m = HIGH_RUN.exec(text)); ) {
    // U+FFFD stands for a byte Windows-1252 leaves undefined (81, 8D, 8F, 90, 9D).
    const bytes = Array.from(m[0], (ch) => (ch === '\uFFFD' ? WILDCARD : byteOf(ch.charCodeAt(0))!));
    const utf8 = utf8Segments(bytes);
    const gbk = bytes.includes(WILDCARD) ? undefined : gbkDecode(bytes);
    const utf8Covered = utf8.reduce((n, seg) => n + seg.to - seg.from, 0);
    // Both readings may find something in one run; the one that explains more of it wins.
    if (gbk && gbk.length >= utf8Covered) {
      out.push(gbkArtifact(text, m.index, m.index + gbk.length, bytes.slice(0, gbk.length), gbk.decoded));
      continue;
    }
    for (const seg of utf8) out.push(utf8Artifact(text, m.index + seg.from, m.index + seg.to, bytes.slice(seg.from, seg.to), seg.decoded, seg.guessed));
  }
  return out;
}

const UNDEFINED_IN_CP1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

interface Utf8Segment {
  from: number;
  to: number;
  decoded: string;
  /** A lost byte had to be guessed. */
  guessed: boolean;
}

/** Stretches of well-formed multi-byte UTF-8 (byte offsets equal character offsets in the run). */
function utf8Segments(bytes: number[]): Utf8Segment[] {
  const segs: Utf8Segment[] = [];
  for (let i = 0; i < bytes.length; ) {
    let j = i;
    const parts: string[][] = [];
    let wide = false;
    for (let u; (u = sequenceAt(bytes, j, UNDEFINED_IN_CP1252)) && u.length >= 2; j += u.length) {
      parts.push(u.options.map((c) => String.fromCodePoint(c)));
      if (u.length >= 3) wide = true;
    }
    const guessed = parts.some((p) => p.length > 1);
    const decoded = guessed ? fillHoles(parts) : parts.join('');
    // Two-byte sequences alone count only as accented Latin letters (`Ã©` for é); `É»` is real text.
    if (j > i && (wide || /^[\u00a0-\u024f]+$/.test(decoded))) {
      segs.push({ from: i, to: j, decoded, guessed });
      i = j;
    } else i = Math.max(i + 1, j);
  }
  return segs;
}

/** The run read as GBK from its start: at least two Chinese characters, every pair valid; an odd last byte is left out. */
function gbkDecode(bytes: number[]): { length: number; decoded: string } | undefined {
  const even = bytes.length - (bytes.length % 2);
  if (even < 4) return undefined;
  let decoded = '';
  let han = 0;
  for (let i = 0; i < even; i += 2) {
    const ch = decodePair(bytes[i], bytes[i + 1]);
    if (!ch) return undefined;
    const code = ch.charCodeAt(0);
    if (!isCjkOutput(code) || !inGb2312(ch)) return undefined;
    if (isHanCode(code)) han++;
    decoded += ch;
  }
  return han >= 2 ? { length: even, decoded } : undefined;
}

function utf8Artifact(text: string, start: number, end: number, bytes: number[], decoded: string, guessed: boolean): Artifact {
  const broken = text.slice(start, end);
  const shown = bytes.map((b) => (b === WILDCARD ? '??' : hex([b])));
  return {
    kind: 'utf8_as_latin1',
    start,
    end,
    candidates: [decoded],
    autoFix: !guessed,
    explanation:
      `"${broken}" is UTF-8 read one byte per character (Latin-1/Windows-1252): the bytes ${shown.slice(0, 12).join(' ')}${bytes.length > 12 ? ' …' : ''} spell "${decoded}".` +
      (guessed ? ' Windows-1252 lost at least one byte (shown as U+FFFD); the likeliest character was filled in, so check it.' : ''),
    detail: { bytes: shown.join(' '), guessed },
  };
}

function gbkArtifact(text: string, start: number, end: number, bytes: number[], decoded: string): Artifact {
  const broken = text.slice(start, end);
  return {
    kind: 'gbk_as_latin1',
    start,
    end,
    candidates: [decoded],
    autoFix: true,
    explanation: `"${broken}" is GBK read one byte per character (Latin-1): the bytes ${hex(bytes.slice(0, 12))}${bytes.length > 12 ? ' …' : ''} spell "${decoded}".`,
    detail: { bytes: hex(bytes) },
  };
}
