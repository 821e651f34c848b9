import type { Entity, Token } from '../types';
import { firstTokenFrom } from '../entities/spans';
import { tokenWith } from '../entities/tokenSearch';
import { JUDGED_LABELS, type JudgedLabel } from './conventions';

export interface LabelledAt {
  start: number;
  end: number;
  label: JudgedLabel;
}

/**
 * Corrections that must join a label with a tail before the join is applied to other names: one
 * widening is one sentence's reading, and sources are inconsistent (MSRA joins 郑州市政府 into one
 * organization in one sentence and leaves 香港特区 + 政府 apart in others). With one, a single
 * correction cost msra_dev 0.7 F1 (--adapt 300: 85.57 against 86.27); CLUENER is unchanged and
 * Weibo loses one span (61.18 → 61.05).
 */
const MIN_JOINS = 2;

/** Longest extension, in jieba words: a place before an organization's head is rarely longer (江苏省 + 无锡市 + 崇安区 + 法院). */
const MAX_WORDS = 4;

/** A learned extension rule, for "Show What It Learned". */
export interface ExtensionRule {
  /** The automatic span's label. */
  from: JudgedLabel;
  /** The last two characters of the extension (政府 in 郑州市 + 政府; 法院 in 江苏省 + 无锡市崇安区法院). */
  tail: string;
  /** The label the joined span takes. */
  to: JudgedLabel;
  /** Corrections that joined, and confirmed names of `from` followed by `word` left alone. */
  joined: number;
  kept: number;
}

/**
 * Words a name can run through: nouns, place and organization names, abbreviations and
 * distinguishing words (jieba's n*, j, b). A verb, particle or Latin word (的, 偷袭, vs) ends it, so
 * a join never swallows a clause or the next team of a fixture.
 */
const joinable = (tag: string) => /^(n|j|b)/.test(tag) && tag !== 'nr';

/**
 * Boundary conventions learned as span-extension rules: when an annotator widens an automatic
 * name to the words after it (a place the model found, 郑州市, confirmed as the organization
 * 郑州市政府), the source joins that label with a following word ending in 政府 into one name of
 * the new label, so other automatic names followed by that word (埃及 + 政府) are joined the same
 * way once MIN_JOINS corrections did so. The rule is keyed by the label and the last word of the
 * extension, not the string, so it carries to names never corrected; names of that label left
 * apart from the same word count against it, so a source that keeps them apart is not overruled.
 */
export class BoundaryConventions {
  /** `${from}\u0000${word}` → joined count per target label, and kept count. */
  private readonly rules = new Map<string, { joined: Map<JudgedLabel, number>; kept: number }>();

  /** Counted once per change: every analysis asks (applyUsing), and keeps make most entries. */
  private joinedRules: number | undefined = 0;

  /** Rules some correction joined by (tails only ever kept apart are evidence, not rules). */
  get size(): number {
    if (this.joinedRules === undefined) {
      let n = 0;
      for (const r of this.rules.values()) if ([...r.joined.values()].some((c) => c > 0)) n++;
      this.joinedRules = n;
    }
    return this.joinedRules;
  }

  /**
   * `wrong` are the automatic spans a correction replaced; those that a confirmed span extends to
   * the right (same start, ends later at a word end) teach a join. Every other name of the
   * sentence — confirmed, replaced without a join, or `rejected` (an automatic name the annotator
   * removed) — followed by words teaches a keep for each tail those words end in, whether or not a
   * rule for it exists yet, so the count does not depend on the order of corrections: a source that
   * leaves 中国人 untagged outvotes one sentence that tagged 亚洲人. `sign` −1 takes a lesson back.
   */
  learn(
    text: string,
    tokens: readonly Token[],
    confirmed: readonly LabelledAt[],
    wrong: readonly LabelledAt[],
    sign: 1 | -1 = 1,
    rejected: readonly LabelledAt[] = [],
  ): void {
    this.joinedRules = undefined;
    for (const a of wrong) {
      const c = confirmed.find((x) => x.start === a.start && x.end > a.end);
      if (c && tokenWith(tokens, 'end', c.end)) {
        const rule = this.rule(a.label, tailOf(text.slice(a.end, c.end)));
        rule.joined.set(c.label, (rule.joined.get(c.label) ?? 0) + sign);
      } else this.keep(text, tokens, a, sign);
    }
    for (const c of [...confirmed, ...rejected]) this.keep(text, tokens, c, sign);
  }

