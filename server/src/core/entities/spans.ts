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
  number: 6,
  organization: 7,
  location: 8,
  person: 9,
};
const SOURCE_RANK: Record<string, number> = { dictionary: 0, rule: 1, tagger: 2, model: 3, manual: -1 };

/**
 * Keeps a non-overlapping subset, longest spans first (a longer span has seen more context:
 * 长沙市委老干部局 over 长沙), and returns it sorted by position.
 */
export function resolveOverlaps(candidates: readonly Entity[]): Entity[] {
  const order = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      LABEL_RANK[a.label] - LABEL_RANK[b.label] ||
      (SOURCE_RANK[a.source] ?? 9) - (SOURCE_RANK[b.source] ?? 9) ||
      a.start - b.start,
  );
  const taken: Entity[] = [];
  for (const c of order) {
    if (c.end <= c.start) continue;
    if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Token boundary lookups for rules that must not cut a jieba word in half. */
export class TokenIndex {
  readonly starts = new Set<number>();
  readonly ends = new Set<number>();
  private readonly byStart = new Map<number, number>();
  constructor(readonly tokens: readonly Token[]) {
    tokens.forEach((t, i) => {
      this.starts.add(t.start);
      this.ends.add(t.end);
      this.byStart.set(t.start, i);
    });
  }
  /** Index of the token starting at offset, if any. */
  indexAt(offset: number): number | undefined {
    return this.byStart.get(offset);
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
    return this.tokens.filter((t) => t.start >= start && t.end <= end);
  }
}

export const isHan = (ch: string | undefined): boolean => ch !== undefined && /\p{Script=Han}/u.test(ch);
