import { commonAffixes } from '../chunks';
import { charModel } from './charModel';
import type { Artifact, WordFrequency } from './types';
import { hasToneMark, PINYIN_LETTERS } from './readings';
import { toSimplified } from './wordList';
import { MAX_NAME_PART, TRANSLIT_CODES } from '../transliteration';

// A character the encoder or decoder could not map: U+FFFD, or a `?` standing for a character
// GBK could not hold. The lost bytes are gone. Lost characters sit mostly in names (rare
// characters), so a word that happens to fit the neighbours is no repair (徐若? is not 徐若干):
// the character is taken from another mention of the same name in the document when one has it,
// and otherwise offered as unknown (〓, the typesetter's mark for a missing character). Most `?`
// in Chinese text are real question marks (NFKC turns `？` into `?`), so a `?` closing a clause
// with a question word is left alone unless another mention or a repeat shows it is a name.

const HAN = /^\p{Script=Han}$/u;
/** Question particles and interrogatives (simplified and traditional). */
const QUESTION_CUE = /[吗嗎呢么麼吧谁誰哪怎何几幾啥否难難岂豈乎哉嘛]|多少|(\p{Script=Han})[不没沒]\1|[了啊呀啦哇]$/u;
const CLAUSE_START = /[。！？!?；;…\n]/;
export const UNKNOWN_MARK = '\u3013';
/**
 * Looking for other mentions scans the document once per distinct neighbourhood; a text with more
 * distinct gaps than this is noise, in which the rest are reported with nothing to offer.
 */
const MAX_LOOKED_UP = 32;

/** Per-call caches, so a gap repeated a thousand times costs one scan. */
interface Scans {
  fills: Map<string, string | undefined>;
  counts: Map<string, number>;
  looked: number;
  memo?: LostCharacterMemo;
}

/**
 * The document-wide scans of one document (other mentions, repeats), kept from one version to the
 * next: an edit drops only those whose characters it touched, so a keystroke in a long article
 * does not scan it all again. Each call still counts its lookups as a fresh one does, so the
 * result is the same with the memo as without.
 */
export class LostCharacterMemo {
  private text = '';
  private readonly fills = new Map<string, string | undefined>();
  private readonly counts = new Map<string, number>();

  /** Moves the memo to a new version of the text, forgetting the scans an edit could change. */
  update(text: string): void {
    if (text === this.text) return;
    const old = this.text;
    this.text = text;
    const { prefix, suffix } = commonAffixes(old, text);
    // A match of a scan (at most two characters, a character, two more: 6 code units) that the
    // edit created or destroyed lies within this reach of the edited characters.
    const reach = 8;
    const from = Math.max(0, prefix - reach);
    const before = old.slice(from, old.length - suffix + reach);
    const after = text.slice(from, text.length - suffix + reach);
    if (before.length + after.length > 4096 || this.fills.size + this.counts.size > 4096) {
      this.fills.clear();
      this.counts.clear();
      return;
    }
    // A scan's answer changes only if one of its matches is in the edited stretch, before or after
    // the edit: testing its own patterns there (rather than whether any of its characters is) keeps
    // the scans of common characters such as 的 when a keystroke is near none of their matches.
    const touches = (re: RegExp) => {
      re.lastIndex = 0;
      const hit = re.test(before);
      re.lastIndex = 0;
      return hit || re.test(after);
    };
    for (const key of [...this.fills.keys()]) {
      // A neighbour that is itself a | makes the key ambiguous: forgotten, as any doubtful one.
      const sides = key.split('|');
      if (sides.length !== 2 || fillPatterns(sides[0], sides[1]).some(touches)) this.fills.delete(key);
    }
    for (const key of [...this.counts.keys()]) if (before.includes(key) || after.includes(key)) this.counts.delete(key);
  }

  fill(text: string, key: string, find: () => string | undefined): string | undefined {
    if (text !== this.text) return find();
    if (!this.fills.has(key)) this.fills.set(key, find());
    return this.fills.get(key);
  }