  /**
   * Joins each automatic name of `entities` with the words after it when a rule says the source
   * does; the names the join covers are replaced by it.
   */
  apply(text: string, tokens: readonly Token[], entities: readonly Entity[]): Entity[] {
    // Keeps alone make most entries: without a join there is nothing to apply.
    if (this.size === 0) return entities as Entity[];
    const out: Entity[] = [];
    let coveredTo = -1;
    for (const e of entities) {
      if (e.start < coveredTo) continue;
      const joined = e.source === 'manual' || !isJudged(e.label) ? undefined : this.extend(text, tokens, e as Entity & { label: JudgedLabel });
      if (joined) {
        // Names inside the extension (entities are in text order) are parts of the joined name.
        out.push(joined);
        coveredTo = joined.end;
      } else out.push(e);
    }
    return out;
  }

  rulesLearned(): ExtensionRule[] {
    const out: ExtensionRule[] = [];
    for (const [k, r] of this.rules) {
      const [from, tail] = k.split('\u0000') as [JudgedLabel, string];
      for (const [to, joined] of r.joined) if (outvotes(joined, Math.max(0, r.kept))) out.push({ from, tail, to, joined, kept: Math.max(0, r.kept) });
    }
    return out.sort((a, b) => b.joined - b.kept - (a.joined - a.kept));
  }

  clear(): void {
    this.rules.clear();
    this.joinedRules = 0;
  }

  private extend(text: string, tokens: readonly Token[], e: Entity & { label: JudgedLabel }): Entity | undefined {
    for (let n = 0, i = firstWordAfter(tokens, e.end); n < MAX_WORDS && i < tokens.length; n++, i++) {
      const t = tokens[i];
      if (!joinable(t.tag)) return undefined;
      const rule = this.rules.get(key(e.label, tailOf(text.slice(e.end, t.end))));
      if (!rule) continue;
      let best: JudgedLabel | undefined;
      let most = Math.max(0, rule.kept);
      for (const [label, count] of rule.joined) if (outvotes(count, most)) [best, most] = [label, count];
      if (best) return { start: e.start, end: t.end, label: best, text: text.slice(e.start, t.end), source: 'dictionary' };
    }
    return undefined;
  }

  /** A name of `n.label` left apart from the words after it: a keep for each tail they end in. */
  private keep(text: string, tokens: readonly Token[], n: LabelledAt, sign: 1 | -1): void {
    for (let k = 0, i = firstWordAfter(tokens, n.end); k < MAX_WORDS && i < tokens.length && joinable(tokens[i].tag); k++, i++) {
      this.rule(n.label, tailOf(text.slice(n.end, tokens[i].end))).kept += sign;
    }
  }

  private rule(from: JudgedLabel, word: string) {
    const k = key(from, word);
    let r = this.rules.get(k);
    if (!r) this.rules.set(k, (r = { joined: new Map(), kept: 0 }));
    return r;
  }
}

/** Whether `joined` corrections are enough to join, against `most` (the keeps, or a label's joins already counted). */
const outvotes = (joined: number, most: number) => joined >= MIN_JOINS && joined > most;

/** Index of the first word after a name ending at `end`; it may straddle the end (jieba often reads 郑州市政府 as one word). */
function firstWordAfter(tokens: readonly Token[], end: number): number {
  const i = firstTokenFrom(tokens, end);
  return tokens[i - 1] && tokens[i - 1].end > end ? i - 1 : i;
}

const isJudged = (label: string) => (JUDGED_LABELS as readonly string[]).includes(label);

const key = (label: string, tail: string) => `${label}\u0000${tail}`;

/** What a rule is keyed by: the extension's last two characters (政府, 银行, 卫视), or its one. */
const tailOf = (extension: string) => Array.from(extension).slice(-2).join('');
