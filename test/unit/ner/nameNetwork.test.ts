import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spansToTags, type Span } from '../../../server/src/core/ner/bio';
import { defaultModelPath, loadNerModel } from '../../../server/src/core/ner';
import { NerAdapter } from '../../../server/src/core/ner/adaptation';
import { crfMarginals } from '../../../server/src/core/ner/crfMarginals';
import { NUM_TAGS } from '../../../server/src/core/ner/labels';
import { defaultLacPath, defaultNameNetworkPath, LacFormatError, loadNameNetwork, tryLoadNameNetwork } from '../../../server/src/core/ner/lac';
import { decodeLac, encodeLac } from '../../../server/src/core/ner/lac/lacFile';
import type { NerTagger } from '../../../server/src/core/ner/tagger';

const modelFile = defaultModelPath();
const lacFile = defaultLacPath();
const namesFile = defaultNameNetworkPath();
const noModel = !modelFile && 'models/ner-model.bin missing';
const noNetwork = (!namesFile || !lacFile || !modelFile) && 'models/lac-ner.bin, lac-small.bin or ner-model.bin missing';
let model: NerTagger | undefined;
const shipped = () => (model ??= loadNerModel(modelFile!));

/** Log-probabilities that put `confidence` on the tags of `spans` and spread the rest evenly. */
function scoresFor(line: string, spans: Span[], confidence = 0.999): Float32Array {
  const gold = spansToTags(line.length, spans);
  const out = new Float32Array(line.length * NUM_TAGS).fill(Math.log((1 - confidence) / (NUM_TAGS - 1)));
  gold.forEach((tag, i) => (out[i * NUM_TAGS + tag] = Math.log(confidence)));
  return out;
}

// A sentence written for this test: 季后赛 (the play-offs) is no person; the scores say it is an organisation
// so that the change is visible whatever the feature model makes of it. These tests give the network
// weight 2 (four times the shipped one): they check the mechanism, the weight is eval:ner's business.
const W = 2;
const LINE = '季后赛今晚开打，球迷早早入场。';
const ORG: Span[] = [{ start: 0, end: 3, type: 'ORG' }];

test('confident name-network scores decide the tags; none (not yet computed) leaves the model alone', { skip: noModel }, () => {
  const alone = shipped().spans(LINE, []);
  assert.deepEqual(shipped().withNames((l) => (l === LINE ? scoresFor(l, ORG) : undefined), W).spans(LINE, []), ORG);
  assert.deepEqual(shipped().withNames(() => undefined, W).spans(LINE, []), alone);
  assert.deepEqual(shipped().withNames((l) => scoresFor(l, ORG), 0).spans(LINE, []), alone, 'weight 0 is the model alone');
  // Scores of the wrong length (a stale line) are ignored rather than read past their end.
  assert.deepEqual(shipped().withNames(() => new Float32Array(3), W).spans(LINE, []), alone);
});

test('learning from a correction sees the name network as tagging does: the corrected reading wins with it', { skip: noModel }, () => {
  // The network insists on ORG; the annotator says there is no name at all.
  const tagger = shipped().withNames((l) => scoresFor(l, ORG, 0.99), W);
  assert.deepEqual(tagger.spans(LINE, []), ORG);
  const adapter = new NerAdapter(tagger);
  adapter.learn(LINE, [], []);
  assert.deepEqual(adapter.tagger.spans(LINE, []), [], 'the correction outweighs the network on its own line');
  adapter.reset();
  assert.deepEqual(adapter.tagger.spans(LINE, []), ORG, 'reset: the shipped model and network again');
});

test('the shipped name network: log-probabilities per character, and names in a sentence written for this test', { skip: noNetwork }, () => {
  const net = loadNameNetwork(namesFile!, lacFile!);
  const text = '国务院总理李强在北京会见了法国总统马克龙。';
  const s = net.scores(text);
  assert.equal(s.length, text.length * NUM_TAGS);
  for (let i = 0; i < text.length; i++) {
    let sum = 0;
    for (let j = 0; j < NUM_TAGS; j++) sum += Math.exp(s[i * NUM_TAGS + j]);
    assert.ok(Math.abs(sum - 1) < 1e-4, `row ${i} sums to ${sum}`);
  }
  const [batched] = net.scoresBatch([text]);
  for (let i = 0; i < s.length; i++) assert.ok(Math.abs(batched[i] - s[i]) < 1e-3);
  const found = shipped()
    .withNames((l) => net.scores(l))
    .spans(text, [])
    .map((sp) => `${text.slice(sp.start, sp.end)}/${sp.type}`);
  for (const name of ['李强/PER', '北京/LOC', '法国/LOC', '马克龙/PER']) assert.ok(found.includes(name), `${name} in ${found.join(' ')}`);
});

