/**
 * Half-life, in corrected sentences, of the evidence a gate weighs: a lesson that helped on the
 * first sentences of a source can hurt later ones (a learner that keeps fitting one annotator's
 * corrections drifts), so recent sentences count more than old ones.
 */
const HALF_LIFE = 100;
const DECAY = 2 ** (-1 / HALF_LIFE);

/**
 * Prequential choice between alternatives (how strongly to apply what was learned, or whether to
 * apply a learner at all): every new corrected sentence is scored with each alternative before it
 * is learned from, so it is held-back evidence of how each would have done on the annotator's next
 * decision; the alternative with the fewest recent errors is used. The first choice is the
 * preferred one and wins ties, so with no evidence (or none against it) behaviour is unchanged.
 */
export class Prequential<C> {
  private readonly errors: number[];
  private current = 0;

  constructor(readonly choices: readonly C[]) {
    this.errors = choices.map(() => 0);
  }

  get choice(): C {
    return this.choices[this.current];
  }

  /** Records one sentence's errors under each alternative (same order as `choices`). */
  record(errors: readonly number[]): void {
    let best = 0;
    for (let k = 0; k < this.errors.length; k++) {
      this.errors[k] = this.errors[k] * DECAY + errors[k];
      if (this.errors[k] < this.errors[best] - 1e-9) best = k;
    }
    this.current = best;
  }

  /** Recent errors of each alternative (decayed sums), for "Show What It Learned". */
  get recentErrors(): readonly number[] {
    return this.errors;
  }

  clear(): void {
    this.errors.fill(0);
    this.current = 0;
  }
}

/** Spans as exact (start, end, label) keys. */
export interface KeyedSpan {
  start: number;
  end: number;
  label: string;
}

/** Exact-span errors of `predicted` against `gold` (false positives plus misses). */
export function spanErrors(predicted: readonly KeyedSpan[], gold: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const p of predicted) seen.add(spanKey(p));
  let errors = 0;
  for (const k of seen) if (!gold.has(k)) errors++;
  for (const k of gold) if (!seen.has(k)) errors++;
  return errors;
}

export const spanKey = (s: KeyedSpan) => `${s.start}:${s.end}:${s.label}`;
