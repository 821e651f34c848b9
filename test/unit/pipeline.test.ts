import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArticleAnalyzer, mergeEntities } from '../../server/src/core/analyzer';
import { splitChunks } from '../../server/src/core/chunks';
import { TextViews } from '../../server/src/core/textViews';
import type { Entity } from '../../server/src/core/types';
import { charSegmenter } from '../charSegmenter';
import { isPeriodicalName, recognizeWorks } from '../../server/src/core/entities/works';

/** A rule recognizer that marks every 长沙 as a location (on the simplified view). */
function findChangsha(text: string): Entity[] {
  const out: Entity[] = [];
  for (let i = text.indexOf('长沙'); i >= 0; i = text.indexOf('长沙', i + 1)) {
    out.push({ start: i, end: i + 2, label: 'location', text: '长沙', source: 'rule' });
  }
  return out;
}

const pinyinMask = (text: string) => {
  const out = [];
  for (const m of text.matchAll(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/g)) {
    out.push({ kind: 'pinyin_annotation', start: m.index!, end: m.index! + m[0].length, candidates: [''], autoFix: true });
  }
  return out;
};

test('entities are found on the simplified, repaired view and mapped back to the original', () => {
  const analyzer = new ArticleAnalyzer({ segmenter: charSegmenter, detectLocalArtifacts: pinyinMask, recognizeRules: findChangsha });
  const text = '前言\n長(zhǎng)沙市委老干部局在長沙';
  const { entities } = analyzer.analyzeDocument(text);
  assert.deepEqual(
    entities.map((e) => [e.start, e.end, e.text, e.simplified]),
    [
      [3, 12, '長(zhǎng)沙', '长沙'],
      [19, 21, '長沙', '长沙'],
    ],
  );
});

test('an edit re-analyses only the chunk it touched', () => {
  const analyzer = new ArticleAnalyzer({ segmenter: charSegmenter, recognizeRules: findChangsha });
  const lines = Array.from({ length: 50 }, (_, i) => `第${i}行在长沙。`);
  const first = analyzer.analyzeDocument(lines.join('\n'));
  assert.equal(first.analysedChunks, 50);
  lines[10] = '第10行改在长沙市。';
  const second = analyzer.analyzeDocument(lines.join('\n'));
  assert.equal(second.analysedChunks, 1);
  assert.equal(second.entities.length, 50);
  assert.equal(second.text.slice(second.entities[10].start, second.entities[10].end), '长沙');
});

test('TextViews maps a replaced broken cluster as a whole', () => {
  const original = '認真?zhèn)鬟_學習';
  const views = new TextViews(original, [{ start: 2, end: 10, candidates: ['傳達'], autoFix: true }]);
  assert.equal(views.simplifiedText, '认真传达学习');
  assert.deepEqual(views.toOriginal(2, 4), [2, 10]);
  assert.deepEqual(views.toOriginal(2, 3), [2, 10]);
  assert.deepEqual(views.toOriginal(4, 6), [10, 12]);
  assert.equal(views.toSimplified(11), 5);
});

test('artifacts that are not safe to fix are not masked', () => {
  const views = new TextViews('發\ufffd展', [{ start: 1, end: 2, candidates: ['展'], autoFix: false }]);
  assert.equal(views.simplifiedText, '发\ufffd展');
});

test('chunks are lines; CR is not part of a chunk; long lines are cut at sentence ends', () => {
  assert.deepEqual(splitChunks('ab\r\n\r\ncd\n'), [
    { start: 0, text: 'ab' },
    { start: 6, text: 'cd' },
  ]);
  const long = '这是一个句子。'.repeat(1000);
  const chunks = splitChunks(long);
  assert.ok(chunks.length > 1);
  assert.equal(chunks.map((c) => c.text).join(''), long);
  assert.ok(chunks.every((c) => c.text.length <= 2000 && c.text.endsWith('。')));
  const pairs = '𠀀'.repeat(3000);
  const cut = splitChunks(pairs);
  assert.equal(cut.map((c) => c.text).join(''), pairs);
  assert.ok(cut.every((c) => !/^[\udc00-\udfff]/.test(c.text)), 'no chunk starts inside a surrogate pair');
});

