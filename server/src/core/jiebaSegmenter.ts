import * as fs from 'fs';
import * as path from 'path';
import type { Segmenter } from './segmenter';
import { withOffsets } from './segmenter';
import type { Token } from './types';

interface NodeJieba {
  load(opts?: Record<string, string>): unknown;
  tag(text: string): { word: string; tag: string }[];
  insertWord?(word: string, tag?: string): boolean;
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
  DEFAULT_USER_DICT: string;
  DEFAULT_IDF_DICT: string;
  DEFAULT_STOP_WORD_DICT: string;
}

export class SegmenterLoadError extends Error {}

/**
 * The addon's dictionaries, once loaded. nodejieba keeps one segmenter per process inside the
 * native module, so loading twice would only parse the dictionaries again (~0.5 s).
 */
let loadedAddon: NodeJieba | undefined;

/**
 * nodejieba behind the Segmenter interface. Whoever runs the pipeline loads it (core/resources.ts)
 * and passes it on. A dictionary path that does not exist makes cppjieba call abort(), which would
 * kill the whole language server, so every path is checked first.
 */
export class JiebaSegmenter implements Segmenter {
  private constructor(private readonly jieba: NodeJieba) {}

  static load(): JiebaSegmenter {
    loadedAddon ??= loadJieba();
    return new JiebaSegmenter(loadedAddon);
  }

  tag(text: string): Token[] {
    if (text.length === 0) return [];
    return withOffsets(text, this.jieba.tag(text));
  }

  /** Path of jieba's main dictionary (word, frequency, tag per line). */
  static dictionaryPath(): string {
    return loadJiebaModule().DEFAULT_DICT;
  }

  /** Paths of the HMM model and the user dictionary nodejieba loads with the main dictionary. */
  static modelPaths(): { hmmModel: string; userDictionary: string } {
    const jieba = loadJiebaModule();
    return { hmmModel: jieba.DEFAULT_HMM_DICT, userDictionary: jieba.DEFAULT_USER_DICT };
  }

  /** Whether nodejieba's dictionaries are loaded in this process. */
  static get loaded(): boolean {
    return loadedAddon !== undefined;
  }
}

function loadJiebaModule(): NodeJieba {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('nodejieba') as NodeJieba;
  } catch (err) {
    throw new SegmenterLoadError(
      `nodejieba could not be loaded (${(err as Error).message}). Reinstall the extension, or run \`npm rebuild nodejieba\` in a development checkout.`,
    );
  }
}

function loadJieba(): NodeJieba {
  const jieba = loadJiebaModule();
  const paths = [
    jieba.DEFAULT_DICT,
    jieba.DEFAULT_HMM_DICT,
    jieba.DEFAULT_USER_DICT,
    jieba.DEFAULT_IDF_DICT,
    jieba.DEFAULT_STOP_WORD_DICT,
  ];
  const missing = paths.filter((p) => !p || !fs.existsSync(p));
  if (missing.length > 0) {
    throw new SegmenterLoadError(
      `nodejieba dictionaries are missing: ${missing.map((p) => path.basename(p ?? '?')).join(', ')} (looked in ${path.dirname(paths[0])}). Loading them would abort the process, so segmentation is off.`,
    );
  }
  jieba.load();
  return jieba;
}
