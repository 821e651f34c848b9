// Scores a tagger on BIO/BIOES/BMES files (one character and tag per line, blank line between
// sentences) by exact span match, per type and micro-averaged.
//   npm run eval:ner -- [FILE…] [--tagger model|pipeline] [--model models/ner-model.bin]
//                       [--no-lac] [--lac-cache DIR]
// FILE is tagged text or CLUENER's .json. Without FILE it scores the three development files in one run: msra_dev and the OntoNotes
// newswire and broadcast-news dev files, so no change is judged on MSRA alone.
// `pipeline` runs the product's analyzer (dictionaries, rules and the model together);
// `model` runs the NER model alone on jieba tokens. Product labels person/location/organization
// are compared with PER/LOC/ORG; when the gold file has OntoNotes value types (DATE, TIME, MONEY,
// PERCENT, CARDINAL, ORDINAL, QUANTITY) they get rows too (number → CARDINAL; evalTypes.ts).
// --adapt K simulates an annotator: in each file the first K sentences are corrected (their gold
// names) through the editor's learning path (core/annotations/learning.ts), then the rest are
// scored; --skip K scores the same rest without learning. --learn-off L1,L2 switches learners off
// (model, memory, conventions, boundaries, gates) to measure what each adds. --limit N scores only the N sentences
// after those (big files such as CLUENER's train.json).
// A model trained with LAC's tags as features gets them (LAC runs on each line)
// unless --no-lac; --lac-cache reads and stores them in train:ner's cache instead of recomputing.
// The name network (models/lac-ner.bin, scripts/train-lac-ner.py) joins the model as in the
// product unless --no-names; --names FILE takes another network file, --names-weight W another
// weight (in nats of the model's temperature; tuning it is for msra_dev, never the OntoNotes files).
// --article N reads every N sentences as one article (the files keep their articles' order), so
// that names carried across an article (entities/documentNames.ts) are measured; without it each
// sentence stands alone.
// --errors FILE appends every span not matched exactly to FILE (TSV: file, sentence, missed/extra,
// the overlapping span of the other side, type, text, the sentence with the span in 【】).
import * as fs from 'fs';
import * as path from 'path';
import { JiebaSegmenter } from '../server/src/core/jiebaSegmenter';
import { parseTaggedText, Span, type TaggedSentence } from '../server/src/core/ner/bio';
import { parseCluener } from '../server/src/core/ner/cluener';
import { formatScores, scoreSpans } from '../server/src/core/ner/evaluate';
import { defaultModelPath, loadNerModel } from '../server/src/core/ner/index';
import { projectRoot } from '../server/src/core/assets';
import { evalTypeMap, evalTypeOfLabel, valueTypesIn } from '../server/src/core/ner/evalTypes';
import { ENTITY_TYPES } from '../server/src/core/ner/labels';
import { isEntityLabel, type Entity } from '../server/src/core/types';
import { LEARNERS, WorkspaceLearning, type LearningOptions } from '../server/src/core/annotations/learning';
import { annotatedLabels, simulatedCorrection } from '../server/src/core/annotations/simulatedAnnotator';
import { defaultLacPath, defaultNameNetworkPath, loadLac, loadLacTagSource, loadNameNetwork, withNameNetwork } from '../server/src/core/ner/lac';
import { LacTagCache } from './lacTagCache';
import { nameSources, propagateNames } from '../server/src/core/entities/documentNames';

const SHARED_DIR = process.env.ZAA_SHARED_DIR ?? path.resolve(projectRoot(), '..', 'shared');
const DEV_FILES = ['msra_dev_bio.txt', 'ontonotes5_nw_dev_bio.txt', 'ontonotes5_bn_dev_bio.txt'].map((f) => path.join(SHARED_DIR, 'ner', f));

