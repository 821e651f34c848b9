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

test('a one-character part is enough when the two parts make three characters together', () => {
  assert.equal(repairText('这幅画后来由他的朋友休?芒罗收藏。' + CRAWLED).text, '这幅画后来由他的朋友休•芒罗收藏。\n負責人表示歡迎。');
  assert.equal(joiners('他请来了克里?斯的后人。').length, 1, 'two characters, then one');
  assert.deepEqual(joiners('张?三在这里。'), [], 'one and one are too few');
  assert.deepEqual(joiners('你说的是罗?不是'), [], 'nothing of the tables after the ?');
});

test('a part of three transcription characters is enough when any Han character stands on the other side', () => {
  // 衛 (David's 卫) and 翰 (John's) are conventional forms the syllable tables lack.
  assert.equal(repairText('球迷們都喜歡大衛?貝克漢姆。' + CRAWLED).text, '球迷們都喜歡大衛•貝克漢姆。\n負責人表示歡迎。');
  assert.equal(repairText('球迷们都喜欢大卫(wèi)?贝克汉姆。' + CRAWLED).text.split('\n')[0], '球迷们都喜欢大卫•贝克汉姆。', 'through an annotation');
  assert.equal(joiners('他的朋友约翰?克里斯托弗来了。').length, 1);
  assert.deepEqual(joiners('大卫?贝克来了。'), [], 'two characters against none of the tables are too few');
  assert.deepEqual(joiners('你认识谁?阿森纳的球员'), [], 'the clause asks');
});

const bullets = (text: string) => detectLostCharacters(text).filter((a) => a.detail?.from === 'bullet');

test('a ? that begins a line is a lost bullet, not a question mark', () => {
  const text = '新品的亮点如下：\n?屏幕更大\n  ?Wi-Fi 6 支持' + CRAWLED;
  const found = bullets(text);
  assert.equal(found.length, 2, 'at the line start and after indentation');
  assert.deepEqual(found[0].candidates, ['•', '▪', '►']);
  assert.equal(repairText(text).text, '新品的亮点如下：\n•屏幕更大\n  •Wi-Fi 6 支持\n負責人表示歡迎。');
});

test('a lost bullet is offered, not applied, where the text shows no sign of the crawler', () => {
  const text = '亮点如下：\n?屏幕更大';
  const [a] = bullets(text);
  assert.equal(a.autoFix, false);
  assert.equal(repairText(text).text, text);
});

test('no bullet for a ? alone on its line, a ? inside a line, or the misaligned pinyin form', () => {
  assert.deepEqual(bullets('他问：\n?\n然后走了。'), []);
  assert.deepEqual(bullets('真的吗?屏幕更大'), []);
  assert.deepEqual(bullets('?zhèn)鬟_學習'), [], '?pinyin) is a misaligned annotation');
  assert.deepEqual(bullets('??'), []);
});

test('a name lost its first character at the head of a line when another mention shows it', () => {
  // Two mentions: one that shares only the right side could be any word before 若瑄.
  const text = '演员徐若瑄昨天出席了活动，徐若瑄的新片下月上映。\n?若瑄表示很开心。' + CRAWLED;
  assert.deepEqual(bullets(text), []);
  const gap = detectLostCharacters(text).find((a) => a.start === text.indexOf('?若'));
  assert.equal(gap?.detail?.from, 'mention');
  assert.deepEqual(gap?.candidates, ['徐']);
});