  count(text: string, s: string, scan: () => number): number {
    if (text !== this.text) return scan();
    let n = this.counts.get(s);
    if (n === undefined) this.counts.set(s, (n = scan()));
    return n;
  }
}

/** The code point that ends just before `at`, or -1. */
function codePointBefore(text: string, at: number): number {
  if (at <= 0) return -1;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(at - 2)!;
  }
  return low;
}

function isHan(cp: number): boolean {
  return cp >= 0 && HAN.test(String.fromCodePoint(cp));
}

/** Whether the two code points before `at` are Han. */
function twoHanBefore(text: string, at: number): boolean {
  const last = codePointBefore(text, at);
  if (!isHan(last)) return false;
  return isHan(codePointBefore(text, at - (last > 0xffff ? 2 : 1)));
}

/**
 * The gaps: runs of U+FFFD, and `?` between two Han characters, in order. Found by looking at each
 * `?` and U+FFFD rather than by a regular expression with a look-behind, which tried every
 * position of a long document on every keystroke.
 */
function* gaps(text: string): Generator<[number, number]> {
  let q = text.indexOf('?');
  let r = text.indexOf('\uFFFD');
  while (q >= 0 || r >= 0) {
    if (r >= 0 && (q < 0 || r < q)) {
      let end = r + 1;
      while (text.charCodeAt(end) === 0xfffd) end++;
      yield [r, end];
      r = text.indexOf('\uFFFD', end);
    } else {
      if (isHan(codePointBefore(text, q)) && isHan(text.codePointAt(q + 1) ?? -1)) yield [q, q + 1];
      q = text.indexOf('?', q + 1);
    }
  }
}

export function detectLostCharacters(text: string, _freq?: WordFrequency, memo?: LostCharacterMemo): Artifact[] {
  if (text.indexOf('\uFFFD') < 0 && text.indexOf('?') < 0) return [];
  const out = new Map<number, Artifact>();
  memo?.update(text);
  const scans: Scans = { fills: new Map(), counts: new Map(), looked: 0, memo };
  let crawled: boolean | undefined;
  // A lost mark: a name's joining dot, or a bullet at a line's head (never both: a name part
  // stands before the dot).
  for (let start = text.indexOf('?'); start >= 0; start = text.indexOf('?', start + 1)) {
    if (betweenNameParts(text, start) && !QUESTION_CUE.test(clauseBefore(text, start))) {
      crawled ??= showsPinyinPass(text);
      out.set(start, lostJoiner(start, crawled));
    } else if (startsBulletedLine(text, start)) {
      // `?若瑄說` with 徐若瑄 elsewhere is a name's lost first character, not a bullet.
      const fill = isHan(text.codePointAt(start + 1) ?? -1) ? mentionFill(text, start, start + 1, scans) : undefined;
      crawled ??= showsPinyinPass(text);
      out.set(start, fill ? lost(text, start, start + 1, fill, scans) : lostBullet(start, crawled));
    }
  }
  for (const [start, end] of gaps(text)) {
    if (out.has(start)) continue;
    // In a clause that asks something only a name lost the same way elsewhere overrides the question.
    if (end - start === 1 && text[start] === '?' && QUESTION_CUE.test(clauseBefore(text, start)) && !repeatedAfter(text, start, scans)) continue;
    out.set(start, lost(text, start, end, end - start <= 3 ? mentionFill(text, start, end, scans) : undefined, scans));
  }
  // `徐若?,`: not between two Han characters, but the same two characters before a `?` elsewhere
  // give it away. A `?` ending a sentence or line is a question mark.
  for (let start = text.indexOf('?'); start >= 0; start = text.indexOf('?', start + 1)) {
    if (!twoHanBefore(text, start)) continue;
    if (out.has(start) || SENTENCE_END.test(text[start + 1] ?? '\n')) continue;
    const left = text.slice(start - 2, start);
    if (QUESTION_CUE.test(left) || !repeatedAfter(text, start, scans)) continue;
    if (QUESTION_CUE.test(clauseBefore(text, start)) && countOf(text, `${left}?`, scans) < 3) continue;
    out.set(start, lost(text, start, start + 1, mentionFill(text, start, start + 1, scans), scans));
  }
  return [...out.values()].sort((a, b) => a.start - b.start);
}

