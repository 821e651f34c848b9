import * as iconv from 'iconv-lite';

// Byte-level view of GBK for the recovery of damage done on GBK bytes. iconv-lite is the codec;
// this file only caches it in the shapes the detectors need.

let pairTable: Uint16Array | undefined;

/** Code unit of every two-byte GBK sequence (index lead << 8 | trail); 0 where invalid. */
function table(): Uint16Array {
  if (pairTable) return pairTable;
  const t = new Uint16Array(0x10000);
  const bytes: number[] = [];
  const keys: number[] = [];
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      bytes.push(a, b);
      keys.push((a << 8) | b);
    }
  }
  const decoded = iconv.decode(Buffer.from(bytes), 'gbk');
  // Every pair decodes to one BMP code unit; if a future iconv-lite broke that, fall back per pair.
  if (decoded.length === keys.length) {
    for (let i = 0; i < keys.length; i++) t[keys[i]] = decoded.charCodeAt(i);
  } else {
    for (const k of keys) {
      const s = iconv.decode(Buffer.from([k >> 8, k & 0xff]), 'gbk');
      if (s.length === 1) t[k] = s.charCodeAt(0);
    }
  }
  for (const k of keys) if (t[k] === 0xfffd) t[k] = 0;
  return (pairTable = t);
}

/** The character two bytes decode to, or undefined when they are not a GBK character. */
export function decodePair(lead: number, trail: number): string | undefined {
  if (lead < 0x81 || lead > 0xfe || trail < 0x40 || trail > 0xfe || trail === 0x7f) return undefined;
  const c = table()[(lead << 8) | trail];
  return c === 0 ? undefined : String.fromCharCode(c);
}

export function isPrivateUse(code: number): boolean {
  return code >= 0xe000 && code <= 0xf8ff;
}

const encodeCache = new Map<string, number[] | null>();

/** GBK bytes of one character, or undefined when GBK cannot hold it. */
export function encodeChar(ch: string): number[] | undefined {
  let hit = encodeCache.get(ch);
  if (hit === undefined) {
    const buf = iconv.encode(ch, 'gbk');
    // iconv-lite writes '?' for what it cannot encode.
    hit = buf.length === 1 && buf[0] === 0x3f && ch !== '?' ? null : [...buf];
    if (encodeCache.size > 50000) encodeCache.clear();
    encodeCache.set(ch, hit);
  }
  return hit ?? undefined;
}

/** GBK bytes of a whole string, or undefined when one character cannot be encoded. */
export function encodeString(s: string): number[] | undefined {
  const out: number[] = [];
  for (const ch of s) {
    const b = encodeChar(ch);
    if (!b) return undefined;
    out.push(...b);
  }
  return out;
}

export interface DecodedChar {
  ch: string;
  /** Byte offset of the character in the decoded buffer. */
  at: number;
  length: number;
}

/**
 * Decodes GBK bytes strictly: undefined when a byte sequence is invalid, an incomplete lead byte
 * ends the buffer, or a pair lands in the user-defined (private-use) area.
 */
export function decodeStrict(bytes: readonly number[]): DecodedChar[] | undefined {
  const out: DecodedChar[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      out.push({ ch: String.fromCharCode(b), at: i, length: 1 });
      i++;
    } else if (b === 0x80) {
      out.push({ ch: '\u20ac', at: i, length: 1 });
      i++;
    } else {
      if (i + 1 >= bytes.length) return undefined;
      const ch = decodePair(b, bytes[i + 1]);
      if (ch === undefined || isPrivateUse(ch.charCodeAt(0))) return undefined;
      out.push({ ch, at: i, length: 2 });
      i += 2;
    }
  }
  return out;
}

/** True for characters of GB2312 (the simplified-Chinese subset of GBK). */
export function inGb2312(ch: string): boolean {
  const b = encodeChar(ch);
  return !!b && b.length === 2 && b[0] >= 0xa1 && b[0] <= 0xf7 && b[1] >= 0xa1 && b[1] <= 0xfe;
}

export function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** All GB2312 Hanzi (levels 1 and 2), decoded once when first needed. */
let gb2312Hanzi: string[] | undefined;
export function commonHanzi(): string[] {
  if (gb2312Hanzi) return gb2312Hanzi;
  const out: string[] = [];
  for (let a = 0xb0; a <= 0xf7; a++) {
    for (let b = 0xa1; b <= 0xfe; b++) {
      const ch = decodePair(a, b);
      if (ch && /\p{Script=Han}/u.test(ch)) out.push(ch);
    }
  }
  return (gb2312Hanzi = out);
}
