// 当天, 次日, 同年, 当月 take the date of the last mention that names one, across the whole document.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArticleAnalyzer } from '../../../server/src/core/analyzer';
import { splitChunks } from '../../../server/src/core/chunks';
import { anchorAnaphoricDates } from '../../../server/src/core/values/anaphoricDates';
import { recognizeTimex } from '../../../server/src/core/values/timex';
import type { Entity } from '../../../server/src/core/types';
import { charSegmenter } from '../../charSegmenter';

const ANCHOR = { year: 2026, month: 11, day: 28, source: 'the setting' };
const dates = (text: string, anchor = ANCHOR): [string, Entity['value']][] =>
  anchorAnaphoricDates(text, recognizeTimex(text, anchor), anchor).map((e) => [e.text, e.value]);

test('an anaphoric day takes the day of the date before it, not the article’s', () => {
  assert.deepEqual(dates('1949年10月1日，中华人民共和国成立。当天下午，北京举行开国大典。'), [
    ['1949年10月1日', '1949-10-01'],
    ['当天下午', '1949-10-01TAF'],
  ]);
});

test('次日, 第二天 and 前一天 count from the last day named, each in turn', () => {
  assert.deepEqual(dates('11月3日，代表团抵达。次日上午举行会谈，当晚举行宴会。', { year: 2025, month: 12, day: 1, source: 'the dateline' }), [
    ['11月3日', '2025-11-03'],
    ['次日上午', '2025-11-04TMO'],
    ['当晚', '2025-11-04TEV'],
  ]);
  assert.deepEqual(dates('2月28日，会议开幕。第二天闭幕。前一天，代表报到。', { year: 2024, month: 3, day: 5, source: 'the dateline' }), [
    ['2月28日', '2024-02-28'],
    ['第二天', '2024-02-29'],
    ['前一天', '2024-02-28'],
  ]);
});

test('without a date before it, an anaphoric day is the article’s; without either it stays unknown', () => {
  assert.deepEqual(dates('当天下午，国务院召开会议。'), [['当天下午', '2026-11-28TAF']]);
  assert.deepEqual(
    anchorAnaphoricDates('当天下午，国务院召开会议。', recognizeTimex('当天下午，国务院召开会议。', undefined), undefined).map((e) => e.value),
    ['XXXX-XX-XXTAF'],
  );
});

test('a bare part of the day names no day, and a habit leaves 第二天 unknown', () => {
  // The second 晚上 names no day: 第二天 after it is still the day after the 3rd. In its sentence,
  // after 3日, it is the 3rd's evening; in the next sentence the article's.
  assert.deepEqual(dates('3日晚上抵达，晚上休息，第二天出发。晚上下雨。'), [
    ['3日晚上', '2026-11-03TEV'],
    ['晚上', '2026-11-03TEV'],
    ['第二天', '2026-11-04'],
    ['晚上', '2026-11-28TEV'],
  ]);
  assert.deepEqual(dates('他每天早上出门，晚上准备第二天的饭菜。'), [
    ['早上', '2026-11-28TMO'],
    ['晚上', '2026-11-28TEV'],
    ['第二天', 'XXXX-XX-XX'],
  ]);
});

test('the document analysis completes anaphoric days across chunks, with a resolution for the hover', () => {
  const analyzer = new ArticleAnalyzer({
    segmenter: charSegmenter,
    recognizeRules: (t, _tokens, ctx) => recognizeTimex(t, ctx.anchor),
    findAnchor: () => ANCHOR,
  });
  const text = '2025年5月4日，大会开幕。\n\n代表们发言。\n\n次日，大会闭幕。';
  assert.ok(splitChunks(text).length > 1);
  const e = analyzer.analyzeDocument(text).entities.find((x) => x.text === '次日')!;
  assert.equal(e.value, '2025-05-05');
  assert.equal(e.resolution, '次日 → 2025-05-05, from 2025年5月4日');
});

test('同年, 次年, 当月, 次月 take the year or month of the last mention that names one', () => {
  assert.deepEqual(dates('2019年3月，他加入公司。同年8月升任经理。当月公司亏损，次月重组。次年，他离职。翌年春天回国。'), [
    ['2019年3月', '2019-03'],
    ['同年8月', '2019-08'],
    ['当月', '2019-08'],
    ['次月', '2019-09'],
    ['次年', '2020'],
    ['翌年春天', '2021-SP'],
  ]);
  // 12月 and 次月: the month after is in the next year.
  assert.deepEqual(dates('2020年12月，工程开工，次月完工。'), [
    ['2020年12月', '2020-12'],
    ['次月', '2021-01'],
  ]);
  // With no mention before them, a month or year word stays unknown (当年 alone is often "back then").
  assert.deepEqual(dates('当年，他是一名教师。同年8月，他调走了。'), [
    ['当年', 'XXXX'],
    ['同年8月', 'XXXX-08'],
  ]);
  // A month named after the last day: 当天 is a day of that month, unknown; 次年 counts from it.
  assert.deepEqual(dates('同年8月，他升任经理。2019年8月，他升任经理。当天下午开会。次年离职。'), [
    ['同年8月', 'XXXX-08'],
    ['2019年8月', '2019-08'],
    ['当天下午', 'XXXX-XX-XXTAF'],
    ['次年', '2020'],
  ]);
  // 今年 in the article's own year moves nothing: 当天 is still the article's day.
  assert.deepEqual(dates('今年以来，经济回升。当天下午召开会议。'), [
    ['今年以来', '2026'],
    ['当天下午', '2026-11-28TAF'],
  ]);
  assert.deepEqual(dates('2010年，他去了北京。当年，那里还很冷清。'), [
    ['2010年', '2010'],
    ['当年', 'XXXX'],
  ]);
});

test('a time of day that names no day takes the day named earlier in its sentence', () => {
  assert.deepEqual(dates('当地时间26日上午10时（北京时间17时），峰会开幕。下午3时闭幕。'), [
    ['26日上午10时', '2026-11-26T10:00'],
    ['17时', '2026-11-26T17:00'],
    ['下午3时', '2026-11-28T15:00'],
  ]);
  const undated = '26日上午10时（北京时间17时）开幕。';
  assert.deepEqual(anchorAnaphoricDates(undated, recognizeTimex(undated, undefined), undefined).map((e) => e.value), ['XXXX-XX-26T10:00', 'XXXX-XX-26T17:00']);
});
