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
const taught2 = '东营市政府召开了常务会议。';
const joinLesson2 = { text: taught2, entities: [at(taught2, '东营市政府', 'organization')], replaced: [at(taught2, '东营市', 'location')] };
const teach = (b: BoundaryConventions, l: typeof joinLesson) => b.learn(l.text, seg.tag(l.text), l.entities, l.replaced);

test('places widened to their government twice teach a join that carries to other places, not to other words after them', () => {
  const b = new BoundaryConventions();
  teach(b, joinLesson);
  const other = '临海市政府昨天召开会议。';
  // One widening is one sentence's reading: it waits for a second.
  assert.deepEqual(shown(b.apply(other, seg.tag(other), [auto(other, '临海市', 'location')])), ['临海市/location']);
  assert.deepEqual(b.rulesLearned(), []);
  teach(b, joinLesson2);
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
  assert.deepEqual(b.rulesLearned(), [{ from: 'location', tail: '政府', to: 'organization', joined: 2, kept: 0 }]);
});

test('a source that keeps such names apart as often as it joins them is not overruled', () => {
  const b = new BoundaryConventions();
  teach(b, joinLesson);
  teach(b, joinLesson2);
  for (const apart of ['临海市政府昨天召开会议。', '南港市政府发布了通知。']) b.learn(apart, seg.tag(apart), [at(apart, apart.slice(0, 3), 'location')], []);
  const other = '东港市政府发布通知。';
  assert.deepEqual(shown(b.apply(other, seg.tag(other), [auto(other, '东港市', 'location')])), ['东港市/location']);
  assert.deepEqual(b.rulesLearned(), []);
});

test('workspace learning: the join is listed in what it learned, and correcting the sentence again takes it back', () => {
  const l = new WorkspaceLearning(seg);
  l.learn(joinLesson);
  l.learn(joinLesson2);
  assert.deepEqual(l.summary().extensions, [{ from: 'location', tail: '政府', to: 'organization', joined: 2, kept: 0 }]);
  const other = '临海市政府昨天召开会议。';
  assert.deepEqual(shown(l.apply(other, [auto(other, '临海市', 'location')])), ['临海市政府/organization']);
  // Undo: the annotator puts the sentence back to the city alone.
  l.learn({ text: taught, entities: [at(taught, '青州市', 'location')] });
  assert.deepEqual(l.summary().extensions, []);
  assert.deepEqual(shown(l.apply(other, [auto(other, '临海市', 'location')])), ['临海市/location']);
  l.learn(joinLesson);
  l.learn(joinLesson2);
  l.reset();
  assert.deepEqual(shown(l.apply(other, [auto(other, '临海市', 'location')])), ['临海市/location']);
});

test('names the annotator removed, or left apart, before or after the joins count against them alike', () => {
  // Two sentences where the source tagged a demonym as a place; two where it tagged nothing there.
  const joins = ['欧洲人喜欢喝咖啡。', '非洲人热情好客。'].map((text) => ({
    text,
    entities: [at(text, text.slice(0, 3), 'location')],
    replaced: [at(text, text.slice(0, 2), 'location')],
  }));
  const apart = ['中国人在海外打拼。', '美国人喜欢开车。'].map((text) => ({ text, rejected: [at(text, text.slice(0, 2), 'location')] }));
  const other = '法国人热爱艺术。';
  const onlyJoins = new BoundaryConventions();
  for (const j of joins) onlyJoins.learn(j.text, seg.tag(j.text), j.entities, j.replaced);
  assert.deepEqual(shown(onlyJoins.apply(other, seg.tag(other), [auto(other, '法国', 'location')])), ['法国人/location']);
  for (const order of ['joins first', 'joins last']) {
    const b = new BoundaryConventions();
    const lessons = [
      ...joins.map((j) => () => b.learn(j.text, seg.tag(j.text), j.entities, j.replaced)),
      ...apart.map((a) => () => b.learn(a.text, seg.tag(a.text), [], [], 1, a.rejected)),
    ];
    if (order === 'joins last') lessons.push(...lessons.splice(0, joins.length));
    for (const lesson of lessons) lesson();
    assert.deepEqual(shown(b.apply(other, seg.tag(other), [auto(other, '法国', 'location')])), ['法国/location'], order);
    assert.deepEqual(b.rulesLearned(), [], order);
  }
});
