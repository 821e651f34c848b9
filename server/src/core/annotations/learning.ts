import type { Span } from '../ner/bio';
import { NerAdapter, type AdapterOptions } from '../ner/adaptation';
import { ConventionLearner, JUDGED_LABELS, type JudgedLabel } from './conventions';
import { BoundaryConventions, type ExtensionRule } from './boundaries';
import { Prequential, spanErrors } from './gates';
import { spanKey } from './spanKey';
import { wordEdges } from '../entities/tokenSearch';
import { typeOfLabel } from '../ner/labels';
import type { NerTagger } from '../ner/tagger';
import type { Segmenter } from '../segmenter';
import { isEntityLabel, type Entity, type EntityLabel, type Label, type Token } from '../types';

export interface LabelledSpan {
  start: number;
  end: number;
  label: EntityLabel;
}

/** A span in force or predicted; one with a custom label teaches nothing (the model has no such type). */
export interface DecidedSpan {
  start: number;
  end: number;
  label: Label;
}

/** One corrected sentence: the clean simplified text and every entity an annotator confirmed in it. */
export interface Correction {
  text: string;
  entities: LabelledSpan[];
  /** Automatic spans the correction removed with no confirmed entity over them: wrong strings. */
  rejected?: LabelledSpan[];
  /** Automatic spans the correction replaced by a confirmed entity over them (boundary or type errors). */
  replaced?: LabelledSpan[];
  /** Where it came from (an article path), for "what did it learn". */
  source?: string;
  /** Epoch milliseconds. */
  at?: number;
}

/** What the annotator's corrections have taught so far, for "Show What It Learned". */
export interface LearningSummary {
  sentences: number;
  /** Features whose weights moved. */
  features: number;
  /** Strings rejected everywhere (for rule-made spans the model cannot unlearn). */
  rejected: { text: string; label: EntityLabel; times: number }[];
  /** Strings confirmed as an entity of a label, most often first. */
  confirmed: { text: string; label: EntityLabel; times: number }[];
  /** Boundary conventions: names of a label joined with the words after them (boundaries.ts). */
  extensions: ExtensionRule[];
  /** Span shapes the convention learner weighs most, for or against a label (conventions.ts). */
  habits: { feature: string; label: EntityLabel; weight: number }[];
  /**
   * What the annotator's own decisions say about the learners: the strength at which the model's
   * lessons are applied (1, ½ or 0) and the learners switched off because, on the latest corrected
   * sentences, tagging without them agreed more with the annotator.
   */
  modelStrength?: number;
  switchedOff?: string[];
  /**
   * Lines of corrected sentences the name network's output layer learned from, when the model reads the network
   * (the editor replays the history again once the network has loaded, so every corrected line counts).
   */
  networkLines?: number;
}

/** Which learners learn (all by default); switching one off measures what it adds (eval:ner --learn-off). */
export interface LearningOptions {
  model?: boolean;
  memory?: boolean;
  conventions?: boolean;
  boundaries?: boolean;
  /** Whether the annotator's next sentences may weaken or switch off a learner that hurts (default on). */
  gates?: boolean;
  adapter?: AdapterOptions;
}

/** Strengths at which the model's delta may be applied, preferred first. */
const MODEL_STRENGTHS = [1, 0.5, 0] as const;

/** The learners that act on automatic entities after tagging, each of which a gate may switch off. */
type Rule = 'memory' | 'conventions' | 'boundaries';
const RULES: readonly Rule[] = ['memory', 'conventions', 'boundaries'];
type Use = Record<Rule, boolean>;

export const LEARNERS = ['model', 'memory', 'conventions', 'boundaries'] as const;

/**
 * The workspace's learning from decisions, shared by the editor, the CLI and `eval:ner --adapt`:
 * every decision ends in `learn(correction)` with the sentence's whole, corrected set of entities.
 * Two recommenders, as in INCEpTION: the NER model adapted by online updates (names the model
 * makes), and a string memory of what was rejected or confirmed (for spans rules make, which no
 * weight can unlearn). The shipped model is never modified; `reset()` restores it exactly.
 */
export class WorkspaceLearning {
  readonly adapter?: NerAdapter;
  readonly conventions = new ConventionLearner();
  readonly boundaries = new BoundaryConventions();
  private readonly corrections: Correction[] = [];
  /** key text\u0000label → [confirmed, rejected] */
  private readonly memory = new Map<string, [number, number]>();
  /** The same counts by string, then label. */
  private readonly byString = new Map<string, Map<EntityLabel, [number, number]>>();
  /** The latest correction of each sentence text. */
  private readonly bySentence = new Map<string, Correction>();
  /** Strings of two characters or more confirmed at least once, longest first. */
  private readonly confirmed: string[] = [];
  private readonly confirmedSet = new Set<string>();
  /** The mentions of confirmed strings each sentence's latest correction left unmarked (see unmarkedIn). */
  private readonly unmarkedBySentence = new Map<string, { text: string; label: EntityLabel }[]>();
  /** Bumped on every change, so callers can tell when cached analyses are stale. */
  version = 0;

