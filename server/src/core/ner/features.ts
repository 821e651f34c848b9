import type { Token } from '../types';
import { hashFinish, hashRange, hashStep, hashString } from './hash';
import { LEX_LOC, LEX_LOC_SUFFIX, LEX_ORG, LEX_ORG_SUFFIX, LEX_PER, LEX_SURNAME } from './lexicon';
import { CharProfileTable, groupCode } from './charProfile';
import type { WordTable } from './wordTable';

export interface FeatureOptions {
  /** Use jieba's segmentation and POS tags (word-position, word identity, POS context). */
  jieba: boolean;
  /** Use the word lists (surnames, entity words, place/organization suffixes). */
  lexicon: boolean;
  /** Use the gazetteer of entity strings seen in training data. */
  gazetteer: boolean;
  /**
   * Use Baidu LAC's predicted tags (slots 45–49). Such a model is trained with them left out of
   * part of its sentences, so it also tags well when LAC's tags are not given (absent in older
   * model files: false).
   */
  lac?: boolean;
}

/**
 * Feature slots per character. Every character gets exactly this many slots so that a whole
 * corpus fits one Int32Array; a slot holds the feature's 32-bit hash (template and values mixed),
 * or 0 when the template does not apply. A FeatureIndex maps hashes to weight rows.
 */
export const FEATURE_SLOTS = 50;

/** Slots before the LAC templates were added; model files with this many slots and no LAC still load. */
export const FEATURE_SLOTS_WITHOUT_LAC = 45;

/**
 * Slots whose templates name particular characters or words (not classes, tags or list
 * memberships). Learning from an annotator's corrections moves only these, so a lesson about one
 * word carries to its other mentions without shifting how every word of a class is read.
 */
export const LEXICAL_SLOTS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 16, 19, 20, 32, 38, 39];

const PAD_START = 0x110000; // Outside Unicode, so padding never equals a real character.
const PAD_END = 0x110001;
const NO_WORD = 4; // BMES value of a character no token covers.
const MAX_LEX_WORD = 12;
const MAX_SUFFIX_DISTANCE = 8;
/** LAC tag value beyond either end of the line (LAC has 57 tags). */
const LAC_PAD = 255;

export const enum CharClass {
  Pad = 0,
  Digit = 1,
  Latin = 2,
  HanNumeral = 3,
  Han = 4,
  Punct = 5,
  Space = 6,
  Other = 7,
}

const HAN_NUMERALS = new Set(Array.from('〇一二三四五六七八九十百千万亿零两', (c) => c.charCodeAt(0)));

export function charClass(c: number): number {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return CharClass.Digit;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return CharClass.Latin;
  if (c >= 0x3400 && c <= 0x9fff) return HAN_NUMERALS.has(c) ? CharClass.HanNumeral : CharClass.Han;
  if (c >= 0xf900 && c <= 0xfaff) return CharClass.Han;
  if (c >= 0xd800 && c <= 0xdfff) return CharClass.Han; // Extension B+ ideographs arrive as surrogates.
  if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0) return CharClass.Space;
  if ((c >= 0x21 && c <= 0x7e) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2000 && c <= 0x206f) || c === 0xb7) return CharClass.Punct;
  return CharClass.Other;
}

const posIds = new Map<string, number>();
function posId(tag: string): number {
  let id = posIds.get(tag);
  if (id === undefined) posIds.set(tag, (id = hashString(tag) & 0xffff));
  return id;
}

/** Growable per-character scratch arrays, reused across calls to avoid allocation per sentence. */
class Scratch {
  size = 0;
  code = new Int32Array(0);
  cls = new Uint8Array(0);
  bmes = new Uint8Array(0);
  pos = new Int32Array(0);
  word = new Int32Array(0);
  prevWord = new Int32Array(0);
  nextWord = new Int32Array(0);
  prevPos = new Int32Array(0);
  nextPos = new Int32Array(0);
  wordLen = new Uint8Array(0);
  lex = new Uint8Array(0); // 3 per char: PER, LOC, ORG codes (part * 16 + length)
  lexLen = new Uint8Array(0); // 3 per char: length of the longest word of each type covering it
  gaz = new Uint8Array(0); // as lex, for gazetteer words
  gazLen = new Uint8Array(0);
  surname = new Uint8Array(0);
  suffixEnd = new Uint8Array(0); // suffix category bits and length of the suffix ending here
  orgDist = new Uint8Array(0);
  locDist = new Uint8Array(0);
  prefixes = new Uint8Array(MAX_LEX_WORD + 1);

