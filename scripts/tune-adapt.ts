// Compares learning settings on the tuning files (CLUENER and Weibo; never the OntoNotes dev files,
// which are measure-only) over several orderings, so that a setting is chosen by its mean gain and
// not by one lucky order. For each file and ordering: the first 600 sentences are the correction
// pool, the next --eval N the fixed scored set; the simulated annotator corrects the pool in
// order and the scored set is tagged after K = 0 (the shipped tagger), 100, 300 and 600 of them.
//   npm run tune:adapt -- [--eval N] [--orders N] [--config NAME=JSON …]
// JSON is a LearningOptions (learning.ts), e.g. --config nomodel='{"model":false}'. With
// ZAA_NO_ANALYZE=1 the gates weigh the model's own names instead of the whole analysis.
import * as fs from 'fs';
import * as path from 'path';
import { JiebaSegmenter } from '../server/src/core/jiebaSegmenter';
import { parseTaggedText, type Span, type TaggedSentence } from '../server/src/core/ner/bio';
import { parseCluener } from '../server/src/core/ner/cluener';
import { scoreSpans } from '../server/src/core/ner/evaluate';
import { defaultModelPath, loadNerModel } from '../server/src/core/ner/index';
import { projectRoot } from '../server/src/core/assets';
import { evalTypeMap, evalTypeOfLabel } from '../server/src/core/ner/evalTypes';
import { isEntityLabel } from '../server/src/core/types';
import { WorkspaceLearning, type LearningOptions } from '../server/src/core/annotations/learning';
import { annotatedLabels, simulatedCorrection } from '../server/src/core/annotations/simulatedAnnotator';
import { defaultLacPath, defaultNameNetworkPath, loadLacTagSource, loadNameNetwork, withNameNetwork } from '../server/src/core/ner/lac';
import { createDefaultAnalyzer, weighWithAnalysis } from '../server/src/core/pipeline';
import { lazyResources } from '../server/src/core/resources';
import { shuffled } from './sentenceOrder';

const SHARED_DIR = process.env.ZAA_SHARED_DIR ?? path.resolve(projectRoot(), '..', 'shared');
const POOL = 600;
const KS = [100, 300, 600];

const argv = process.argv.slice(2);
let evalSize = 600;
let orders = 3;
const configs: [string, LearningOptions][] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--eval') evalSize = Number(argv[++i]);
  else if (argv[i] === '--orders') orders = Number(argv[++i]);
  else if (argv[i] === '--config') {
    const [name, json] = argv[++i].split(/=(.*)/s);
    configs.push([name, JSON.parse(json || '{}')]);
  } else throw new Error(`unknown argument ${argv[i]}`);
}
if (configs.length === 0) configs.push(['default', {}]);

const seg = JiebaSegmenter.load();
let model = loadNerModel(defaultModelPath()!);
if (model.wantsLac) model = model.withLac(loadLacTagSource(defaultLacPath(), (m) => console.error(m)));
// The name network joins the model as in the product (and eval:ner): learning adapts its output layer too.
const namesFile = defaultNameNetworkPath();
const lacFile = defaultLacPath();
if (namesFile && lacFile) model = withNameNetwork(model, loadNameNetwork(namesFile, lacFile));
else console.error('tune:adapt: no name network found; tuning the perceptron alone');
const resources = lazyResources({ segmenter: () => seg, nerModel: () => model });

const files: [string, TaggedSentence<string>[]][] = [
  ['cluener', parseCluener(fs.readFileSync(path.join(SHARED_DIR, 'ner', 'cluener_train.json'), 'utf8'))],
  ['weibo', parseTaggedText(fs.readFileSync(path.join(SHARED_DIR, 'ner', 'weibo_train_bio.txt'), 'utf8'), evalTypeMap)],
];

function f1(learning: WorkspaceLearning, sentences: readonly TaggedSentence<string>[]): number {
  const analyzer = createDefaultAnalyzer(resources, { model: learning, learned: learning, cacheEntries: 0 });
  const pred = sentences.map((s) =>
    analyzer.analyzeDocument(s.text).entities.flatMap((e): Span<string>[] => {
      const type = isEntityLabel(e.label) ? evalTypeOfLabel(e.label) : undefined;
      return type ? [{ start: e.start, end: e.end, type }] : [];
    }),
  );
  return 100 * scoreSpans(sentences.map((s) => s.spans), pred).micro.f1;
}

const baseline = new Map<string, number>();
const fmt = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);
for (const [name, opts] of configs) {
  const gains = new Map<number, number[]>(KS.map((k) => [k, []]));
  const cells: string[] = [];
  for (const [file, all] of files) {
    for (let o = 0; o < orders; o++) {
      // Order 0 is the file's own; the others are fixed shuffles (seeded, reproducible).
      const order = o === 0 ? all : shuffled(all, o);
      const pool = order.slice(0, POOL);
      const scored = order.slice(POOL, POOL + evalSize);
      const learning = new WorkspaceLearning(seg, model, opts);
      const key = `${file}/${o}`;
      if (!baseline.has(key)) baseline.set(key, f1(learning, scored));
      const skip = baseline.get(key)!;
      const analyze = weighWithAnalysis(learning, resources);
      if (process.env.ZAA_NO_ANALYZE) learning.analyze = undefined;
      const annotated = annotatedLabels([]);
      let done = 0;
      const row: string[] = [];
      for (const k of KS) {
        for (; done < k; done++) {
          const s = pool[done];
          learning.learn(simulatedCorrection(s.text, s.spans, analyze(s.text), annotated));
        }
        const gain = f1(learning, scored) - skip;
        gains.get(k)!.push(gain);
        row.push(fmt(gain));
      }
      cells.push(`${key} skip ${skip.toFixed(2)}: ${row.join(' ')}`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const summary = KS.map((k) => `K=${k} mean ${fmt(mean(gains.get(k)!))} min ${fmt(Math.min(...gains.get(k)!))}`).join(' | ');
  console.log(`${name} ${JSON.stringify(opts)}: ${summary}`);
  for (const c of cells) console.log(`  ${c}`);
}
