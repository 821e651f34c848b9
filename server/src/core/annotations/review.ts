// Keyboard-first review (issue 14.3): the order in which a document's entities are walked, least
// confident first, and which of them already carry a decision. Plain inputs in UTF-16 offsets of
// the current text; the server and the tests give it the analysis and the document's store.
import { splitsPair } from '../offsets';
import { spanKey } from './spanKey';
import type { Entity, Label, EntitySource } from '../types';

/**
 * How much a span is trusted before anyone looked at it, in [0, 1]; the walk starts at the lowest.
 * The model gives its own confidence (the least marginal of the span's tags). Spans made without
 * one rank by what made them:
 * - jieba's part-of-speech tagger (nr/ns/nt guesses): 0.5, below most model spans, since it
 *   labels any word its dictionary tags as a name, in any context;
 * - the learned string memory ('dictionary': strings the annotator confirmed in other sentences):
 *   0.9, trusted but worth a look, since the same string may be something else here;
 * - the value grammar ('rule': dates, times, numbers, money, percentages): 1, last, since it is
 *   deterministic and tested on its own; its mistakes are systematic, not per mention.
 */
const PRIOR: Record<EntitySource, number> = { tagger: 0.5, dictionary: 0.9, rule: 1, model: 0.5, manual: 1 };

export function reviewPriority(e: Pick<Entity, 'source' | 'confidence'>): number {
  if (e.source === 'model' && typeof e.confidence === 'number' && Number.isFinite(e.confidence)) return Math.min(1, Math.max(0, e.confidence));
  return PRIOR[e.source] ?? 0.5;
}

/**
 * Where a span stands: no decision yet, or the decision it carries. A span is reviewed when it
 * has a decision: a manual span at its range (accepted with its label, or relabelled), a manual
 * span that replaced it with other boundaries (adjusted), or a rejection.
 */
export type ReviewState = 'unreviewed' | 'accepted' | 'relabelled' | 'adjusted' | 'rejected' | 'labelled';

export interface ReviewItem {
  start: number;
  end: number;
  /** The label in force (the manual one when there is one; the rejected one for a rejection). */
  label: Label;
  text: string;
  /** What found the automatic span under the decision ('manual' for a span made by hand only). */
  source: EntitySource;
  confidence?: number;
  priority: number;
  state: ReviewState;
}

export interface ReviewCounts {
  total: number;
  reviewed: number;
  unreviewed: number;
}

interface Span {
  start: number;
  end: number;
  label: Label;
  text: string;
}

const sameRange = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Least trusted first; equal trust in text order, so a walk through equals reads like the article. */
function byPriority(a: ReviewItem, b: ReviewItem): number {
  return a.priority - b.priority || a.start - b.start || a.end - b.end;
}

/**
 * The review order of a document. `automatic` is what recognition found (before decisions),
 * `manual` and `rejected` the document's decisions. Every automatic span is one item, except
 * those a manual span with other boundaries covers: that manual span is the item, ranked as the
 * least trusted span it replaced. Manual spans over no automatic span come last (labelled).
 */
export function reviewOrder(automatic: readonly Entity[], manual: readonly Span[], rejected: readonly Span[]): ReviewItem[] {
  const manualSorted = [...manual].sort((a, b) => a.start - b.start || a.end - b.end);
  const rejectedKeys = new Set(rejected.map(spanKey));
  // Per manual span: the automatic spans under it (its rank and how it came about).
  const under = new Map<Span, Entity[]>();
  const items: ReviewItem[] = [];
  const rejectedSeen = new Set<string>();
  let j = 0;
  for (const a of [...automatic].sort((x, y) => x.start - y.start || x.end - y.end)) {
    // Manual spans never overlap each other, so their ends ascend: one sweep finds the overlaps.
    while (j < manualSorted.length && manualSorted[j].end <= a.start) j++;
    const covering: Span[] = [];
    for (let k = j; k < manualSorted.length && manualSorted[k].start < a.end; k++) if (overlaps(manualSorted[k], a)) covering.push(manualSorted[k]);
    if (covering.length) {
      for (const m of covering) under.set(m, [...(under.get(m) ?? []), a]);
      continue;
    }
    const key = spanKey(a);
    const state: ReviewState = rejectedKeys.has(key) ? 'rejected' : 'unreviewed';
    if (state === 'rejected') rejectedSeen.add(key);
    items.push(itemOf(a, a.label, state));
  }
  for (const m of manualSorted) {
    const replaced = under.get(m) ?? [];
    if (!replaced.length) {
      items.push({ start: m.start, end: m.end, label: m.label, text: m.text, source: 'manual', priority: 1, state: 'labelled' });
      continue;
    }
    const weakest = replaced.reduce((w, a) => (reviewPriority(a) < reviewPriority(w) ? a : w));
    const exact = replaced.find((a) => sameRange(a, m));
    const state: ReviewState = exact ? (exact.label === m.label ? 'accepted' : 'relabelled') : 'adjusted';
    items.push({ ...itemOf(exact ?? weakest, m.label, state), start: m.start, end: m.end, text: m.text });
  }
  // A rejection recognition no longer makes (learning dropped it) is still a decision to show.
  for (const r of rejected) {
    const key = spanKey(r);
    if (rejectedSeen.has(key)) continue;
    rejectedSeen.add(key);
    items.push({ start: r.start, end: r.end, label: r.label, text: r.text, source: 'model', priority: 1, state: 'rejected' });
  }
  return items.sort(byPriority);
}

