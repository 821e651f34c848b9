import { decodePair, hex } from './gbk';
import { annotationEndingAt, hasToneMark, PINYIN_LETTERS } from './readings';
import { byteForms, isTraditionalText, lostBytes, recoverRun, type RunCandidate, type RunStart } from './shiftedRun';
import type { Artifact, WordFrequency } from './types';
import { toSimplified, windowScore, wordFrequency, wordListGeneration } from './wordList';
import { charModelGeneration } from './charModel';

// `認真?zhèn)鬟_學(xué)習(xí)`: the pinyin pass replaced GBK byte pairs, and some matches straddled two
// characters (trail byte of one + lead byte of the next). The inserted `(pinyin)` split a
// character: its orphaned lead byte X and the `(` decoded as one `?`, and the bytes after it
// decoded shifted until a byte below 0x80 realigned them, which may be many characters later.
// Recovery tries each X for which (byte before, X) is a character with that reading and walks
// the shifted run byte by byte (shiftedRun.ts); a character language model ranks the readings.
// When two come out close, neither is applied automatically. Details: docs/artifacts.md.

const GROUP = new RegExp(`[?\\uFFFD]([${PINYIN_LETTERS}]{1,7})\\)`, 'g');
const MAX_CANDIDATES = 5;
/**
 * Readings within this many log10 units of the best (a factor of 5) are too close to choose
 * between. eval:repair --whole, exact / silently wrong, seeds 1–60: 1.3 → 1,656, 1.0 → 1,663 / 40,
 * 0.85 the same, 0.7 → 1,668 / 40, 0.5 → 1,679 exact but 21 more silently wrong; seeds 61–120
 * (checked after): 1.0 → 1,679 / 24, 0.7 → 1,680 / 25. Between 0.85 and 0.7 only five articles of
 * seeds 1–60 changed, all to exact: a run that swallowed a line break, its runner-up a rare
 * character (庛).
 */
const CLOSE = 0.7;

export interface Group {
  /** Offset of the `?`. */
  q: number;
  /** Offset after the `)`. */
  end: number;
  py: string;
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
  let covered = 0;
  for (const g of groups) {
    // A later `?pinyin)` inside a recovered run belongs to it.
    if (g.q < covered) continue;
    const a = memo && !freq ? memo.recover(text, [g]) : recoverCluster(text, [g], freq);
    if (a) {
      out.push(a);
      covered = a.end;
    }
  }
  return out;
}

/** Characters around a cluster that recovery reads: prefix and left context, the run and right context. */
const MEMO_BEFORE = 34;
const MEMO_AFTER = 600;
const MEMO_ENTRIES = 5000;

/**
 * Recoveries already computed. The same damaged phrase recurs across the articles of one site;
 * its recovery depends only on the text around it (and the word list and character model), so
 * it is computed once. Owned by the caller (core/resources.ts), not the module, so servers and
 * tests do not share it.
 */
export class RecoveryMemo {
  private readonly memo = new Map<string, Artifact | null>();
  private generation = -1;