/**
 * The dots that join a transliterated name's parts and that GBK cannot hold, most common first: web
 * news writes 保罗•盖蒂 with U+2022 (GBK has only U+00B7 ·, which survives the crawl as it is).
 */
const LOST_JOINERS = ['\u2022', '\u2027', '\u30fb'];
/**
 * Together the two parts must be at least this long, and each at least one character: 张?三 is no
 * name, 休?芒羅 (Hugh Munro) is. Over MSRA train and CLUENER (NFKC, so `？` is `?`), one of 965
 * question marks has a part on each side and three characters together, and it is a lost dot
 * itself (查理?布林克); requiring two characters on each side found 464 of the 1,370 dots, this 555.
 */
const MIN_NAME = 3;

/** A pinyin annotation the crawler injected after a character (羅(luó)), before or after a position. */
const ANNOTATION_BEFORE = new RegExp(`\\([${PINYIN_LETTERS}]{1,7}\\)$`, 'u');
const ANNOTATION_AFTER = new RegExp(`^\\([${PINYIN_LETTERS}]{1,7}\\)`, 'u');

/**
 * Whether a `?` stands between two runs of transliteration characters (保羅?蓋蒂), traditional or
 * simplified, reading through pinyin annotations (保羅(luó)?蓋(gě)蒂), which are repaired apart;
 * or between a run of MIN_NAME or more and any Han character: conventional given names the
 * syllable tables lack (大衛, 約翰). Over the same text, with each dot replaced by `?`: 696 of the
 * 1,370 dots found instead of 626, and still one of the 965 question marks (查理?布林克).
 */
function betweenNameParts(text: string, at: number): boolean {
  // OpenCC only for Han characters outside the (simplified) table: a run of ? or Latin is rejected at once.
  const translit = (i: number) => {
    const c = i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
    return c >= 0x3400 && (TRANSLIT_CODES.has(c) || TRANSLIT_CODES.has(toSimplified(text[i]).charCodeAt(0)));
  };
  // Characters of the part on one side, and whether a Han character of any kind ends the walk
  // (the given name the tables lack: 大衛?盧森博格, 約翰?克里斯).
  const part = (forward: boolean): [number, boolean] => {
    let n = 0;
    let i = forward ? at + 1 : at;
    for (let steps = 0; n < MAX_NAME_PART && steps < 2 * MAX_NAME_PART; steps++) {
      const note = forward ? ANNOTATION_AFTER.exec(text.slice(i, i + 12)) : ANNOTATION_BEFORE.exec(text.slice(Math.max(0, i - 12), i));
      if (note) i += forward ? note[0].length : -note[0].length;
      else if (translit(forward ? i : i - 1)) {
        n++;
        i += forward ? 1 : -1;
      } else break;
    }
    return [n, n === 0 && isHan(forward ? text.codePointAt(i) ?? -1 : codePointBefore(text, i))];
  };
  const [before, hanBefore] = part(false);
  const [after, hanAfter] = part(true);
  if (before > 0 && after > 0) return before + after >= MIN_NAME;
  return (hanBefore && after >= MIN_NAME) || (hanAfter && before >= MIN_NAME);
}

/**
 * The bullets that begin a list line and that GBK cannot hold, most common first (●, ■ and ◆ are in
 * GBK and survive the crawl).
 */
const LOST_BULLETS = ['\u2022', '\u25aa', '\u25ba'];
const PINYIN_CLOSE = new RegExp(`^\\?[${PINYIN_LETTERS}]{1,7}\\)`, 'u');

/**
 * Whether a `?` begins a line (after indentation at most) and something follows it on the line:
 * no question mark begins a line (none of MSRA train's and CLUENER's 53,000 lines does), so it is
 * a character the converter lost, and at the head of a line that is a list's bullet. `?zhèn)` is
 * the misaligned pinyin form, repaired apart.
 */
