// Trains the character-level NER model (averaged structured perceptron, BIOES, hashed features)
// and writes models/ner-model.bin.
//   npm run train:ner -- [--train FILE] [--dev FILE] [--report FILE]… [--out FILE] [--fraction 0.1]
//                        [--epochs N] [--no-jieba] [--no-lexicon] [--no-gazetteer] [--min-count 1]
//                        [--min-weight 1] [--margin 2] [--seed N] [--extra FILE]…
//                        [--lac] [--lac-drop 0] [--lac-cache DIR] [--lac-sentences 4400]
// Without options it reproduces the shipped model (no LAC features, 16 epochs).
// `--lac --epochs 10` reproduces the LAC-feature model measured in README (not shipped: see there);
// `--lac --lac-sentences Infinity --lac-drop 0.35 --epochs 12` the one with LAC's tags on every
// sentence (also measured there, not shipped: learning.test.ts's carry-over case fails with it).
// --lac: Baidu LAC's predicted tags (models/lac-small.bin, run by core/ner/lac) are features; the
// model must also tag well when LAC has not run (the editor), so part of the training sentences is
// seen without them: those past --lac-sentences, and in each epoch a random --lac-drop share of the
// others. LAC's tags of every sentence are
// computed once into --lac-cache (default node_modules/.cache/zh-article-lac; a full MSRA pass is
// ~2 M characters, about 3 minutes with the WebAssembly kernels in two processes of
// scripts/fill-lac-cache.ts, which can fill it ahead).
// --lac-sentences N gives LAC's tags to the first N training sentences only (file order). Tagging
// all 42,000 took too long on the shared 2-core machine with the plain JavaScript LAC (~300
// sentences/min under load); with LAC on 4,400 of them and none dropped, the model gains on both
// OntoNotes dev files (README).
// --margin trains with cost-augmented decoding (0: plain perceptron).
// --min-weight drops features whose largest averaged weight is smaller (a smaller, faster model;
// at 1 about half the rows go at no measurable dev cost, at 3 dev F1 drops about 0.5).
// --no-gazetteer: measured on half of MSRA, 5 epochs, the gazetteer adds 0.6 on msra_dev, 1.1 on
// OntoNotes newswire dev and 2.4 on broadcast news dev, so it stays on by default.
// --extra adds training data: CLUENER JSON (*.json) or any BIO/BIOES file such as Weibo NER.
// --cluener SKIP adds CLUENER's texts from number SKIP on (eval:ner's CLUENER figures read the first
// 1,300, which must stay unseen), without the texts that mention an address, a scene or a
// government: whole postal addresses as one place, countries as scenes and 警方 as a government
// are not MSRA's conventions, and a perceptron cannot leave those characters out of its updates as
// train:lac-ner does. Its persons, companies and organisations count.
// Paths are relative to the repository root. The dev files are only evaluated, never trained on:
// --dev picks the epoch; each --report file (default: the two OntoNotes dev files) is scored once at
// the end so the run shows how the model holds up on another source.
import * as fs from 'fs';
import * as path from 'path';
import { JiebaSegmenter } from '../server/src/core/jiebaSegmenter';
import { parseTaggedText, spansToTags, Span, TaggedSentence } from '../server/src/core/ner/bio';
import { parseCluener, type CluenerOptions } from '../server/src/core/ner/cluener';
import { formatScores, scoreSpans, SpanScores } from '../server/src/core/ner/evaluate';
import { FEATURE_SLOTS, FeatureExtractor, FeatureOptions } from '../server/src/core/ner/features';
import { FeatureIndex, frequentFeatures } from '../server/src/core/ner/featureIndex';
import { NUM_TAGS } from '../server/src/core/ner/labels';
import { readCharProfiles, CharProfiles, CharProfileTable } from '../server/src/core/ner/charProfile';
import { buildGazetteerTable, buildWordTable, LexiconWords, readJiebaEntityWords } from '../server/src/core/ner/lexicon';
import { encodeModel, NerModelData } from '../server/src/core/ner/modelFile';
import { PerceptronTrainer } from '../server/src/core/ner/perceptron';
import { NerTagger } from '../server/src/core/ner/tagger';
import { constrain, Decoder, TransitionScores } from '../server/src/core/ner/viterbi';
import { DenseWeights, EmissionScorer, quantize } from '../server/src/core/ner/weights';
import { projectRoot } from '../server/src/core/assets';
import type { Token } from '../server/src/core/types';
import { mulberry32 } from '../server/src/core/prng';
import { defaultLacPath, loadLac } from '../server/src/core/ner/lac';
import { FEATURE_SLOTS_WITHOUT_LAC } from '../server/src/core/ner/features';
import { LacTagCache } from './lacTagCache';

