import { charModel } from './charModel';
import type { Artifact, WordFrequency } from './types';
import { toSimplified } from './wordList';

// A character the encoder or decoder could not map: U+FFFD, or a `?` standing for a character
// GBK could not hold. The lost bytes are gone. Lost characters sit mostly in names (rare
// characters), so a word that happens to fit the neighbours is no repair (徐若? is not 徐若干):
// the character is taken from another mention of the same name in the document when one has it,
// and otherwise offered as unknown (〓, the typesetter's mark for a missing character). Most `?`
// in Chinese text are real question marks (NFKC turns `？` into `?`), so a `?` closing a clause
// with a question word is left alone unless another mention or a repeat shows it is a name.

const GAP = /\uFFFD+|(?<=\p{Script=Han})\?(?=\p{Script=Han})/gu;
/** A `?` after two Han characters, whatever follows: a lost last character of a name. */
const AFTER_NAME = /(?<=\p{Script=Han}{2})\?/gu;
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
}

export function detectLostCharacters(text: string, _freq?: WordFrequency): Artifact[] {
  if (text.indexOf('\uFFFD') < 0 && text.indexOf('?') < 0) return [];
  const out = new Map<number, Artifact>();
  const scans: Scans = { fills: new Map(), counts: new Map(), looked: 0 };
  GAP.lastIndex = 0;
  for (let m; (m = GAP.exec(text)); ) {
    const start = m.index;
    const end = start + m[0].length;
    // In a clause that asks something only a name lost the same way elsewhere overrides the question.
    if (m[0] === '?' && QUESTION_CUE.test(clauseBefore(text, start)) && !repeatedAfter(text, start, scans)) continue;
    out.set(start, lost(text, start, end, m[0].length <= 3 ? mentionFill(text, start, end, scans) : undefined, scans));
  }
  // `徐若?,`: not between two Han characters, but the same two characters before a `?` elsewhere
  // give it away. A `?` ending a sentence or line is a question mark.
  AFTER_NAME.lastIndex = 0;
  for (let m; (m = AFTER_NAME.exec(text)); ) {
    const start = m.index;
    if (out.has(start) || SENTENCE_END.test(text[start + 1] ?? '\n')) continue;
    const left = text.slice(start - 2, start);
    if (QUESTION_CUE.test(left) || !repeatedAfter(text, start, scans)) continue;
    if (QUESTION_CUE.test(clauseBefore(text, start)) && countOf(text, `${left}?`, scans) < 3) continue;
    out.set(start, lost(text, start, start + 1, mentionFill(text, start, start + 1, scans), scans));
  }
  return [...out.values()].sort((a, b) => a.start - b.start);
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
  let n = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) n++;
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
  const fill = findFill(text, start, end);
  scans.fills.set(key, fill);
  return fill;
}

function findFill(text: string, start: number, end: number): string | undefined {
  const l2 = /\p{Script=Han}{2}$/u.exec(text.slice(Math.max(0, start - 2), start))?.[0] ?? '';
  const r2 = /^\p{Script=Han}{2}/u.exec(text.slice(end, end + 2))?.[0] ?? '';
  const l1 = l2.slice(-1) || (/\p{Script=Han}$/u.exec(text.slice(Math.max(0, start - 1), start))?.[0] ?? '');
  const r1 = r2.slice(0, 1) || (/^\p{Script=Han}/u.exec(text.slice(end, end + 1))?.[0] ?? '');
  const patterns: RegExp[] = [];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (l2) patterns.push(new RegExp(`${esc(l2)}(\\p{Script=Han})`, 'gu'));
  if (r2) patterns.push(new RegExp(`(\\p{Script=Han})${esc(r2)}`, 'gu'));
  if (l1 && r1) patterns.push(new RegExp(`${esc(l1)}(\\p{Script=Han})${esc(r1)}`, 'gu'));
  const seen = new Set<string>();
  for (const re of patterns) {
    for (let m; (m = re.exec(text)); ) {
      if (m.index <= start && m.index + m[0].length >= end) continue;
      seen.add(m[1]);
    }
  }
  if (seen.size !== 1) return undefined;
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