function usage(message: string): never {
  console.error(`${message}\nusage: eval-ner.ts [FILE…] [--tagger model|pipeline] [--model FILE] [--adapt K | --skip K] [--limit N] [--article N] [--learn-off LIST] [--no-lac] [--lac-cache DIR] [--no-names | --names FILE] [--names-weight W] [--errors FILE]`);
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const files: string[] = [];
  let tagger = 'pipeline';
  let modelFile: string | undefined;
  let adapt = 0;
  let skip = 0;
  let limit = Infinity;
  let useLac = true;
  let lacCache: string | undefined;
  let namesFile: string | undefined | null;
  let namesWeight: number | undefined;
  let errorsFile: string | undefined;
  let article = 0;
  const learnOpts: LearningOptions = {};
  const count = (v: string | undefined, flag: string) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : usage(`${flag} needs a sentence count`));
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tagger') tagger = argv[++i] ?? usage('--tagger needs a value');
    else if (argv[i] === '--model') modelFile = argv[++i] ?? usage('--model needs a value');
    else if (argv[i] === '--adapt') adapt = count(argv[++i], '--adapt');
    else if (argv[i] === '--skip') skip = count(argv[++i], '--skip');
    else if (argv[i] === '--limit') limit = count(argv[++i], '--limit');
    else if (argv[i] === '--article') article = count(argv[++i], '--article');
    else if (argv[i] === '--no-lac') useLac = false;
    else if (argv[i] === '--no-names') namesFile = null;
    else if (argv[i] === '--names') namesFile = argv[++i] ?? usage('--names needs a file');
    else if (argv[i] === '--names-weight') {
      namesWeight = Number(argv[++i]);
      if (!(namesWeight >= 0)) usage('--names-weight needs a number ≥ 0');
    }
    else if (argv[i] === '--learn-off') {
      for (const name of (argv[++i] ?? usage('--learn-off needs a list')).split(',')) {
        if (name !== 'gates' && !(LEARNERS as readonly string[]).includes(name)) usage(`unknown learner ${name} (${[...LEARNERS, 'gates'].join(', ')})`);
        learnOpts[name as keyof Omit<LearningOptions, 'adapter'>] = false;
      }
    }
    else if (argv[i] === '--lac-cache') lacCache = argv[++i] ?? usage('--lac-cache needs a folder');
    else if (argv[i] === '--errors') errorsFile = argv[++i] ?? usage('--errors needs a file to write');
    else if (argv[i].startsWith('--')) usage(`unknown flag ${argv[i]}`);
    else files.push(argv[i]);
  }
  if (files.length === 0) files.push(...DEV_FILES);
  if (tagger !== 'model' && tagger !== 'pipeline') usage(`unknown tagger ${tagger}`);
  for (const f of files) if (!fs.existsSync(f)) usage(`no such file: ${f} (set ZAA_SHARED_DIR to the folder holding ner/)`);

  if (adapt > 0 && skip > 0) usage('--adapt and --skip exclude each other');
  const modelPath = modelFile ?? defaultModelPath();
  if (!modelPath && (tagger === 'model' || adapt > 0)) usage('no model file found (train one with npm run train:ner, or pass --model)');
  const seg = JiebaSegmenter.load();
  let baseModel = modelPath ? loadNerModel(modelPath) : undefined;
  const lacFile = defaultLacPath();
  let cache: LacTagCache | undefined;
  if (baseModel?.wantsLac && useLac) {
    if (lacCache && lacFile) {
      const c = (cache = new LacTagCache(lacCache, lacFile, loadLac(lacFile)));
      baseModel = baseModel.withLac((line) => c.tags(line));
    } else baseModel = baseModel.withLac(loadLacTagSource(lacFile, (m) => console.error(m)));
  }
  const namesPath = namesFile === null ? undefined : (namesFile ?? defaultNameNetworkPath());
  if (baseModel && namesPath && lacFile) {
    const names = loadNameNetwork(namesPath, lacFile);
    baseModel = withNameNetwork(baseModel, names, namesWeight);
  }
  let lacNote = baseModel?.wantsLac ? (baseModel.usesLac ? ', with LAC features' : ', without LAC features') : '';
  if (baseModel?.usesNames) lacNote += `, with the name network (weight ${baseModel.namesWeight})`;
  // Loaded only when asked for, so the model path works without the rest of the pipeline.
  const pipeline = tagger === 'pipeline' ? await import('../server/src/core/pipeline') : undefined;
  const resources = pipeline ? (await import('../server/src/core/resources')).lazyResources({ segmenter: () => seg, nerModel: () => baseModel }) : undefined;
  /** A fresh annotator per file: corrections go through the editor's learning path. */
  const annotatorFor = (learning: WorkspaceLearning): ((text: string) => Entity[]) => {
    if (!pipeline || !resources) return (text) => learning.tag(text, seg.tag(text));
    return pipeline.weighWithAnalysis(learning, resources);
  };

  for (const [k, file] of files.entries()) {
    const content = fs.readFileSync(file, 'utf8');
    // CLUENER's JSON (other conventions than MSRA) is read with its name types only.
    let sentences: TaggedSentence<string>[] = file.endsWith('.json') ? parseCluener(content) : parseTaggedText(content, evalTypeMap);
    const learning = new WorkspaceLearning(seg, baseModel, learnOpts);
    const annotate = annotatorFor(learning);
    const held = adapt || skip;
    if (held >= sentences.length) usage(`${file} has only ${sentences.length} sentences`);
    let note = held ? `, first ${held} ${adapt ? 'learned from' : 'skipped'}` : '';
    const learnStarted = Date.now();
    const annotated = annotatedLabels(valueTypesIn(sentences.map((s) => s.spans)));
    for (const s of sentences.slice(0, adapt)) learning.learn(simulatedCorrection(s.text, s.spans, annotate(s.text), annotated));
    if (adapt) note += ` in ${((Date.now() - learnStarted) / 1000).toFixed(1)} s`;
    sentences = sentences.slice(held, held + limit);
    const started = Date.now();
    let found = sentences.map((s) => annotate(s.text));
    if (article > 0) found = asArticles(sentences.map((s) => s.text), found, article);
    const predicted: Span<string>[][] = found.map((entities) => {
      const spans: Span<string>[] = [];
      for (const e of entities) {
        const type = isEntityLabel(e.label) ? evalTypeOfLabel(e.label) : undefined;
        if (type) spans.push({ start: e.start, end: e.end, type });
      }
      return spans;
    });
    const seconds = (Date.now() - started) / 1000;
    const chars = sentences.reduce((n, s) => n + s.text.length, 0);
    if (k > 0) console.log('');
    console.log(`${file}: ${sentences.length} sentences, ${chars} characters, tagger ${tagger}${lacNote}${note} (${seconds.toFixed(1)} s)`);
    const gold = sentences.map((s) => s.spans);
    const valueTypes = valueTypesIn(gold);
    console.log(formatScores(scoreSpans(gold, predicted, valueTypes)));
    if (errorsFile) fs.appendFileSync(errorsFile, spanErrors(file, sentences.map((s) => s.text), gold, predicted, new Set([...ENTITY_TYPES, ...valueTypes])));
  }
  cache?.flush();
}