  private readonly on: Required<Omit<LearningOptions, 'adapter'>>;
  private readonly recent: { text: string; entities: Entity[] }[] = [];
  /**
   * The product's whole analysis of a sentence with this learning (uncached: the gates change the
   * model's strength between calls); set by whoever builds the analyzer. Without it the gates
   * weigh the model's own names and the last analyses' input.
   */
  analyze?: (text: string) => Entity[];
  private readonly modelGate = new Prequential<number>(MODEL_STRENGTHS);
  private readonly ruleGates: Record<Rule, Prequential<boolean>> = {
    memory: new Prequential([true, false]),
    conventions: new Prequential([true, false]),
    boundaries: new Prequential([true, false]),
  };

  constructor(
    private readonly segmenter: Segmenter,
    base?: NerTagger,
    opts: LearningOptions = {},
  ) {
    if (base) this.adapter = new NerAdapter(base, opts.adapter);
    this.on = { model: true, memory: true, conventions: true, boundaries: true, gates: true, ...opts };
  }

  get size(): number {
    return this.corrections.length;
  }

  /** The corrections learned from, oldest first (what a workspace persists). */
  get history(): readonly Correction[] {
    return this.corrections;
  }

  /** Learns from one corrected sentence (see correctionOf for building one from a decision). */
  learn(c: Correction): void {
    this.corrections.push(c);
    // A sentence corrected again (reject, then accept again: an undo) replaces its earlier lesson
    // in the string memory; the model keeps learning on top, from the newest correction.
    const earlier = this.bySentence.get(c.text);
    const tokens = this.segmenter.tag(c.text);
    // A sentence seen before was learned from: it is no held-back evidence.
    if (!earlier && this.on.gates) this.weigh(c, tokens);
    if (earlier) {
      if (this.on.memory) {
        this.memorize(earlier, -1);
        for (const u of this.unmarkedBySentence.get(c.text) ?? []) this.bump(u.text, u.label, 1, -1);
      }
      if (this.on.boundaries) this.boundaries.learn(c.text, tokens, judged(earlier.entities), judged(earlier.replaced), -1, judged(earlier.rejected));
    }
    this.bySentence.set(c.text, c);
    const spans: Span[] = [];
    for (const e of c.entities) {
      const type = typeOfLabel(e.label);
      if (type) spans.push({ start: e.start, end: e.end, type });
    }
    if (this.on.model) this.adapter?.learn(c.text, tokens, spans);
    if (this.on.conventions) this.conventions.learn(c.text, tokens, judged(c.entities), [...judged(c.rejected), ...judged(c.replaced)]);
    if (this.on.boundaries) this.boundaries.learn(c.text, tokens, judged(c.entities), judged(c.replaced), 1, judged(c.rejected));
    if (this.on.memory) {
      this.memorize(c, 1);
      const unmarked = this.unmarkedIn(c, tokens);
      for (const u of unmarked) this.bump(u.text, u.label, 1, 1);
      this.unmarkedBySentence.set(c.text, unmarked);
    }
    this.version++;
  }

  /**
   * Mentions of confirmed strings that the corrected sentence does not mark, each with the label
   * the memory would give it: the annotator saw the string and did not call it that, which counts
   * as a rejection. Without it one confirmation ruled every later mention (OntoNotes marks 第一 in
   * 第一次, once 第一次: the memory then made every 第一次 an ordinal, though the sentences after
   * kept marking 第一). Mentions inside a longer marked entity (美国 in 美国之音) are parts, not
   * mentions, and rejected spans were counted already.
   */
  private unmarkedIn(c: Correction, tokens: readonly Token[]): { text: string; label: EntityLabel }[] {
    if (this.confirmed.length === 0) return [];
    const marked = [...c.entities, ...(c.rejected ?? [])];
    let edges: Uint8Array | undefined;
    const out: { text: string; label: EntityLabel }[] = [];
    for (const word of this.confirmed) {
      for (let at = c.text.indexOf(word); at >= 0; at = c.text.indexOf(word, at + 1)) {
        const end = at + word.length;
        if (marked.some((e) => e.start === at && e.end === end) || c.entities.some((e) => e.start <= at && e.end >= end)) continue;
        // The memory adds only mentions that are words or runs of words (applyMemory); others are no evidence.
        edges ??= wordEdges(c.text.length, tokens, c.entities);
        if (!edges[at] || !edges[end]) continue;
        const label = this.bestLabel(word);
        if (label) out.push({ text: word, label });
      }
    }
    return out;
  }