function itemOf(a: Entity, label: Label, state: ReviewState): ReviewItem {
  const item: ReviewItem = { start: a.start, end: a.end, label, text: a.text, source: a.source, priority: reviewPriority(a), state };
  if (a.confidence !== undefined) item.confidence = a.confidence;
  return item;
}

export function reviewCounts(order: readonly ReviewItem[]): ReviewCounts {
  const unreviewed = order.filter((i) => i.state === 'unreviewed').length;
  return { total: order.length, reviewed: order.length - unreviewed, unreviewed };
}

/**
 * Moves in the order: 'current' finds the item at `from` (same range, else the first overlapping
 * it); 'next' / 'previous' step one item (wrapping around); 'nextUnreviewed' goes to the first
 * unreviewed item after `from` (wrapping), which is where a decision leads. Without `from`, or
 * when nothing is there any more, 'current' and 'next…' start at the least trusted unreviewed
 * item. Returns -1 when the order is empty (or, for 'nextUnreviewed', when all are reviewed).
 */
export type ReviewMove = 'current' | 'next' | 'previous' | 'nextUnreviewed' | 'first';

export function moveInOrder(order: readonly ReviewItem[], from: { start: number; end: number } | undefined, move: ReviewMove): number {
  if (!order.length) return -1;
  const firstUnreviewed = (after: number): number => {
    for (let k = 1; k <= order.length; k++) {
      const i = (after + k + order.length) % order.length;
      if (order[i].state === 'unreviewed') return i;
    }
    return -1;
  };
  let at = -1;
  if (from) {
    at = order.findIndex((i) => sameRange(i, from));
    if (at < 0) at = order.findIndex((i) => overlaps(i, from));
  }
  switch (move) {
    case 'first':
      return firstUnreviewed(-1) >= 0 ? firstUnreviewed(-1) : 0;
    case 'current':
      if (at >= 0) return at;
      return firstUnreviewed(-1) >= 0 ? firstUnreviewed(-1) : 0;
    case 'next':
      return at < 0 ? 0 : (at + 1) % order.length;
    case 'previous':
      return at < 0 ? order.length - 1 : (at - 1 + order.length) % order.length;
    case 'nextUnreviewed':
      return firstUnreviewed(at);
  }
}

export type BoundaryEdge = 'start' | 'end';

/**
 * The span with one edge moved by one character: `grow` moves it outwards (start left, end
 * right), otherwise inwards. A character is a code point (a surrogate pair moves as one). The
 * span never crosses a line break, never leaves the text and never becomes empty.
 */
export function adjustBoundary(text: string, start: number, end: number, edge: BoundaryEdge, grow: boolean): { start: number; end: number } | { error: string } {
  const left = (o: number) => o - (o >= 2 && splitsPair(text, o - 1) ? 2 : 1);
  const right = (o: number) => o + (splitsPair(text, o + 1) ? 2 : 1);
  let s = start;
  let e = end;
  if (edge === 'start') s = grow ? left(start) : right(start);
  else e = grow ? right(end) : left(end);
  if (s < 0 || e > text.length) return { error: 'The span already reaches the edge of the text.' };
  if (e <= s) return { error: 'The span cannot shrink further: it would be empty.' };
  const added = grow ? (edge === 'start' ? text.slice(s, start) : text.slice(end, e)) : '';
  if (/[\r\n\u2028\u2029]/.test(added)) return { error: 'An entity does not cross a line break.' };
  if (grow && /^\s$/u.test(added)) return { error: 'The span would take in a space; an entity does not start or end with one.' };
  return { start: s, end: e };
}

/** The hover's line about the review: where this span is in the walk and whether it is decided. */
export function reviewHoverLine(order: readonly ReviewItem[], index: number): string | undefined {
  const item = order[index];
  if (!item) return undefined;
  const c = reviewCounts(order);
  const state = item.state === 'unreviewed' ? 'not reviewed yet' : `reviewed (${item.state})`;
  return `Review: ${index + 1} of ${c.total}, least confident first · ${state} · ${c.reviewed} of ${c.total} reviewed`;
}
