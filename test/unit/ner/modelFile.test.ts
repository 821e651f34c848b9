import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Span } from '../../../server/src/core/ner/bio';
import { CharProfileTable, charProfilesOf } from '../../../server/src/core/ner/charProfile';
import { FEATURE_SLOTS, FeatureExtractor, FeatureOptions } from '../../../server/src/core/ner/features';
import { NUM_TAGS } from '../../../server/src/core/ner/labels';
import { buildGazetteerTable, buildWordTable, LexiconWords } from '../../../server/src/core/ner/lexicon';
import { decodeModel, encodeModel, encodeUnpackedModel, ModelFormatError, NerModelData } from '../../../server/src/core/ner/modelFile';
import { NerTagger } from '../../../server/src/core/ner/tagger';
import { trainToyWeights } from './toyTraining';
import type { Token } from '../../../server/src/core/types';

// A toy corpus, no jieba (tokens are hand-made), small word lists: enough for the perceptron to
// fit it, which makes the round trip compare a trained model, not zeros.
const corpus: { text: string; tokens: Token[]; spans: Span[] }[] = [
  sentence('王俏在长沙工作', [['王俏', 'nr'], ['在', 'p'], ['长沙', 'ns'], ['工作', 'vn']], [[0, 2, 'PER'], [3, 5, 'LOC']]),
  sentence('蒲建宇到成都市', [['蒲建宇', 'nr'], ['到', 'v'], ['成都市', 'ns']], [[0, 3, 'PER'], [4, 7, 'LOC']]),
  sentence('四川省地方志工作办公室发布', [['四川省', 'ns'], ['地方志', 'n'], ['工作', 'vn'], ['办公室', 'n'], ['发布', 'v']], [[0, 11, 'ORG']]),
  sentence('焦雁琦在玉沙路社区', [['焦雁琦', 'nr'], ['在', 'p'], ['玉沙路', 'ns'], ['社区', 'n']], [[0, 3, 'PER'], [4, 7, 'LOC']]),
];

function sentence(text: string, words: [string, string][], spans: [number, number, Span['type']][]) {
  let at = 0;
  const tokens = words.map(([word, tag]) => ({ word, tag, start: at, end: (at += word.length) }));
  assert.equal(at, text.length);
  return { text, tokens, spans: spans.map(([start, end, type]) => ({ start, end, type })) };
}

function trainToy(): NerModelData {
  const options: FeatureOptions = { jieba: true, lexicon: true, gazetteer: true };
  const lexicon: LexiconWords = { per: ['王俏'], loc: ['长沙', '成都'], org: [] };
  const gazetteer: LexiconWords = { per: ['蒲建宇'], loc: ['成都市'], org: [] };
  const profiles = charProfilesOf(['王俏 3 nr', '雁琦 2 nr', '建宇 5 nr', '成都 100 ns', '四川 90 ns', '办公室 80 n', '成功 70 a'].join('\n'));
  const extractor = new FeatureExtractor(options, buildWordTable(lexicon), buildGazetteerTable(gazetteer), new CharProfileTable(profiles));
  const feats = corpus.map((s) => extractor.extract(s.text, s.tokens));
  return { options, temperature: 2, ...trainToyWeights(corpus, feats), lexicon, gazetteer, profiles, meta: { note: 'toy' } };
}

test('a trained toy model fits its corpus and survives a save/load round trip unchanged', () => {
  const model = trainToy();
  const before = NerTagger.fromModel(model);
  for (const s of corpus) assert.deepEqual(before.spans(s.text, s.tokens), s.spans, s.text);

  const bytes = encodeModel(model);
  const loaded = decodeModel(bytes);
  assert.deepEqual(loaded.options, model.options);
  assert.equal(loaded.temperature, 2);
  assert.deepEqual(loaded.meta, { note: 'toy' });
  assert.deepEqual(loaded.lexicon, model.lexicon);
  assert.deepEqual(loaded.gazetteer, model.gazetteer);
  assert.equal(loaded.profiles.chars, model.profiles.chars);
  assert.deepEqual(Array.from(loaded.profiles.codes), Array.from(model.profiles.codes));
  assert.deepEqual(Array.from(loaded.transitions.trans), Array.from(model.transitions.trans));
  assert.deepEqual(Array.from(loaded.transitions.start), Array.from(model.transitions.start));
  assert.equal(loaded.weights.rows, model.weights.rows);
  // Rows may be stored in another order; every feature must keep its weights and scale.
  const rows = model.weights.entries();
  for (let r = 0; r < model.weights.rows; r++) {
    const got = loaded.weights.weightsOf(rows.keys[r]);
    assert.ok(got, `feature ${rows.keys[r]} lost`);
    assert.equal(got.scale, rows.scale[r]);
    assert.deepEqual(Array.from(got.q), Array.from(rows.q.subarray(r * NUM_TAGS, (r + 1) * NUM_TAGS)));
  }
  assert.equal(loaded.weights.weightsOf(12345), undefined);

  const after = NerTagger.fromModel(loaded);
  const text = '王俏在长沙工作\n蒲建宇到成都市';
  const tokens = [...corpus[0].tokens, ...corpus[1].tokens.map((t) => ({ ...t, start: t.start + 8, end: t.end + 8 }))];
  const entities = after.tag(text, tokens);
  assert.deepEqual(entities.map((e) => [e.text, e.label, e.start, e.source]), [
    ['王俏', 'person', 0, 'model'],
    ['长沙', 'location', 3, 'model'],
    ['蒲建宇', 'person', 8, 'model'],
    ['成都市', 'location', 12, 'model'],
  ]);
  for (const e of entities) assert.ok(e.confidence! > 0 && e.confidence! <= 1, `confidence ${e.confidence}`);
  assert.deepEqual(entities, before.tag(text, tokens));
});

