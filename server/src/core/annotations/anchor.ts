// Finding spans again by their text after the article changed. Offsets are UTF-16. Requests are
// walked in the order of their hints and each tries, in turn, its hint moved by the shift the
// previous span needed (a single insertion moves everything after it by the same amount), its
// hint itself, and then the occurrence of its text nearest to that place. With a context (the
// characters around the span before the change), a span only lands where at least one side of
// its context is still whole next to it, so a replaced word never sends its label to another
// occurrence of the same word. Near-linear: an occurrence list per distinct text is built only
// for spans that need a search, and occupancy is a mark per code unit.
import { lowerBound } from '../offsets';

export interface AnchorContext {
  /** Up to CONTEXT_LENGTH characters before the span, as they were. */
  before: string;
  /** Up to CONTEXT_LENGTH characters after the span, as they were. */
  after: string;
}

export interface AnchorRequest {
  text: string;
  /** Where the span is expected in the new text (its old start, mapped if possible). */
  hint: number;
  /** Surroundings before the change; when given, a place whose surroundings share nothing with it is refused. */
  context?: AnchorContext;
}

export type AnchorResult = { start: number; end: number } | { reason: string };

/** How many characters on each side of a span identify its place. */
export const CONTEXT_LENGTH = 12;

export function contextAt(text: string, start: number, end: number): AnchorContext {
  return { before: text.slice(Math.max(0, start - CONTEXT_LENGTH), start), after: text.slice(end, end + CONTEXT_LENGTH) };
}

/** The common prefix and suffix lengths of two texts (not overlapping in either). */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/**
 * How much of a context is still around [start, start + length) in text: the characters shared
 * at the near end of each side. A side that was the edge of the text and still is counts as one.
 */
export function contextScore(text: string, start: number, length: number, ctx: AnchorContext): number {
  let score = 0;
  if (ctx.before === '') score += start === 0 ? 1 : 0;
  else for (let i = 1; i <= ctx.before.length && start - i >= 0 && text.charCodeAt(start - i) === ctx.before.charCodeAt(ctx.before.length - i); i++) score++;
  const end = start + length;
  if (ctx.after === '') score += end === text.length ? 1 : 0;
  else for (let i = 0; i < ctx.after.length && end + i < text.length && text.charCodeAt(end + i) === ctx.after.charCodeAt(i); i++) score++;
  return score;
}

/**
 * Whether a place still has one side of the old surroundings whole. Only a whole side counts: a
 * word repeated in a stock phrase (长沙市委…) shares a few characters with every other copy, and
 * a label must not jump to one of those when its own copy was replaced.
 */
export function contextKept(text: string, start: number, length: number, ctx: AnchorContext): boolean {
  const beforeKept = ctx.before === '' ? start === 0 : start >= ctx.before.length && text.startsWith(ctx.before, start - ctx.before.length);
  if (beforeKept) return true;
  const end = start + length;
  return ctx.after === '' ? end === text.length : text.startsWith(ctx.after, end);
}

/** Ranges in use: a mark per code unit for spans that may not overlap, exact ranges otherwise. */
export class Occupancy {
  private readonly marks: Uint8Array | undefined;
  private readonly ranges = new Set<string>();

  constructor(length: number, readonly exclusive: boolean) {
    this.marks = exclusive ? new Uint8Array(length) : undefined;
  }

  free(start: number, end: number): boolean {
    if (!this.marks) return !this.ranges.has(`${start}:${end}`);
    for (let i = start; i < end; i++) if (this.marks[i]) return false;
    return true;
  }

  take(start: number, end: number): void {
    if (!this.marks) this.ranges.add(`${start}:${end}`);
    else this.marks.fill(1, start, end);
  }
}

/** Counts the places looked at (tests check the work stays near-linear). */
export interface AnchorStats {
  probes: number;
}

/**
 * Places each request in newText. `occupied` holds ranges already in use (spans that did not
 * move) and grows as requests are placed. A range is free when it overlaps nothing in use
 * (`exclusive`, for manual spans, which never overlap) or merely differs from every range in use
 * (for rejections).
 */
export function anchorByText(
  requests: readonly AnchorRequest[],
  newText: string,
  occupied: Occupancy | Array<[number, number]> = [],
  exclusive = true,
  stats?: AnchorStats,
): AnchorResult[] {
  let used: Occupancy;
  if (occupied instanceof Occupancy) used = occupied;
  else {
    used = new Occupancy(newText.length, exclusive);
    for (const [s, e] of occupied) used.take(s, e);
  }
  const cache = new Map<string, number[]>();
  const occurrencesOf = (t: string): number[] => {
    let o = cache.get(t);
    if (!o) {
      o = [];
      for (let i = newText.indexOf(t); i >= 0; i = newText.indexOf(t, i + 1)) o.push(i);
      cache.set(t, o);
    }
    return o;
  };
  const fits = (r: AnchorRequest, at: number): boolean => {
    if (stats) stats.probes++;
    if (at < 0 || at + r.text.length > newText.length || !newText.startsWith(r.text, at)) return false;
    if (!used.free(at, at + r.text.length)) return false;
    return !r.context || contextKept(newText, at, r.text.length, r.context);
  };

  const order = requests.map((_, i) => i).sort((a, b) => requests[a].hint - requests[b].hint || a - b);
  const results: AnchorResult[] = new Array(requests.length);
  let drift = 0;
  for (const i of order) {
    const r = requests[i];
    if (r.text === '') {
      results[i] = { reason: 'the span has no text' };
      continue;
    }
    const target = r.hint + drift;
    let pick = fits(r, target) ? target : drift !== 0 && fits(r, r.hint) ? r.hint : -1;
    if (pick < 0) {
      const occ = occurrencesOf(r.text);
      if (occ.length === 0) {
        results[i] = { reason: `text ${JSON.stringify(r.text)} no longer occurs in the article` };
        continue;
      }
      // Walk outwards from the target over the sorted occurrences; ties go to the earlier one.
      let hi = lowerBound(occ, target);
      let lo = hi - 1;
      while (pick < 0 && (lo >= 0 || hi < occ.length)) {
        const takeLow = hi >= occ.length || (lo >= 0 && target - occ[lo] <= occ[hi] - target);
        const at = takeLow ? occ[lo--] : occ[hi++];
        if (fits(r, at)) pick = at;
      }
      if (pick < 0) {
        results[i] = {
          reason: r.context
            ? `${JSON.stringify(r.text)} is no longer where it was (nothing around its other occurrences matches its old surroundings)`
            : `every occurrence of ${JSON.stringify(r.text)} already carries or overlaps another span`,
        };
        continue;
      }
    }
    used.take(pick, pick + r.text.length);
    drift = pick - r.hint;
    results[i] = { start: pick, end: pick + r.text.length };
  }
  return results;
}