test('a name network file that carries CRF scores gives the CRF\'s marginals as its log-probabilities', { skip: noNetwork }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'names-crf-'));
  try {
    const m = decodeLac(fs.readFileSync(namesFile!));
    const T = NUM_TAGS;
    const crf = new Float32Array((T + 2) * T);
    // A bonus for staying outside names and a forbidden move into an I tag from O: scores no softmax could give.
    crf[2 * T] = 1.5;
    crf[2 * T + 2] = -1e4;
    m.tensors.set('crfw', { shape: [T + 2, T], data: crf });
    const file = path.join(dir, 'crf.bin');
    fs.writeFileSync(file, encodeLac(m));
    const plain = loadNameNetwork(namesFile!, lacFile!);
    const withCrf = loadNameNetwork(file, lacFile!);
    const text = '国务院总理李强在北京会见了法国总统马克龙。';
    // Marginals do not change when a character's emissions all move by one amount, so the plain
    // network's log-softmax stands for its emissions.
    const want = crfMarginals(plain.scores(text), { start: crf.subarray(0, T), end: crf.subarray(T, 2 * T), trans: crf.subarray(2 * T) }, T);
    const got = withCrf.scores(text);
    assert.ok(got.some((x, i) => Math.abs(x - plain.scores(text)[i]) > 0.01), 'the CRF scores change the log-probabilities');
    for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-3, `${i}: ${got[i]} vs ${want[i]}`);
    const [batched] = withCrf.scoresBatch([text]);
    const { scores } = withCrf.scoresAndHidden(text);
    for (let i = 0; i < got.length; i++) assert.ok(Math.abs(batched[i] - got[i]) < 1e-3 && Math.abs(scores[i] - got[i]) < 1e-3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a name network trained on another LAC vocabulary, or with other tags, is refused with a message', { skip: noNetwork }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'names-'));
  try {
    const m = decodeLac(fs.readFileSync(namesFile!));
    // A file without its own embedding borrows LAC's: their vocabularies must be the same.
    m.tensors.delete('word_emb');
    const vocab = [...m.vocab];
    vocab[100] = vocab[100] + 'x';
    const otherVocab = path.join(dir, 'vocab.bin');
    fs.writeFileSync(otherVocab, encodeLac({ ...m, vocab }));
    assert.throws(() => loadNameNetwork(otherVocab, lacFile!), LacFormatError);
    const otherTags = path.join(dir, 'tags.bin');
    fs.writeFileSync(otherTags, encodeLac({ ...m, tags: [...m.tags].reverse() }));
    assert.throws(() => loadNameNetwork(otherTags, lacFile!), /not the product's/);
    const said: string[] = [];
    assert.equal(tryLoadNameNetwork(otherTags, lacFile!, (x) => said.push(x)), undefined);
    assert.equal(tryLoadNameNetwork(path.join(dir, 'missing.bin'), lacFile!, (x) => said.push(x)), undefined);
    assert.equal(said.length, 2);
    assert.match(said[0], /name network not loaded/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the int16 name network the product runs scores as the float32 one does, on sentences written for this test', { skip: noNetwork }, () => {
  const int16 = loadNameNetwork(namesFile!, lacFile!);
  const float32 = loadNameNetwork(namesFile!, lacFile!, { int16: false });
  const lines = ['国务院总理李强在北京会见了法国总统马克龙。', '湖人队在季后赛首轮击败马刺队，科比得到32分。', '华宝基金今天发布公告称，新基金将于下月在深圳发行。'];
  let worst = 0;
  for (const [a, b] of lines.map((l) => [int16.scores(l), float32.scores(l)])) {
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(Math.exp(a[i]) - Math.exp(b[i])));
  }
  assert.ok(worst < 0.002, `largest difference in a tag's probability: ${worst}`);
});
