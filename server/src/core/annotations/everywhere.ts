// Decisions that carry: accept, reject or relabel every occurrence of an entity (its text and
// label) in one document's decisions, computed first as a preview and then applied to exactly
// the previewed spans. Plain texts, stores and offsets; the service runs it over files.
import type { Entity, Label } from '../types';
import { AnnotationStore } from './store';
import { unrejected } from './decisions';

export type EverywhereAction = 'accept' | 'reject' | 'relabel';

/** What to do with every occurrence of `label` "`text`"; relabel gives the new label. */
export interface EverywhereDecision {
  action: EverywhereAction;
  text: string;
  label: Label;
  newLabel?: Label;
}

/** One span the decision changes, in UTF-16 offsets of the document's current text. */
export interface Occurrence {
  start: number;
  end: number;
  /** What stands there now: an automatic entity, a manual span, or a rejected automatic span. */
  now: 'automatic' | 'manual' | 'rejected';
}

const sameSpan = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start === b.start && a.end === b.end;

/** The manual span overlapping [start, end), if any. */
function manualOver(store: AnnotationStore, start: number, end: number) {
  return store.manual.find((m) => m.start < end && start < m.end);
}

/**
 * The spans of one document the decision would change, by position. Manual decisions are never
 * overridden: an occurrence overlapping a manual span of another range is not one. What the
 * decision would leave as it is (already rejected, already a manual span of the label) is not
 * listed either, so applying twice changes nothing the second time.
 */
export function findOccurrences(store: AnnotationStore, automatic: readonly Entity[], d: EverywhereDecision): Occurrence[] {
  const out: Occurrence[] = [];
  const matches = (e: { label: string; text: string }) => e.label === d.label && e.text === d.text;
  const freeOfManual = (e: { start: number; end: number }) => !manualOver(store, e.start, e.end);
  switch (d.action) {
    case 'reject':
      for (const e of unrejected(store, automatic)) if (matches(e) && freeOfManual(e)) out.push({ start: e.start, end: e.end, now: 'automatic' });
      break;
    case 'accept':
      for (const e of unrejected(store, automatic)) if (matches(e) && freeOfManual(e)) out.push({ start: e.start, end: e.end, now: 'automatic' });
      for (const r of store.rejected) if (matches(r) && freeOfManual(r)) out.push({ start: r.start, end: r.end, now: 'rejected' });
      break;
    case 'relabel':
      if (!d.newLabel || d.newLabel === d.label) return [];
      for (const m of store.manual) if (matches(m)) out.push({ start: m.start, end: m.end, now: 'manual' });
      for (const e of unrejected(store, automatic)) if (matches(e) && freeOfManual(e)) out.push({ start: e.start, end: e.end, now: 'automatic' });
      break;
  }
  // The same span found twice (an automatic entity also rejected under another key) is one occurrence.
  const seen = new Set<string>();
  return out
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((o) => {
      const k = `${o.start}:${o.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

export interface ApplyOutcome {
  /** Occurrences whose decision changed the store. */
  applied: Occurrence[];
  /** Occurrences left alone, with the reason (their text moved, a manual span took their place). */
  skipped: { start: number; end: number; reason: string }[];
}

/**
 * Applies the decision to exactly `spans` (a preview's occurrences): each must still hold the
 * decision's text and be free of other manual spans. Nothing else of the store changes.
 */
export function applyOccurrences(store: AnnotationStore, spans: readonly { start: number; end: number }[], d: EverywhereDecision): ApplyOutcome {
  const outcome: ApplyOutcome = { applied: [], skipped: [] };
  const text = store.text;
  for (const s of spans) {
    if (text.slice(s.start, s.end) !== d.text) {
      outcome.skipped.push({ ...s, reason: `the text there is no longer "${d.text}"` });
      continue;
    }
    const manual = manualOver(store, s.start, s.end);
    const exact = manual && sameSpan(manual, s) ? manual : undefined;
    if (manual && !exact) {
      outcome.skipped.push({ ...s, reason: `it overlaps your manual ${manual.label} "${manual.text}"` });
      continue;
    }
    const span = { start: s.start, end: s.end, label: d.label, text: d.text };
    const rejected = store.rejected.some((r) => sameSpan(r, s) && r.label === d.label && r.text === d.text);
    let changed = false;
    switch (d.action) {
      case 'reject':
        if (exact) {
          outcome.skipped.push({ ...s, reason: `it is a manual ${exact.label}; remove it instead` });
          continue;
        }
        if (!rejected) {
          store.reject(span);
          changed = true;
        }
        break;
      case 'accept':
        if (rejected) changed = store.accept(span);
        if (!exact) {
          store.addManual(s.start, s.end, d.label);
          changed = true;
        } else if (exact.label !== d.label) {
          outcome.skipped.push({ ...s, reason: `it is a manual ${exact.label}` });
          continue;
        }
        break;
      case 'relabel': {
        const label = d.newLabel!;
        if (exact) {
          changed = exact.label !== label;
          store.relabel(s.start, s.end, label);
        } else {
          store.addManual(s.start, s.end, label);
          changed = true;
        }
        break;
      }
    }
    if (changed) outcome.applied.push({ start: s.start, end: s.end, now: exact ? 'manual' : rejected ? 'rejected' : 'automatic' });
  }
  return outcome;
}

/** Effective entities per label (what the status bar and the Entities view count). */
export function countByLabel(entities: readonly { label: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entities) counts[e.label] = (counts[e.label] ?? 0) + 1;
  return counts;
}

/** A copy of the store's decisions on the same text, to try a decision on without changing the store. */
export function cloneStore(store: AnnotationStore): AnnotationStore {
  return new AnnotationStore(store.text, { manual: store.manual.map((m) => ({ ...m })), rejected: store.rejected.map((r) => ({ ...r })), orphaned: store.orphaned.map((o) => ({ ...o })) });
}

/** The line of `start` around the span, shortened to `width` characters on each side. */
export function contextLine(text: string, start: number, end: number, width = 24): string {
  let a = start;
  while (a > 0 && start - a < width && text[a - 1] !== '\n' && text[a - 1] !== '\r') a--;
  let b = end;
  while (b < text.length && b - end < width && text[b] !== '\n' && text[b] !== '\r') b++;
  return `${a > 0 && text[a - 1] !== '\n' && text[a - 1] !== '\r' ? '…' : ''}${text.slice(a, b)}${b < text.length && text[b] !== '\n' && text[b] !== '\r' ? '…' : ''}`;
}
