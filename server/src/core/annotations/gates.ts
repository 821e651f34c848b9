import { spanKey } from './spanKey';

/**
 * Half-life, in corrected sentences, of the evidence a gate weighs: a lesson that helped on the
 * first sentences of a source can hurt later ones (a learner that keeps fitting one annotator's
 * corrections drifts), so recent sentences count more than old ones.
 */
const HALF_LIFE = 100;
const DECAY = 2 ** (-1 / HALF_LIFE);

/**
 * How many standard errors an alternative must gain over the preferred choice before it is used:
 * per-sentence differences are noisy (a few spans each), and leaving the preferred choice on noise
 * cost more than it saved on CLUENER and Weibo.
 */
const Z = 2;

/**
 * Prequential choice between alternatives (how strongly to apply what was learned, or whether to
 * apply a learner at all): every new corrected sentence is scored with each alternative before it
 * is learned from, so it is held-back evidence of how each would have done on the annotator's next
 * decision. The first choice is the preferred one; another is used only while its recent gain over
 * it (errors saved, summed over sentences) is clearly above noise: more than Z times the gain's
 * standard error (a paired sign-style test on the per-sentence differences).
 */
export class Prequential<C> {
  /** Decayed sums, per alternative, of the errors saved over the preferred choice, and of their squares. */
  private readonly gain: number[];
  private readonly spread: number[];
  private readonly errors: number[];
  private current = 0;

  constructor(readonly choices: readonly C[]) {
    this.gain = choices.map(() => 0);
    this.spread = choices.map(() => 0);
    this.errors = choices.map(() => 0);
  }

  get choice(): C {
    return this.choices[this.current];
  }

  /** Records one sentence's errors under each alternative (same order as `choices`). */
  record(errors: readonly number[]): void {
    let best = 0;
    let bestGain = 0;
    for (let k = 0; k < this.errors.length; k++) {
      const d = errors[0] - errors[k];
      this.errors[k] = this.errors[k] * DECAY + errors[k];
      this.gain[k] = this.gain[k] * DECAY + d;
      this.spread[k] = this.spread[k] * DECAY + d * d;
      if (k > 0 && this.gain[k] > Z * Math.sqrt(this.spread[k]) && this.gain[k] > bestGain) [best, bestGain] = [k, this.gain[k]];
    }
    this.current = best;
  }

  /** Recent errors of each alternative (decayed sums). */
  get recentErrors(): readonly number[] {
    return this.errors;
  }

  clear(): void {
    this.errors.fill(0);
    this.gain.fill(0);
    this.spread.fill(0);
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