  ensure(n: number): void {
    if (n <= this.size) return;
    const size = Math.max(n, this.size * 2, 256);
    this.size = size;
    this.code = new Int32Array(size);
    this.cls = new Uint8Array(size);
    this.bmes = new Uint8Array(size);
    this.pos = new Int32Array(size);
    this.word = new Int32Array(size);
    this.prevWord = new Int32Array(size);
    this.nextWord = new Int32Array(size);
    this.prevPos = new Int32Array(size);
    this.nextPos = new Int32Array(size);
    this.wordLen = new Uint8Array(size);
    this.lex = new Uint8Array(size * 3);
    this.lexLen = new Uint8Array(size * 3);
    this.gaz = new Uint8Array(size * 3);
    this.gazLen = new Uint8Array(size * 3);
    this.surname = new Uint8Array(size);
    this.suffixEnd = new Uint8Array(size);
    this.orgDist = new Uint8Array(size);
    this.locDist = new Uint8Array(size);
  }
}

/**
 * Turns a text and its jieba tokens into feature hashes, FEATURE_SLOTS per character.
 *   0–13   characters: bias, unigrams at ±2, bigrams, c−1c+1, trigram c−1c0c+1, class patterns
 *   14–22  jieba: position in word (BMES) with POS, character, word, neighbouring words and POS
 *   23–32  word lists: jieba nr/ns/nt words covering the character, surnames, suffixes and the
 *          distance to the next place/organization suffix
 *   33–37  gazetteer of training entities: the same covering codes, with neighbours
 *   38–39  trigrams c−2c−1c0 and c0c+1c+2
 *   40–44  character profiles (share of name/place/organization words), with neighbours
 *   45–49  LAC's tags (segmentation position × POS/name type): current, with the previous, with
 *          the next, the three together, current with the character
 */
export class FeatureExtractor {
  private readonly s = new Scratch();

  constructor(
    readonly options: FeatureOptions,
    private readonly words: WordTable | undefined,
    /**
     * Entity strings of training data (LEX_PER/LOC/ORG bits). While training, each fold gets a
     * table built from the other folds, so the model learns how far a match can be trusted for
     * strings it has not memorised.
     */
    private readonly gazetteer: WordTable | undefined,
    /** Dictionary profiles of characters; used with the lexicon features. */
    private readonly profiles?: CharProfileTable,
  ) {
    if (options.lexicon && (!words || !profiles)) throw new Error('lexicon features need a word table and character profiles');
    if (options.gazetteer && !gazetteer) throw new Error('gazetteer features need a gazetteer table');
  }