  /**
   * Scores the sentence the annotator just corrected, before learning from it, with each
   * alternative of each gate: the model's delta at each strength, and each rule learner on and
   * off (the others as they are). These are the annotator's decisions on text the learners have
   * not learned from, so a learner whose lessons stop carrying to new sentences of this source
   * (they fit earlier sentences' noise, or the source's conventions change) is weakened or
   * switched off, and switched on again when it helps.
   */
  private weigh(c: Correction, tokens: Token[]): void {
    const gold = new Set(judged(c.entities).map(spanKey));
    const names = (es: readonly Entity[]) => es.filter((e) => isJudged(e.label));
    let input: Entity[] | undefined;
    const adapter = this.adapter;
    if (adapter) {
      const used = adapter.strength;
      const analyze = this.analyze;
      const errors = MODEL_STRENGTHS.map((s) => {
        adapter.strength = s;
        // The whole analysis when there is one: the model's names meet dictionaries and rules
        // there, and a lesson that helps the model alone can still hurt what the annotator sees.
        const found = analyze ? analyze(c.text) : adapter.tag(c.text, tokens);
        if (s === used) input = analyze ? this.analyzed(c.text) : found;
        return spanErrors(names(found), gold);
      });
      if (this.on.model && adapter.delta.size > 0) this.modelGate.record(errors);
      adapter.strength = used;
    }
    input ??= this.analyzed(c.text) ?? [];
    const use = this.use();
    for (const rule of RULES) {
      if (!this.on[rule] || this.learnerSize(rule) === 0) continue;
      const errors = [true, false].map((on) => spanErrors(names(this.applyUsing(c.text, input!, tokens, { ...use, [rule]: on })), gold));
      this.ruleGates[rule].record(errors);
    }
    if (adapter && this.on.model) adapter.strength = this.modelGate.choice;
  }

  /**
   * The automatic entities a recent analysis handed to apply() inside `sentence` (sentence
   * offsets): what the rule learners really judged there, recognizers and rules included.
   */
  private analyzed(sentence: string): Entity[] | undefined {
    for (const a of this.recent) {
      const at = a.text.indexOf(sentence);
      if (at < 0) continue;
      const end = at + sentence.length;
      return a.entities.filter((e) => e.start >= at && e.end <= end).map((e) => ({ ...e, start: e.start - at, end: e.end - at }));
    }
    return undefined;
  }

  private learnerSize(rule: Rule): number {
    return rule === 'memory' ? this.memory.size : this[rule].size;
  }

  /** The rule learners in force. */
  private use(): Use {
    return { memory: this.ruleGates.memory.choice, conventions: this.ruleGates.conventions.choice, boundaries: this.ruleGates.boundaries.choice };
  }

  private memorize(c: Correction, sign: 1 | -1): void {
    for (const e of c.entities) this.bump(c.text.slice(e.start, e.end), e.label, 0, sign);
    for (const r of c.rejected ?? []) this.bump(c.text.slice(r.start, r.end), r.label, 1, sign);
  }

  /** Entities of the adapted model (the shipped one when nothing was learned). */
  tag(text: string, tokens: Token[]): Entity[] {
    return this.adapter ? this.adapter.tag(text, tokens) : [];
  }

  /**
   * Applies the string memory to automatic entities of `text`, as INCEpTION's string-matching
   * recommender does: a string rejected more often than confirmed is dropped everywhere; a span
   * whose string was confirmed under another label is relabelled; and other mentions of a
   * confirmed string (two characters or more) that nothing covers become entities. Then the
   * boundary conventions join names with the words after them, and the convention learner drops
   * names of shapes the source does not call names.
   */
  apply(text: string, entities: Entity[], tokens?: Token[]): Entity[] {
    // Kept (a few, by reference) so that the next correction is weighed on the same input.
    this.recent.unshift({ text, entities });
    if (this.recent.length > RECENT_ANALYSES) this.recent.pop();
    return this.applyUsing(text, entities, tokens, this.use());
  }

