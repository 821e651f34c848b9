import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Entity } from '../../../server/src/core/types';
import { findAnchor, formatNormalized, recognizeNumericEntities, recognizeRuleEntities } from '../../../server/src/core/entities';
import { fakeTokens } from './fakeTokens';


const pick = (es: Entity[], text: string) => es.find((e) => e.text === text);
const brief = (e: Entity | undefined) => e && { start: e.start, end: e.end, label: e.label, value: e.value, unit: e.unit };

test('dates with and without a year, in Arabic and Chinese numerals', () => {
  const text = '2022年9月16日发布;9月14日晚,4月7日举办;二〇二二年九月十六日;3月的天气';
  const es = recognizeNumericEntities(text, {});
  assert.deepEqual(brief(pick(es, '2022年9月16日')), { start: 0, end: 10, label: 'date', value: '2022-09-16', unit: undefined });
  // No article date: a year mentioned in the text is NOT borrowed (it may be a past event's).
  assert.deepEqual(brief(pick(es, '9月14日晚')), { start: 13, end: 19, label: 'time', value: 'XXXX-09-14TEV', unit: undefined });
  assert.equal(pick(es, '4月7日')?.value, 'XXXX-04-07');
  assert.equal(pick(es, '二〇二二年九月十六日')?.value, '2022-09-16');
  assert.equal(pick(es, '3月')?.value, 'XXXX-03');
});

test('a date without any known year has XXXX for it; a known year completes it', () => {
  const es = recognizeNumericEntities('9月14日,成都市发布通告');
  assert.deepEqual(brief(es[0]), { start: 0, end: 5, label: 'date', value: 'XXXX-09-14', unit: undefined });
  assert.equal(recognizeNumericEntities('9月14日', { year: 2021 })[0].value, '2021-09-14');
});

test('times, timestamps and date+time', () => {
  const text = '2024-07-08 15:44:44 发布时间:2022-09-16 08:35:31 宣布9月15日12时起,12时,凌晨6点到,深夜12点过';
  const es = recognizeNumericEntities(text, { anchor: findAnchor(text) });
  assert.deepEqual(brief(pick(es, '2024-07-08 15:44:44')), { start: 0, end: 19, label: 'time', value: '2024-07-08T15:44:44', unit: undefined });
  assert.equal(pick(es, '2022-09-16 08:35:31')?.value, '2022-09-16T08:35:31');
  assert.deepEqual(brief(pick(es, '9月15日12时')), { start: 47, end: 55, label: 'time', value: '2022-09-15T12:00', unit: undefined });
  // Clock times alone are on the article's day.
  assert.equal(pick(es, '12时')?.value, '2022-09-16T12:00');
  assert.equal(pick(es, '凌晨6点')?.value, '2022-09-16T06:00');
  assert.equal(pick(es, '深夜12点')?.value, '2022-09-16T00:00');
  assert.equal(findAnchor(text)?.year, 2022, 'the labelled publication date wins over the crawl stamp');
});

test('money, percent, quantity and ordinals with values and units', () => {
  const text = '下拨专项党费64.2万元,投资1.2亿元,增长30%,占百分之五,共20人,吸引了2万余人次观看,31个党组、835名在职党员,这是第十一次捐献';
  const es = recognizeNumericEntities(text);
  assert.deepEqual(brief(pick(es, '64.2万元')), { start: 6, end: 12, label: 'money', value: 642000, unit: '元' });
  assert.deepEqual(brief(pick(es, '1.2亿元')), { start: 15, end: 20, label: 'money', value: 120000000, unit: '元' });
  assert.deepEqual(brief(pick(es, '30%')), { start: 23, end: 26, label: 'percent', value: 30, unit: undefined });
  assert.deepEqual(brief(pick(es, '百分之五')), { start: 28, end: 32, label: 'percent', value: 5, unit: undefined });
  // Counts (a number and its measure word) are numbers, OntoNotes CARDINAL; ordinals are 第N alone.
  assert.deepEqual(brief(pick(es, '20人')), { start: 34, end: 37, label: 'number', value: 20, unit: '人' });
  assert.deepEqual(brief(pick(es, '2万余人次')), { start: 41, end: 46, label: 'number', value: 20000, unit: '人次' });
  assert.deepEqual(brief(pick(es, '31个')), { start: 49, end: 52, label: 'number', value: 31, unit: '个' });
  assert.deepEqual(brief(pick(es, '835名')), { start: 55, end: 59, label: 'number', value: 835, unit: '名' });
  assert.deepEqual(brief(pick(es, '第十一')), { start: 66, end: 69, label: 'ordinal', value: 11, unit: undefined });
});

test('《》 titles are works valued by the title', () => {
  const text = '印发《致广大离退休干部接种新冠疫苗的倡议书》和《通知》';
  const es = recognizeNumericEntities(text);
  assert.deepEqual(
    es.map((e) => [e.start, e.end, e.label, e.value]),
    [
      [2, 22, 'work', '致广大离退休干部接种新冠疫苗的倡议书'],
      [23, 27, 'work', '通知'],
    ],
  );
});

test('Chinese-numeral quantities need token boundaries; idiomatic 一 is not a number', () => {
  const text = '负责两个核酸检测点,冲向一线,第一时间报到,一起守护,统一部署,一刻都耽搁不得,守护千家万户,一名党员';
  const tokens = fakeTokens(
    text,
    '负责/v|两个/m|核酸/n|检测点/n|,/x|冲向/v|一线/m|,/x|第一/m|时间/n|报到/v|,/x|一起/m|守护/v|,/x|统一/vn|部署/v|,/x|一刻/m|都/d|耽搁/v|不得/v|,/x|守护/v|千家万户/i|,/x|一名/m|党员/n',
  );
  const es = recognizeRuleEntities(text, tokens, {});
  const numeric = es.filter((e) => ['number', 'ordinal', 'quantity', 'money', 'percent'].includes(e.label));
  assert.deepEqual(numeric.map(brief), [{ start: 2, end: 4, label: 'number', value: 2, unit: '个' }]);
  // Without tokens no Chinese-numeral count is produced at all.
  assert.equal(recognizeNumericEntities(text).filter((e) => e.label === 'number').length, 0);
});

test('digits inside product names and formulas are not numbers', () => {
  const es = recognizeNumericEntities('捐赠N95口罩180个,实现“1+1+N”模式');
  assert.deepEqual(es.map((e) => [e.text, e.label, e.value]), [['180个', 'number', 180]]);
});

test('formatNormalized renders values for hovers', () => {
  const anchor = { year: 2020, month: 9, day: 14, source: 'the dateline' };
  const es = recognizeNumericEntities('党费64.2万元,2万余人次,百分之五,第十一次,2022年9月16日,《通知》,去年,3—5人,零点六个百分点', { anchor });
  assert.deepEqual(
    es.map((e) => formatNormalized(e)),
    ['642,000 元 (CNY)', 'more than 20,000 人次', '5%', 'ordinal 11', '2022-09-16', '《通知》', '2019 (去年 → 2019, from the dateline 2020-09-14)', '3–5 人', '0.6 percentage points'],
  );
});
