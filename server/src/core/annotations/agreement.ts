// Inter-annotator agreement between two annotators' spans over one article: exact-span F1 per label
// (the measure NER work reports; symmetric, so neither side is "gold") and Cohen's kappa per label
// over characters (each character is in or out of a span of that label for each annotator), and
// the disagreements to adjudicate.

import { spanKey } from './spanKey';

export interface AgreementSpan {
  start: number;
  end: number;
  label: string;
  text?: string;
}

export interface LabelAgreement {
  label: string;
  /** Spans of this label each annotator made, and those both made exactly (same start, end, label). */
  a: number;
  b: number;
  both: number;
  f1: number;
  /** Cohen's kappa over characters; 1 when both annotators marked nothing of this label. */
  kappa: number;
}

export interface Disagreement {
  /** The region both annotators' overlapping spans cover. */
  start: number;
  end: number;
  a: AgreementSpan[];
  b: AgreementSpan[];
}

export interface AgreementReport {
  labels: LabelAgreement[];
  /** All labels together: exact-span F1, and kappa over characters with one category per label plus "none". */
  overall: { a: number; b: number; both: number; f1: number; kappa: number };
  disagreements: Disagreement[];
}


function f1(a: number, b: number, both: number): number {
  return a + b === 0 ? 1 : (2 * both) / (a + b);
}

/** Cohen's kappa from a confusion matrix given as counts by "categoryA\u0000categoryB". */
function kappaOf(pairs: Map<string, number>, n: number): number {
  if (n === 0) return 1;
  let observed = 0;
  const ma = new Map<string, number>();
  const mb = new Map<string, number>();
  for (const [k, c] of pairs) {
    const [x, y] = k.split('\u0000');
    if (x === y) observed += c;
    ma.set(x, (ma.get(x) ?? 0) + c);
    mb.set(y, (mb.get(y) ?? 0) + c);
  }
  let expected = 0;
  for (const [x, c] of ma) expected += (c / n) * ((mb.get(x) ?? 0) / n);
  const po = observed / n;
  if (expected >= 1) return po >= 1 ? 1 : 0;
  return (po - expected) / (1 - expected);
}

/** Per-character category (the label of the span covering it, "" for none; the first span wins on overlap). */
function categories(length: number, spans: readonly AgreementSpan[]): string[] {
  const out = new Array<string>(length).fill('');
  for (const s of spans) for (let i = Math.max(0, s.start); i < Math.min(length, s.end); i++) if (!out[i]) out[i] = s.label;
  return out;
}

/**
 * Agreement of two annotators over an article of `length` characters (offsets in one unit for
 * both; code points as sidecars store them).
 */
export function agreement(length: number, a: readonly AgreementSpan[], b: readonly AgreementSpan[]): AgreementReport {
  const inB = new Set(b.map(spanKey));
  const inA = new Set(a.map(spanKey));
  const labels = [...new Set([...a, ...b].map((s) => s.label))].sort();
  const ca = categories(length, a);
  const cb = categories(length, b);
  const report: LabelAgreement[] = labels.map((label) => {
    const na = a.filter((s) => s.label === label).length;
    const nb = b.filter((s) => s.label === label).length;
    const both = a.filter((s) => s.label === label && inB.has(spanKey(s))).length;
    const pairs = new Map<string, number>();
    for (let i = 0; i < length; i++) {
      const k = `${ca[i] === label}\u0000${cb[i] === label}`;
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
    }
    return { label, a: na, b: nb, both, f1: f1(na, nb, both), kappa: kappaOf(pairs, length) };
  });
  const pairs = new Map<string, number>();
  for (let i = 0; i < length; i++) {
    const k = `${ca[i]}\u0000${cb[i]}`;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  const both = a.filter((s) => inB.has(spanKey(s))).length;
  return {
    labels: report,
    overall: { a: a.length, b: b.length, both, f1: f1(a.length, b.length, both), kappa: kappaOf(pairs, length) },
    disagreements: disagreements(a.filter((s) => !inB.has(spanKey(s))), b.filter((s) => !inA.has(spanKey(s)))),
  };
}

/** Unmatched spans of both sides, grouped where they overlap, in text order. */
function disagreements(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): Disagreement[] {
  const all = [...a.map((s) => ({ s, side: 'a' as const })), ...b.map((s) => ({ s, side: 'b' as const }))].sort(
    (x, y) => x.s.start - y.s.start || x.s.end - y.s.end,
  );
  const out: Disagreement[] = [];
  for (const { s, side } of all) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last[side].push(s);
    } else {
      out.push({ start: s.start, end: s.end, a: side === 'a' ? [s] : [], b: side === 'b' ? [s] : [] });
    }
  }
  return out;
}

/** A plain-text table of the report, one row per label and an "all" row, kappa and F1 last. */
export function formatAgreement(r: AgreementReport): string {
  const row = (name: string, x: { a: number; b: number; both: number; f1: number; kappa: number }) =>
    `${name.padEnd(14)}${String(x.a).padStart(6)}${String(x.b).padStart(6)}${String(x.both).padStart(6)}${x.kappa.toFixed(3).padStart(8)}${(x.f1 * 100).toFixed(2).padStart(8)}`;
  return [
    `${'label'.padEnd(14)}${'A'.padStart(6)}${'B'.padStart(6)}${'both'.padStart(6)}${'kappa'.padStart(8)}${'F1%'.padStart(8)}`,
    ...r.labels.map((l) => row(l.label, l)),
    row('all', r.overall),
    `${r.disagreements.length} disagreement(s) to adjudicate`,
  ].join('\n');
}