  private applyUsing(text: string, entities: Entity[], tokens: Token[] | undefined, use: Use): Entity[] {
    const memory = use.memory && this.memory.size > 0;
    const conventions = use.conventions && this.conventions.size > 0;
    const boundaries = use.boundaries && this.boundaries.size > 0;
    if (!memory && !conventions && !boundaries) return entities;
    let toks = tokens;
    const words = () => (toks ??= this.segmenter.tag(text));
    let mem = memory ? this.applyMemory(text, entities, words) : entities;
    if (!conventions && !boundaries) return mem;
    const all = words();
    if (boundaries) mem = this.boundaries.apply(text, all, mem);
    if (!conventions) return mem;
    // Dropped only when clearly against the source's habits: at 0 the learner dropped a third of
    // the right names on CLUENER and Weibo (it has seen few corrections of each shape).
    return mem.filter((e) => e.source === 'manual' || !isJudged(e.label) || this.conventions.score(text, all, e, e.label) >= -DROP_BELOW);
  }

  private applyMemory(text: string, entities: Entity[], words: () => Token[]): Entity[] {
    const out: Entity[] = [];
    for (const e of entities) {
      if (e.source === 'manual') {
        out.push(e);
        continue;
      }
      const best = this.bestLabel(e.text);
      if (best === null) continue; // rejected under every label it was seen with
      out.push(best && best !== e.label ? { ...e, label: best, source: 'dictionary' } : e);
    }
    if (this.confirmed.length === 0) return out;
    // A mention never takes over a manual span or cuts one; automatic spans inside it (美国 in a
    // confirmed 美国之音) give way to it, since the annotator said what the whole string is.
    const claimed = new Uint8Array(text.length);
    let edges: Uint8Array | undefined;
    const added: Entity[] = [];
    for (const word of this.confirmed) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        const end = at + word.length;
        if (claimed.subarray(at, end).some((x) => x)) continue;
        const inside = out.filter((e) => e.start < end && at < e.end);
        if (inside.some((e) => e.source === 'manual' || e.start < at || e.end > end || (e.start === at && e.end === end))) continue;
        // Only a mention that is a word or a run of words: a confirmed name inside a longer word
        // (a place inside a demonym, a surname-like name inside a common word) is not a mention.
        // An entity's edge counts too: jieba keeps some name + noun compounds whole (中国政府,
        // 朝鲜政府), and a confirmed 政府 is a mention there once 中国 is a place.
        edges ??= wordEdges(text.length, words(), out);
        if (!edges[at] || !edges[end]) continue;
        const label = this.bestLabel(word);
        if (!label) continue;
        claimed.fill(1, at, end);
        added.push({ start: at, end, label, text: word, source: 'dictionary' });
      }
    }
    if (added.length === 0) return out;
    return [...out.filter((e) => !claimed.subarray(e.start, e.end).some((x) => x)), ...added].sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /**
   * The label a string was confirmed with most (undefined: nothing learned about it; null: it was
   * only ever rejected).
   */
  private bestLabel(str: string): EntityLabel | null | undefined {
    const byLabel = this.byString.get(str);
    if (!byLabel) return undefined;
    let best: EntityLabel | undefined;
    let bestYes = 0;
    let anyKept = false;
    for (const [label, [yes, no]] of byLabel) {
      if (yes >= no) anyKept = true;
      if (yes > bestYes && yes > no) {
        best = label;
        bestYes = yes;
      }
    }
    if (best) return best;
    return anyKept ? undefined : null;
  }

  reset(): void {
    this.corrections.length = 0;
    this.memory.clear();
    this.byString.clear();
    this.bySentence.clear();
    this.unmarkedBySentence.clear();
    this.confirmed.length = 0;
    this.confirmedSet.clear();
    this.adapter?.reset();
    this.conventions.clear();
    this.boundaries.clear();
    this.modelGate.clear();
    this.recent.length = 0;
    for (const rule of RULES) this.ruleGates[rule].clear();
    this.version++;
  }

  summary(limit = 50): LearningSummary {
    const rejected: LearningSummary['rejected'] = [];
    const confirmed: LearningSummary['confirmed'] = [];
    for (const [key, [yes, no]] of this.memory) {
      const [text, label] = key.split('\u0000') as [string, EntityLabel];
      if (no > yes) rejected.push({ text, label, times: no });
      else if (yes > 0) confirmed.push({ text, label, times: yes });
    }
    const byTimes = (a: { times: number }, b: { times: number }) => b.times - a.times;
    return {
      sentences: this.corrections.length,
      features: this.adapter?.delta.size ?? 0,
      rejected: rejected.sort(byTimes).slice(0, limit),
      confirmed: confirmed.sort(byTimes).slice(0, limit),
      extensions: this.boundaries.rulesLearned().slice(0, limit),
      habits: this.conventions.habits(limit),
      modelStrength: this.adapter ? this.adapter.strength : undefined,
      networkLines: this.adapter?.output?.lines,
      switchedOff: RULES.filter((r) => !this.ruleGates[r].choice),
    };
  }

  private bump(text: string, label: EntityLabel, which: 0 | 1, sign: 1 | -1): void {
    const key = memoryKey(text, label);
    const m = this.memory.get(key) ?? [0, 0];
    m[which] += sign;
    this.memory.set(key, m);
    let byLabel = this.byString.get(text);
    if (!byLabel) this.byString.set(text, (byLabel = new Map()));
    byLabel.set(label, m);
    if (which === 0 && m[0] === 1 && [...text].length >= 2 && !this.confirmedSet.has(text)) {
      this.confirmedSet.add(text);
      // Longest first, so a longer confirmed name claims its characters before a part of it.
      this.confirmed.push(text);
      this.confirmed.sort((a, b) => b.length - a.length);
    }
  }
}

