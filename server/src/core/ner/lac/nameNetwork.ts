import * as fs from 'fs';
import { findAsset } from '../../assets';
import { toHiddenCodes, type HiddenCodes } from '../hiddenCodes';
import { crfMarginals, isZeroCrf } from '../crfMarginals';
import { NUM_TAGS, TAG_NAMES } from '../labels';
import { decodeLac, LacFormatError } from './lacFile';
import { LacNetwork } from './lacNetwork';
import type { WordLookup } from './lexiconFeatures';
import { jiebaWords } from '../../artifacts/wordList';
import { memoByLine } from './lacTagSource';
import { logSoftmaxRows, type NerTagger } from '../tagger';

// LAC fine-tuned on MSRA into a tagger of the product's 13 BIOES name tags (scripts/train-lac-ner.py):
// LAC's own network with its GRU layers retrained and a new output layer. A file trained with the
// character embedding frozen leaves it out and takes it from lac-small.bin (5 MB less to ship; the
// vocabularies are checked to be the same); one trained with --tune-embedding carries its own.

/** Per-character log-probabilities of the product's tags, n × NUM_TAGS in TAG_NAMES order. */
export type NameScores = Float32Array;

export class NameNetwork {
  /** How emissions become log-probabilities: a softmax per character, or a CRF's marginals when the file carries CRF scores. */
  private readonly logProbs: (emissions: Float32Array) => NameScores;

  constructor(private readonly net: LacNetwork) {
    this.logProbs = isZeroCrf(net) ? logSoftmaxRows : (e) => crfMarginals(e, net, NUM_TAGS);
  }

  /** Log-probabilities (n × NUM_TAGS) of each character's tag. */
  scores(line: string): NameScores {
    return this.logProbs(this.net.emissions(line));
  }

  /** scores() and the last layer's output they come from (n × HIDDEN_DIM hidden codes), in one pass. */
  scoresAndHidden(line: string): { scores: NameScores; hidden: HiddenCodes } {
    const [r] = this.net.emissionsAndHiddenBatch([line]);
    return { scores: this.logProbs(r.emissions), hidden: toHiddenCodes(r.hidden!) };
  }

  /** scores() of many lines; sentences of similar length share the network's matrix products. */
  scoresBatch(lines: readonly string[]): NameScores[] {
    return this.net.emissionsBatch(lines).map(this.logProbs);
  }
}

/** Characters whose hidden codes are kept: 256 bytes each, so 12.8 MB at most (a 10,000-character article takes 2.6 MB). */
const HIDDEN_MEMO_CHARS = 50_000;

/**
 * The hidden codes of the most recent lines, up to a number of characters. Only tagging with a
 * workspace's corrections of the network's output layer reads them; the editor's refine pass keeps
 * those it computes anyway, so the first correction does not rerun the network over the document.
 */
export class HiddenMemo {
  private readonly memo = new Map<string, HiddenCodes>();
  private chars = 0;

  constructor(
    private readonly names: NameNetwork,
    private readonly maxChars = HIDDEN_MEMO_CHARS,
  ) {}

  /** The line's codes, computed now when they are not kept. */
  readonly get = (line: string): HiddenCodes => {
    const h = this.memo.get(line);
    if (h) {
      this.memo.delete(line);
      this.memo.set(line, h);
      return h;
    }
    return this.put(line, this.names.scoresAndHidden(line).hidden);
  };

  put(line: string, h: HiddenCodes): HiddenCodes {
    if (this.memo.has(line)) return h;
    this.memo.set(line, h);
    this.chars += line.length;
    for (const k of this.memo.keys()) {
      if (this.chars <= this.maxChars || this.memo.size === 1) break;
      this.memo.delete(k);
      this.chars -= k.length;
    }
    return h;
  }
}

/** The tagger joined by the network, each line's scores and hidden codes computed once (the CLI and eval:ner). */
export function withNameNetwork(tagger: NerTagger, names: NameNetwork, weight = tagger.namesWeight): NerTagger {
  return tagger.withNames(memoByLine((line) => names.scores(line)), weight, new HiddenMemo(names).get);
}

/** The fine-tuned name network beside the bundle (data/) or in a checkout's models/. */
export function defaultNameNetworkPath(): string | undefined {
  return findAsset('lac-ner.bin', 'models/lac-ner.bin');
}

/**
 * Reads the name network from its file and LAC's (for the embedding). Throws LacFormatError on a
 * mismatch. It runs in the int16 kernels by default: eval:ner gave the same figures to the last
 * digit on msra_dev and both OntoNotes dev files (also with --adapt 300) as float32, in two thirds
 * of the time (msra_dev 8.9 s against 13.3 s for the whole pipeline).
 */
export function loadNameNetwork(file: string, lacFile: string, options: { int16?: boolean; words?: WordLookup } = {}): NameNetwork {
  const m = decodeLac(fs.readFileSync(file));
  if (m.tags.length !== NUM_TAGS || m.tags.some((t, i) => t !== TAG_NAMES[i])) throw new LacFormatError(`${file}: its tags are not the product's (${m.tags.join(' ')})`);
  if (!m.tensors.has('word_emb')) {
    const base = decodeLac(fs.readFileSync(lacFile));
    const emb = base.tensors.get('word_emb');
    if (!emb || base.vocab.length !== m.vocab.length || base.vocab.some((c, i) => c !== m.vocab[i])) {
      throw new LacFormatError(`${file} was not trained on ${lacFile}: their vocabularies differ`);
    }
    m.tensors.set('word_emb', emb);
  }
  return new NameNetwork(new LacNetwork(m, { int16: options.int16 ?? true, words: options.words ?? jiebaLookup() }));
}

/**
 * jieba's dictionary as the word list of a network trained with word-list features (the file
 * scripts/train-lac-ner.py --lexicon reads by default), looked up only when the network reads it.
 */
function jiebaLookup(): WordLookup {
  let words: ReturnType<typeof jiebaWords> | null = null;
  return (w) => {
    if (words === null) words = jiebaWords();
    return words?.get(w);
  };
}

/** The name network, or undefined (said through log) when a file is missing or unreadable. */
export function tryLoadNameNetwork(file: string | undefined, lacFile: string | undefined, log?: (message: string) => void): NameNetwork | undefined {
  if (!file || !lacFile) return undefined;
  try {
    return loadNameNetwork(file, lacFile);
  } catch (err) {
    log?.(`name network not loaded (${(err as Error).message}); names come from the feature model alone`);
    return undefined;
  }
}
