import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseChineseNumber } from '../../../server/src/core/entities';

test('parseChineseNumber reads Chinese, Arabic and mixed numerals', () => {
  const table: [string, number][] = [
    ['两', 2],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['一百零五', 105],
    ['一千二百三十四', 1234],
    ['三万五千', 35000],
    ['一万二', 12000],
    ['两亿', 200000000],
    ['2万余', 20000],
    ['2萬余', 20000],
    ['64.2万', 642000],
    ['416.54万', 4165400],
    ['3.5亿', 350000000],
    ['1200多', 1200],
    ['百分之五', 5],
    ['千分之五', 0.5],
    ['二〇二二', 2022],
    ['１２', 12],
  ];
  for (const [s, v] of table) assert.equal(parseChineseNumber(s), v, s);
});

test('parseChineseNumber rejects ranges and non-numbers', () => {
  for (const s of ['一两', '三四', '万', '', 'abc', '十十']) assert.equal(parseChineseNumber(s), undefined, s);
});