function startsBulletedLine(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000')) i--;
  if (i >= 0 && text[i] !== '\n' && text[i] !== '\r') return false;
  const next = text[at + 1];
  if (next === undefined || next === '\n' || next === '\r' || next === '?') return false;
  return !PINYIN_CLOSE.test(text.slice(at, at + 10));
}

/**
 * The crawler's pinyin pass (責(zé)任, or its misaligned form ?zhèn)): a tone-marked reading in
 * brackets after a Han character, or closed by a bracket after a `?` (the `(` went with the orphan
 * byte); the letters and tone marks are the repair's own (readings.ts). Where it left no trace, a `?` in a name came with the
 * text (its own source lost the dot): offered as a repair, never applied by fix-all.
 */
const PINYIN_PASS = new RegExp(`(?:\\p{Script=Han}\\(|\\?)([${PINYIN_LETTERS}]{1,7})\\)`, 'gu');

function showsPinyinPass(text: string): boolean {
  for (const m of text.matchAll(PINYIN_PASS)) if (hasToneMark(m[1])) return true;
  return false;
}

/**
 * A `?` for a mark GBK lacks (a name's joining dot, a list bullet): `candidates` most common first,
 * applied by fix-all only in a text that shows the crawler.
 */
function lostMark(start: number, crawled: boolean, from: 'joiner' | 'bullet', candidates: string[], why: string): Artifact {
  return {
    kind: 'question_mark_gap',
    start,
    end: start + 1,
    candidates,
    autoFix: crawled,
    explanation:
      `${why} (${candidates.join(' ')}) is not in GBK, so a converter wrote "?".` +
      (crawled ? '' : ' This text shows no other sign of the crawler, so fix-all leaves it.'),
    detail: { from },
  };
}

function lostJoiner(start: number, crawled: boolean): Artifact {
  return lostMark(start, crawled, 'joiner', LOST_JOINERS, 'A "?" between two parts of a transliterated name: the dot that joined them');
}

function lostBullet(start: number, crawled: boolean): Artifact {
  return lostMark(start, crawled, 'bullet', LOST_BULLETS, 'A "?" that begins a line is no question mark: the list bullet there');
}

function lost(text: string, start: number, end: number, fromMention: string | undefined, scans: Scans): Artifact {
  const what = text.slice(start, end) === '?' ? 'a "?"' : 'U+FFFD';
  if (fromMention) {
    return {
      kind: text[start] === '?' ? 'question_mark_gap' : 'replacement_char',
      start,
      end,
      candidates: [fromMention],
      autoFix: true,
      explanation: `A character the converter could not map was written as ${what}; another mention of the same name in this document reads ${fromMention} here.`,
      detail: { from: 'mention' },
    };
  }
  const bounded = scans.looked >= MAX_LOOKED_UP;
  return {
    kind: text[start] === '?' ? 'question_mark_gap' : 'replacement_char',
    start,
    end,
    candidates: bounded ? [] : [UNKNOWN_MARK],
    autoFix: false,
    explanation: `A character the converter could not map was written as ${what}; it is lost and no other mention in this document shows it. ${UNKNOWN_MARK} marks it as unknown.`,
    detail: { from: 'unknown' },
  };
}

const SENTENCE_END = /[\n\r”"」』)\s]/;

/** Whether the two Han characters before `at` are followed by a `?` elsewhere too. */
function repeatedAfter(text: string, at: number, scans: Scans): boolean {
  const left = text.slice(Math.max(0, at - 2), at);
  return /^\p{Script=Han}{2}$/u.test(left) && countOf(text, `${left}?`, scans) >= 2;
}

function countOf(text: string, s: string, scans: Scans): number {
  const hit = scans.counts.get(s);
  if (hit !== undefined) return hit;
  if (scans.looked >= MAX_LOOKED_UP) return 0;
  scans.looked++;
  const scan = () => {
    let n = 0;
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) n++;
    return n;
  };
  const n = scans.memo ? scans.memo.count(text, s, scan) : scan();
  scans.counts.set(s, n);
  return n;
}

