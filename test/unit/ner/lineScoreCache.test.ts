import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { defaultModelPath, loadNerModel } from '../../../server/src/core/ner';
import { AdaptedScorer, NerAdapter } from '../../../server/src/core/ner/adaptation';
import { LineScoreCache } from '../../../server/src/core/ner/lineScoreCache';
import { NUM_TAGS } from '../../../server/src/core/ner/labels';

const modelFile = defaultModelPath();

function scores(n: number): { lexical: Int32Array; shipped: Float32Array } {
  return { lexical: new Int32Array(n), shipped: new Float32Array(n * NUM_TAGS) };
}

test('the line cache drops the least recently used lines once it holds more characters than its bound', () => {
  const cache = new LineScoreCache(10);
  cache.set('一二三四', scores(4), 4);
  cache.set('五六七', scores(3), 3);
  assert.ok(cache.get('一二三四'), 'read again: now the most recent');
  cache.set('八九十', scores(3), 3);
  cache.set('甲乙', scores(2), 2);
  assert.equal(cache.get('五六七'), undefined, 'the least recent went first');
  assert.ok(cache.get('一二三四'));
  assert.ok(cache.get('甲乙'));
  assert.equal(cache.size, 3);
  // Room: what the tagger asks before keeping a line that no correction needs yet.
  assert.equal(cache.hasRoomFor(1), true);
  assert.equal(cache.hasRoomFor(2), false);
});

// Sentences written for this test. Tagging with corrections reuses each line's shipped scores; it
// must give what scoring every line from scratch gives, at every strength, on the first tagging
// and on the next (from the cache), and after more learning.
const TEXT = '华宝基金今天发布公告，季后赛门票售罄。\n投资者看好华宝的新基金，张伟在上海表示。\n湖人队在季后赛中击败了马刺队。';

test('tagging with corrections from kept shipped scores equals scoring every line again', { skip: !modelFile && 'models/ner-model.bin missing' }, () => {
  const base = loadNerModel(modelFile!);
  const adapter = new NerAdapter(base);
  const fromScratch = base.withScorer({ emissions: (f, n, out) => new AdaptedScorer(base.scorer, adapter.delta, () => adapter.strength).emissions(f, n, out) });
  const same = (why: string) => assert.deepEqual(adapter.tagger.tag(TEXT, []), fromScratch.tag(TEXT, []), why);
  same('shipped model');
  adapter.learn('华宝基金今天发布公告。', [], [{ start: 0, end: 4, type: 'ORG' }]);
  adapter.learn('季后赛门票售罄。', [], []);
  same('after two corrections');
  same('again, every line from the cache');
  adapter.strength = 0.5;
  same('at half strength');
  adapter.strength = 1;
  adapter.learn('湖人队击败了马刺队。', [], [{ start: 0, end: 3, type: 'ORG' }, { start: 6, end: 9, type: 'ORG' }]);
  same('after a third');
  assert.notDeepEqual(adapter.tagger.tag(TEXT, []), base.tag(TEXT, []), 'the corrections change something, so the comparison means something');
  // One text with other words (a line whose layout spaces were taken out keeps jieba's words made
  // with them): its lines were kept with no words above, and must not be taken for these.
  const words = [
    { word: '华宝基金', tag: 'nt', start: 0, end: 4 },
    { word: '季后赛', tag: 'nr', start: 11, end: 14 },
    { word: '张伟', tag: 'nr', start: 32, end: 34 },
  ];
  assert.deepEqual(adapter.tagger.tag(TEXT, words), fromScratch.tag(TEXT, words), 'other words');
  assert.notDeepEqual(fromScratch.tag(TEXT, words), fromScratch.tag(TEXT, []), 'the words change something');
});
