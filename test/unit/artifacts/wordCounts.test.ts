import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { WordCounts } from '../../../server/src/core/artifacts/wordCounts';

test('WordCounts answers like a Map filled line by line: last frequency wins, zero and malformed lines are left out', () => {
  const dict = ['苹果 300 n', '香蕉 0 n', '葡萄 12', '苹果 450 n', '', 'no-frequency-line', '𠀀字 7 n', ' 5 x', '桔 9 n'].join('\n');
  const counts = new WordCounts(dict);
  assert.equal(counts.get('苹果'), 450);
  assert.equal(counts.get('葡萄'), 12);
  assert.equal(counts.get('香蕉'), undefined);
  assert.equal(counts.get('𠀀字'), 7);
  assert.equal(counts.get('桔'), 9);
  assert.equal(counts.get('苹'), undefined);
  assert.equal(counts.get('苹果树'), undefined);
  assert.equal(counts.get(''), undefined);
  assert.deepEqual([...counts.keys()], ['苹果', '葡萄', '𠀀字', '桔']);
  assert.equal(counts.size, 4);
});

test("WordCounts agrees with a Map on every word of jieba's dictionary", () => {
  const text = fs.readFileSync(JiebaSegmenter.dictionaryPath(), 'utf8');
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [word, freq] = line.split(' ');
    if (word && Number(freq) > 0) map.set(word, Number(freq));
  }
  const counts = new WordCounts(text);
  assert.equal(counts.size, map.size);
  for (const [word, freq] of map) if (counts.get(word) !== freq) assert.fail(`${word}: ${counts.get(word)} ≠ ${freq}`);
  assert.deepEqual([...counts.keys()], [...map.keys()]);
});