  /**
   * Feature hashes for each character of text: out[i * FEATURE_SLOTS + k] (0: no feature).
   * lac: LAC's tag id per character of text; without it (or without options.lac) the LAC slots are 0.
   */
  extract(text: string, tokens: readonly Token[], out?: Int32Array, lac?: ArrayLike<number>): Int32Array {
    const n = text.length;
    const f = out && out.length >= n * FEATURE_SLOTS ? out : new Int32Array(n * FEATURE_SLOTS);
    if (n === 0) return f;
    const s = this.s;
    s.ensure(n);
    for (let i = 0; i < n; i++) {
      s.code[i] = text.charCodeAt(i);
      s.cls[i] = charClass(s.code[i]);
    }
    if (this.options.jieba) this.fillWords(text, tokens);
    if (this.options.lexicon) this.fillLexicon(text);
    if (this.options.gazetteer) this.fillGazetteer(text);

    const jieba = this.options.jieba;
    const lexicon = this.options.lexicon;
    const gazetteer = this.options.gazetteer;
    const lacTags = this.options.lac && lac && lac.length === n ? lac : undefined;
    for (let i = 0; i < n; i++) {
      const c0 = s.code[i];
      const cm1 = i > 0 ? s.code[i - 1] : PAD_START;
      const cm2 = i > 1 ? s.code[i - 2] : PAD_START;
      const cp1 = i + 1 < n ? s.code[i + 1] : PAD_END;
      const cp2 = i + 2 < n ? s.code[i + 2] : PAD_END;
      const km1 = i > 0 ? s.cls[i - 1] : CharClass.Pad;
      const km2 = i > 1 ? s.cls[i - 2] : CharClass.Pad;
      const kp1 = i + 1 < n ? s.cls[i + 1] : CharClass.Pad;
      const kp2 = i + 2 < n ? s.cls[i + 2] : CharClass.Pad;
      const k0 = s.cls[i];
      const o = i * FEATURE_SLOTS;
      f[o] = h1(0, 0);
      f[o + 1] = h1(1, c0);
      f[o + 2] = h1(2, cm1);
      f[o + 3] = h1(3, cp1);
      f[o + 4] = h1(4, cm2);
      f[o + 5] = h1(5, cp2);
      f[o + 6] = h2(6, cm1, c0);
      f[o + 7] = h2(7, c0, cp1);
      f[o + 8] = h2(8, cm2, cm1);
      f[o + 9] = h2(9, cp1, cp2);
      f[o + 10] = h2(10, cm1, cp1);
      f[o + 11] = h3(11, cm1, c0, cp1);
      f[o + 12] = h2(12, k0, (km2 << 12) | (km1 << 8) | (kp1 << 4) | kp2);
      f[o + 13] = h2(13, c0, (km1 << 4) | kp1);

      if (jieba) {
        const b = s.bmes[i];
        const p = s.pos[i];
        const bm1 = i > 0 ? s.bmes[i - 1] : 5;
        const bp1 = i + 1 < n ? s.bmes[i + 1] : 5;
        f[o + 14] = h2(14, b, p);
        f[o + 15] = h2(15, b, c0);
        f[o + 16] = h2(16, b, s.word[i]);
        f[o + 17] = h3(17, b, s.prevPos[i], p);
        f[o + 18] = h3(18, b, p, s.nextPos[i]);
        f[o + 19] = h2(19, b, s.prevWord[i]);
        f[o + 20] = h2(20, b, s.nextWord[i]);
        f[o + 21] = h3(21, b, s.wordLen[i], p);
        f[o + 22] = h3(22, bm1, b, bp1);
      } else {
        for (let k = 14; k <= 22; k++) f[o + k] = 0;
      }

      if (lexicon) {
        const l = i * 3;
        const sm1 = i > 0 ? s.surname[i - 1] : 0;
        const sufPrev = i > 0 ? s.suffixEnd[i - 1] : 0;
        f[o + 23] = h1(23, s.lex[l]);
        f[o + 24] = h1(24, s.lex[l + 1]);
        f[o + 25] = h1(25, s.lex[l + 2]);
        f[o + 26] = h3(26, s.lex[l] >> 4, s.lex[l + 1] >> 4, s.lex[l + 2] >> 4);
        f[o + 27] = h3(27, (s.surname[i] << 2) | sm1, kp1, kp2);
        f[o + 28] = h3(28, s.surname[i], jieba ? s.bmes[i] : NO_WORD, jieba ? s.wordLen[i] : 0);
        f[o + 29] = h1(29, s.suffixEnd[i]);
        f[o + 30] = h2(30, s.orgDist[i], s.locDist[i]);
        f[o + 31] = h2(31, sufPrev, k0);
        f[o + 32] = h2(32, s.orgDist[i], c0);
        const pr = this.profiles!;
        const p0 = pr.packedOf(c0);
        const pm1 = pr.packedOf(cm1);
        const pp1 = pr.packedOf(cp1);
        f[o + 40] = h2(40, groupCode(p0, 0), groupCode(p0, 1));
        f[o + 41] = h2(41, groupCode(p0, 2), groupCode(p0, 3));
        f[o + 42] = h3(42, groupCode(pm1, 0), groupCode(p0, 0), groupCode(pp1, 0));
        f[o + 43] = h3(43, (groupCode(pm1, 2) << 6) | groupCode(pm1, 3), (groupCode(p0, 2) << 6) | groupCode(p0, 3), (groupCode(pp1, 2) << 6) | groupCode(pp1, 3));
        f[o + 44] = h3(44, groupCode(pm1, 1), groupCode(p0, 1), groupCode(pp1, 1));
      } else {
        for (let k = 23; k <= 32; k++) f[o + k] = 0;
        for (let k = 40; k <= 44; k++) f[o + k] = 0;
      }

      if (gazetteer) {
        const l = i * 3;
        const prev = i > 0 ? (s.gaz[l - 3] >> 4) | ((s.gaz[l - 2] >> 4) << 2) | ((s.gaz[l - 1] >> 4) << 4) : 0;
        const next = i + 1 < n ? (s.gaz[l + 3] >> 4) | ((s.gaz[l + 4] >> 4) << 2) | ((s.gaz[l + 5] >> 4) << 4) : 0;
        const cur = (s.gaz[l] >> 4) | ((s.gaz[l + 1] >> 4) << 2) | ((s.gaz[l + 2] >> 4) << 4);
        f[o + 33] = h1(33, s.gaz[l]);
        f[o + 34] = h1(34, s.gaz[l + 1]);
        f[o + 35] = h1(35, s.gaz[l + 2]);
        f[o + 36] = h3(36, prev, cur, next);
        f[o + 37] = h2(37, cur, c0);
      } else {
        for (let k = 33; k <= 37; k++) f[o + k] = 0;
      }
      f[o + 38] = h3(38, cm2, cm1, c0);
      f[o + 39] = h3(39, c0, cp1, cp2);

      if (lacTags) {
        const t0 = lacTags[i];
        const tm1 = i > 0 ? lacTags[i - 1] : LAC_PAD;
        const tp1 = i + 1 < n ? lacTags[i + 1] : LAC_PAD;
        f[o + 45] = h1(45, t0);
        f[o + 46] = h2(46, tm1, t0);
        f[o + 47] = h2(47, t0, tp1);
        f[o + 48] = h3(48, tm1, t0, tp1);
        f[o + 49] = h2(49, t0, c0);
      } else {
        for (let k = 45; k <= 49; k++) f[o + k] = 0;
      }
    }
    return f;
  }

