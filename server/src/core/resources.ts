import { loadShippedCedict } from './dictionary/cedictAsset';
import type { Cedict } from './dictionary/cedict';
import { RecoveryMemo } from './artifacts/misalignedPinyin';
import { jiebaWords } from './artifacts/wordList';
import { DictSegmenter } from './dictSegmenter';
import { JiebaSegmenter } from './jiebaSegmenter';
import { defaultModelPath, loadNerModel, type NerModel } from './ner';
import { defaultLacPath, defaultNameNetworkPath, LacRefiner, loadLacNetwork, loadLacTagSource, memoByLine, tryLoadNameNetwork } from './ner/lac';
import type { Segmenter } from './segmenter';

/**
 * The load-once parts of the pipeline, owned by whoever runs it (the language server, the CLI, a
 * test) and passed down instead of being reached through module singletons, so that two servers
 * in one process (tests) do not share state and a test can swap any part for a fake. Each part is
 * loaded on first use: jieba and the model cost hundreds of milliseconds and hover may never come.
 */
export interface CoreResources {
  segmenter(): Segmenter;
  /**
   * Loads the segmenter of record when a provisional one answered so far (firstPaint); returns
   * whether the segmenter changed. The editor calls it once its first tokens are out.
   */
  settleSegmenter?(): boolean;
  /** The NER model, or undefined when it is not shipped or failed to load. */
  nerModel(): NerModel | undefined;
  /** The editor's background pass of LAC and the name network, when they join the model that way (lac: 'refine'). */
  lacRefiner?(): LacRefiner<LineHints> | undefined;
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
   * Join the name network (LAC fine-tuned for names) to the model, and feed Baidu LAC's tags to a
   * model trained with them: true computes them as lines are tagged (the CLI, batch runs);
   * 'refine' only hands over what a background pass (lacRefiner) has computed, so tagging never
   * waits for a network (the editor); false (default): the feature model alone.
   */
  lac?: boolean | 'refine';
  /**
   * Segment with DictSegmenter (jieba's algorithm over nodejieba's data files, in TypeScript) until
   * settleSegmenter() loads nodejieba itself: the editor's first tokens do not wait the ~1.5 s
   * nodejieba's native loader takes. The two agree token for token on the corpus of
   * test/unit/dictSegmenter.test.ts, so results made before the swap are kept.
   */
  firstPaint?: boolean;
}

/** What the background pass computes for a line: LAC's tags and the name network's scores, as wanted. */
export interface LineHints {
  lac?: Uint8Array;
  names?: Float32Array;
}

/** Delegates to the provisional segmenter until the one of record is loaded. */
class SettlingSegmenter implements Segmenter {
  current: Segmenter | undefined;
  settled = false;

  constructor(private readonly log?: (message: string) => void) {}

  tag(text: string) {
    if (!this.current) {
      try {
        const words = jiebaWords();
        if (words) this.current = DictSegmenter.fromFiles({ dictionary: words, ...JiebaSegmenter.modelPaths() });
      } catch (err) {
        this.log?.(`first-paint segmenter not used: ${(err as Error).message}`);
      }
      if (!this.current) this.settle();
    }
    return this.current!.tag(text);
  }

  settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    try {
      this.current = JiebaSegmenter.load();
    } catch (err) {
      // Without a provisional segmenter the failure surfaces from tag(), as it always did.
      if (!this.current) throw err;
      this.log?.(`${(err as Error).message}; segmenting with jieba's data in TypeScript instead`);
      return false;
    }
    return true;
  }
}

/** The product's resources: nodejieba, the shipped model and the shipped CC-CEDICT. */
export function createCoreResources(opts: ResourceOptions = {}): CoreResources {
  let refiner: LacRefiner<LineHints> | undefined;
  const settling = opts.firstPaint ? new SettlingSegmenter(opts.log) : undefined;
  const resources = lazyResources({
    segmenter: () => settling ?? JiebaSegmenter.load(),
    nerModel: () => {
      if (opts.useModel === false) return undefined;
      const file = defaultModelPath();
      try {
        const model = file ? loadNerModel(file) : undefined;
        if (!model || !opts.lac) return model;
        const lacFile = defaultLacPath();
        const namesFile = defaultNameNetworkPath();
        if (opts.lac === true) {
          const names = tryLoadNameNetwork(namesFile, lacFile, opts.log);
          const withLac = model.wantsLac ? model.withLac(loadLacTagSource(lacFile, opts.log)) : model;
          return names ? withLac.withNames(memoByLine((line) => names.scores(line))) : withLac;
        }
        if (!model.wantsLac && !namesFile) return model;
        // The networks load on the pass's first slice, not before first tokens.
        let nets: { lac?: ReturnType<typeof loadLacNetwork>; names?: ReturnType<typeof tryLoadNameNetwork> } | undefined;
        const pass = refiner = new LacRefiner<LineHints>(() => {
          nets ??= { lac: model.wantsLac ? loadLacNetwork(lacFile, opts.log) : undefined, names: tryLoadNameNetwork(namesFile, lacFile, opts.log) };
          const { lac, names } = nets;
          return lac || names ? { tag: (line: string) => ({ lac: lac?.tag(line), names: names?.scores(line) }) } : undefined;
        });
        const withLac = model.wantsLac ? model.withLac((line) => pass.source(line)?.lac) : model;
        return namesFile ? withLac.withNames((line) => pass.source(line)?.names) : withLac;
      } catch (err) {
        opts.log?.(`NER model not loaded: ${(err as Error).message}`);
        return undefined;
      }
    },
    cedict: () => loadShippedCedict((err) => opts.log?.(`CC-CEDICT: ${err.message}`)),
  });
  return {
    ...resources,
    settleSegmenter: settling ? () => settling.settle() : undefined,
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
