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

/** Scores per type, 'micro' over the name types (PER/LOC/ORG), and 'values' over the other scored types if any. */
export type SpanScores = Record<(typeof ENTITY_TYPES)[number] | 'micro', PRF> & Record<string, PRF>;

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * Exact-match scoring: a predicted span counts only if start, end and type all equal a gold span.
 * extraTypes (e.g. DATE, MONEY) get rows of their own and a 'values' micro row; they stay out of
 * 'micro', so the name figures mean the same whether or not a file has value annotations. Spans of
 * types that are not scored are ignored on both sides.
 */
export function scoreSpans(
  gold: readonly (readonly Span<string>[])[],
  pred: readonly (readonly Span<string>[])[],
  extraTypes: readonly string[] = [],
): SpanScores {
  if (gold.length !== pred.length) throw new Error(`gold has ${gold.length} sentences, predictions ${pred.length}`);
  const types = [...ENTITY_TYPES, ...extraTypes.filter((t) => !(ENTITY_TYPES as readonly string[]).includes(t))];
  const counts = new Map(types.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (let s = 0; s < gold.length; s++) {
    const key = (x: Span<string>) => `${x.start}:${x.end}:${x.type}`;
    const goldKeys = new Set(gold[s].map(key));
    const predKeys = new Set(pred[s].map(key));
    for (const p of pred[s]) {
      const c = counts.get(p.type);
      if (c) c[goldKeys.has(key(p)) ? 'tp' : 'fp']++;
    }
    for (const g of gold[s]) {
      const c = counts.get(g.type);
      if (c && !predKeys.has(key(g))) c.fn++;
    }
  }
  const out = {} as SpanScores;
  const sum = (ts: readonly string[]) => {
    let [tp, fp, fn] = [0, 0, 0];
    for (const t of ts) {
      const c = counts.get(t)!;
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return prf(tp, fp, fn);
  };
  for (const t of types) out[t] = sum([t]);
  out.micro = sum(ENTITY_TYPES);
  const values = types.slice(ENTITY_TYPES.length);
  if (values.length > 0) out.values = sum(values);
  return out;
}

/** A plain-text table of the scores: one row per type (name first, F1 last), then the micro rows. */
export function formatScores(scores: SpanScores): string {
  const rows = Object.keys(scores).map((t) => {
    const s = scores[t];
    const pct = (x: number) => (x * 100).toFixed(2).padStart(7);
    return `${t.padEnd(9)}${String(s.tp + s.fn).padStart(7)}${String(s.tp + s.fp).padStart(7)}${String(s.tp).padStart(7)}${pct(s.precision)}${pct(s.recall)}${pct(s.f1)}`;
  });
  return [`${'type'.padEnd(9)}${'gold'.padStart(7)}${'pred'.padStart(7)}${'match'.padStart(7)}${'P%'.padStart(7)}${'R%'.padStart(7)}${'F1%'.padStart(7)}`, ...rows].join('\n');
}
