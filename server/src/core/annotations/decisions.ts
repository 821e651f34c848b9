// The decision state machine: one annotator decision applied to a document's AnnotationStore,
// given the document's text and its automatic entities. Plain inputs (UTF-16 offsets), no editor.
import type { Entity, Label } from '../types';
import type { AnnotationStore, RejectedSpan } from './store';
import { spanKey } from './spanKey';

/**
 * One decision in offsets of the current text. `label` labels [start, end); `labelAll` every
 * occurrence of its text; `remove` / `relabel` act on the manual span at `offset`; `reject` /
 * `accept` on the automatic entity there (accept also undoes an earlier reject there).
 */
export type Decision =
  | { action: 'label' | 'labelAll'; start: number; end: number; label: string }
  | { action: 'remove' | 'reject' | 'accept'; offset: number }
  | { action: 'relabel'; offset: number; label: string };

export interface DecisionOutcome {
  /** What changed, for the user; absent when nothing did (then `error` says why). */
  message?: string;
  error?: string;
  /** The rejected automatic span an accept put back in force (learning needs it: the analysis lacks it). */
  restored?: RejectedSpan;
}

/** Turns what the user typed or picked into a label, or says why it is not one. */
export type LabelResolver = (raw: string) => Label | { error: string };

/** The span under `offset`; a cursor right after a span (the usual place after selecting a word) counts as on it. */
export function spanAt<T extends { start: number; end: number }>(spans: readonly T[], offset: number): T | undefined {
  return spans.find((s) => s.start <= offset && offset < s.end) ?? spans.find((s) => s.end === offset);
}

/** Applies one decision to `store` (whose text is `text`); `automatic` gives the document's automatic entities. */
export function decide(store: AnnotationStore, text: string, d: Decision, automatic: () => readonly Entity[], resolveLabel: LabelResolver): DecisionOutcome {
  if ('start' in d) {
    const label = resolveLabel(d.label);
    if (typeof label !== 'string') return label;
    if (d.end <= d.start) return { error: 'Select the text to label first.' };
    const span = text.slice(d.start, d.end);
    if (d.action === 'labelAll') {
      const r = store.labelAllOccurrences(span, label);
      if (r.added.length === 0 && r.relabelled === 0) return { error: `Every occurrence of "${span}" already is a ${label} or overlaps another manual span (${r.skipped}).` };
      return {
        message: `Labelled ${r.added.length} occurrence(s) of "${span}" as ${label}${r.relabelled ? `, relabelled ${r.relabelled}` : ''}${r.skipped ? `, skipped ${r.skipped} overlapping a manual span` : ''}.`,
      };
    }
    try {
      const { replaced } = store.addManual(d.start, d.end, label);
      return { message: `Labelled "${span}" as ${label}${replaced.length ? ` (replacing ${replaced.map((r) => `"${r.text}"`).join(', ')})` : ''}.` };
    } catch (err) {
      return { error: `Cannot label this selection: ${(err as Error).message}` };
    }
  }
  const manual = spanAt(store.manual, d.offset);
  switch (d.action) {
    case 'remove':
      if (!manual) return { error: 'There is no manual annotation under the cursor.' };
      store.removeManual(manual.start, manual.end);
      return { message: `Removed the manual ${manual.label} "${manual.text}".` };
    case 'relabel': {
      const label = resolveLabel(d.label);
      if (typeof label !== 'string') return label;
      if (manual) {
        if (manual.label === label) return { error: `"${manual.text}" already is a ${label}.` };
        store.relabel(manual.start, manual.end, label);
        return { message: `Relabelled "${manual.text}" as ${label}.` };
      }
      const auto = spanAt(automatic(), d.offset);
      if (!auto) return { error: 'There is no annotation under the cursor.' };
      store.addManual(auto.start, auto.end, label);
      return { message: `Relabelled "${auto.text}" as ${label} (now a manual span).` };
    }
    case 'reject': {
      if (manual) return { error: `"${manual.text}" is a manual annotation; remove it instead.` };
      const auto = spanAt(unrejected(store, automatic()), d.offset);
      if (!auto) return { error: 'There is no automatic entity under the cursor.' };
      store.reject(auto);
      return { message: `Rejected the automatic ${auto.label} "${auto.text}".` };
    }
    case 'accept': {
      const rejected = spanAt(store.rejected, d.offset);
      if (rejected) {
        store.accept(rejected);
        return { message: `Restored the automatic ${rejected.label} "${rejected.text}".`, restored: rejected };
      }
      if (manual) return { error: `"${manual.text}" already is a manual ${manual.label}.` };
      const auto = spanAt(automatic(), d.offset);
      if (!auto) return { error: 'There is no automatic entity under the cursor.' };
      store.addManual(auto.start, auto.end, auto.label);
      return { message: `Accepted "${auto.text}" as ${auto.label} (now a manual span).` };
    }
  }
  return { error: `Unknown action ${JSON.stringify((d as { action: unknown }).action)}.` };
}

/** Automatic entities the store has not rejected. */
export function unrejected(store: AnnotationStore, automatic: readonly Entity[]): Entity[] {
  if (store.rejected.length === 0) return automatic as Entity[];
  const rejected = new Set(store.rejected.map(spanKey));
  return automatic.filter((e) => !rejected.has(spanKey(e)));
}
