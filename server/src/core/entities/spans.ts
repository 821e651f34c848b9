import type { Entity, EntityLabel, EntitySource, Token } from '../types';

export function entity(
  text: string,
  start: number,
  end: number,
  label: EntityLabel,
  source: EntitySource,
  extra: { value?: number | string; unit?: string } = {},
): Entity {
  const e: Entity = { start, end, label, text: text.slice(start, end), source };
  if (extra.value !== undefined) e.value = extra.value;
  if (extra.unit !== undefined) e.unit = extra.unit;
  return e;
}

// When two candidates of equal length overlap, the more specific reading wins: a place from the
// word list beats a surname-shaped guess (娄底), a date beats a bare number.
const LABEL_RANK: Record<EntityLabel, number> = {
  work: 0,
  time: 1,
  date: 2,
  money: 3,
  percent: 4,
  quantity: 5,
  ordinal: 6,
  number: 7,
  organization: 8,
  location: 9,
  person: 10,
};
const SOURCE_RANK: Record<string, number> = { dictionary: 0, rule: 1, tagger: 2, model: 3, manual: -1 };

/**
 * Keeps a non-overlapping subset, longest spans first (a longer span has seen more context:
 * 长沙市委老干部局 over 长沙), and returns it sorted by position.
 */
export function resolveOverlaps(candidates: readonly Entity[]): Entity[] {
  const n = candidates.length;
  // Sort keys are read once per candidate rather than once per comparison; the index breaks
  // the remaining ties, which keeps the order a stable sort of the candidates would give.
  const len = new Array<number>(n);
  const label = new Array<number>(n);
  const source = new Array<number>(n);
  const start = new Array<number>(n);
  const order = new Array<number>(n);
  let maxEnd = 0;
  let plain = true; // integer offsets >= 0: overlaps can be found with an occupancy array
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    len[i] = c.end - c.start;
    // Candidates come from the recognizers: entity types only, never a custom label.
    label[i] = LABEL_RANK[c.label as EntityLabel];
    source[i] = SOURCE_RANK[c.source] ?? 9;
    start[i] = c.start;
    order[i] = i;
    if (c.end > maxEnd) maxEnd = c.end;
    if (!(Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0)) plain = false;
  }
  order.sort((a, b) => len[b] - len[a] || label[a] - label[b] || source[a] - source[b] || start[a] - start[b] || a - b);
  const taken: Entity[] = [];
  if (plain && maxEnd <= MAX_OCCUPANCY) {
    const used = new Uint8Array(maxEnd);
    for (const i of order) {
      const c = candidates[i];
      if (c.end <= c.start) continue;
      let free = true;
      for (let p = c.start; p < c.end; p++) {
        if (used[p] === 1) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      used.fill(1, c.start, c.end);
      taken.push(c);
    }
  } else {
    for (const i of order) {
      const c = candidates[i];
      if (c.end <= c.start) continue;
      if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
      taken.push(c);
    }
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

// Chunks are at most a few thousand characters; beyond this the pairwise test is used.
const MAX_OCCUPANCY = 1 << 24;

/** Offsets at which some token starts (or ends). */
export interface OffsetSet {
  has(offset: number): boolean;
}

const START = 1;
const END = 2;

/** Token boundary lookups for rules that must not cut a jieba word in half. */
export class TokenIndex {
  readonly starts: OffsetSet;
  readonly ends: OffsetSet;
  // Tokens ordered by start (what segmenters return) allow binary search in inside().
  private readonly sorted: boolean;
  constructor(readonly tokens: readonly Token[]) {
    let maxEnd = 0;
    let plain = true;
    let sorted = true;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.end > maxEnd) maxEnd = t.end;
      if (t.start > maxEnd) maxEnd = t.start;
      if (!(Number.isInteger(t.start) && Number.isInteger(t.end) && t.start >= 0 && t.end >= 0)) plain = false;
      if (t.end < t.start || (i > 0 && t.start < tokens[i - 1].start)) sorted = false;
    }
    this.sorted = sorted;
    if (plain && maxEnd <= MAX_OCCUPANCY) {
      const marks = new Uint8Array(maxEnd + 1);
      for (const t of tokens) {
        marks[t.start] |= START;
        marks[t.end] |= END;
      }
      this.starts = { has: (o) => o >= 0 && o <= maxEnd && (marks[o] & START) !== 0 };
      this.ends = { has: (o) => o >= 0 && o <= maxEnd && (marks[o] & END) !== 0 };
    } else {
      this.starts = new Set(tokens.map((t) => t.start));
      this.ends = new Set(tokens.map((t) => t.end));
    }
  }
  /** The token covering offset (start <= offset < end). */
  covering(offset: number): Token | undefined {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tokens[mid];
      if (offset < t.start) hi = mid - 1;
      else if (offset >= t.end) lo = mid + 1;
      else return t;
    }
    return undefined;
  }
  /** Tokens lying inside [start, end). */
  inside(start: number, end: number): Token[] {
    if (!this.sorted) return this.tokens.filter((t) => t.start >= start && t.end <= end);
    const tokens = this.tokens;
    const lo = firstTokenFrom(tokens, start);
    const out: Token[] = [];
    // A token starting after end also ends after it (end >= start for every token here).
    for (let i = lo; i < tokens.length && tokens[i].start <= end; i++) if (tokens[i].end <= end) out.push(tokens[i]);
    return out;
  }
}

export { isHan } from './chars';

/** Index of the first token starting at or after `offset` (tokens in text order). */
export function firstTokenFrom(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
