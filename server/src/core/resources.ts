import { loadShippedCedict } from './dictionary/cedictAsset';
import type { Cedict } from './dictionary/cedict';
import { RecoveryMemo } from './artifacts/misalignedPinyin';
import { jiebaWords } from './artifacts/wordList';
import { DictSegmenter } from './dictSegmenter';
import { JiebaSegmenter } from './jiebaSegmenter';
import { defaultModelPath, loadNerModel, type NerModel } from './ner';
import { defaultLacPath, defaultNameNetworkPath, HiddenMemo, LacRefiner, loadLacNetwork, loadLacTagSource, tryLoadNameNetwork, withNameNetwork } from './ner/lac';
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
   * Segment with DictSegmenter (jieba's algorithm over nodejieba's data files, in TypeScript) instead
   * of loading nodejieba itself, falling back to nodejieba when those files cannot be read that way.
   * The editor does: nodejieba's native loader holds the thread ~2 s (every request waits) and keeps
   * a second ~100 MB copy of the dictionary the artifact detector already holds as typed arrays.
   * The two agree word for word and tag for tag on the corpus of test/unit/dictSegmenter.test.ts,
   * so the editor, the CLI and batch runs (nodejieba) give the same entities.
   */
  typescriptSegmenter?: boolean;
}

/** What the background pass computes for a line: LAC's tags and the name network's scores, as wanted. */
export interface LineHints {
  lac?: Uint8Array;
  names?: Float32Array;
}

/** DictSegmenter, built on first use; nodejieba when jieba's data cannot be read into it. */
function typescriptSegmenter(log?: (message: string) => void): Segmenter {
  let current: Segmenter | undefined;
  return {
    tag(text) {
      if (!current) {
        try {
          const words = jiebaWords();
          if (words) current = DictSegmenter.fromFiles({ dictionary: words, ...JiebaSegmenter.modelPaths() });
        } catch (err) {
          log?.(`segmenting with nodejieba: jieba's data could not be read in TypeScript (${(err as Error).message})`);
        }
        current ??= JiebaSegmenter.load();
      }
      return current.tag(text);
    },
  };
}

/** The product's resources: nodejieba, the shipped model and the shipped CC-CEDICT. */
export function createCoreResources(opts: ResourceOptions = {}): CoreResources {
  let refiner: LacRefiner<LineHints> | undefined;
  const inProcess = opts.typescriptSegmenter ? typescriptSegmenter(opts.log) : undefined;
  const resources = lazyResources({
    segmenter: () => inProcess ?? JiebaSegmenter.load(),
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
          return names ? withNameNetwork(withLac, names) : withLac;
        }
        if (!model.wantsLac && !namesFile) return model;
        // The networks load on the pass's first slice, not before first tokens.
        let nets: { lac?: ReturnType<typeof loadLacNetwork>; names?: ReturnType<typeof tryLoadNameNetwork>; hidden?: HiddenMemo } | undefined;
        const pass = refiner = new LacRefiner<LineHints>(() => {
          if (!nets) {
            const names = tryLoadNameNetwork(namesFile, lacFile, opts.log);
            nets = { lac: model.wantsLac ? loadLacNetwork(lacFile, opts.log) : undefined, names, hidden: names && new HiddenMemo(names) };
          }
          const { lac, names, hidden } = nets;
          const namesOf = (line: string) => {
            const r = names!.scoresAndHidden(line);
            hidden?.put(line, r.hidden);
            return r.scores;
          };
          return lac || names ? { tag: (line: string) => ({ lac: lac?.tag(line), names: names && namesOf(line) }) } : undefined;
        });
        const withLac = model.wantsLac ? model.withLac((line) => pass.source(line)?.lac) : model;
        // Hidden layers are read only when a workspace has corrected the network's output layer.
        return namesFile ? withLac.withNames((line) => pass.source(line)?.names, undefined, (line) => nets?.hidden?.get(line)) : withLac;
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
