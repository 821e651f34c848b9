import { decodePair, encodeChar, hex, inGb2312, isPrivateUse } from './gbk';
import { hasToneMark, isReadingOf, PINYIN_LETTERS } from './readings';
import type { Artifact, WordFrequency } from './types';
import { toSimplified, windowScore, wordFrequency, wordListGeneration } from './wordList';

// `認真?zhèn)鬟_學(xué)習(xí)`: the pinyin pass replaced GBK byte pairs, and some matches straddled two
// characters (trail byte of one + lead byte of the next). The inserted `(pinyin)` split a
// character: its orphaned lead byte X and the `(` decoded as one `?`, and the bytes after it
// decoded shifted until an ASCII byte realigned them. Recovery rebuilds the bytes: for every
// `?pinyin)` it tries each X for which (byte before, X) is a character with that reading, puts
// back the re-encoded characters after `)`, and keeps the byte sequences that decode cleanly and
// realign with the untouched text; a word list ranks what is left. Details: docs/artifacts.md.

const GROUP = new RegExp(`[?\\uFFFD]([${PINYIN_LETTERS}]{1,7})\\)`, 'g');
/** Characters between two `?pinyin)` of one cluster (a shifted stretch is short). */
const MAX_GAP = 3;
/** Shifted characters after the last `)` before realignment must have happened. */
const MAX_TAIL = 6;
const MAX_CANDIDATES = 5;
/** Byte-sequence explorations per cluster; a bound against pathological input, never hit by real damage. */
const MAX_STEPS = 200000;

export interface Group {
  /** Offset of the `?`. */
  q: number;
  /** Offset after the `)`. */
  end: number;
  py: string;
}

interface Pick {
  py: string;
  pair: [number, number];
  pairChar: string;
  /** Byte offset of X in the rebuilt sequence. */
  xAt: number;
  /** A user-defined pair that was deleted just before X, if one was needed. */
  vanished?: [number, number];
}

interface Found {
  bytes: number[];
  picks: Pick[];
}

export function detectMisalignedPinyin(text: string, freq?: WordFrequency, memo?: RecoveryMemo): Artifact[] {
  if (text.indexOf(')') < 0) return [];
  const groups: Group[] = [];
  GROUP.lastIndex = 0;
  for (let m; (m = GROUP.exec(text)); ) {
    // A real `?` followed by a parenthesised word is not this damage unless the word is tone-marked pinyin.
    if (hasToneMark(m[1])) groups.push({ q: m.index, end: m.index + m[0].length, py: m[1] });
  }
  const out: Artifact[] = [];
  for (let i = 0; i < groups.length; ) {
    let j = i + 1;
    while (j < groups.length && isShiftedGap(text.slice(groups[j - 1].end, groups[j].q))) j++;
    const cluster = groups.slice(i, j);
    const a = memo && !freq ? memo.recover(text, cluster) : recoverCluster(text, cluster, freq);
    if (a) out.push(a);
    i = j;
  }
  return out;
}

/** Characters around a cluster that recovery reads: prefix and left context, tail and right context. */
const MEMO_BEFORE = 34;
const MEMO_AFTER = 2 * MAX_TAIL + 32;
const MEMO_ENTRIES = 5000;

/**
 * Recoveries already computed. The same damaged phrase recurs across the articles of one site;
 * its recovery depends only on the text around it (and the word list), so it is computed once.
 * Owned by the caller (core/resources.ts), not the module, so servers and tests do not share it.
 */
export class RecoveryMemo {
  private readonly memo = new Map<string, Artifact | null>();
  private generation = -1;

  recover(text: string, groups: Group[]): Artifact | undefined {
    if (this.generation !== wordListGeneration() || this.memo.size > MEMO_ENTRIES) {
      this.memo.clear();
      this.generation = wordListGeneration();
    }
    const from = Math.max(0, groups[0].q - MEMO_BEFORE);
    const key = `${groups[0].q - from}|${text.slice(from, groups[groups.length - 1].end + MEMO_AFTER)}`;
    let hit = this.memo.get(key);
    if (hit === undefined) {
      const a = recoverCluster(text, groups);
      hit = a ? { ...a, start: a.start - from, end: a.end - from } : null;
      this.memo.set(key, hit);
    }
    if (!hit) return undefined;
    return { ...hit, start: hit.start + from, end: hit.end + from, candidates: [...hit.candidates], detail: hit.detail && { ...hit.detail } };
  }
}

