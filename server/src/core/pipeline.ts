import { ArticleAnalyzer, AnalyzerDeps } from './analyzer';
import { detectLocalArtifacts, type Artifact, type DetectOptions } from './artifacts';
import { findAnchor, recognizeRuleEntities } from './entities';
import type { NerModel } from './ner';
import type { CoreResources } from './resources';
import type { Entity } from './types';
import type { WorkspaceLearning } from './annotations/learning';

export interface PipelineOptions {
  /** The NER model to use instead of the resources' shipped one (e.g. one adapted to a workspace's corrections). */
  model?: NerModel;
  /** Corrections' string memory applied after recognition (see annotations/learning.ts). */
  learned?: AnalyzerDeps['learned'];
  /** Model-made entities below this confidence are dropped (0..1). */
  minConfidence?: number;
  artifacts?: DetectOptions;
  /** Replaces local artifact detection per chunk (an editor passes its cached detector). */
  localArtifacts?: (text: string) => Artifact[];
  /** Chunk results kept for re-use after edits; 0 turns the cache off (benchmarks). */
  cacheEntries?: number;
}

/** The product's analyzer: jieba, artifact masking, rules and (when the resources have one) the NER model. */
export function createDefaultAnalyzer(resources: CoreResources, opts: PipelineOptions = {}): ArticleAnalyzer {
  const artifactOptions: DetectOptions = { recoveryMemo: resources.recoveryMemo, ...opts.artifacts };
  const deps: AnalyzerDeps = {
    segmenter: resources.segmenter(),
    detectLocalArtifacts: opts.localArtifacts ?? ((text) => detectLocalArtifacts(text, artifactOptions)),
    recognizeRules: (text, tokens, ctx) => recognizeRuleEntities(text, tokens, ctx),
    findAnchor,
    learned: opts.learned,
  };
  const model = opts.model ?? resources.nerModel();
  if (model) {
    const min = opts.minConfidence ?? 0;
    const refiner = resources.lacRefiner?.();
    deps.ner = {
      tag: (text, tokens) => model.tag(text, tokens).filter((e) => (e.confidence ?? 1) >= min),
      provisionalCount: refiner ? () => refiner.misses : undefined,
    };
  }
  return new ArticleAnalyzer(deps, opts.cacheEntries);
}

/**
 * Lets `learning`'s gates weigh each new correction on the product's whole analysis of its
 * sentence (annotations/learning.ts), through an analyzer of its own without a cache: the gates
 * change the model's strength between calls. Returns that analysis, for callers that also need it.
 */
export function weighWithAnalysis(learning: WorkspaceLearning, resources: CoreResources, opts: Pick<PipelineOptions, 'minConfidence'> = {}): (text: string) => Entity[] {
  const analyzer = createDefaultAnalyzer(resources, { ...opts, model: learning.adapter ? learning : undefined, learned: learning, cacheEntries: 0 });
  const analyze = (text: string): Entity[] => analyzer.analyzeDocument(text).entities;
  learning.analyze = analyze;
  return analyze;
}
