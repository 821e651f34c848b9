// Adjudication inside the editor: the curated decisions are the open article's own store (what the
// editor shows and saves to ARTICLE.annotations.json), so the two annotators' files stay as they
// are and the result is visible at once. The store speaks UTF-16 offsets, sidecars and the
// adjudication core code points: every conversion goes through one CodePointIndex.
import { CodePointIndex } from '../offsets';
import type { EntityLabel } from '../types';
import { applyChoice, describeSide, startCuration, type Choice, type CurationState } from './adjudication';
import type { AgreementSpan } from './agreement';
import { spanKey } from './spanKey';
import type { AnnotationStore } from './store';

export interface PendingDisagreement {
  /** UTF-16 offsets in the article. */
  start: number;
  end: number;
  a: string;
  b: string;
}

export interface StoreAdjudication {
  agreed: number;
  disagreements: number;
  decided: number;
  pending: PendingDisagreement[];
  /** Spans not taken because the article already holds an overlapping span of its own. */
  conflicts: string[];
}

const key = spanKey;

function stateOf(store: AnnotationStore, idx: CodePointIndex): CurationState {
  const cp = (s: { start: number; end: number; label: string; text: string }): AgreementSpan => ({ start: idx.toCodePoint(s.start), end: idx.toCodePoint(s.end), label: s.label, text: s.text });
  return { spans: store.manual.map(cp), rejected: store.rejected.map(cp) };
}

/** Makes the store hold `after` where it held `before`: removals first, so additions never overlap them. */
function applyDiff(store: AnnotationStore, idx: CodePointIndex, before: CurationState, after: CurationState): void {
  const u16 = (s: AgreementSpan) => ({ start: idx.toUtf16(s.start), end: idx.toUtf16(s.end), label: s.label as EntityLabel, text: s.text ?? '' });
  const minus = (x: AgreementSpan[], y: AgreementSpan[]) => {
    const ys = new Set(y.map(key));
    return x.filter((s) => !ys.has(key(s)));
  };
  for (const s of minus(before.spans, after.spans).map(u16)) store.removeManual(s.start, s.end);
  for (const s of minus(before.rejected, after.rejected).map(u16)) store.accept(s);
  for (const s of minus(after.spans, before.spans).map(u16)) store.addManual(s.start, s.end, s.label);
  for (const s of minus(after.rejected, before.rejected).map(u16)) store.reject(s);
}

/**
 * Starts (or resumes) adjudicating `a` against `b` (code-point spans of the two annotators'
 * sidecars for this text) into the store; with `choice`, first decides the disagreement at
 * [start, end) (UTF-16). Agreed spans are taken; nothing the store holds of its own is removed.
 */
export function adjudicateInStore(
  store: AnnotationStore,
  text: string,
  a: readonly AgreementSpan[],
  b: readonly AgreementSpan[],
  choice?: { start: number; end: number; choice: Choice },
): StoreAdjudication & { chosen?: string } {
  const idx = new CodePointIndex(text);
  const before = stateOf(store, idx);
  const curation = startCuration(idx.codePointLength, a, b, { spans: before.spans.map((s) => ({ ...s })), rejected: before.rejected.map((s) => ({ ...s })) });
  const conflicts = curation.conflicts.map((s) => `${s.label} "${s.text}"`);
  let chosen: string | undefined;
  if (choice) {
    const at = { start: idx.toCodePoint(choice.start), end: idx.toCodePoint(choice.end) };
    const d = curation.report.disagreements.find((x) => x.start === at.start && x.end === at.end);
    if (!d) throw new Error('That disagreement is no longer there (the article or the annotators\u2019 files changed); start again.');
    const r = applyChoice(curation.state, d, choice.choice);
    conflicts.push(...r.conflicts.map((s) => `${s.label} "${s.text}"`));
    chosen = choice.choice === 'neither' ? `dropped ${describeSide([...d.a, ...d.b])}` : `kept ${describeSide(r.kept)}`;
  }
  applyDiff(store, idx, before, curation.state);
  const pending = curation.pending.filter((d) => !choice || d.start !== idx.toCodePoint(choice.start) || d.end !== idx.toCodePoint(choice.end));
  return {
    agreed: curation.report.overall.both,
    disagreements: curation.report.disagreements.length,
    decided: curation.report.disagreements.length - pending.length,
    pending: pending.map((d) => ({ start: idx.toUtf16(d.start), end: idx.toUtf16(d.end), a: describeSide(d.a), b: describeSide(d.b) })),
    conflicts,
    chosen,
  };
}
