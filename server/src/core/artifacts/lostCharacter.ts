import { commonHanzi } from './gbk';
import type { Artifact, WordFrequency } from './types';
import { toSimplified, toTraditional, twoCharWords, wordFrequency } from './wordList';

// A character the decoder could not map: U+FFFD, or (after some converters) a `?` between two
// Han characters. The lost bytes are gone, so there is no safe repair; the word list suggests
// characters that make words with the neighbours. Most `?` in Chinese text are real question
// marks (NFKC turns `？` into `?`), so a `?` closing a clause with a question word is left alone.

const GAP = /\uFFFD+|(?<=\p{Script=Han})\?(?=\p{Script=Han})/gu;
/** Question particles and interrogatives (simplified and traditional). */
const QUESTION_CUE = /[吗嗎呢么麼吧谁誰哪怎何几幾啥否难難岂豈乎哉嘛]|多少|(\p{Script=Han})[不没沒]\1|[了啊呀啦哇]$/u;
const CLAUSE_START = /[。！？!?；;…\n]/;
const MAX_GUESSES = 5;
/**
 * Bounds on guessing, which costs a word-list lookup per candidate: only the most frequent words
 * each neighbour starts or ends are tried, and a line with more gaps than this is noise in which
 * the first gaps get guesses and the rest are reported without.
 */
const CANDIDATES_PER_SIDE = 48;
const MAX_GUESSED_GAPS = 32;

export function detectLostCharacters(text: string, freq?: WordFrequency): Artifact[] {
  if (text.indexOf('\uFFFD') < 0 && text.indexOf('?') < 0) return [];
  const out: Artifact[] = [];
  // The same neighbours recur (a converter loses the same character everywhere): guess once per call.
  const seen = new Map<string, string[]>();
  let guessed = 0;
  const guess = (start: number, end: number): string[] => {
    const { left, right } = neighbours(text, start, end);
    const key = `${left}|${right}`;
    let g = seen.get(key);
    if (!g) {
      if (guessed >= MAX_GUESSED_GAPS) return [];
      guessed++;
      g = guessCharacters(left, right, freq);
      seen.set(key, g);
    }
    return [...g];
  };
  GAP.lastIndex = 0;
  for (let m; (m = GAP.exec(text)); ) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0] === '?') {
      if (QUESTION_CUE.test(clauseBefore(text, start))) continue;
      const guesses = guess(start, end);
      out.push({
        kind: 'question_mark_gap',
        start,
        end,
        candidates: guesses,
        autoFix: false,
        explanation: `A "?" between two Han characters in a clause that asks nothing: a character the converter could not map was written as "?".${guessNote(guesses)}`,
      });
    } else {
      // Up to three U+FFFD can stand for the bytes of one character.
      const guesses = m[0].length <= 3 ? guess(start, end) : [];
      out.push({
        kind: 'replacement_char',
        start,
        end,
        candidates: guesses,
        autoFix: false,
        explanation: `U+FFFD marks bytes the decoder could not read; the character they held is lost.${guessNote(guesses)}`,
        detail: { count: m[0].length },
      });
    }
  }
  return out;
}

function guessNote(guesses: string[]): string {
  return guesses.length > 0 ? ` Characters that would make words here: ${guesses.join(' ')}.` : '';
}

function clauseBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && at - i <= 60 && !CLAUSE_START.test(text[i])) i--;
  return text.slice(i + 1, at);
}

/** Han characters next to the gap (two on each side at most, within the line). */
function neighbours(text: string, start: number, end: number): { left: string; right: string } {
  const left = /(\p{Script=Han}{1,2})$/u.exec(text.slice(Math.max(0, start - 4), start));
  const right = /^(\p{Script=Han}{1,2})/u.exec(text.slice(end, end + 4));
  return { left: left ? left[1] : '', right: right ? right[1] : '' };
}

function guessCharacters(left: string, right: string, freq?: WordFrequency): string[] {
  if (!left && !right) return [];
  const f = freq ?? wordFrequency();
  const l = toSimplified(left);
  const r = toSimplified(right);
  const l1 = l.slice(-1);
  const r1 = r.slice(0, 1);
  // With the dictionary at hand only characters forming a word with a neighbour are tried.
  const index = twoCharWords();
  const pool = index
    ? new Set([
        ...(index.byFirst.get(l1) ?? []).slice(0, CANDIDATES_PER_SIDE).map((w) => w[1]),
        ...(index.byLast.get(r1) ?? []).slice(0, CANDIDATES_PER_SIDE).map((w) => w[0]),
      ])
    : commonHanzi();
  const scored: { ch: string; score: number }[] = [];
  for (const c of pool) {
    if (!/\p{Script=Han}/u.test(c)) continue;
    const score =
      (l1 ? f(l1 + c) : 0) + (l.length > 1 ? f(l + c) : 0) + (r1 ? f(c + r1) : 0) + (r.length > 1 ? f(c + r) : 0) + (l1 && r1 ? 3 * f(l1 + c + r1) : 0);
    if (score > 0) scored.push({ ch: c, score });
  }
  scored.sort((a, b) => b.score - a.score);
  const traditional = toSimplified(left + right) !== left + right;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of scored) {
    const ch = traditional ? toTraditional(s.ch) : s.ch;
    if (seen.has(ch)) continue;
    seen.add(ch);
    out.push(ch);
    if (out.length === MAX_GUESSES) break;
  }
  return out;
}