/**
 * The one character other mentions put in the gap: two Han characters on one side (or one on
 * each) followed elsewhere in the document by the same characters around a Han character. Undefined when
 * no mention or more than one reading exists.
 */
function mentionFill(text: string, start: number, end: number, scans: Scans): string | undefined {
  const key = `${text.slice(Math.max(0, start - 2), start)}|${text.slice(end, end + 2)}`;
  if (scans.fills.has(key)) return scans.fills.get(key);
  if (scans.looked >= MAX_LOOKED_UP) return undefined;
  scans.looked++;
  // Other mentions are found with the gap's neighbours only (the key), never the gap itself, which
  // no Han pattern can cover: the result is the key's wherever the gap is.
  const fill = scans.memo ? scans.memo.fill(text, key, () => findFill(text, start, end)) : findFill(text, start, end);
  scans.fills.set(key, fill);
  return fill;
}

/** The Han characters beside a gap (the two code units before it, the two after it). */
function neighbours(left: string, right: string): { l2: string; r2: string; l1: string; r1: string } {
  const l2 = /\p{Script=Han}{2}$/u.exec(left)?.[0] ?? '';
  const r2 = /^\p{Script=Han}{2}/u.exec(right)?.[0] ?? '';
  const l1 = l2.slice(-1) || (/\p{Script=Han}$/u.exec(left.slice(-1))?.[0] ?? '');
  const r1 = r2.slice(0, 1) || (/^\p{Script=Han}/u.exec(right.slice(0, 1))?.[0] ?? '');
  return { l2, r2, l1, r1 };
}

/** Where other mentions of the name around a gap are looked for; each captures the character in the gap's place. */
function fillPatterns(left: string, right: string): RegExp[] {
  const { l2, r2, l1, r1 } = neighbours(left, right);
  const patterns: RegExp[] = [];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (l2) patterns.push(new RegExp(`${esc(l2)}(\\p{Script=Han})`, 'gu'));
  if (r2) patterns.push(new RegExp(`(\\p{Script=Han})${esc(r2)}`, 'gu'));
  if (l1 && r1) patterns.push(new RegExp(`${esc(l1)}(\\p{Script=Han})${esc(r1)}`, 'gu'));
  return patterns;
}

function findFill(text: string, start: number, end: number): string | undefined {
  const left = text.slice(Math.max(0, start - 2), start);
  const right = text.slice(end, end + 2);
  const { l2, l1 } = neighbours(left, right);
  const patterns = fillPatterns(left, right);
  const seen = new Set<string>();
  // Mentions that share the gap's left side, and those that share only its right side.
  let leftAnchored = 0;
  let rightOnly = 0;
  for (const re of patterns) {
    const fromRight = re.source.startsWith('(');
    for (let m; (m = re.exec(text)); ) {
      if (m.index <= start && m.index + m[0].length >= end) continue;
      seen.add(m[1]);
      if (fromRight) rightOnly++;
      else leftAnchored++;
    }
  }
  if (seen.size !== 1) return undefined;
  // The test below weighs the fill against the gap's left side. Evidence from the right side
  // alone (X介紹) is a name only if it repeats: once, it is any word before a common one (在介紹
  // elsewhere made 宋文?介紹 into 宋文在介紹).
  if (leftAnchored === 0 && rightOnly < 2) return undefined;
  const fill = [...seen][0];
  // Only a name is trusted to repeat itself: a completion news text makes often (信他 → 們) is a
  // word that happens to be nearby, not evidence.
  const lm = charModel();
  if (!lm) return undefined;
  const code = (ch: string) => toSimplified(ch).codePointAt(0)!;
  const [a, b] = Array.from(l2 || ` ${l1}`);
  const p = l2 || l1 ? lm.logProb(code(fill), code(b), a === ' ' ? undefined : code(a)) : lm.logProb(code(fill));
  return p < NAME_LIKE ? fill : undefined;
}

/** Below this log10 probability after its left neighbours a completion is name-like (rare in news). */
const NAME_LIKE = -2.5;

function clauseBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && at - i <= 60 && !CLAUSE_START.test(text[i])) i--;
  return text.slice(i + 1, at);
}
