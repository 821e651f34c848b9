import type { Token } from '../types';
import { firstTokenFrom } from '../entities/spans';

/** The name labels the convention learner judges (value labels come from a deterministic grammar). */
export const JUDGED_LABELS = ['person', 'location', 'organization'] as const;
export type JudgedLabel = (typeof JUDGED_LABELS)[number];

interface Step {
  keys: readonly string[];
  k: number;
  by: number;
}

/** A feature key in words (l:国 → "ends with 国"). */
const FEATURE_WORDS: Record<string, string> = {
  f: 'starts with',
  l: 'ends with',
  l2: 'ends with',
  p: 'after the character',
  n: 'before the character',
  n2: 'before',
  len: 'length',
  pos: 'jieba part of speech',
  pw: 'after the word',
  nw: 'before the word',
  'l+n': 'last character + next',
};

function describeFeature(key: string): string {
  const at = key.indexOf(':');
  const words = FEATURE_WORDS[key.slice(0, at)];
  return words ? `${words} ${key.slice(at + 1)}` : key;
}

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
  /** The steps of each sentence's latest correction, so correcting it again can take them back. */
  private readonly steps = new Map<string, Step[]>();

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
    // A sentence corrected again (an undo) first takes back exactly the steps its earlier lesson
    // made: a passive-aggressive step depends on the weights at the time, so it is recorded.
    this.forget(text);
    const steps: Step[] = [];
    for (const e of confirmed) this.update(this.features(text, tokens, e), e.label, 1, steps);
    for (const e of wrong) this.update(this.features(text, tokens, e), e.label, -1, steps);
    if (steps.length) this.steps.set(text, steps);
  }

  /** Takes back what the latest correction of the sentence `text` taught. */
  forget(text: string): void {
    const steps = this.steps.get(text);
    if (!steps) return;
    this.steps.delete(text);
    for (const { keys, k, by } of steps) {
      for (const key of keys) {
        const w = this.weights.get(key);
        if (!w) continue;
        w[k] -= by;
        if (w.every((x) => Math.abs(x) < 1e-6)) this.weights.delete(key);
      }
    }
  }

  /**
   * The span shapes learned most strongly, for "Show What It Learned": a feature and label with
   * its weight (negative: the source does not call spans of that shape names of that label).
   * Whole strings are left out (the string memory lists those) and so is the bias.
   */
  habits(limit: number): { feature: string; label: JudgedLabel; weight: number }[] {
    const out: { feature: string; label: JudgedLabel; weight: number }[] = [];
    for (const [key, w] of this.weights) {
      if (key === 'bias' || key.startsWith('s:')) continue;
      w.forEach((weight, k) => {
        if (Math.abs(weight) >= 0.01) out.push({ feature: describeFeature(key), label: JUDGED_LABELS[k], weight: Math.round(weight * 1000) / 1000 });
      });
    }
    return out.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, limit);
  }

  /** The span's score as a `label` (negative: the source would not call it that). */
  score(text: string, tokens: readonly Token[], span: SpanAt, label: JudgedLabel): number {
    return this.sum(this.features(text, tokens, span), JUDGED_LABELS.indexOf(label));
  }

  clear(): void {
    this.weights.clear();
    this.steps.clear();
  }

  private sum(keys: readonly string[], k: number): number {
    let s = 0;
    for (const key of keys) s += this.weights.get(key)?.[k] ?? 0;
    return s;
  }

  /** Passive-aggressive step towards y·score ≥ 1, recorded in `steps`. */
  private update(keys: readonly string[], label: JudgedLabel, y: 1 | -1, steps: Step[]): void {
    const k = JUDGED_LABELS.indexOf(label);
    const loss = 1 - y * this.sum(keys, k);
    if (loss <= 0) return;
    const by = (y * Math.min(MAX_CHANGE, loss)) / keys.length;
    for (const key of keys) {
      let w = this.weights.get(key);
      if (!w) this.weights.set(key, (w = new Float32Array(JUDGED_LABELS.length)));
      w[k] += by;
    }
    steps.push({ keys, k, by });
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

