// The article's own date, from sentences and headers written for this test.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findAnchor } from '../../../server/src/core/values/anchor';
import { ArticleAnalyzer } from '../../../server/src/core/analyzer';
import { recognizeRuleEntities } from '../../../server/src/core/entities';
import { fakeTokens } from '../entities/fakeTokens';

/** The rules and the anchor alone, one token per character: dates do not need the model. */
const rulesAnalyzer = () =>
  new ArticleAnalyzer({
    segmenter: { tag: (t: string) => fakeTokens(t, [...t].map((c) => `${c}/x`).join('|')) },
    recognizeRules: (t, tokens, ctx) => recognizeRuleEntities(t, tokens, ctx),
    findAnchor,
  });

test('a dateline with its year, or with the year of the date line under the title', () => {
  assert.deepEqual(findAnchor('新华社北京2019年3月8日电（记者张三）两会召开。'), { year: 2019, month: 3, day: 8, source: 'the dateline' });
  const page = '港口吞吐量创新高\n2020-09-14 10:02  来源：新华网\n新华社天津9月14日电 今年前八个月，天津港……';
  assert.deepEqual(findAnchor(page), { year: 2020, month: 9, day: 14, source: 'the dateline (year from the date line)' });
  assert.deepEqual(findAnchor('中新社香港十二月三日电 香港今天……', { date: '2018', source: 'the setting' }), { year: 2018, month: 12, day: 3, source: 'the dateline (year from the setting)' });
  // Traditional characters: the same dateline, the same date line under the title.
  assert.deepEqual(findAnchor('新華社北京2019年3月8日電（記者張三）兩會召開。'), { year: 2019, month: 3, day: 8, source: 'the dateline' });
  assert.deepEqual(findAnchor('發佈時間：2021-06-30 09:00\n正文……'), { year: 2021, month: 6, day: 30, source: 'the publication date' });
});

test('a sports wire dated by 北京时间, a labelled publication date, and a bare date line', () => {
  assert.equal(findAnchor('新浪体育讯 北京时间2011年5月2日，湖人队……')?.day, 2);
  assert.deepEqual(findAnchor('发布时间：2021-06-30 09:00\n正文……'), { year: 2021, month: 6, day: 30, source: 'the publication date' });
  assert.deepEqual(findAnchor('标题\n2017年11月05日 08:12\n正文'), { year: 2017, month: 11, day: 5, source: 'the date line' });
  assert.deepEqual(findAnchor('标题\n2017年11月05日 08:12 来源：人民网, 作者：张三\n正文'), { year: 2017, month: 11, day: 5, source: 'the date line' });
});

test("Taiwan's day-only dateline takes its month from the date it is given: the last such day on or before it", () => {
  const wire = '中央社台北28日电 行政院今（28）日通过明年度总预算案。';
  assert.equal(findAnchor(wire), undefined);
  assert.deepEqual(findAnchor(wire, { date: '2026-11-30', source: 'the setting' }), { year: 2026, month: 11, day: 28, source: 'the dateline (month from the setting)' });
  assert.deepEqual(findAnchor(wire, { date: '2026-12-02', source: 'the setting' }), { year: 2026, month: 11, day: 28, source: 'the dateline (month from the setting)' });
  assert.deepEqual(findAnchor(wire, { date: '2026', source: 'the setting' }), { year: 2026, month: undefined, day: undefined, source: 'the setting' });
});

test('a year mentioned in the story is never the article date; the fallback is used instead', () => {
  const story = '2008年的决赛令人难忘。4月12日，球队再次夺冠。';
  assert.equal(findAnchor(story), undefined);
  assert.deepEqual(findAnchor(story, { date: '2011-05-02', source: 'the setting' }), { year: 2011, month: 5, day: 2, source: 'the setting' });
  // A short paragraph that opens with a full date is a sentence of the story, not the date line under a title.
  const history = '国庆见闻\n今年的庆祝活动格外隆重。\n1949年10月1日，中华人民共和国成立。\n';
  assert.equal(findAnchor(history), undefined);
  assert.deepEqual(findAnchor(history, { date: '2026-11-28', source: 'the setting' }), { year: 2026, month: 11, day: 28, source: 'the setting' });
});

test('the analyzer completes dates from the dateline and passes the reference date as fallback', () => {
  const analyzer = rulesAnalyzer();
  const text = '市政府召开会议。去年，全市生产总值增长。';
  const plain = analyzer.analyzeDocument(text);
  assert.equal(plain.entities.find((e) => e.text === '去年')?.value, 'XXXX');
  const dated = analyzer.analyzeDocument(text, { date: '2020-09-14', source: 'the setting articleAnnotator.referenceDate' });
  const lastYear = dated.entities.find((e) => e.text === '去年')!;
  assert.equal(lastYear.value, '2019');
  assert.equal(lastYear.resolution, '去年 → 2019, from the setting articleAnnotator.referenceDate 2020-09-14');
});

test('a dateline without a year and nothing to give one: days and months resolve, years and weekdays do not', () => {
  const text = '新华社上海3月1日电（记者李四）市统计局1日发布数据。昨天下午，记者在浦东采访。上个月全市用电量增长，去年全年也有增长，本周三还将发布新数据。国庆节前后客流最多，三天前的会议已经作了部署。';
  assert.deepEqual(findAnchor(text), { month: 3, day: 1, source: 'the dateline' });
  const analyzer = rulesAnalyzer();
  const value = (s: string) => analyzer.analyzeDocument(text).entities.find((e) => e.text === s)?.value;
  assert.equal(value('3月1日'), 'XXXX-03-01');
  assert.equal(value('1日'), 'XXXX-03-01');
  assert.equal(value('上个月'), 'XXXX-02');
  assert.equal(value('国庆节'), 'XXXX-10-01');
  // The day before 1 March is 28 or 29 February, as the year decides.
  assert.equal(value('昨天下午'), 'XXXX-XX-XXTAF');
  assert.equal(value('三天前'), 'P3D');
  assert.equal(value('去年'), 'XXXX');
  assert.equal(value('本周三'), 'XXXX-WXX-3');
  const story = analyzer.analyzeDocument(text).entities.find((e) => e.text === '1日')!;
  assert.equal(story.resolution, '1日 → XXXX-03-01, from the dateline XXXX-03-01');
  // Where no day is in doubt, a relative day resolves.
  const later = analyzer.analyzeDocument('中新社北京11月26日电 昨晚，北京迎来初雪。');
  assert.equal(later.entities.find((e) => e.text === '昨晚')?.value, 'XXXX-11-25TEV');
});

test('a plain 元 is the New Taiwan dollar in an article that names it and never the renminbi', () => {
  const analyzer = rulesAnalyzer();
  const currency = (text: string) => analyzer.analyzeDocument(text).entities.find((e) => e.text === '约1200亿元')?.currency;
  assert.equal(currency('总预算达新台币3兆元，较今年增加约1200亿元。'), 'TWD');
  assert.equal(currency('较今年增加约1200亿元。'), 'CNY');
  assert.equal(currency('新台币与人民币汇率稳定，较今年增加约1200亿元。'), 'CNY');
  // A 元 of another currency named at once keeps it.
  assert.equal(analyzer.analyzeDocument('总预算达新台币3兆元，另有200美元。').entities.find((e) => e.text === '200美元')?.currency, 'USD');
});