function isShiftedGap(gap: string): boolean {
  return gap.length <= MAX_GAP && !/[\n\r(]/.test(gap);
}

function recoverCluster(text: string, groups: Group[], freq?: WordFrequency): Artifact | undefined {
  const first = groups[0];
  const last = groups[groups.length - 1];
  const prefixChar = charBefore(text, first.q);
  const prefixBytes = prefixChar ? encodeChar(prefixChar) : undefined;
  // The byte before the lost one belongs to a two-byte character; ASCII in front means another kind of text.
  if (!prefixChar || !prefixBytes || prefixBytes.length !== 2) return undefined;

  const segments: string[] = [];
  for (let g = 0; g + 1 < groups.length; g++) segments.push(text.slice(groups[g].end, groups[g + 1].q));
  const tail = tailChars(text, last.end);

  // Simplest explanations first: the converter annotated only characters outside GB2312, and a
  // deleted user-defined pair is the exception.
  let found: Found[] = [];
  let tailLength = 0;
  for (const [outsideGb2312, allowVanished] of [[true, false], [true, true], [false, false], [false, true]]) {
    for (let k = 0; k <= tail.length && found.length === 0; k++) {
      found = search(prefixBytes, groups, [...segments, tail.slice(0, k).join('')], allowVanished, outsideGb2312);
      tailLength = tail.slice(0, k).join('').length;
    }
    if (found.length > 0) break;
  }

  const start = first.q;
  if (found.length === 0) {
    return {
      kind: 'misaligned_pinyin',
      start,
      end: last.end,
      candidates: [],
      autoFix: false,
      explanation: `"${text.slice(start, last.end)}" is pinyin injected into the middle of a GBK character, but no byte sequence fits the text around it; retype the characters by hand.`,
      detail: { prefix_char: prefixChar, pinyin: groups.map((g) => g.py) },
    };
  }
  const end = last.end + tailLength;

  const scored = rank(text, start, end, prefixChar, found, freq ?? wordFrequency());
  const best = scored[0];
  const candidates = scored.slice(0, MAX_CANDIDATES).map((s) => s.text);
  return {
    kind: 'misaligned_pinyin',
    start,
    end,
    candidates,
    autoFix: true,
    explanation: explain(text.slice(start, end), best.text, best.found, prefixChar, scored),
    detail: {
      prefix_char: prefixChar,
      picks: best.found.picks.map((p) => [p.py, p.pairChar, hex(p.pair).replace(/ /g, '').toLowerCase(), p.vanished ? hex(p.vanished).replace(/ /g, '').toLowerCase() : '']),
      vanished_pair: best.found.picks.some((p) => p.vanished),
      n_candidates: scored.length,
      runner_up: scored[1]?.text,
    },
  };
}

function charBefore(text: string, at: number): string | undefined {
  if (at <= 0) return undefined;
  const c = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) return text.slice(at - 2, at);
  return text[at - 1];
}

/** Characters after the last `)` that may still be shifted: up to the next parenthesis, `?` or line end. */
function tailChars(text: string, from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < text.length && out.length < MAX_TAIL; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (ch === '\n' || ch === '\r' || ch === '(' || ch === '?' || ch === '\uFFFD') break;
    out.push(ch);
    i += ch.length;
  }
  return out;
}

/** GBK byte forms a decoded character may have had: NFKC turned full-width forms into ASCII. */
function byteForms(ch: string): number[][] {
  const forms: number[][] = [];
  const own = encodeChar(ch);
  if (own) forms.push(own);
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c >= 0x21 && c <= 0x7e) {
    const wide = encodeChar(String.fromCharCode(c - 0x21 + 0xff01));
    if (wide) forms.push(wide);
  } else if (ch === ' ') {
    forms.push([0xa1, 0xa1]);
  }
  return forms;
}

/** Per pinyin (and GB2312 restriction): lost-byte lists indexed by the byte before. */
const xCache = new Map<string, (number[] | undefined)[]>();

