// Review order (least trusted first), reviewed states, moves and boundary steps, with plain inputs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AnnotationStore } from '../../../server/src/core/annotations';
import { adjustBoundary, moveInOrder, reviewCounts, reviewHoverLine, reviewOrder, reviewPriority } from '../../../server/src/core/annotations/review';
import type { Entity } from '../../../server/src/core/types';

const TEXT = '王小明在杭州市参加了会议，会后前往阿里巴巴公司，3月5日返回。';
const at = (s: string) => TEXT.indexOf(s);
const ent = (text: string, label: Entity['label'], source: Entity['source'], confidence?: number): Entity => {
  const e: Entity = { start: at(text), end: at(text) + text.length, label, text, source };
  if (confidence !== undefined) e.confidence = confidence;
  return e;
};
const PERSON = ent('王小明', 'person', 'model', 0.93);
const CITY = ent('杭州市', 'location', 'model', 0.41);
const COMPANY = ent('阿里巴巴公司', 'organization', 'model', 0.62);
const DATE = ent('3月5日', 'date', 'rule');
const AUTO = [PERSON, CITY, COMPANY, DATE];

test('priority: the model by its confidence, rule values last, the tagger in the middle', () => {
  assert.equal(reviewPriority(CITY), 0.41);
  assert.equal(reviewPriority(DATE), 1);
  assert.equal(reviewPriority({ source: 'tagger' }), 0.5);
  assert.equal(reviewPriority({ source: 'dictionary' }), 0.9);
  // A model span without a confidence is not trusted more than an uncertain one.
  assert.equal(reviewPriority({ source: 'model' }), 0.5);
});

test('order: least confident first, every span unreviewed before any decision', () => {
  const order = reviewOrder(AUTO, [], []);
  assert.deepEqual(order.map((i) => i.text), ['杭州市', '阿里巴巴公司', '王小明', '3月5日']);
  assert.ok(order.every((i) => i.state === 'unreviewed'));
  assert.deepEqual(reviewCounts(order), { total: 4, reviewed: 0, unreviewed: 4 });
});

test('order: decisions mark spans reviewed and keep their rank (accept, relabel, reject, boundary, hand label)', () => {
  const store = new AnnotationStore(TEXT);
  store.addManual(CITY.start, CITY.end, 'location'); // accepted
  store.addManual(PERSON.start, PERSON.end, 'organization'); // relabelled
  store.reject(COMPANY);
  store.addManual(DATE.start, DATE.end + 2, 'date'); // 3月5日返回: boundary grown
  store.addManual(at('会议'), at('会议') + 2, 'work'); // a span recognition never made
  const order = reviewOrder(AUTO, store.manual, store.rejected);
  assert.deepEqual(
    order.map((i) => [i.text, i.label, i.state]),
    [
      ['杭州市', 'location', 'accepted'],
      ['阿里巴巴公司', 'organization', 'rejected'],
      ['王小明', 'organization', 'relabelled'],
      ['会议', 'work', 'labelled'],
      ['3月5日返回', 'date', 'adjusted'],
    ],
  );
  assert.equal(order[0].confidence, 0.41);
  assert.deepEqual(reviewCounts(order), { total: 5, reviewed: 5, unreviewed: 0 });
});

test('order: a manual span replacing two automatic spans is one item ranked as the weaker', () => {
  const store = new AnnotationStore(TEXT);
  store.addManual(CITY.start, COMPANY.end, 'organization');
  const order = reviewOrder(AUTO, store.manual, store.rejected);
  assert.equal(order.length, 3);
  assert.deepEqual([order[0].start, order[0].end, order[0].state, order[0].priority], [CITY.start, COMPANY.end, 'adjusted', 0.41]);
});

test('order: a rejection recognition no longer makes (the model learned it) is still listed as reviewed', () => {
  const order = reviewOrder([PERSON], [], [{ ...CITY }]);
  assert.deepEqual(order.map((i) => [i.text, i.state]), [['王小明', 'unreviewed'], ['杭州市', 'rejected']]);
});

test('moves: next/previous wrap, a decision leads to the next unreviewed item, current finds a moved item by overlap', () => {
  const store = new AnnotationStore(TEXT);
  store.addManual(COMPANY.start, COMPANY.end, 'organization');
  const order = reviewOrder(AUTO, store.manual, store.rejected); // 杭州市, 阿里巴巴公司 (accepted), 王小明, 3月5日
  assert.equal(moveInOrder(order, undefined, 'first'), 0);
  assert.equal(moveInOrder(order, CITY, 'next'), 1);
  assert.equal(moveInOrder(order, CITY, 'previous'), 3);
  assert.equal(moveInOrder(order, DATE, 'next'), 0);
  assert.equal(moveInOrder(order, CITY, 'nextUnreviewed'), 2);
  assert.equal(moveInOrder(order, DATE, 'nextUnreviewed'), 0);
  // The span grew by a character since the client last saw it.
  assert.equal(moveInOrder(order, { start: PERSON.start, end: PERSON.end - 1 }, 'current'), 2);
  assert.equal(moveInOrder([], undefined, 'current'), -1);
  const done = reviewOrder([CITY], [{ ...CITY, text: '杭州市' }], []);
  assert.equal(moveInOrder(done, CITY, 'nextUnreviewed'), -1);
});

test('boundaries: one character out or in, a surrogate pair moves as one, no line break, never empty', () => {
  const t = '甲𠀀乙丙\n丁';
  // 乙丙 is [3, 5); 𠀀 is the pair at [1, 3).
  assert.deepEqual(adjustBoundary(t, 3, 5, 'start', true), { start: 1, end: 5 });
  assert.deepEqual(adjustBoundary(t, 1, 5, 'start', false), { start: 3, end: 5 });
  assert.deepEqual(adjustBoundary(t, 0, 1, 'end', true), { start: 0, end: 3 });
  assert.deepEqual(adjustBoundary(t, 0, 3, 'end', false), { start: 0, end: 1 });
  assert.match((adjustBoundary(t, 3, 5, 'end', true) as { error: string }).error, /line break/);
  assert.match((adjustBoundary(t, 3, 4, 'end', false) as { error: string }).error, /empty/);
  assert.match((adjustBoundary(t, 0, 1, 'start', true) as { error: string }).error, /edge/);
  assert.match((adjustBoundary('甲 乙', 2, 3, 'start', true) as { error: string }).error, /space/);
});

test('hover line: rank, state and progress', () => {
  const store = new AnnotationStore(TEXT);
  store.reject(CITY);
  const order = reviewOrder(AUTO, store.manual, store.rejected);
  assert.equal(reviewHoverLine(order, 0), 'Review: 1 of 4, least confident first · reviewed (rejected) · 1 of 4 reviewed');
  assert.equal(reviewHoverLine(order, 1), 'Review: 2 of 4, least confident first · not reviewed yet · 1 of 4 reviewed');
  assert.equal(reviewHoverLine(order, 9), undefined);
});
