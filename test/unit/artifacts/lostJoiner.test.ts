// A `?` where the crawl lost the dot of a transliterated name (GBK has no U+2022): sentences
// written for this test, not taken from the seeds or the evaluation text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { repairText } from '../../../server/src/core/artifacts';
import { detectLostCharacters } from '../../../server/src/core/artifacts/lostCharacter';

const joiners = (text: string) => detectLostCharacters(text).filter((a) => a.detail?.from === 'joiner');

test('a ? between two parts of a transliterated name is the lost dot, in simplified or traditional text', () => {
  assert.equal(repairText('据报道，迈克尔?乔丹昨天出席了发布会。').text, '据报道，迈克尔•乔丹昨天出席了发布会。');
  assert.equal(repairText('據報道，邁克爾?喬丹昨天出席了發布會。').text, '據報道，邁克爾•喬丹昨天出席了發布會。');
  const [a] = joiners('球队签下了斯蒂芬?库里。');
  assert.deepEqual(a.candidates, ['•', '‧', '・'], 'the other dots GBK cannot hold are offered too');
  assert.equal(a.autoFix, true);
});

test('pinyin the crawler injected around the ? does not hide the name parts', () => {
  const damaged = '导演克(kè)里斯(sī)?诺兰(lán)的新片上映。';
  assert.equal(joiners(damaged).length, 1);
  assert.equal(repairText(damaged).text, '导演克里斯•诺兰的新片上映。');
});

test('no dot where the parts are not both names of the transcription tables, or the clause asks', () => {
  assert.deepEqual(joiners('张?三在这里。'), [], 'one character on each side');
  assert.deepEqual(joiners('他是中国?人在哪'), [], 'not transcription characters');
  assert.deepEqual(joiners('你去过阿根廷吗?巴西呢'), [], 'a question mark after a question');
  assert.deepEqual(joiners('迈克尔?'), [], 'nothing after the ?');
});