  private fillWords(text: string, tokens: readonly Token[]): void {
    const s = this.s;
    const n = text.length;
    s.bmes.fill(NO_WORD, 0, n);
    s.pos.fill(0, 0, n);
    s.word.fill(0, 0, n);
    s.prevWord.fill(0, 0, n);
    s.nextWord.fill(0, 0, n);
    s.prevPos.fill(0, 0, n);
    s.nextPos.fill(0, 0, n);
    s.wordLen.fill(0, 0, n);
    const wordHash = (t: Token | undefined) => (t ? hashFinish(hashRange(text, t.start, Math.min(t.end, n), 0x2545f491)) : 1);
    let prevHash = 1;
    let prevPos = 1;
    let curHash = tokens.length > 0 ? wordHash(tokens[0]) : 1;
    for (let ti = 0; ti < tokens.length; ti++) {
      const t = tokens[ti];
      const next = tokens[ti + 1];
      const nextHash = wordHash(next);
      const p = posId(t.tag);
      const np = next ? posId(next.tag) : 1;
      const start = Math.max(0, t.start);
      const end = Math.min(n, t.end);
      const len = end - start;
      for (let i = start; i < end; i++) {
        s.bmes[i] = len === 1 ? 3 : i === start ? 0 : i === end - 1 ? 2 : 1;
        s.pos[i] = p;
        s.word[i] = curHash;
        s.prevWord[i] = prevHash;
        s.nextWord[i] = nextHash;
        s.prevPos[i] = prevPos;
        s.nextPos[i] = np;
        s.wordLen[i] = Math.min(len, 6);
      }
      prevHash = curHash;
      prevPos = p;
      curHash = nextHash;
    }
  }

