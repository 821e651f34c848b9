// A `?` where the crawl lost the dot of a transliterated name (GBK has no U+2022): sentences
// written for this test, not taken from the seeds or the evaluation text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { repairText } from '../../../server/src/core/artifacts';
import { detectLostCharacters } from '../../../server/src/core/artifacts/lostCharacter';

const joiners = (text: string) => detectLostCharacters(text).filter((a) => a.detail?.from === 'joiner');

// A line the crawler's pinyin pass went through, so the document shows its damage.
const CRAWLED = '\n負(fù)責(zé)人表示歡迎。';

test('a ? between two parts of a transliterated name is the lost dot, in simplified or traditional text', () => {
  assert.equal(repairText('据报道，迈克尔?乔丹昨天出席了发布会。' + CRAWLED).text, '据报道，迈克尔•乔丹昨天出席了发布会。\n負責人表示歡迎。');
  assert.equal(repairText('據報道，邁克爾?喬丹昨天出席了發布會。' + CRAWLED).text, '據報道，邁克爾•喬丹昨天出席了發布會。\n負責人表示歡迎。');
  const [a] = joiners('球队签下了斯蒂芬?库里。' + CRAWLED);
  assert.deepEqual(a.candidates, ['•', '‧', '・'], 'the other dots GBK cannot hold are offered too');
  assert.equal(a.autoFix, true);
});

test('in a text with no other sign of the crawler the dot is offered, not applied by fix-all', () => {
  const text = '据报道，迈克尔?乔丹昨天出席了发布会。';
  const [a] = joiners(text);
  assert.deepEqual(a.candidates, ['•', '‧', '・']);
  assert.equal(a.autoFix, false);
  assert.equal(repairText(text).text, text);
});

test('pinyin the crawler injected around the ? does not hide the name parts', () => {
  const damaged = '球員喬(qiáo)丹?貝(bèi)克的新合同。';
  assert.equal(joiners(damaged).length, 1);
  assert.equal(repairText(damaged).text, '球員喬丹•貝克的新合同。');
});

test('no dot where the parts are not both names of the transcription tables, or the clause asks', () => {
  assert.deepEqual(joiners('张?三在这里。'), [], 'one character on each side');
  assert.deepEqual(joiners('他是中国?人在哪'), [], 'not transcription characters');
  assert.deepEqual(joiners('你去过阿根廷吗?巴西呢'), [], 'a question mark after a question');
  assert.deepEqual(joiners('迈克尔?'), [], 'nothing after the ?');
});