  recover(text: string, groups: Group[]): Artifact | undefined {
    const generation = wordListGeneration() * 1000 + charModelGeneration();
    if (this.generation !== generation || this.memo.size > MEMO_ENTRIES) {
      this.memo.clear();
      this.generation = generation;
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

function recoverCluster(text: string, groups: Group[], freq?: WordFrequency): Artifact | undefined {
  const first = groups[0];
  // Where the character in front of the damage ends: an annotation of its own may sit between.
  const prefixAt = annotationEndingAt(text, first.q)?.at ?? first.q;
  const prefixChar = charBefore(text, prefixAt);
  // The byte before the lost one belongs to a two-byte character. ASCII in front may be a
  // full-width mark NFKC narrowed (the `，` before 數 in `，數據` lent its trail byte).
  const prefixForms = prefixChar ? byteForms(prefixChar).filter((f) => f.length === 2) : [];
  if (!prefixChar || prefixForms.length === 0) return undefined;
  const left = cleanHan(text.slice(Math.max(0, prefixAt - prefixChar.length - 30), prefixAt - prefixChar.length), 'end', 2) + prefixChar;

  // The script is judged on the stretch the memo keys on, so a memoised recovery is the one computed.
  const lineEnd = text.indexOf('\n', first.q);
  const from = Math.max(text.lastIndexOf('\n', first.q) + 1, first.q - MEMO_BEFORE);
  const to = Math.min(lineEnd < 0 ? text.length : lineEnd, groups[groups.length - 1].end + MEMO_AFTER);
  const traditional = isTraditionalText(text.slice(from, to));
  // The converter annotated only characters outside GB2312; anything else is the fallback.
  let found: RunCandidate[] = [];
  for (const outsideGb2312 of [true, false]) {
    const starts: RunStart[] = prefixForms.flatMap((prefixBytes) =>
      lostBytes(prefixBytes[1], first.py, outsideGb2312).map((x) => ({
        pos: first.end,
        pending: x,
        bytes: [...prefixBytes, x],
        events: [{ type: 'pick' as const, py: first.py, pair: [prefixBytes[1], x] as [number, number], pairChar: decodePair(prefixBytes[1], x)!, at: 2 }],
        left,
      })),
    );
    if (starts.length) found = recoverRun(text, starts, MAX_CANDIDATES, outsideGb2312, traditional);
    if (found.length > 0) break;
  }

  const start = first.q;
  if (found.length === 0) {
    return {
      kind: 'misaligned_pinyin',
      start,
      end: first.end,
      candidates: [],
      autoFix: false,
      explanation: `"${text.slice(start, first.end)}" is pinyin injected into the middle of a GBK character, but no byte sequence fits the text around it; retype the characters by hand.`,
      detail: { prefix_char: prefixChar, pinyin: groups.map((g) => g.py) },
    };
  }
  found = rescore(text, left, found, freq ?? wordFrequency());
  const best = found[0];
  const close = found.filter((c) => best.score - c.score < CLOSE);
  // Candidates that stop earlier carry the rest of the span unchanged.
  const end = Math.max(...close.map((c) => c.end));
  const texts: string[] = [];
  // A digit the decoder swallowed could have been any digit: the bytes say nothing of which, and
  // a count or a score guessed by the language model is a wrong value, so every digit is offered.
  let digitAt = swallowedDigitAt(best);
  if (digitAt >= 0 && !/^[0-9]$/.test(Array.from(best.text)[digitAt] ?? '')) digitAt = -1;
  const offer = (t: string) => texts.includes(t) || texts.push(t);
  const offerReading = (c: RunCandidate) => c.end <= end && offer(c.text + text.slice(c.end, end));
  if (digitAt < 0) found.forEach(offerReading);
  else {
    offerReading(best);
    const chars = Array.from(texts[0]);
    for (let d = 0; d <= 9; d++) {
      chars[digitAt] = String(d);
      offer(chars.join(''));
    }
    // The other close readings of the characters follow, each with the digit it was ranked with.
    close.slice(1).forEach(offerReading);
  }
  const ambiguous = close.length > 1 || digitAt >= 0;
  return {
    kind: 'misaligned_pinyin',
    start,
    end,
    candidates: texts,
    autoFix: !ambiguous,
    explanation: explain(text.slice(start, end), best, prefixChar, found, ambiguous, digitAt >= 0),
    detail: {
      prefix_char: prefixChar,
      picks: best.events.filter((e) => e.type === 'pick').map((e) => [e.py, e.pairChar, hex(e.pair).replace(/ /g, '').toLowerCase()]),
      vanished_pair: best.events.some((e) => e.type === 'vanished'),
      n_candidates: found.length,
      runner_up: found[1]?.text,
      margin: found[1] ? Number((best.score - found[1].score).toFixed(2)) : undefined,
    },
  };
}

/**
 * Adds the word list's view (jieba's unigram segmentation score, in log10) to the character
 * model's: the model knows which characters follow each other in news, the word list knows
 * words the training text rarely used (擔當).
 */
function rescore(text: string, left: string, found: RunCandidate[], freq: WordFrequency): RunCandidate[] {
  const far = Math.max(...found.map((c) => c.end));
  const right = cleanHan(text.slice(far, far + 30), 'start', 3);
  return found
    .map((c) => {
      const window = toSimplified(left + c.text + text.slice(c.end, far).replace(ANNOTATION, '') + right);
      // Punctuation and digits are no words: only the Han stretches are segmented.
      const words = window.split(/[^\p{Script=Han}]+/u).reduce((sum, run) => sum + (run ? windowScore(run, freq) : 0), 0);
      return { ...c, score: c.score + words / Math.LN10 };
    })
    .sort((a, b) => b.score - a.score);
}

function charBefore(text: string, at: number): string | undefined {
  if (at <= 0) return undefined;
  const c = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) return text.slice(at - 2, at);
  return text[at - 1];
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

/** Index (in code points of the candidate's text) of a digit the decoder swallowed after an orphan byte; −1 when none. */
function swallowedDigitAt(c: RunCandidate): number {
  for (const e of c.events) {
    const b = c.bytes[e.at];
    if (e.type !== 'swallowed' || b < 0x30 || b > 0x39) continue;
    // Characters before that byte, the prefix character (which is not in the text) excluded.
    let chars = 0;
    for (let i = 0; i < e.at; i += c.bytes[i] <= 0x80 ? 1 : 2) chars++;
    return chars - 1;
  }
  return -1;
}

function explain(broken: string, best: RunCandidate, prefixChar: string, found: RunCandidate[], ambiguous: boolean, lostDigit: boolean): string {
  const steps: string[] = [];
  for (const e of best.events) {
    const host = hostChar(best.bytes, e.at);
    if (e.type === 'vanished') steps.push(`the bytes ${hex(e.pair)} formed a private-use character and were deleted`);
    else if (e.type === 'swallowed') steps.push(`${decodePair(e.pair[0], e.pair[1]) ?? host.ch} lost its second byte to the byte after it, which the decoder swallowed`);
    else if (e.type === 'inside') steps.push(`the bytes ${hex(e.pair)} were read as ${e.pairChar} and (${e.py}) went in after them`);
    else if (host.from === e.at - 1) steps.push(`(${e.py}) went in after ${host.ch} (${hex(e.pair)}) but its lead byte had been cut off`);
    else steps.push(`the bytes ${hex(e.pair)} were read as ${e.pairChar} and (${e.py}) was inserted inside ${host.ch}`);
  }
  const fixed = best.text;
  const rest =
    found.length > 1
      ? ambiguous
        ? ` ${found[1].text} fits the bytes almost as well, so neither is applied automatically.`
        : ` ${found.length - 1} other byte sequence${found.length > 2 ? 's fit' : ' fits'}; the language model prefers ${fixed} to ${found[1].text}.`
      : '';
  const digit = lostDigit ? ' A digit was swallowed, and any digit fits the bytes: the language model cannot tell which, so it is not applied automatically.' : '';
  return `"${broken}" after ${prefixChar} is ${fixed} with its GBK bytes shifted: ${steps.join('; ')}.${digit || rest}`;
}