/** Analyses remembered for weighing the next correction: the documents open or just analysed. */
const RECENT_ANALYSES = 8;

/** How far below 0 a span's convention score must fall before an automatic span is dropped. */
const DROP_BELOW = 0.5;

const isJudged = (label: string): label is JudgedLabel => (JUDGED_LABELS as readonly string[]).includes(label);
const judged = (xs: readonly LabelledSpan[] | undefined) => (xs ?? []).filter((x): x is LabelledSpan & { label: JudgedLabel } => isJudged(x.label));

function memoryKey(text: string, label: string): string {
  return `${text}\u0000${label}`;
}

/**
 * The spans of `predicted` that `confirmed` removed with nothing confirmed over them. One that
 * overlaps a confirmed entity was a boundary or type error in its context, not a wrong string.
 */
export function replacedSpans(confirmed: readonly DecidedSpan[], predicted: readonly DecidedSpan[]): LabelledSpan[] {
  return predicted
    .filter(
      (p): p is DecidedSpan & LabelledSpan =>
        isEntityLabel(p.label) &&
        !confirmed.some((e) => e.start === p.start && e.end === p.end && e.label === p.label) &&
        confirmed.some((e) => e.start < p.end && p.start < e.end),
    )
    .map((p) => ({ start: p.start, end: p.end, label: p.label }));
}

export function rejectedSpans(confirmed: readonly DecidedSpan[], predicted: readonly DecidedSpan[]): LabelledSpan[] {
  return predicted
    .filter((p): p is DecidedSpan & LabelledSpan => isEntityLabel(p.label) && !confirmed.some((e) => e.start < p.end && p.start < e.end))
    .map((p) => ({ start: p.start, end: p.end, label: p.label }));
}

/** Sentence ends: a line break, or 。！？ (with closing quotes after them). */
const SENTENCE_END = /[。！？!?]+[”’」』）)]*|\r\n|\r|\n/g;

/** The sentence of `text` around `offset`: [start, end). */
export function sentenceAround(text: string, offset: number): [number, number] {
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    const end = m.index + m[0].length;
    if (end > offset) return [start, /[\r\n]/.test(m[0]) ? m.index : end];
    start = end;
  }
  return [start, text.length];
}

/**
 * The correction a decision at `offset` of an article makes: its sentence as recognition sees it
 * (clean, simplified: `view` maps it), with the entities in force after the decision (`effective`,
 * manual and automatic, document offsets) and the automatic spans the decision removed. Spans
 * that the view cannot map whole (inside a removed artifact) are left out.
 */
export function correctionOf(
  text: string,
  offset: number,
  effective: readonly DecidedSpan[],
  automatic: readonly DecidedSpan[],
  view: (sentence: string) => { simplifiedText: string; toSimplified(offset: number): number },
): Correction | undefined {
  const [start, end] = sentenceAround(text, offset);
  if (end <= start) return undefined;
  const v = view(text.slice(start, end));
  const local = (spans: readonly DecidedSpan[]): LabelledSpan[] =>
    spans.flatMap((e) => {
      // A custom label (EVENT…) is no type of the model: over an automatic span it reads as a rejection of it.
      if (e.start < start || e.end > end || !isEntityLabel(e.label)) return [];
      const a = v.toSimplified(e.start - start);
      const b = v.toSimplified(e.end - start);
      return b > a ? [{ start: a, end: b, label: e.label }] : [];
    });
  const entities = local(effective);
  const predicted = local(automatic);
  return { text: v.simplifiedText, entities, rejected: rejectedSpans(entities, predicted), replaced: replacedSpans(entities, predicted) };
}
