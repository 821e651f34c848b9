import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { nameSources, NO_NAMES, propagateNames } from '../../../server/src/core/entities/documentNames';
import type { Entity, EntityLabel } from '../../../server/src/core/types';

// Sentences written for these tests.
const at = (text: string, word: string, label: EntityLabel = 'person', source: Entity['source'] = 'model', from = 0): Entity => {
  const start = text.indexOf(word, from);
  assert.ok(start >= 0, `${word} in ${text}`);
  return { start, end: start + word.length, label, text: word, source, ...(source === 'model' ? { confidence: 0.9 } : {}) };
};
const shown = (es: readonly Entity[]) => es.map((e) => `${e.text}/${e.label}@${e.start}`);

test('a person named in full in one paragraph is carried to a mention cut short and to one missed in another', () => {
  const p1 = '赵明录今天出席了会议。';
  const p2 = '会后赵明录接受了采访，赵明录说他很满意。';
  const names = nameSources([[at(p1, '赵明录')], []]);
  const cut = [at(p2, '赵明'), at(p2, '赵明录', 'person', 'model', 5)];
  const carried = propagateNames(p2, cut, names);
  assert.deepEqual(shown(carried), ['赵明录/person@2', '赵明录/person@11']);
  // The longer span is the article rule's, without the confidence the model had in the shorter one.
  assert.deepEqual([carried[0].source, carried[0].confidence], ['rule', undefined]);
  assert.deepEqual(shown(propagateNames(p2, [], names)), ['赵明录/person@2', '赵明录/person@11'], 'missed mentions are added');
  // A short name that does not continue into the longer one stays as it is.
  const p3 = '赵明表示支持。';
  const own = [at(p3, '赵明')];
  assert.equal(propagateNames(p3, own, nameSources([[at(p1, '赵明录')], own])), own, 'nothing changed: the same list');
});

test('names are carried only into characters no other entity holds, never from manual spans or one-character names', () => {
  const p1 = '王刚和李华昨天抵达北京。';
  const names = nameSources([[at(p1, '王刚'), at(p1, '李华'), at(p1, '北京', 'location')]]);
  const p2 = '王刚大学的校友李华来了。';
  // 王刚大学 is an organisation here: the person is not carried into it.
  const org = at(p2, '王刚大学', 'organization');
  assert.deepEqual(shown(propagateNames(p2, [org], names)), ['王刚大学/organization@0', '李华/person@7']);
  // Places are not carried (a place named once is often a modifier elsewhere).
  assert.deepEqual(shown(propagateNames('北京的冬天很冷。', [], names)), []);
  assert.equal(nameSources([[at(p1, '王刚', 'person', 'manual')]]), NO_NAMES, 'a manual span is the annotator\'s, not the analysis\'s');
  assert.equal(nameSources([[{ start: 0, end: 1, label: 'person', text: '王', source: 'model' }]]), NO_NAMES);
});