/** Lost bytes X for which (prev, X) is a character read `py` (outside GB2312 when asked). */
function lostBytes(prev: number, py: string, outsideGb2312: boolean): number[] {
  const key = outsideGb2312 ? py : `${py}*`;
  let byPrev = xCache.get(key);
  if (!byPrev) {
    if (xCache.size > 2000) xCache.clear();
    xCache.set(key, (byPrev = []));
  }
  let hit = byPrev[prev];
  if (!hit) {
    hit = [];
    // X decoded together with `(` as `?`, so it was a lead byte.
    for (let x = 0x81; x <= 0xfe; x++) {
      const ch = decodePair(prev, x);
      if (!ch || isPrivateUse(ch.charCodeAt(0)) || (outsideGb2312 && inGb2312(ch))) continue;
      if (isReadingOf(py, ch)) hit.push(x);
    }
    byPrev[prev] = hit;
  }
  return hit;
}

let puaByTrail: Map<number, number[]> | undefined;
/**
 * GBK pairs in the user-defined areas (decoded to private-use characters, which the crawler
 * deleted), as lead bytes grouped by trail byte: the trail decides which lost byte can follow.
 */
function vanishingPairs(): Map<number, number[]> {
  if (puaByTrail) return puaByTrail;
  puaByTrail = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = decodePair(a, b);
      if (!ch || !isPrivateUse(ch.charCodeAt(0))) continue;
      const leads = puaByTrail.get(b);
      if (leads) leads.push(a);
      else puaByTrail.set(b, [a]);
    }
  }
  return puaByTrail;
}

/**
 * Advances a strict GBK decode over bytes from `pos` (a character boundary). Returns the new
 * boundary (a lone lead byte may wait at the end), or -1 when the bytes cannot be original text.
 */
function advance(bytes: readonly number[], pos: number): number {
  while (pos < bytes.length) {
    const b = bytes[pos];
    if (b <= 0x80) pos++;
    else if (b === 0xff) return -1;
    else {
      if (pos + 1 >= bytes.length) return pos;
      const ch = decodePair(b, bytes[pos + 1]);
      if (!ch || isPrivateUse(ch.charCodeAt(0))) return -1;
      pos += 2;
    }
  }
  return pos;
}

function search(prefix: number[], groups: Group[], segments: string[], allowVanished: boolean, outsideGb2312: boolean): Found[] {
  const found: Found[] = [];
  let steps = 0;

  const visitGroup = (bytes: number[], pos: number, g: number, picks: Pick[], vanishedUsed: boolean, vanished?: [number, number]): void => {
    const prev = bytes[bytes.length - 1];
    for (const x of lostBytes(prev, groups[g].py, outsideGb2312)) {
      if (++steps > MAX_STEPS) return;
      const next = [...bytes, x];
      const p = advance(next, pos);
      if (p < 0) continue;
      const pick: Pick = { py: groups[g].py, pair: [prev, x], pairChar: decodePair(prev, x)!, xAt: bytes.length, vanished };
      visitSegment(next, p, g, Array.from(segments[g]), 0, [...picks, pick], vanishedUsed);
    }
  };

  const visitSegment = (bytes: number[], pos: number, g: number, chars: string[], c: number, picks: Pick[], vanishedUsed: boolean): void => {
    if (steps > MAX_STEPS) return;
    // A deleted user-defined pair may sit at any character boundary of the shifted text, but
    // not after the last one (nothing there would show it was ever present).
    const atEnd = c === chars.length;
    if (allowVanished && !vanishedUsed && !(atEnd && g + 1 === groups.length)) {
      for (const [trail, leads] of vanishingPairs()) {
        // Right before a `?pinyin)` the pair's trail byte must make that reading with some X.
        if (atEnd && lostBytes(trail, groups[g + 1].py, outsideGb2312).length === 0) continue;
        for (const lead of leads) {
          if (++steps > MAX_STEPS) return;
          const pair: [number, number] = [lead, trail];
          const next = [...bytes, lead, trail];
          const p = advance(next, pos);
          if (p < 0) continue;
          continueSegment(next, p, g, chars, c, picks, true, pair);
        }
      }
    }
    continueSegment(bytes, pos, g, chars, c, picks, vanishedUsed);
  };

  const continueSegment = (
    bytes: number[],
    pos: number,
    g: number,
    chars: string[],
    c: number,
    picks: Pick[],
    vanishedUsed: boolean,
    justVanished?: [number, number],
  ): void => {
    if (c === chars.length) {
      if (g + 1 < groups.length) visitGroup(bytes, pos, g + 1, picks, vanishedUsed, justVanished);
      else if (pos === bytes.length && !justVanished) found.push({ bytes, picks });
      return;
    }
    for (const form of byteForms(chars[c])) {
      if (++steps > MAX_STEPS) return;
      const next = [...bytes, ...form];
      const p = advance(next, pos);
      if (p < 0) continue;
      visitSegment(next, p, g, chars, c + 1, picks, vanishedUsed);
    }
  };

  visitGroup(prefix, advance(prefix, 0), 0, [], false);
  return found;
}

