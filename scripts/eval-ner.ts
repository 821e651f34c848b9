// Scores a tagger on BIO/BIOES/BMES files (one character and tag per line, blank line between
// sentences) by exact span match, per type and micro-averaged.
//   npm run eval:ner -- [FILE…] [--tagger model|pipeline] [--model models/ner-model.bin]
// Without FILE it scores the three development files in one run: msra_dev and the OntoNotes
// newswire and broadcast-news dev files, so no change is judged on MSRA alone.
// `pipeline` runs the product's analyzer (dictionaries, rules and the model together);
// `model` runs the NER model alone on jieba tokens. Product labels person/location/organization
// are compared with PER/LOC/ORG; when the gold file has OntoNotes value types (DATE, TIME, MONEY,
// PERCENT, CARDINAL, ORDINAL, QUANTITY) they get rows too (number → CARDINAL; evalTypes.ts).
import * as fs from 'fs';
import * as path from 'path';
import { JiebaSegmenter } from '../server/src/core/jiebaSegmenter';
import { parseTaggedText, Span } from '../server/src/core/ner/bio';
import { formatScores, scoreSpans } from '../server/src/core/ner/evaluate';
import { defaultModelPath, loadNerModel } from '../server/src/core/ner/index';
import { projectRoot } from '../server/src/core/assets';
import { evalTypeMap, evalTypeOfLabel, valueTypesIn } from '../server/src/core/ner/evalTypes';
import type { Entity } from '../server/src/core/types';

const SHARED_DIR = process.env.ZAA_SHARED_DIR ?? path.resolve(projectRoot(), '..', 'shared');
const DEV_FILES = ['msra_dev_bio.txt', 'ontonotes5_nw_dev_bio.txt', 'ontonotes5_bn_dev_bio.txt'].map((f) => path.join(SHARED_DIR, 'ner', f));

function usage(message: string): never {
  console.error(`${message}\nusage: eval-ner.ts [FILE…] [--tagger model|pipeline] [--model FILE]`);
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const files: string[] = [];
  let tagger = 'pipeline';
  let modelFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tagger') tagger = argv[++i] ?? usage('--tagger needs a value');
    else if (argv[i] === '--model') modelFile = argv[++i] ?? usage('--model needs a value');
    else if (argv[i].startsWith('--')) usage(`unknown flag ${argv[i]}`);
    else files.push(argv[i]);
  }
  if (files.length === 0) files.push(...DEV_FILES);
  if (tagger !== 'model' && tagger !== 'pipeline') usage(`unknown tagger ${tagger}`);
  for (const f of files) if (!fs.existsSync(f)) usage(`no such file: ${f} (set ZAA_SHARED_DIR to the folder holding ner/)`);

  let annotate: (text: string) => Entity[];
  if (tagger === 'model') {
    const path = modelFile ?? defaultModelPath();
    if (!path) usage('no model file found (train one with npm run train:ner, or pass --model)');
    const model = loadNerModel(path);
    const seg = JiebaSegmenter.load();
    annotate = (text) => model.tag(text, seg.tag(text));
  } else {
    // Loaded only when asked for, so the model path works without the rest of the pipeline.
    const { createDefaultAnalyzer } = await import('../server/src/core/pipeline');
    const { createCoreResources } = await import('../server/src/core/resources');
    const analyzer = createDefaultAnalyzer(createCoreResources());
    annotate = (text) => analyzer.analyzeDocument(text).entities;
  }

  for (const [k, file] of files.entries()) {
    const sentences = parseTaggedText(fs.readFileSync(file, 'utf8'), evalTypeMap);
    const started = Date.now();
    const predicted: Span<string>[][] = sentences.map((s) => {
      const spans: Span<string>[] = [];
      for (const e of annotate(s.text)) {
        const type = evalTypeOfLabel(e.label);
        if (type) spans.push({ start: e.start, end: e.end, type });
      }
      return spans;
    });
    const seconds = (Date.now() - started) / 1000;
    const chars = sentences.reduce((n, s) => n + s.text.length, 0);
    if (k > 0) console.log('');
    console.log(`${file}: ${sentences.length} sentences, ${chars} characters, tagger ${tagger} (${seconds.toFixed(1)} s)`);
    const gold = sentences.map((s) => s.spans);
    console.log(formatScores(scoreSpans(gold, predicted, valueTypesIn(gold))));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