test('the unpacked layout loads the same model, its weight table taken as it is in the file', () => {
  const model = decodeModel(encodeModel(trainToy()));
  const unpacked = encodeUnpackedModel(model);
  assert.equal(unpacked.readUInt32LE(8), 2);
  // As readFileSync gives it (its own memory) and at an odd place in a larger buffer (copied).
  const copies = [Buffer.from(unpacked), Buffer.concat([Buffer.alloc(3), unpacked]).subarray(3)];
  for (const file of copies) {
    const loaded = decodeModel(file);
    assert.deepEqual({ ...loaded, weights: undefined, transitions: undefined, profiles: undefined }, { ...model, weights: undefined, transitions: undefined, profiles: undefined });
    assert.deepEqual(Array.from(loaded.transitions.trans), Array.from(model.transitions.trans));
    assert.deepEqual(Array.from(loaded.transitions.end), Array.from(model.transitions.end));
    assert.equal(loaded.profiles.chars, model.profiles.chars);
    assert.deepEqual(Array.from(loaded.profiles.codes), Array.from(model.profiles.codes));
    assert.deepEqual(Array.from(loaded.weights.table().slots), Array.from(model.weights.table().slots));
    assert.deepEqual(Array.from(loaded.weights.table().filter), Array.from(model.weights.table().filter));
    const text = '王俏在长沙工作';
    assert.deepEqual(NerTagger.fromModel(loaded).tag(text, corpus[0].tokens), NerTagger.fromModel(model).tag(text, corpus[0].tokens));
  }
  assert.throws(() => decodeModel(unpacked.subarray(0, unpacked.length - 8)), ModelFormatError);
});

test('feature hashes per character fill exactly FEATURE_SLOTS slots, disabled templates are 0', () => {
  const extractor = new FeatureExtractor({ jieba: false, lexicon: false, gazetteer: false }, undefined, undefined, undefined);
  const f = extractor.extract('长沙', []);
  assert.equal(f.length, 2 * FEATURE_SLOTS);
  const zeros = Array.from(f.subarray(0, FEATURE_SLOTS)).filter((k) => k === 0).length;
  assert.equal(zeros, 9 + 15 + 5 + 5); // jieba, lexicon (word lists and profiles), gazetteer and LAC templates
});

test('a file that is not a model, or is damaged, is refused', () => {
  assert.throws(() => decodeModel(Buffer.from('not a model at all')), ModelFormatError);
  const bytes = encodeModel(trainToy());
  const wrongVersion = Buffer.from(bytes);
  wrongVersion.writeUInt32LE(99, 8);
  assert.throws(() => decodeModel(wrongVersion), /format 99/);
});

test('character profiles bucket the share of name, place and organization words', () => {
  const dict = ['王俏 3 nr', '王府井 5 ns', '王国 9 n', '王者 4 n', '俏皮 2 a', '雁琦 2 nr', '琦玉 2 ns'].join('\n');
  const p = charProfilesOf(dict);
  const codes = (c: string) => Array.from(p.codes.subarray(p.chars.indexOf(c) * 8, p.chars.indexOf(c) * 8 + 8));
  // 王: 4 words, first char of one nr and one ns word → 1 / (4 + 2) = 17 % → bucket 3 for each.
  assert.deepEqual(codes('王'), [3, 0, 0, 0, 3, 0, 0, 0]);
  // 琦: 2 words, later char of an nr word, first char of an ns word → 1 / 4 = 25 % → bucket 4.
  assert.deepEqual(codes('琦'), [0, 4, 0, 0, 4, 0, 0, 0]);
  assert.equal(p.chars.includes('皮'), false);
});
