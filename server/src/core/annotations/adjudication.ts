// Adjudication of two annotators' work on one article into a third, curated set of decisions.
// Spans both annotators made identically are agreed and taken as they are; every disagreement
// (overlapping spans the two did not make identically, see agreement.ts) waits for a choice:
// annotator A's spans, B's, or neither. The curated state is a sidecar's two lists: kept spans
// (manual) and dropped spans (rejected: neither the adjudicator nor the automatic tagger may
// bring them back there). A disagreement counts as decided once each of its spans is either kept
// or dropped, so a walk can stop at any point and resume from the curated file alone.
import { agreement, type AgreementReport, type AgreementSpan, type Disagreement } from './agreement';
import { spanKey } from './spanKey';

export type Choice = 'a' | 'b' | 'neither';

export interface CurationState {
  spans: AgreementSpan[];
  rejected: AgreementSpan[];
}

export interface Curation {
  report: AgreementReport;
  state: CurationState;
  /** Disagreements without a decision yet, in text order. */
  pending: Disagreement[];
  /** Disagreements already decided in the curated state (a resumed walk). */
  decided: number;
  /** Agreed spans that could not be taken because the curated state holds an overlapping span of its own. */
  conflicts: AgreementSpan[];
}

const key = spanKey;
const overlaps = (x: AgreementSpan, y: AgreementSpan) => x.start < y.end && y.start < x.end;

/** Starts (or resumes, from an existing curated state) the adjudication of spans `a` against `b`. */
export function startCuration(length: number, a: readonly AgreementSpan[], b: readonly AgreementSpan[], existing?: CurationState): Curation {
  const report = agreement(length, a, b);
  const state: CurationState = { spans: [...(existing?.spans ?? [])], rejected: [...(existing?.rejected ?? [])] };
  const inB = new Set(b.map(key));
  const conflicts: AgreementSpan[] = [];
  for (const s of a) {
    if (!inB.has(key(s))) continue;
    const r = keep(state, s);
    if (r === 'conflict') conflicts.push(s);
  }
  const pending = report.disagreements.filter((d) => decisionOf(state, d) === undefined);
  return { report, state, pending, decided: report.disagreements.length - pending.length, conflicts };
}

/**
 * The choice the curated state already holds for a disagreement, once every one of its spans is
 * kept or dropped; 'other' when what is kept is neither side exactly (decided by hand).
 */
export function decisionOf(state: CurationState, d: Disagreement): Choice | 'other' | undefined {
  const kept = new Set(state.spans.map(key));
  const dropped = new Set(state.rejected.map(key));
  const all = [...d.a, ...d.b];
  if (!all.every((s) => kept.has(key(s)) || dropped.has(key(s)))) return undefined;
  const keptHere = all.filter((s) => kept.has(key(s))).map(key).sort().join('|');
  if (keptHere === '') return 'neither';
  if (keptHere === d.a.map(key).sort().join('|')) return 'a';
  if (keptHere === d.b.map(key).sort().join('|')) return 'b';
  return 'other';
}

export interface ChoiceOutcome {
  kept: AgreementSpan[];
  dropped: AgreementSpan[];
  /** Chosen spans not taken: the curated state holds an overlapping span that is not part of this disagreement. */
  conflicts: AgreementSpan[];
}

/** Applies one choice to the curated state (in place); choosing again replaces the earlier choice. */
export function applyChoice(state: CurationState, d: Disagreement, choice: Choice): ChoiceOutcome {
  const members = new Set([...d.a, ...d.b].map(key));
  // An earlier choice for this disagreement is undone first, so a walk can go back.
  state.spans = state.spans.filter((s) => !members.has(key(s)));
  state.rejected = state.rejected.filter((s) => !members.has(key(s)));
  const chosen = choice === 'a' ? d.a : choice === 'b' ? d.b : [];
  const out: ChoiceOutcome = { kept: [], dropped: [], conflicts: [] };
  for (const s of chosen) {
    if (keep(state, s) === 'conflict') out.conflicts.push(s);
    else out.kept.push(s);
  }
  const keptNow = new Set(out.kept.map(key));
  for (const s of [...d.a, ...d.b]) {
    if (keptNow.has(key(s)) || state.rejected.some((r) => key(r) === key(s))) continue;
    state.rejected.push({ start: s.start, end: s.end, label: s.label, text: s.text });
    out.dropped.push(s);
  }
  return out;
}

/** Adds a span unless the same one is there already; an overlapping different span is a conflict. */
function keep(state: CurationState, s: AgreementSpan): 'added' | 'present' | 'conflict' {
  if (state.spans.some((x) => key(x) === key(s))) return 'present';
  if (state.spans.some((x) => overlaps(x, s))) return 'conflict';
  state.spans.push({ start: s.start, end: s.end, label: s.label, text: s.text });
  state.rejected = state.rejected.filter((r) => key(r) !== key(s));
  return 'added';
}

/** One line describing a side of a disagreement: `person 张三, location 北京` or `(nothing)`. */
export function describeSide(spans: readonly AgreementSpan[]): string {
  return spans.length ? spans.map((s) => `${s.label} ${s.text ?? `${s.start}–${s.end}`}`).join(', ') : '(nothing)';
}