/**
 * The development files are sentences in their articles' order: every `n` of them are read as one
 * article, so that what the product does across an article (names carried to their other
 * mentions, entities/documentNames.ts) is measured.
 */
function asArticles(texts: string[], found: Entity[][], n: number): Entity[][] {
  const out: Entity[][] = [];
  for (let i = 0; i < texts.length; i += n) {
    const names = nameSources(found.slice(i, i + n));
    for (let k = i; k < Math.min(i + n, texts.length); k++) out.push([...propagateNames(texts[k], found[k], names)]);
  }
  return out;
}

/**
 * One TSV line per span that is not matched exactly: file, sentence number, missed (gold only) or
 * extra (prediction only), whether a span of the other side overlaps it (a boundary or type error)
 * and with what, the type, the text, and the sentence with the span in 【】.
 */
function spanErrors(file: string, texts: string[], gold: Span<string>[][], predicted: Span<string>[][], types: ReadonlySet<string>): string {
  const lines: string[] = [];
  const key = (s: Span<string>) => `${s.start}:${s.end}:${s.type}`;
  texts.forEach((text, i) => {
    const g = gold[i].filter((s) => types.has(s.type));
    const p = predicted[i].filter((s) => types.has(s.type));
    const gk = new Set(g.map(key));
    const pk = new Set(p.map(key));
    const report = (kind: string, s: Span<string>, other: Span<string>[]) => {
      const o = other.find((x) => x.start < s.end && s.start < x.end);
      const overlap = o ? `${o.type} ${text.slice(o.start, o.end)}` : '';
      const marked = `${text.slice(0, s.start)}【${text.slice(s.start, s.end)}】${text.slice(s.end)}`;
      lines.push([path.basename(file), i, kind, overlap, s.type, text.slice(s.start, s.end), marked].join('\t'));
    };
    for (const s of g) if (!pk.has(key(s))) report('missed', s, p);
    for (const s of p) if (!gk.has(key(s))) report('extra', s, g);
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
