import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { BoundaryConventions } from '../../../server/src/core/annotations/boundaries';
import { WorkspaceLearning } from '../../../server/src/core/annotations/learning';
import type { Entity, EntityLabel } from '../../../server/src/core/types';

// Sentences written for these tests: an annotator whose source calls a city's government one
// organization (青州市政府), where the tagger found only the city.
const seg = JiebaSegmenter.load();

const at = <L extends EntityLabel>(text: string, word: string, label: L) => {
  const start = text.indexOf(word);
  assert.ok(start >= 0, `${word} in ${text}`);
  return { start, end: start + word.length, label };
};
const auto = (text: string, word: string, label: EntityLabel): Entity => ({ ...at(text, word, label), text: word, source: 'model' });
const shown = (es: readonly Entity[]) => es.map((e) => `${e.text}/${e.label}`);

const taught = '青州市政府发布了新规定。';
const joinLesson = { text: taught, entities: [at(taught, '青州市政府', 'organization')], replaced: [at(taught, '青州市', 'location')] };

test('a place widened to its government teaches a join that carries to other places, not to other words after them', () => {
  const b = new BoundaryConventions();
  b.learn(taught, seg.tag(taught), joinLesson.entities, joinLesson.replaced);
  const other = '临海市政府昨天召开会议。';
  assert.deepEqual(shown(b.apply(other, seg.tag(other), [auto(other, '临海市', 'location')])), ['临海市政府/organization']);
  // jieba reads 江北 + 市政府: the join may end inside the word after the name.
  const straddle = '江北市政府所在地在城东。';
  assert.deepEqual(shown(b.apply(straddle, seg.tag(straddle), [auto(straddle, '江北市', 'location')])), ['江北市政府/organization']);
  // A verb ends the words a name can run through; another ending teaches nothing.
  for (const text of ['临海市发布政府公告。', '临海市民众纷纷点赞。']) {
    assert.deepEqual(shown(b.apply(text, seg.tag(text), [auto(text, '临海市', 'location')])), ['临海市/location'], text);
  }
  // A manual span is the annotator's, never widened.
  assert.deepEqual(shown(b.apply(other, seg.tag(other), [{ ...auto(other, '临海市', 'location'), source: 'manual' }])), ['临海市/location']);
  assert.deepEqual(b.rulesLearned(), [{ from: 'location', tail: '政府', to: 'organization', joined: 1, kept: 0 }]);
});

test('a source that keeps such names apart as often as it joins them is not overruled', () => {
  const b = new BoundaryConventions();
  b.learn(taught, seg.tag(taught), joinLesson.entities, joinLesson.replaced);
  const apart = '临海市政府昨天召开会议。';
  b.learn(apart, seg.tag(apart), [at(apart, '临海市', 'location')], []);
  const other = '东港市政府发布通知。';
  assert.deepEqual(shown(b.apply(other, seg.tag(other), [auto(other, '东港市', 'location')])), ['东港市/location']);
  assert.deepEqual(b.rulesLearned(), []);
});

test('workspace learning: the join is listed in what it learned, and correcting the sentence again takes it back', () => {
  const l = new WorkspaceLearning(seg);
  l.learn(joinLesson);
  assert.deepEqual(l.summary().extensions, [{ from: 'location', tail: '政府', to: 'organization', joined: 1, kept: 0 }]);
  const other = '临海市政府昨天召开会议。';
  assert.deepEqual(shown(l.apply(other, [auto(other, '临海市', 'location')])), ['临海市政府/organization']);
  // Undo: the annotator puts the sentence back to the city alone.
  l.learn({ text: taught, entities: [at(taught, '青州市', 'location')] });
  assert.deepEqual(l.summary().extensions, []);
  assert.deepEqual(shown(l.apply(other, [auto(other, '临海市', 'location')])), ['临海市/location']);
  l.learn(joinLesson);
  l.reset();
  assert.deepEqual(shown(l.apply(other, [auto(other, '临海市', 'location')])), ['临海市/location']);
});

test('names the annotator removed, or left apart, before or after the join count against it alike', () => {
  // One sentence where the source tagged a demonym as a place; two where it tagged nothing there.
  const joined = '欧洲人喜欢喝咖啡。';
  const join = { entities: [at(joined, '欧洲人', 'location')], replaced: [at(joined, '欧洲', 'location')] };
  const apart = ['中国人在海外打拼。', '日本人口正在减少。'].map((text) => ({ text, rejected: [at(text, text.slice(0, 2), 'location')] }));
  const other = '法国人热爱艺术。';
  const onlyJoin = new BoundaryConventions();
  onlyJoin.learn(joined, seg.tag(joined), join.entities, join.replaced);
  assert.deepEqual(shown(onlyJoin.apply(other, seg.tag(other), [auto(other, '法国', 'location')])), ['法国人/location']);
  for (const order of ['join first', 'join last']) {
    const b = new BoundaryConventions();
    const lessons = [() => b.learn(joined, seg.tag(joined), join.entities, join.replaced), ...apart.map((a) => () => b.learn(a.text, seg.tag(a.text), [], [], 1, a.rejected))];
    if (order === 'join last') lessons.push(lessons.shift()!);
    for (const lesson of lessons) lesson();
    // 中国 + 人 keeps apart the tail 人; 日本 + 人口 the tails 人口 and nothing else: one keep against one join.
    assert.deepEqual(shown(b.apply(other, seg.tag(other), [auto(other, '法国', 'location')])), ['法国/location'], order);
    assert.deepEqual(b.rulesLearned(), [], order);
  }
});
