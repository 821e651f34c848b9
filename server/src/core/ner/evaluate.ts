import type { Span } from './bio';
import { ENTITY_TYPES } from './labels';

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export type SpanScores = Record<(typeof ENTITY_TYPES)[number] | 'micro', PRF>;

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Exact-match scoring: a predicted span counts only if start, end and type all equal a gold span. */
export function scoreSpans(gold: readonly (readonly Span[])[], pred: readonly (readonly Span[])[]): SpanScores {
  if (gold.length !== pred.length) throw new Error(`gold has ${gold.length} sentences, predictions ${pred.length}`);
  const counts = new Map(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (let s = 0; s < gold.length; s++) {
    const key = (x: Span) => `${x.start}:${x.end}:${x.type}`;
    const goldKeys = new Set(gold[s].map(key));
    const predKeys = new Set(pred[s].map(key));
    for (const p of pred[s]) counts.get(p.type)![goldKeys.has(key(p)) ? 'tp' : 'fp']++;
    for (const g of gold[s]) if (!predKeys.has(key(g))) counts.get(g.type)!.fn++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const out = {} as SpanScores;
  for (const t of ENTITY_TYPES) {
    const c = counts.get(t)!;
    out[t] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  out.micro = prf(tp, fp, fn);
  return out;
}

/** A plain-text table of the scores, one row per type and a micro row. */
export function formatScores(scores: SpanScores): string {
  const rows = [...ENTITY_TYPES, 'micro' as const].map((t) => {
    const s = scores[t];
    const pct = (x: number) => (x * 100).toFixed(2).padStart(7);
    return `${t.padEnd(6)}${String(s.tp + s.fn).padStart(7)}${String(s.tp + s.fp).padStart(7)}${String(s.tp).padStart(7)}${pct(s.precision)}${pct(s.recall)}${pct(s.f1)}`;
  });
  return [`${'type'.padEnd(6)}${'gold'.padStart(7)}${'pred'.padStart(7)}${'match'.padStart(7)}${'P%'.padStart(7)}${'R%'.padStart(7)}${'F1%'.padStart(7)}`, ...rows].join('\n');
}