test('merge: model names first, a wider dictionary span wins, numbers from rules', () => {
  const model: Entity[] = [{ start: 0, end: 3, label: 'location', text: '四川省', source: 'model', confidence: 0.9 }];
  const rules: Entity[] = [
    { start: 0, end: 11, label: 'organization', text: '四川省地方志工作办公室', source: 'dictionary' },
    { start: 12, end: 16, label: 'date', text: '9月1日', source: 'rule' },
  ];
  const merged = mergeEntities(model, rules);
  assert.deepEqual(merged.map((e) => [e.label, e.start, e.end]), [
    ['organization', 0, 11],
    ['date', 12, 16],
  ]);
  const keep = mergeEntities(model, [{ start: 0, end: 2, label: 'location', text: '四川', source: 'rule' }]);
  assert.deepEqual(keep.map((e) => e.source), ['model']);
});

test('merge: an organisation rule opening with the model\'s place wins; other model spans keep theirs', () => {
  const place: Entity = { start: 0, end: 2, label: 'location', text: '娄底', source: 'model', confidence: 0.6 };
  const body: Entity = { start: 0, end: 8, label: 'organization', text: '娄底市直机关工委', source: 'rule' };
  assert.deepEqual(mergeEntities([place], [body]).map((e) => [e.label, e.start, e.end, e.source]), [['organization', 0, 8, 'rule']]);
  // A place the rule does not open with, or a person the model found inside, keeps the model's reading.
  const inner: Entity = { start: 2, end: 4, label: 'location', text: '市直', source: 'model', confidence: 0.6 };
  assert.deepEqual(mergeEntities([inner], [body]).map((e) => e.source), ['model']);
  const person: Entity = { start: 0, end: 2, label: 'person', text: '娄底', source: 'model', confidence: 0.6 };
  assert.deepEqual(mergeEntities([person], [body]).map((e) => e.label), ['person']);
});

test('merge: a periodical\'s name in its 《》 stands over what the model found inside it; a work drops them', () => {
  const text = '《光明日报》与《长江七号》';
  const rules = recognizeWorks(text);
  assert.deepEqual(rules.map((e) => [e.label, e.text]), [['organization', '光明日报'], ['work', '《长江七号》']]);
  const model: Entity[] = [
    { start: 1, end: 3, label: 'location', text: '光明', source: 'model', confidence: 0.5 },
    { start: 8, end: 10, label: 'location', text: '长江', source: 'model', confidence: 0.5 },
  ];
  assert.deepEqual(mergeEntities(model, rules).map((e) => [e.label, e.text, e.source]), [['organization', '光明日报', 'rule'], ['work', '《长江七号》', 'rule']]);
});

test('periodical names: papers, magazines and digests, not the documents that end like them', () => {
  for (const name of ['人民日报', '纽约时报', '中国青年报', '读者文摘', '商业周刊', '国家地理杂志', '队报', '小说月报']) assert.ok(isPeriodicalName(name), name);
  for (const name of ['联合公报', '天气预报', '政府工作报告', '2023年年报', '长江七号', '报', '新闻联播', '抗战捷报']) assert.ok(!isPeriodicalName(name), name);
});

test('with a model, a name whose only evidence is jieba\'s tag is left to the model; without one, the rule stands', () => {
  const text = '他在东山湾住了三年。';
  const byTag = (): Entity[] => [{ start: 2, end: 5, label: 'location', text: '东山湾', source: 'tagger' }];
  const byList = (): Entity[] => [{ start: 2, end: 5, label: 'location', text: '东山湾', source: 'dictionary' }];
  const withModel = (rules: () => Entity[]) => new ArticleAnalyzer({ segmenter: charSegmenter, recognizeRules: rules, ner: { tag: () => [] } });
  assert.deepEqual(withModel(byTag).analyzeDocument(text).entities, []);
  assert.equal(withModel(byList).analyzeDocument(text).entities.length, 1);
  assert.equal(new ArticleAnalyzer({ segmenter: charSegmenter, recognizeRules: byTag }).analyzeDocument(text).entities.length, 1);
});