interface Scored {
  text: string;
  score: number;
  found: Found;
}

function rank(text: string, start: number, end: number, prefixChar: string, found: Found[], freq: WordFrequency): Scored[] {
  const left = cleanHan(text.slice(Math.max(0, start - prefixChar.length - 30), start - prefixChar.length), 'end', 2);
  const right = cleanHan(text.slice(end, end + 30), 'start', 3);
  const byText = new Map<string, Scored>();
  for (const f of found) {
    const decoded = decodeBytes(f.bytes).slice(prefixChar.length);
    if (byText.has(decoded)) continue;
    const window = toSimplified(left + prefixChar + decoded + right);
    byText.set(decoded, { text: decoded, score: windowScore(window, freq), found: f });
  }
  return [...byText.values()].sort((a, b) => b.score - a.score);
}

const ANNOTATION = new RegExp(`\\([${PINYIN_LETTERS}]{1,7}\\)|,`, 'g');

/** Han characters next to the damage with other annotations and injected commas taken out. */
function cleanHan(s: string, side: 'start' | 'end', n: number): string {
  const clean = s.split('\n')[side === 'start' ? 0 : s.split('\n').length - 1].replace(ANNOTATION, '');
  const m = side === 'start' ? /^\p{Script=Han}+/u.exec(clean) : /\p{Script=Han}+$/u.exec(clean);
  if (!m) return '';
  const chars = Array.from(m[0]);
  return (side === 'start' ? chars.slice(0, n) : chars.slice(-n)).join('');
}

function decodeBytes(bytes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) s += String.fromCharCode(bytes[i++]);
    else if (bytes[i] === 0x80) (s += '\u20ac'), i++;
    else (s += decodePair(bytes[i], bytes[i + 1]) ?? '\uFFFD'), (i += 2);
  }
  return s;
}

/** The character of the rebuilt text that holds byte `at`. */
function hostChar(bytes: readonly number[], at: number): { ch: string; from: number } {
  for (let i = 0; i < bytes.length; ) {
    const len = bytes[i] <= 0x80 ? 1 : 2;
    if (at < i + len) return { ch: decodeBytes(bytes.slice(i, i + len)), from: i };
    i += len;
  }
  return { ch: '', from: bytes.length };
}

function explain(broken: string, fixed: string, f: Found, prefixChar: string, scored: Scored[]): string {
  const steps: string[] = [];
  for (const p of f.picks) {
    if (p.vanished) steps.push(`the bytes ${hex(p.vanished)} formed a private-use character and were deleted`);
    const host = hostChar(f.bytes, p.xAt);
    if (host.from === p.xAt - 1) {
      steps.push(`(${p.py}) went in after ${host.ch} (${hex(p.pair)}) but its lead byte had been cut off`);
    } else {
      steps.push(`the bytes ${hex(p.pair)} were read as ${p.pairChar} and (${p.py}) was inserted inside ${host.ch}`);
    }
  }
  const rest =
    scored.length > 1
      ? ` ${scored.length - 1} other byte sequence${scored.length > 2 ? 's fit' : ' fits'}; the word list prefers ${fixed} to ${scored[1].text}.`
      : '';
  return `"${broken}" after ${prefixChar} is ${fixed} with its GBK bytes shifted: ${steps.join('; ')}.${rest}`;
}