/** Longest entity string kept in the gazetteer (the feature extractor matches up to 12). */
const MAX_GAZETTEER_WORD = 12;

interface Args {
  train: string;
  dev: string;
  report: string[];
  out: string;
  fraction: number;
  epochs: number;
  patience: number;
  jieba: boolean;
  lexicon: boolean;
  gazetteer: boolean;
  folds: number;
  minCount: number;
  minWeight: number;
  margin: number;
  seed: number;
  extra: string[];
  cluener?: number;
  lac: boolean;
  lacDrop: number;
  lacCache: string;
  lacSentences: number;
}

function parseArgs(argv: string[]): Args {
  const root = projectRoot();
  const a: Args = {
    train: '../shared/ner/msra_train_bio.txt',
    dev: '../shared/ner/msra_dev_bio.txt',
    report: [],
    out: 'models/ner-model.bin',
    fraction: 1,
    epochs: 16,
    patience: 3,
    jieba: true,
    lexicon: true,
    gazetteer: true,
    folds: 10,
    minCount: 1,
    minWeight: 1,
    margin: 2,
    seed: 1,
    extra: [],
    lac: false,
    lacDrop: 0,
    lacCache: 'node_modules/.cache/zh-article-lac',
    lacSentences: 4400,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--train': a.train = value(); break;
      case '--dev': a.dev = value(); break;
      case '--report': a.report.push(value()); break;
      case '--out': a.out = value(); break;
      case '--fraction': a.fraction = Number(value()); break;
      case '--epochs': a.epochs = Number(value()); break;
      case '--patience': a.patience = Number(value()); break;
      case '--no-jieba': a.jieba = false; break;
      case '--no-lexicon': a.lexicon = false; break;
      case '--no-gazetteer': a.gazetteer = false; break;
      case '--folds': a.folds = Number(value()); break;
      case '--min-count': a.minCount = Number(value()); break;
      case '--min-weight': a.minWeight = Number(value()); break;
      case '--margin': a.margin = Number(value()); break;
      case '--seed': a.seed = Number(value()); break;
      case '--extra': a.extra.push(value()); break;
      case '--cluener': a.cluener = Number(value()); break;
      case '--lac': a.lac = true; break;
      case '--no-lac': a.lac = false; break;
      case '--lac-drop': a.lacDrop = Number(value()); break;
      case '--lac-cache': a.lacCache = value(); break;
      case '--lac-sentences': a.lacSentences = Number(value()); break;
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  if (!(a.fraction > 0 && a.fraction <= 1)) throw new Error('--fraction must be in (0, 1]');
  if (!(a.margin >= 0)) throw new Error('--margin must be a number ≥ 0');
  if (a.cluener !== undefined && !(Number.isInteger(a.cluener) && a.cluener >= 0)) throw new Error('--cluener needs the number of texts to leave out (an integer ≥ 0)');
  if (!(a.lacDrop >= 0 && a.lacDrop < 1)) throw new Error('--lac-drop must be in [0, 1)');
  a.lacCache = path.resolve(root, a.lacCache);
  if (a.report.length === 0) a.report = ['../shared/ner/ontonotes5_nw_dev_bio.txt', '../shared/ner/ontonotes5_bn_dev_bio.txt'].filter((f) => fs.existsSync(path.resolve(root, f)));
  for (const k of ['train', 'dev', 'out'] as const) a[k] = path.resolve(root, a[k]);
  a.extra = a.extra.map((f) => path.resolve(root, f));
  a.report = a.report.map((f) => path.resolve(root, f));
  return a;
}

const rng = mulberry32;

function shuffle(a: Uint32Array, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

interface Corpus {
  sentences: TaggedSentence[];
  tokens: Token[][];
}

function readCorpus(file: string, jieba: boolean, cluener?: CluenerOptions): Corpus {
  const content = fs.readFileSync(file, 'utf8');
  const sentences = file.endsWith('.json') ? parseCluener(content, cluener) : parseTaggedText(content);
  const seg = jieba ? JiebaSegmenter.load() : undefined;
  return { sentences, tokens: sentences.map((s) => (seg ? seg.tag(s.text) : [])) };
}

/** Entity strings of the given sentences, by type (one entry per distinct string). */
function entityWords(sentences: readonly TaggedSentence[]): LexiconWords {
  const sets = { PER: new Set<string>(), LOC: new Set<string>(), ORG: new Set<string>() };
  for (const s of sentences) for (const e of s.spans) if (e.end - e.start <= MAX_GAZETTEER_WORD) sets[e.type].add(s.text.slice(e.start, e.end));
  return { per: [...sets.PER].sort(), loc: [...sets.LOC].sort(), org: [...sets.ORG].sort() };
}

/**
 * All training features in one Int32Array (FEATURE_SLOTS per character) plus gold tags.
 * extractorFor(s) gives the extractor of sentence s (its fold's, for the gazetteer).
 */
function featurize(corpus: Corpus, extractorFor: (s: number) => FeatureExtractor, lac: ((text: string) => Uint8Array) | undefined, lacSentences: number) {
  const starts = new Uint32Array(corpus.sentences.length + 1);
  for (let s = 0; s < corpus.sentences.length; s++) starts[s + 1] = starts[s] + corpus.sentences[s].text.length;
  const total = starts[corpus.sentences.length];
  const feats = new Int32Array(total * FEATURE_SLOTS);
  const gold = new Uint8Array(total);
  for (let s = 0; s < corpus.sentences.length; s++) {
    const { text, spans } = corpus.sentences[s];
    feats.set(extractorFor(s).extract(text, corpus.tokens[s], undefined, s < lacSentences ? lac?.(text) : undefined), starts[s] * FEATURE_SLOTS);
    gold.set(spansToTags(text.length, spans), starts[s]);
  }
  return { starts, feats, gold };
}

/**
 * Indexes the features seen at least minCount times (rarer ones cannot generalise and bloat the
 * model) and rewrites the corpus features in place as row ids, -1 for none.
 */
function indexFeatures(feats: Int32Array, minCount: number): FeatureIndex {
  const index = new FeatureIndex(frequentFeatures(feats, minCount));
  for (let k = 0; k < feats.length; k++) feats[k] = feats[k] === 0 ? -1 : index.get(feats[k]);
  return index;
}

function evaluate(tagger: NerTagger, corpus: Corpus): SpanScores {
  const pred: Span[][] = corpus.sentences.map((s, i) => tagger.spans(s.text, corpus.tokens[i]));
  return scoreSpans(corpus.sentences.map((s) => s.spans), pred);
}

/**
 * The softmax temperature that maximises the likelihood of the gold tags under the per-position
 * marginals, so that span confidences behave like probabilities rather than raw margins.
 */
function fitTemperature(extractor: FeatureExtractor, scorer: EmissionScorer, transitions: TransitionScores, corpus: Corpus, lac: ((text: string) => Uint8Array) | undefined): number {
  const constrained = constrain(transitions);
  const decoder = new Decoder();
  const limit = Math.min(corpus.sentences.length, 1500);
  const prepared = [];
  for (let s = 0; s < limit; s++) {
    const { text, spans } = corpus.sentences[s];
    const feats = extractor.extract(text, corpus.tokens[s], undefined, lac?.(text));
    const emit = new Float32Array(text.length * NUM_TAGS);
    scorer.emissions(feats, text.length, emit);
    prepared.push({ emit, gold: spansToTags(text.length, spans), n: text.length });
  }
  let best = { t: 1, nll: Infinity };
  for (let t = 0.5; t <= 1024; t *= Math.SQRT2) {
    let nll = 0;
    for (const p of prepared) {
      const marg = new Float32Array(p.n * NUM_TAGS);
      decoder.marginals(p.emit, p.n, constrained, t, marg);
      for (let i = 0; i < p.n; i++) nll -= Math.log(Math.max(marg[i * NUM_TAGS + p.gold[i]], 1e-9));
    }
    if (nll < best.nll) best = { t, nll };
  }
  return best.t;
}

function fmt(s: SpanScores): string {
  return `P ${(s.micro.precision * 100).toFixed(2)} R ${(s.micro.recall * 100).toFixed(2)} F1 ${(s.micro.f1 * 100).toFixed(2)} (PER ${(s.PER.f1 * 100).toFixed(2)} LOC ${(s.LOC.f1 * 100).toFixed(2)} ORG ${(s.ORG.f1 * 100).toFixed(2)})`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const options: FeatureOptions = { jieba: args.jieba, lexicon: args.lexicon, gazetteer: args.gazetteer, lac: args.lac };
  console.log(`options: ${JSON.stringify({ ...options, fraction: args.fraction, minCount: args.minCount, epochs: args.epochs, margin: args.margin, lacDrop: args.lac ? args.lacDrop : undefined, lacSentences: args.lacSentences })}`);
  let cache: LacTagCache | undefined;
  if (args.lac) {
    const lacFile = defaultLacPath();
    if (!lacFile) throw new Error('LAC features need models/lac-small.bin (npm run convert:lac), or pass --no-lac');
    cache = new LacTagCache(args.lacCache, lacFile, loadLac(lacFile));
    console.log(`LAC tag cache ${cache.file}: ${cache.size} sentences`);
  }
  const lac = cache ? (text: string) => cache.tags(text) : undefined;

  const rand = rng(args.seed);
  const full = readCorpus(args.train, args.jieba);
  let train = full;
  if (args.fraction < 1) {
    const order = new Uint32Array(full.sentences.length).map((_, i) => i);
    shuffle(order, rand);
    const keep = Array.from(order.subarray(0, Math.round(full.sentences.length * args.fraction))).sort((x, y) => x - y);
    train = { sentences: keep.map((i) => full.sentences[i]), tokens: keep.map((i) => full.tokens[i]) };
  }
  for (const file of args.extra) {
    const extra = readCorpus(file, args.jieba);
    train = { sentences: [...train.sentences, ...extra.sentences], tokens: [...train.tokens, ...extra.tokens] };
    console.log(`added ${extra.sentences.length} sentences from ${path.basename(file)}`);
  }
  if (args.cluener !== undefined) {
    const file = path.resolve(projectRoot(), '../shared/ner/cluener_train.json');
    const extra = readCorpus(file, args.jieba, { skip: args.cluener, without: ['address', 'scene', 'government'] });
    train = { sentences: [...train.sentences, ...extra.sentences], tokens: [...train.tokens, ...extra.tokens] };
    console.log(`added ${extra.sentences.length} CLUENER sentences from number ${args.cluener} on`);
  }
  const dev = readCorpus(args.dev, args.jieba);
  console.log(`read ${train.sentences.length} training sentences, ${dev.sentences.length} dev sentences (${elapsed()})`);

  const lexicon: LexiconWords = args.lexicon ? readJiebaEntityWords(JiebaSegmenter.dictionaryPath()) : { per: [], loc: [], org: [] };
  const words = args.lexicon ? buildWordTable(lexicon) : undefined;
  const profiles: CharProfiles = args.lexicon ? readCharProfiles(JiebaSegmenter.dictionaryPath()) : { chars: '', codes: new Uint8Array(0) };
  const profileTable = args.lexicon ? new CharProfileTable(profiles) : undefined;
  // Jackknifed gazetteer: sentence s sees the entities of every fold but its own. Folds are
  // contiguous blocks, as sentences of one article are adjacent: interleaved folds would let an
  // article's names leak into its own gazetteer, unlike new text.
  const gazetteer = entityWords(train.sentences);
  const extractor = new FeatureExtractor(options, words, args.gazetteer ? buildGazetteerTable(gazetteer) : undefined, profileTable);
  const foldOf = (s: number) => Math.floor((s * args.folds) / train.sentences.length);
  const foldExtractors = Array.from({ length: args.folds }, (_, f) =>
    args.gazetteer ? new FeatureExtractor(options, words, buildGazetteerTable(entityWords(train.sentences.filter((_, s) => foldOf(s) !== f))), profileTable) : extractor,
  );
  const data = featurize(train, (s) => foldExtractors[foldOf(s)], lac, args.lacSentences);
  cache?.flush();
  const index = indexFeatures(data.feats, args.minCount);
  console.log(`features: ${data.gold.length} chars, ${index.size} features seen ≥ ${args.minCount} times (${elapsed()})`);

  const trainer = new PerceptronTrainer(index.size, args.margin);
  const order = new Uint32Array(train.sentences.length).map((_, i) => i);
  const avg = new Float32Array(trainer.w.length);
  let maskBuf = new Int32Array(0);
  /** The sentence's rows with the LAC slots emptied, as where LAC has not run. */
  const withoutLac = (rows: Int32Array, n: number) => {
    if (maskBuf.length < rows.length) maskBuf = new Int32Array(rows.length * 2);
    const out = maskBuf.subarray(0, rows.length);
    out.set(rows);
    for (let i = 0; i < n; i++) out.fill(-1, i * FEATURE_SLOTS + FEATURE_SLOTS_WITHOUT_LAC, (i + 1) * FEATURE_SLOTS);
    return out;
  };
  const evalTagger = (weights: EmissionScorer, transitions: TransitionScores, temperature: number, useLac: boolean) =>
    new NerTagger(extractor, weights, transitions, temperature, useLac ? lac : undefined);
  let best: { epoch: number; f1: number; weights: Float32Array; transitions: TransitionScores } | undefined;
  for (let epoch = 1; epoch <= args.epochs; epoch++) {
    shuffle(order, rand);
    let wrong = 0;
    for (const s of order) {
      const a = data.starts[s];
      const b = data.starts[s + 1];
      const rows = data.feats.subarray(a * FEATURE_SLOTS, b * FEATURE_SLOTS);
      const drop = lac !== undefined && s < args.lacSentences && rand() < args.lacDrop;
      wrong += trainer.train(drop ? withoutLac(rows, b - a) : rows, b - a, data.gold.subarray(a, b));
    }
    const { transitions } = trainer.averaged(avg);
    const dense = new DenseWeights(index, avg);
    const scores = evaluate(evalTagger(dense, transitions, 1, true), dev);
    const noLac = lac ? `; without LAC ${fmt(evaluate(evalTagger(dense, transitions, 1, false), dev))}` : '';
    console.log(`epoch ${epoch}: train tag errors ${((wrong / data.gold.length) * 100).toFixed(3)}%, dev ${fmt(scores)}${noLac} (${elapsed()})`);
    if (!best || scores.micro.f1 > best.f1) {
      best = { epoch, f1: scores.micro.f1, weights: best?.weights ?? new Float32Array(avg.length), transitions };
      best.weights.set(avg);
    } else if (epoch - best.epoch >= args.patience) {
      console.log(`no dev improvement for ${args.patience} epochs; stopping`);
      break;
    }
  }
  if (!best) throw new Error('no epochs ran');

  const weights = quantize(index, best.weights, args.minWeight);
  const temperature = fitTemperature(extractor, weights, best.transitions, dev, lac);
  const model: NerModelData = {
    options,
    temperature,
    weights,
    transitions: best.transitions,
    lexicon,
    gazetteer: args.gazetteer ? gazetteer : { per: [], loc: [], org: [] },
    profiles,
    meta: {
      trainedOn: path.basename(args.train),
      fraction: args.fraction,
      extra: args.extra.map((f) => path.basename(f)),
      sentences: train.sentences.length,
      epoch: best.epoch,
      minCount: args.minCount,
      minWeight: args.minWeight,
      margin: args.margin,
      lacDrop: args.lac ? args.lacDrop : undefined,
      lacSentences: args.lac && Number.isFinite(args.lacSentences) ? args.lacSentences : undefined,
      created: new Date().toISOString(),
    },
  };
  const bytes = encodeModel(model);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, bytes);
  console.log(`best epoch ${best.epoch}; ${weights.rows} weight rows; temperature ${temperature}; wrote ${args.out} (${(bytes.length / 1048576).toFixed(2)} MB) (${elapsed()})`);

  const variants: [string, boolean][] = lac ? [['with LAC', true], ['without LAC', false]] : [['', false]];
  for (const file of [args.dev, ...args.report]) {
    const corpus = file === args.dev ? dev : readCorpus(file, args.jieba);
    for (const [name, useLac] of variants) {
      const shipped = evalTagger(weights, best.transitions, temperature, useLac);
      console.log(`\nquantized model${name ? ` ${name}` : ''} on ${path.basename(file)}:\n${formatScores(evaluate(shipped, corpus))}`);
    }
  }
  cache?.flush();
  console.log(`\ntotal ${elapsed()}`);
}

main();
