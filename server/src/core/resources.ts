import { loadShippedCedict } from './dictionary/cedictAsset';
import type { Cedict } from './dictionary/cedict';
import { RecoveryMemo } from './artifacts/misalignedPinyin';
import { JiebaSegmenter } from './jiebaSegmenter';
import { defaultModelPath, loadNerModel, type NerModel } from './ner';
import { defaultLacPath, LacRefiner, loadLacNetwork, loadLacTagSource } from './ner/lac';
import type { Segmenter } from './segmenter';

/**
 * The load-once parts of the pipeline, owned by whoever runs it (the language server, the CLI, a
 * test) and passed down instead of being reached through module singletons, so that two servers
 * in one process (tests) do not share state and a test can swap any part for a fake. Each part is
 * loaded on first use: jieba and the model cost hundreds of milliseconds and hover may never come.
 */
export interface CoreResources {
  segmenter(): Segmenter;
  /** The NER model, or undefined when it is not shipped or failed to load. */
  nerModel(): NerModel | undefined;
  /** The editor's background LAC pass, when the model is fed LAC's tags that way (lac: 'refine'). */
  lacRefiner?(): LacRefiner | undefined;
  /** CC-CEDICT for hover, or null when the data file is missing. */
  cedict(): Cedict | null;
  /** Recoveries of misaligned pinyin already computed (the same damaged phrase recurs across a site). */
  readonly recoveryMemo: RecoveryMemo;
}

export interface ResourceOptions {
  log?: (message: string) => void;
  /** Use the trained NER model when it ships (default true). */
  useModel?: boolean;
  /**
   * Feed Baidu LAC's tags to a model trained with them: true computes them as lines are tagged
   * (the CLI, batch runs); 'refine' only hands over tags a background pass (lacRefiner) has
   * computed, so tagging never waits for LAC (the editor); false (default): never.
   */
  lac?: boolean | 'refine';
}

/** The product's resources: nodejieba, the shipped model and the shipped CC-CEDICT. */
export function createCoreResources(opts: ResourceOptions = {}): CoreResources {
  let refiner: LacRefiner | undefined;
  const resources = lazyResources({
    segmenter: () => JiebaSegmenter.load(),
    nerModel: () => {
      if (opts.useModel === false) return undefined;
      const file = defaultModelPath();
      try {
        const model = file ? loadNerModel(file) : undefined;
        if (!model || !opts.lac || !model.wantsLac) return model;
        if (opts.lac === true) return model.withLac(loadLacTagSource(defaultLacPath(), opts.log));
        // The network loads on the pass's first slice, not before first tokens.
        let network: ReturnType<typeof loadLacNetwork> | null = null;
        refiner = new LacRefiner(() => (network === null ? (network = loadLacNetwork(defaultLacPath(), opts.log)) : network));
        return model.withLac(refiner.source);
      } catch (err) {
        opts.log?.(`NER model not loaded: ${(err as Error).message}`);
        return undefined;
      }
    },
    cedict: () => loadShippedCedict((err) => opts.log?.(`CC-CEDICT: ${err.message}`)),
  });
  return {
    ...resources,
    lacRefiner: () => {
      resources.nerModel();
      return refiner;
    },
  };
}

/** Resources from loaders; each loader runs at most once. Tests pass fakes here. */
export function lazyResources(loaders: {
  segmenter: () => Segmenter;
  nerModel?: () => NerModel | undefined;
  cedict?: () => Cedict | null;
}): CoreResources {
  const once = <T>(load: () => T): (() => T) => {
    let done = false;
    let value: T;
    return () => {
      if (!done) {
        value = load();
        done = true;
      }
      return value;
    };
  };
  return {
    segmenter: once(loaders.segmenter),
    nerModel: once(loaders.nerModel ?? (() => undefined)),
    cedict: once(loaders.cedict ?? (() => null)),
    recoveryMemo: new RecoveryMemo(),
  };
}
