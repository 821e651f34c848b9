// jieba's hidden Markov model for words its dictionary does not list (names, new words): four
// states per character (Begin, End, Middle, Single), read from nodejieba's hmm_model.utf8. Used by
// DictSegmenter, which gives the editor a first paint before nodejieba's native loader is done.

/** What jieba uses for "impossible": sums of it stay finite, so Viterbi still picks a path. */
export const IMPOSSIBLE = -3.14e100;

const E = 1;
const S = 3;
const STATES = 4;

export interface HmmModel {
  start: Float64Array;
  /** transition[from * 4 + to] */
  transition: Float64Array;
  /** Per state, code point → log emission probability. */
  emit: Map<number, number>[];
}

/** Parses hmm_model.utf8: start line, four transition rows, four emission lines (B, E, M, S). */
export function parseHmmModel(text: string): HmmModel {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length < 9) throw new Error(`an HMM model needs 9 lines, this one has ${lines.length}`);
  const numbers = (line: string, n: number): number[] => {
    const v = line.split(/\s+/).map(Number);
    if (v.length !== n || v.some((x) => Number.isNaN(x))) throw new Error(`expected ${n} numbers in "${line.slice(0, 40)}"`);
    return v;
  };
  const start = Float64Array.from(numbers(lines[0], STATES));
  const transition = Float64Array.from([1, 2, 3, 4].flatMap((i) => numbers(lines[i], STATES)));
  const emit = [5, 6, 7, 8].map((i) => {
    const m = new Map<number, number>();
    for (const pair of lines[i].split(',')) {
      const colon = pair.lastIndexOf(':');
      const ch = pair.slice(0, colon);
      const cp = ch.codePointAt(0);
      if (cp === undefined || String.fromCodePoint(cp) !== ch) continue;
      m.set(cp, Number(pair.slice(colon + 1)));
    }
    return m;
  });
  return { start, transition, emit };
}

const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Cuts code points [from, to) into words as jieba's HMM segmenter does: runs of ASCII letters (then
 * letters or digits) and of digits (then digits or dots) are words by rule, other ASCII characters
 * stand alone, and the rest is labelled by Viterbi and cut after each End or Single. Returns the
 * end index (exclusive) of each word.
 */
export function hmmCut(model: HmmModel, cps: readonly number[], from: number, to: number, out: number[]): void {
  let left = from;
  let right = from;
  while (right < to) {
    if (cps[right] >= 0x80) {
      right++;
      continue;
    }
    if (left !== right) viterbiCut(model, cps, left, right, out);
    left = right;
    if (isLetter(cps[right])) {
      right++;
      while (right < to && (isLetter(cps[right]) || isDigit(cps[right]))) right++;
    } else if (isDigit(cps[right])) {
      right++;
      while (right < to && (isDigit(cps[right]) || cps[right] === 0x2e)) right++;
    } else right++;
    out.push(right);
    left = right;
  }
  if (left !== right) viterbiCut(model, cps, left, right, out);
}

function viterbiCut(model: HmmModel, cps: readonly number[], from: number, to: number, out: number[]): void {
  const n = to - from;
  const weight = new Float64Array(n * STATES);
  const path = new Uint8Array(n * STATES);
  for (let y = 0; y < STATES; y++) weight[y] = model.start[y] + (model.emit[y].get(cps[from]) ?? IMPOSSIBLE);
  for (let x = 1; x < n; x++) {
    for (let y = 0; y < STATES; y++) {
      const emit = model.emit[y].get(cps[from + x]) ?? IMPOSSIBLE;
      let best = IMPOSSIBLE;
      let from_ = E;
      for (let p = 0; p < STATES; p++) {
        const w = weight[(x - 1) * STATES + p] + model.transition[p * STATES + y] + emit;
        if (w > best) {
          best = w;
          from_ = p;
        }
      }
      weight[x * STATES + y] = best;
      path[x * STATES + y] = from_;
    }
  }
  const states = new Uint8Array(n);
  let state = weight[(n - 1) * STATES + E] >= weight[(n - 1) * STATES + S] ? E : S;
  for (let x = n - 1; x >= 0; x--) {
    states[x] = state;
    state = path[x * STATES + state];
  }
  // The last state is End or Single by construction, so every character lands in a word.
  for (let x = 0; x < n; x++) if (states[x] === E || states[x] === S) out.push(from + x + 1);
}
