import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FEATURE_SLOTS, FEATURE_SLOTS_WITHOUT_LAC, FeatureExtractor, FeatureOptions } from '../../../server/src/core/ner/features';
import { defaultLacPath, LacNetwork, LacRefiner, loadLac, loadLacTagSource } from '../../../server/src/core/ner/lac';
import { ArticleAnalyzer } from '../../../server/src/core/analyzer';
import { decodeModel, encodeModel, ModelFormatError, NerModelData } from '../../../server/src/core/ner/modelFile';
import { LacTagSource, NerTagger } from '../../../server/src/core/ner/tagger';
import { LacTagCache } from '../../../scripts/lacTagCache';
import { trainToyWeights } from './toyTraining';

const noLists: FeatureOptions = { jieba: false, lexicon: false, gazetteer: false };
const lacSlots = (f: Int32Array, i: number) => Array.from(f.subarray(i * FEATURE_SLOTS + FEATURE_SLOTS_WITHOUT_LAC, (i + 1) * FEATURE_SLOTS));

test('LAC templates fill slots 45–49 only when the model uses LAC and tags are given', () => {
  const text = '李明去了上海';
  const tags = [1, 2, 3, 4, 5, 6];
  const withLac = new FeatureExtractor({ ...noLists, lac: true }, undefined, undefined, undefined);
  const f = withLac.extract(text, [], undefined, tags);
  for (let i = 0; i < text.length; i++) assert.ok(lacSlots(f, i).every((k) => k !== 0), `char ${i}`);
  // The other templates do not depend on LAC.
  const without = withLac.extract(text, []);
  for (let i = 0; i < text.length; i++) {
    assert.deepEqual(lacSlots(without, i), [0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(without.subarray(i * FEATURE_SLOTS, i * FEATURE_SLOTS + FEATURE_SLOTS_WITHOUT_LAC)), Array.from(f.subarray(i * FEATURE_SLOTS, i * FEATURE_SLOTS + FEATURE_SLOTS_WITHOUT_LAC)));
  }
  const off = new FeatureExtractor(noLists, undefined, undefined, undefined).extract(text, [], undefined, tags);
  assert.deepEqual(lacSlots(off, 0), [0, 0, 0, 0, 0]);
  // Tags of another length belong to another text: ignored rather than misread.
  assert.deepEqual(lacSlots(withLac.extract(text, [], undefined, [1, 2]), 0), [0, 0, 0, 0, 0]);
  // A different tag changes the features that see it.
  const other = withLac.extract(text, [], undefined, [1, 2, 3, 9, 5, 6]);
  assert.notDeepEqual(lacSlots(other, 3), lacSlots(f, 3));
  assert.deepEqual(lacSlots(other, 0), lacSlots(f, 0));
});

// A fake LAC that marks two-character words starting with 李/王 as PER-B PER-I (ids 50, 51 here)
// and everything else as 56: enough for a toy model to learn to lean on it.
const fakeLac: LacTagSource = (line) => {
  const out = new Uint8Array(line.length).fill(56);
  for (let i = 0; i + 1 < line.length; i++) if (line[i] === '李' || line[i] === '王') out.set([50, 51], i);
  return out;
};

function trainToyWithLac(): NerModelData {
  const options: FeatureOptions = { ...noLists, lac: true };
  const extractor = new FeatureExtractor(options, undefined, undefined, undefined);
  const corpus = [
    { text: '李明去了上海', spans: [{ start: 0, end: 2, type: 'PER' as const }] },
    { text: '我们见到王芳', spans: [{ start: 4, end: 6, type: 'PER' as const }] },
    { text: '他说李华来了', spans: [{ start: 2, end: 4, type: 'PER' as const }] },
  ];
  const feats = corpus.map((s) => extractor.extract(s.text, [], undefined, fakeLac(s.text)));
  const none = { per: [], loc: [], org: [] };
  return { options, temperature: 1, ...trainToyWeights(corpus, feats), lexicon: none, gazetteer: none, profiles: { chars: '', codes: new Uint8Array(0) }, meta: {} };
}

test('a model trained with LAC features records it, and tags with and without a LAC source', () => {
  const loaded = decodeModel(encodeModel(trainToyWithLac()));
  assert.equal(loaded.options.lac, true);
  const plain = NerTagger.fromModel(loaded);
  assert.equal(plain.wantsLac, true);
  assert.equal(plain.usesLac, false);
  const withLac = plain.withLac(fakeLac);
  assert.equal(withLac.usesLac, true);
  // A name the toy corpus never had: only LAC's tags point at it.
  const text = '昨天王刚到了';
  assert.deepEqual(withLac.spans(text, []), [{ start: 2, end: 4, type: 'PER' }]);
  assert.doesNotThrow(() => plain.spans(text, []));
  // The adapted copies (workspace corrections) keep the source.
  assert.equal(withLac.withScorer(withLac.scorer).usesLac, true);
  assert.equal(plain.withLac(undefined).usesLac, false);
});

test('a model file from before the LAC templates (45 slots, no lac option) still loads; one asking for LAC with 45 slots is refused', () => {
  const model = trainToyWithLac();
  const rewrite = (bytes: Buffer, edit: (h: Record<string, unknown>) => void) => {
    const len = bytes.readUInt32LE(12);
    const header = JSON.parse(bytes.toString('utf8', 16, 16 + len)) as Record<string, unknown>;
    edit(header);
    const hb = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.from(bytes.subarray(0, 16));
    prefix.writeUInt32LE(hb.length, 12);
    return Buffer.concat([prefix, hb, bytes.subarray(16 + len)]);
  };
  const old = rewrite(encodeModel({ ...model, options: noLists }), (h) => (h.featureSlots = FEATURE_SLOTS_WITHOUT_LAC));
  const loaded = NerTagger.fromModel(decodeModel(old));
  assert.equal(loaded.wantsLac, false);
  assert.equal(loaded.withLac(fakeLac).usesLac, false);
  assert.doesNotThrow(() => loaded.spans('李明去了上海', []));
  const bad = rewrite(encodeModel(model), (h) => (h.featureSlots = FEATURE_SLOTS_WITHOUT_LAC));
  assert.throws(() => decodeModel(bad), ModelFormatError);
});

test('LAC missing or unreadable: no tag source, a message, and the model tags without it', () => {
  const messages: string[] = [];
  assert.equal(loadLacTagSource(undefined), undefined);
  assert.equal(loadLacTagSource(path.join(os.tmpdir(), 'no-such-lac-file.bin'), (m) => messages.push(m)), undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lac-bad-'));
  try {
    const garbage = path.join(dir, 'lac-small.bin');
    fs.writeFileSync(garbage, 'ZHLACF16 but not really a model');
    assert.equal(loadLacTagSource(garbage, (m) => messages.push(m)), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(messages.length, 2);
  assert.ok(messages.every((m) => /LAC not loaded/.test(m)), messages.join('\n'));
  const tagger = NerTagger.fromModel(trainToyWithLac()).withLac(loadLacTagSource(undefined));
  assert.equal(tagger.usesLac, false);
  assert.doesNotThrow(() => tagger.tag('李明去了上海', []));
});

const lacPath = defaultLacPath();
let shared: LacNetwork | undefined;
const lac = () => (shared ??= loadLac(lacPath!));

test('training and tagging see the same LAC features: cache (written and re-read), run-time source and network agree', { skip: !lacPath && 'models/lac-small.bin missing' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lac-cache-'));
  try {
    const texts = ['新华社北京三月五日电记者张伟报道', '联合国秘书长古特雷斯今天抵达日内瓦', 'ＡＢＣ公司２０２５年在深圳开店', ''];
    const first = new LacTagCache(dir, lacPath!, lac());
    const computed = texts.map((t) => first.tags(t));
    first.flush();
    const reread = new LacTagCache(dir, lacPath!, lac());
    assert.equal(reread.size, texts.length);
    const source = loadLacTagSource(lacPath)!;
    const extractor = new FeatureExtractor({ ...noLists, lac: true }, undefined, undefined, undefined);
    const tagger = NerTagger.fromModel(trainToyWithLac()).withLac(source);
    texts.forEach((t, i) => {
      assert.ok(reread.has(t));
      const network = lac().tag(t);
      assert.deepEqual(Array.from(reread.tags(t)), Array.from(network), t);
      assert.deepEqual(Array.from(computed[i]), Array.from(network), t);
      assert.deepEqual(Array.from(source(t) ?? []), Array.from(network), t);
      if (!t) return;
      // What train:ner stores for a sentence is what the tagger computes for the same line.
      const atTraining = extractor.extract(t, [], undefined, reread.tags(t));
      const atRunTime = tagger.trainingLines(t, [], [])[0].feats;
      assert.deepEqual(Array.from(atRunTime), Array.from(atTraining), t);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A LAC stand-in for the refiner: fakeLac's tags, and the lines it was asked to tag. */
function countingLac(asked: string[]) {
  return { tag: (line: string) => (asked.push(line), Uint8Array.from(fakeLac(line)!)) };
}

test('the refine pass: tagging never waits for LAC; queued lines get their tags in order, then the model reads them', () => {
  const asked: string[] = [];
  const refiner = new LacRefiner(() => countingLac(asked));
  const tagger = NerTagger.fromModel(trainToyWithLac()).withLac(refiner.source);
  const text = '昨天王刚到了\n今天王强走了';
  const first = tagger.spans(text, []);
  assert.deepEqual(asked, [], 'LAC did not run while tagging');
  assert.equal(refiner.misses, 2);
  assert.equal(refiner.pending, 2);
  // One line per slice when asked to stop at once; the document's top first.
  assert.equal(refiner.work(() => asked.length >= 1), 1);
  assert.deepEqual(asked, ['昨天王刚到了']);
  assert.equal(refiner.work(() => false), 1);
  assert.equal(refiner.pending, 0);
  const refined = tagger.spans(text, []);
  assert.equal(refiner.misses, 2, 'no new misses once tagged');
  assert.deepEqual(refined, [{ start: 2, end: 4, type: 'PER' }, { start: 9, end: 11, type: 'PER' }]);
  assert.deepEqual(refined, NerTagger.fromModel(trainToyWithLac()).withLac(fakeLac).spans(text, []), 'the same as tagging with LAC at once');
  assert.notDeepEqual(first, refined);
});

test('the refine pass without LAC (file missing or unreadable): the queue empties and tags stay those without LAC', () => {
  const refiner = new LacRefiner(() => undefined);
  const tagger = NerTagger.fromModel(trainToyWithLac()).withLac(refiner.source);
  const before = tagger.spans('昨天王刚到了', []);
  assert.equal(refiner.pending, 1);
  assert.equal(refiner.work(() => false), 0);
  assert.equal(refiner.pending, 0);
  assert.deepEqual(tagger.spans('昨天王刚到了', []), before);
});

test('the analyzer marks chunks tagged before LAC ran as provisional and re-tags only those once dropped', () => {
  const refiner = new LacRefiner(() => countingLac([]));
  const analyzerWith = (tagger: NerTagger, provisionalCount?: () => number) =>
    new ArticleAnalyzer({ segmenter: { tag: () => [] }, recognizeRules: () => [], ner: { tag: (text, tokens) => tagger.tag(text, tokens), provisionalCount } });
  const analyzer = analyzerWith(NerTagger.fromModel(trainToyWithLac()).withLac(refiner.source), () => refiner.misses);
  const text = '昨天王刚到了。\n今天王强走了。\n';
  const first = analyzer.analyzeDocument(text);
  assert.equal(refiner.pending, 2);
  refiner.work(() => false);
  assert.equal(analyzer.dropProvisional(), first.chunkCount);
  const refined = analyzer.analyzeDocument(text, undefined, first);
  assert.equal(refined.analysedChunks, first.chunkCount);
  const atOnce = analyzerWith(NerTagger.fromModel(trainToyWithLac()).withLac(fakeLac)).analyzeDocument(text);
  assert.deepEqual(refined.entities, atOnce.entities, 'the same as tagging with LAC at once');
  assert.notDeepEqual(first.entities, refined.entities);
  // Chunks tagged with LAC's tags are final: nothing left to drop, nothing analysed again.
  assert.equal(analyzer.dropProvisional(), 0);
  assert.equal(analyzer.analyzeDocument(text, undefined, refined).analysedChunks, 0);
});
