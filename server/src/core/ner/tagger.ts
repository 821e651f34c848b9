import type { Entity, Token } from '../types';
import type { Span } from './bio';
import { tagsToSpans } from './bio';
import { FEATURE_SLOTS, FeatureExtractor } from './features';
import { NUM_TAGS, PRODUCT_LABEL } from './labels';
import { CharProfileTable } from './charProfile';
import { buildGazetteerTable, buildWordTable } from './lexicon';
import type { NerModelData } from './modelFile';
import { Decoder, TransitionScores, constrain } from './viterbi';
import type { EmissionScorer } from './weights';

/** Characters of context on each side of a span when computing its confidence. */
const CONFIDENCE_CONTEXT = 10;

/**
 * Features + weights + constrained Viterbi. Text is tagged one line at a time, as training
 * sentences never span a line break; tokens are shifted into each line's coordinates.
 */
export class NerTagger {
  private readonly transitions: TransitionScores;
  private readonly decoder = new Decoder();
  private feats = new Int32Array(0);
  private emit = new Float32Array(0);
  private marg = new Float32Array(0);
  private tags = new Uint8Array(0);

  constructor(
    private readonly extractor: FeatureExtractor,
    private readonly scorer: EmissionScorer,
    transitions: TransitionScores,
    private readonly temperature: number,
  ) {
    this.transitions = constrain(transitions);
  }

  static fromModel(m: NerModelData): NerTagger {
    const words = m.options.lexicon ? buildWordTable(m.lexicon) : undefined;
    const gazetteer = m.options.gazetteer ? buildGazetteerTable(m.gazetteer) : undefined;
    const profiles = m.options.lexicon ? new CharProfileTable(m.profiles) : undefined;
    return new NerTagger(new FeatureExtractor(m.options, words, gazetteer, profiles), m.weights, m.transitions, m.temperature);
  }

  /** Best-path spans (offsets in text). */
  spans(text: string, tokens: readonly Token[]): Span[] {
    const out: Span[] = [];
    this.eachLine(text, tokens, (line, lineTokens, offset) => {
      const n = this.decode(line, lineTokens);
      for (const s of tagsToSpans(this.tags.subarray(0, n))) out.push({ start: s.start + offset, end: s.end + offset, type: s.type });
    });
    return out;
  }

  /** Entities with a confidence: the smallest marginal probability of the span's tags. */
  tag(text: string, tokens: readonly Token[]): Entity[] {
    const out: Entity[] = [];
    this.eachLine(text, tokens, (line, lineTokens, offset) => {
      const n = this.decode(line, lineTokens);
      const spans = tagsToSpans(this.tags.subarray(0, n));
      if (spans.length === 0) return;
      if (this.marg.length < n * NUM_TAGS) this.marg = new Float32Array(this.emit.length);
      // Marginals over windows around the spans (merged where they overlap), not the whole line.
      let from = -1;
      let to = -1;
      for (const s of spans) {
        const a = Math.max(0, s.start - CONFIDENCE_CONTEXT);
        const b = Math.min(n, s.end + CONFIDENCE_CONTEXT);
        if (a > to) {
          this.decoder.marginals(this.emit, n, this.transitions, this.temperature, this.marg, from, to);
          from = a;
        }
        to = b;
      }
      this.decoder.marginals(this.emit, n, this.transitions, this.temperature, this.marg, from, to);
      for (const s of spans) {
        let confidence = 1;
        for (let i = s.start; i < s.end; i++) confidence = Math.min(confidence, this.marg[i * NUM_TAGS + this.tags[i]]);
        out.push({
          start: s.start + offset,
          end: s.end + offset,
          label: PRODUCT_LABEL[s.type],
          text: text.slice(s.start + offset, s.end + offset),
          source: 'model',
          confidence: Math.round(confidence * 1000) / 1000,
        });
      }
    });
    return out;
  }

  /** Tags for one line into this.tags; leaves its emissions in this.emit. Returns its length. */
  private decode(line: string, tokens: readonly Token[]): number {
    const n = line.length;
    if (this.feats.length < n * FEATURE_SLOTS) {
      this.feats = new Int32Array(n * FEATURE_SLOTS * 2);
      this.emit = new Float32Array(n * NUM_TAGS * 2);
      this.tags = new Uint8Array(n * 2);
    }
    this.extractor.extract(line, tokens, this.feats);
    this.scorer.emissions(this.feats, n, this.emit);
    this.decoder.viterbi(this.emit, n, this.transitions, this.tags);
    return n;
  }

  private eachLine(text: string, tokens: readonly Token[], fn: (line: string, tokens: readonly Token[], offset: number) => void): void {
    if (!text.includes('\n')) {
      fn(text, tokens, 0);
      return;
    }
    let ti = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) {
        while (ti < tokens.length && tokens[ti].end <= start) ti++;
        const lineTokens: Token[] = [];
        for (let k = ti; k < tokens.length && tokens[k].start < end; k++) {
          const t = tokens[k];
          if (t.start >= start && t.end <= end) lineTokens.push({ word: t.word, tag: t.tag, start: t.start - start, end: t.end - start });
        }
        fn(text.slice(start, end), lineTokens, start);
      }
      start = end + 1;
    }
  }
}

