import { ArticleAnalyzer, AnalyzerDeps, DocumentAnalysis } from './analyzer';
import { detectLocalArtifacts, DetectOptions } from './artifacts';
import { inferArticleYear, recognizeRuleEntities } from './entities';
import { JiebaSegmenter } from './jiebaSegmenter';
import { defaultModelPath, loadNerModel, NerModel } from './ner';
import type { Segmenter } from './segmenter';
import type { Entity } from './types';

export interface PipelineOptions {
  segmenter?: Segmenter;
  /** Use the trained NER model when it ships (default true). */
  useModel?: boolean;
  /** Model-made entities below this confidence are dropped (0..1). */
  minConfidence?: number;
  artifacts?: DetectOptions;
  onModelError?: (err: Error) => void;
  /** Chunk results kept for re-use after edits; 0 turns the cache off (benchmarks). */
  cacheEntries?: number;
}

/** The product's analyzer: jieba, artifact masking, rules and (when present) the NER model. */
export function createDefaultAnalyzer(opts: PipelineOptions = {}): ArticleAnalyzer {
  const deps: AnalyzerDeps = {
    segmenter: opts.segmenter ?? JiebaSegmenter.shared(),
    detectLocalArtifacts: (text) => detectLocalArtifacts(text, opts.artifacts),
    recognizeRules: (text, tokens, ctx) => recognizeRuleEntities(text, tokens, ctx),
    inferYear: inferArticleYear,
  };
  const model = opts.useModel === false ? undefined : tryLoadModel(opts.onModelError);
  if (model) {
    const min = opts.minConfidence ?? 0;
    deps.ner = { tag: (text, tokens) => model.tag(text, tokens).filter((e) => (e.confidence ?? 1) >= min) };
  }
  return new ArticleAnalyzer(deps, opts.cacheEntries);
}

let sharedModel: NerModel | null | undefined;

function tryLoadModel(onError?: (err: Error) => void): NerModel | undefined {
  if (sharedModel !== undefined) return sharedModel ?? undefined;
  const file = defaultModelPath();
  try {
    sharedModel = file ? loadNerModel(file) : null;
  } catch (err) {
    sharedModel = null;
    onError?.(err as Error);
  }
  return sharedModel ?? undefined;
}

let defaultAnalyzer: ArticleAnalyzer | undefined;

/** Entities of a text with the default pipeline (scripts, CLI, evaluation). */
export function annotateText(text: string): Entity[] {
  defaultAnalyzer ??= createDefaultAnalyzer();
  return defaultAnalyzer.analyzeDocument(text).entities;
}

export function analyzeText(text: string): DocumentAnalysis {
  defaultAnalyzer ??= createDefaultAnalyzer();
  return defaultAnalyzer.analyzeDocument(text);
}
