import type { Token } from '../types';
import { firstTokenFrom } from '../entities/spans';

/** The name labels the convention learner judges (value labels come from a deterministic grammar). */
export const JUDGED_LABELS = ['person', 'location', 'organization'] as const;
export type JudgedLabel = (typeof JUDGED_LABELS)[number];

export interface SpanAt {
  start: number;
  end: number;
}

/**
 * Largest change of a span's own score by one update, below the drop margin (learning.ts): one
 * correction only questions a shape; it takes several that agree to drop a span (the string memory
 * already remembers the corrected string itself), and the automatic span a manual one replaced is
 * still there under it, which review mode's "adjusted" state needs.
 */
const MAX_CHANGE = 0.45;

/**
 * What a source calls a name, learned from corrections at the level of span shapes, not strings:
 * a linear score per label over features of a span and its context (its first and last
 * characters, its neighbours, the jieba word and part of speech it is, its length). The model's
 * lexical delta learns a word; this learns a habit of the source, so rejecting 美国 before 人 as a
 * location also questions 德国 before 人. It also judges spans that rules and word lists make,
 * which no model weight can unlearn. With no correction every score is 0 and every span is kept.
 */
export class ConventionLearner {
  /** feature key → score per label (JUDGED_LABELS order). */
  private readonly weights = new Map<string, Float32Array>();
  private readonly keys: string[] = [];

  get size(): number {
    return this.weights.size;
  }

  /**
   * Confirmed spans teach that their shape is a name of their label; wrong ones (rejected, or
   * replaced by a confirmed span of other bounds or label) that theirs is not. Confirmed spans
   * teach nothing about other labels: the names of the other types would outnumber each type's
   * own and push every label's score below 0.
   */
  learn(text: string, tokens: readonly Token[], confirmed: readonly (SpanAt & { label: JudgedLabel })[], wrong: readonly (SpanAt & { label: JudgedLabel })[]): void {
    for (const e of confirmed) {
      const keys = this.features(text, tokens, e);
      this.update(keys, e.label, 1);
    }
    for (const e of wrong) this.update(this.features(text, tokens, e), e.label, -1);
  }

  /** The span's score as a `label` (negative: the source would not call it that). */
  score(text: string, tokens: readonly Token[], span: SpanAt, label: JudgedLabel): number {
    return this.sum(this.features(text, tokens, span), JUDGED_LABELS.indexOf(label));
  }

  clear(): void {
    this.weights.clear();
  }

  private sum(keys: readonly string[], k: number): number {
    let s = 0;
    for (const key of keys) s += this.weights.get(key)?.[k] ?? 0;
    return s;
  }

  /** Passive-aggressive step towards y·score ≥ 1. */
  private update(keys: readonly string[], label: JudgedLabel, y: 1 | -1): void {
    const k = JUDGED_LABELS.indexOf(label);
    const loss = 1 - y * this.sum(keys, k);
    if (loss <= 0) return;
    const step = Math.min(MAX_CHANGE, loss) / keys.length;
    for (const key of keys) {
      let w = this.weights.get(key);
      if (!w) this.weights.set(key, (w = new Float32Array(JUDGED_LABELS.length)));
      w[k] += y * step;
    }
  }

  private features(text: string, tokens: readonly Token[], span: SpanAt): string[] {
    const { start, end } = span;
    const str = text.slice(start, end);
    const chars = Array.from(str);
    const first = chars[0] ?? '';
    const last = chars[chars.length - 1] ?? '';
    const prev = text[start - 1] ?? '^';
    const next = text[end] ?? '$';
    const at = firstTokenFrom(tokens, start);
    const word = tokens[at]?.start === start && tokens[at].end === end ? tokens[at] : undefined;
    const before = tokens[at - 1]?.end === start ? tokens[at - 1] : undefined;
    const k = firstTokenFrom(tokens, end);
    const after = tokens[k]?.start === end ? tokens[k] : undefined;
    const keys = this.keys;
    keys.length = 0;
    keys.push(
      'bias',
      `s:${str}`,
      `f:${first}`,
      `l:${last}`,
      `l2:${chars.slice(-2).join('')}`,
      `p:${prev}`,
      `n:${next}`,
      `n2:${text.slice(end, end + 2)}`,
      `len:${Math.min(chars.length, 6)}`,
      `pos:${word ? word.tag : 'multi'}`,
      `pw:${before?.word ?? '^'}`,
      `nw:${after?.word ?? '$'}`,
      `l+n:${last}${next}`,
    );
    return keys.slice();
  }
}