  private fillGazetteer(text: string): void {
    const s = this.s;
    const table = this.gazetteer!;
    const n = text.length;
    s.gaz.fill(0, 0, n * 3);
    s.gazLen.fill(0, 0, n * 3);
    const pre = s.prefixes;
    for (let start = 0; start < n; start++) {
      const k = s.cls[start];
      if (k === CharClass.Punct && s.code[start] !== 0x201c && s.code[start] !== 0x300a) continue; // names may open with “ or 《
      if (k === CharClass.Space) continue;
      table.lookupPrefixes(text, start, MAX_LEX_WORD, pre);
      for (let len = 1; len <= MAX_LEX_WORD && start + len <= n; len++) {
        if (pre[len] !== 0) markEntityWord(s.gaz, s.gazLen, start, len, pre[len]);
      }
    }
  }

  private fillLexicon(text: string): void {
    const s = this.s;
    const words = this.words!;
    const n = text.length;
    s.lex.fill(0, 0, n * 3);
    s.lexLen.fill(0, 0, n * 3);
    s.surname.fill(0, 0, n);
    s.suffixEnd.fill(0, 0, n);
    const pre = s.prefixes;
    for (let start = 0; start < n; start++) {
      if (s.cls[start] !== CharClass.Han && s.cls[start] !== CharClass.HanNumeral) continue;
      words.lookupPrefixes(text, start, MAX_LEX_WORD, pre);
      for (let len = 1; len <= MAX_LEX_WORD && start + len <= n; len++) {
        const bits = pre[len];
        if (bits === 0) continue;
        if (bits & LEX_SURNAME) s.surname[start] |= len === 1 ? 1 : 2;
        if (bits & (LEX_LOC_SUFFIX | LEX_ORG_SUFFIX)) {
          const e = start + len - 1;
          const cat = bits & (LEX_LOC_SUFFIX | LEX_ORG_SUFFIX);
          // The longest suffix ending here wins; its length is part of the code.
          if ((s.suffixEnd[e] & 7) < len) s.suffixEnd[e] = cat | Math.min(len, 7);
        }
        if (len >= 2) markEntityWord(s.lex, s.lexLen, start, len, bits);
      }
    }
    let org = MAX_SUFFIX_DISTANCE + 1;
    let loc = MAX_SUFFIX_DISTANCE + 1;
    for (let i = n - 1; i >= 0; i--) {
      const e = s.suffixEnd[i];
      org = e & LEX_ORG_SUFFIX ? 0 : Math.min(org + 1, MAX_SUFFIX_DISTANCE + 1);
      loc = e & LEX_LOC_SUFFIX ? 0 : Math.min(loc + 1, MAX_SUFFIX_DISTANCE + 1);
      // A break in the run of Han characters ends any name that could reach the suffix.
      if (s.cls[i] !== CharClass.Han && s.cls[i] !== CharClass.HanNumeral) {
        org = MAX_SUFFIX_DISTANCE + 1;
        loc = MAX_SUFFIX_DISTANCE + 1;
      }
      s.orgDist[i] = org;
      s.locDist[i] = loc;
    }
  }
}

/**
 * Records, for each character of a matched word and each entity type in bits, its part in the
 * longest such word covering it: (part << 4) | length, part 1 = first, 2 = inside, 3 = last
 * character (a one-character word counts as first).
 */
function markEntityWord(codes: Uint8Array, lengths: Uint8Array, start: number, len: number, bits: number): void {
  for (let type = 0; type < 3; type++) {
    if (!(bits & (type === 0 ? LEX_PER : type === 1 ? LEX_LOC : LEX_ORG))) continue;
    for (let i = start; i < start + len; i++) {
      const l = i * 3 + type;
      if (lengths[l] >= len) continue;
      lengths[l] = len;
      const part = i === start ? 1 : i === start + len - 1 ? 3 : 2;
      codes[l] = (part << 4) | Math.min(len, 15);
    }
  }
}

// Feature hashes are signed 32-bit values; 0 is reserved for "no feature".
function h1(t: number, a: number): number {
  return hashFinish(hashStep(hashStep(0x9e3779b9 + t, t), a)) | 0 || 1;
}
function h2(t: number, a: number, b: number): number {
  return hashFinish(hashStep(hashStep(hashStep(0x9e3779b9 + t, t), a), b)) | 0 || 1;
}
function h3(t: number, a: number, b: number, c: number): number {
  return hashFinish(hashStep(hashStep(hashStep(hashStep(0x9e3779b9 + t, t), a), b), c)) | 0 || 1;
}
