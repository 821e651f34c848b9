import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import {
  applyArtifacts,
  detectArtifacts,
  detectLocalArtifacts,
  repairText,
  setWordFrequency,
  summarizeArtifacts,
  type Artifact,
} from '../../../server/src/core/artifacts';
import { SEED, seed } from './seeds';
import { annotateAndDecode } from '../../crawlDamage';

const spans = (text: string, arts: Artifact[]) => arts.map((a) => [a.kind, text.slice(a.start, a.end), a.candidates[0], a.autoFix]);

test('pinyin annotations go only when the reading belongs to the character before', () => {
  const text = '防控就是責(zé)任,見微博(blog)和(微博)(图)長(zhǎng)調(diào)她(ma)行(zé)';
  assert.deepEqual(spans(text, detectArtifacts(text)), [
    ['pinyin_annotation', '(zé)', '', true],
    ['pinyin_annotation', '(zhǎng)', '', true],
    ['pinyin_annotation', '(diào)', '', true],
  ]);
  assert.equal(repairText(text).text, '防控就是責任,見微博(blog)和(微博)(图)長調她(ma)行(zé)');
});

test('a reading inserted after an ASCII letter is removed when the letter and the byte before it make the read character', () => {
  // 但 = B5 AB and C = 43: AB 43 is 獵 (liè); 牙 = D1 C0 and u = 75: C0 75 is 纔 (cái).
  assert.equal(repairText('效果很好,但C(liè)W中依然有前景').text, '效果很好,但CW中依然有前景');
  assert.equal(repairText('他將代表西班牙u(cái)21國家隊').text, '他將代表西班牙u21國家隊');
  // Another reading, a word in Latin letters, or no Chinese character before: left alone.
  for (const text of ['但C(zhōng)W中', '用Windows(chuāng)系統', 'C(liè)W', '第3(sān)名']) assert.equal(repairText(text).text, text, text);
});

test('a reading inserted after an ASCII letter behind a full-width mark that NFKC narrowed is removed too', () => {
  // ， = A3 AC and F = 46: AC 46 is 現 (xiàn). A sentence of mine, damaged by the crawler's own pass.
  const damaged = annotateAndDecode('他贏得了冠軍，Faker也來了', [['現', 'xiàn']]);
  assert.equal(damaged, '他贏得了冠軍,F(xiàn)aker也來了');
  assert.equal(repairText(damaged).text, '他贏得了冠軍,Faker也來了');
  // Another reading after the mark, or a mark with no such pair: left alone.
  for (const text of ['冠軍,F(xīn)aker', '冠軍!F(xiàn)aker']) assert.equal(repairText(text).text, text, text);
});

test('a reading inserted after an ASCII letter behind a character annotated later is removed too', () => {
  // 屬 = 8C 99 and r = 72: 99 72 is 賠 (péi). The pass annotated that pair, then 屬 itself, whose
  // reading now stands between them. A sentence of mine, damaged by the crawler's own pass.
  const damaged = annotateAndDecode('這次最受關注的當屬rbs銀行的決定', [['賠', 'péi'], ['屬', 'zhǔ']]);
  assert.equal(damaged, '這次最受關注的當屬(zhǔ)r(péi)bs銀行的決定');
  assert.equal(repairText(damaged).text, '這次最受關注的當屬rbs銀行的決定');
  // A reading after an annotation that is not the pair's, or after a closing bracket of the text: left alone.
  for (const text of ['當屬(zhǔ)r(xiàn)bs', '見附件(圖)r(péi)bs']) assert.equal(repairText(text).text, text.replace('(zhǔ)', ''), text);
});

test('injected commas are removed, legitimate commas are not', () => {
  const text = '命令,,防控就是責任,。市委,、市政府,措施,;a,,b 1,2 x,;y 好,“說”';
  assert.deepEqual(spans(text, detectArtifacts(text)), [
    ['extra_comma', ',', '', true],
    ['extra_comma', ',', '', true],
    ['extra_comma', ',', '', true],
    ['extra_comma', ',', '', true],
  ]);
  assert.equal(repairText(text).text, '命令,防控就是責任。市委、市政府,措施;a,,b 1,2 x,;y 好,“說”');
  assert.deepEqual(detectArtifacts('一,,,二'), []);
  // Brackets, symbols and a pinyin annotation whose `(` a broken byte swallowed sit between the
  // pair and the Chinese text at a line end; ASCII data with spaces or commas around stays.
  for (const [damaged, clean] of [
    ['見地圖搜索),,\n', '見地圖搜索),\n'],
    ['票房收入600萬$,,\n', '票房收入600萬$,\n'],
    ['處於劣勢?shì),,', '處於劣勢?shì),'],
    ['他喜歡玩DOTA],,\n', '他喜歡玩DOTA],\n'],
    ['列表 a),,\n', '列表 a),,\n'],
    // A list of Latin words whose full-width commas NFKC made ASCII is Chinese punctuation too:
    // the pair is the converter's wherever it sits in the list.
    ['坐標取值為x,y),,\n', '坐標取值為x,y),\n'],
    ['課程涵蓋HTML,CSS,,JavaScript等內容', '課程涵蓋HTML,CSS,JavaScript等內容'],
    ['他們使用的語言有,Go,,\n', '他們使用的語言有,Go,\n'],
    ['參數 HTML,CSS,,JS 列表', '參數 HTML,CSS,,JS 列表'],
  ]) {
    assert.equal(detectArtifacts(damaged).filter((a) => a.kind === 'extra_comma').length, damaged === clean ? 0 : 1, damaged);
    if (damaged !== clean) assert.equal(applyArtifacts(damaged, detectArtifacts(damaged).filter((a) => a.kind === 'extra_comma')), clean);
  }
});

test('boilerplate: built-in lines in either script, user patterns, and the first line', () => {
  // The second paragraph keeps the page furniture under half of the Chinese text, as repairText's
  // fix-all limit (fixAllLimit.ts) requires for the repair to be made.
  const text = '尊敬的用户,您好!\n標題\n>>我要舉報\n正文第一段。\n正文第二段写得长一些。\n責(zé)編:admin\n刷新\n正文:刷新页面后再看。\n#ad 广告';
  const found = detectArtifacts(text, { boilerplatePatterns: ['^#ad\\b', '('] });
  assert.deepEqual(
    found.map((a) => text.slice(a.start, a.end)),
    ['尊敬的用户,您好!\n', '\n>>我要舉報', '\n責(zé)編:admin', '\n刷新', '\n#ad 广告'],
  );
  assert.equal(repairText(text, { boilerplatePatterns: ['^#ad\\b'] }).text, '標題\n正文第一段。\n正文第二段写得长一些。\n正文:刷新页面后再看。');
  assert.deepEqual(detectArtifacts(text, { disabled: ['boilerplate_line'] }).map((a) => a.kind), ['pinyin_annotation']);
});

test('a repeated paragraph is reported at its later copy; short repeated lines are not', () => {
  const para = '市直機關工委第一時間將604名黨員志願者派往45個社區,指導成立了臨時黨支部。';
  const text = `小標題\n${para}\n小標題\n另一段文字。\n${para}`;
  assert.deepEqual(spans(text, detectArtifacts(text)), [['duplicate_paragraph', `\n${para}`, '', true]]);
});

test('U+FFFD and ? between Han characters are suggestions only; real question marks stay', () => {
  const text = '經濟發\uFFFD展很快,曹?推斷吳軍。你去哪?他說。這是為什麼?我們不知道。';
  const found = detectArtifacts(text);
  assert.deepEqual(
    found.map((a) => [a.kind, text.slice(a.start, a.end), a.autoFix]),
    [
      ['replacement_char', '\uFFFD', false],
      ['question_mark_gap', '?', false],
    ],
  );
  // No other mention of the name: the character is unknown, not a word that happens to fit.
  assert.deepEqual(found[1].candidates, ['〓']);
  assert.equal(repairText(text).text, text);
});

test('a lost character in a name comes from another mention; without one every occurrence is flagged and none is guessed', () => {
  const withMention = '林書瑄昨天抵達。記者見到林書?,她說很好。大家問林書?怎麼看?\n林書?笑了。';
  const found = detectArtifacts(withMention).filter((a) => a.kind === 'question_mark_gap');
  assert.equal(found.length, 3);
  assert.ok(found.every((a) => a.candidates[0] === '瑄' && a.autoFix));
  assert.equal(repairText(withMention).text, withMention.replace(/林書\?/g, '林書瑄'));

  const without = '記者見到林書?,她說很好。大家問林書?怎麼看?\n林書?笑了。';
  const lost = detectArtifacts(without).filter((a) => a.kind === 'question_mark_gap');
  assert.equal(lost.length, 3);
  assert.ok(lost.every((a) => !a.autoFix && a.candidates.join() === '〓'));
  assert.equal(repairText(without).text, without);
});

test('a lost character is taken from mentions that share only its right side when the name repeats, not from one common word', () => {
  // One other 她介紹 is a pronoun before a common verb, not a mention of the name 李?.
  const once = '主任李?介紹了情況。\n隨後由她介紹新規定。';
  const gap = detectArtifacts(once).filter((a) => a.kind === 'question_mark_gap');
  assert.equal(gap.length, 1);
  assert.ok(!gap[0].autoFix && gap[0].candidates.join() === '〓', JSON.stringify(gap[0]));
  assert.equal(repairText(once).text, once);
  // The lost first character of a name mentioned twice more in full is that name's.
  const repeated = '演員?曉琪昨天到場。白曉琪說她很高興。後來白曉琪還唱了歌。';
  assert.equal(repairText(repeated).text, repeated.replace('?', '白'));
});

test('UTF-8 read as GBK is decoded back, with a dropped final byte guessed from the words around it', () => {
  const garble = (s: string) => iconv.decode(Buffer.from(s, 'utf8'), 'gbk');
  assert.equal(garble('发布'), '鍙戝竷');
  assert.equal(repairText(`網站${garble('发布')}了通知`).text, '網站发布了通知');
  const lossy = `x ${garble('新闻中心，欢迎访问。')} y`;
  const a = detectArtifacts(lossy);
  assert.deepEqual(spans(lossy, a).map((s) => s.slice(0, 1).concat(s.slice(2))), [['utf8_as_gbk', '新闻中心，欢迎访问。', false]]);
  assert.match(a[0].explanation, /UTF-8 read as GBK/);
});

test('UTF-8 and GBK read as Latin-1 are decoded back; accented European text is not touched', () => {
  assert.equal(repairText('x ä¸­æ–‡ y').text, 'x 中文 y');
  assert.equal(repairText('x ÖÐÎÄ y').text, 'x 中文 y');
  assert.equal(repairText(`x ${iconv.decode(iconv.encode('记者张三报道', 'gbk'), 'latin1')} y`).text, 'x 记者张三报道 y');
  assert.equal(repairText('Ã©tÃ©').text, 'été');
  const european = 'café naïve ÉLÈVE «Été» Straße 10°C ±5 ×2 µm Ça va? Ålesund Øre';
  assert.deepEqual(detectArtifacts(european), []);
  // Windows-1252 has no character for 8F: the byte comes back from the words around it.
  const lost = detectArtifacts('x å\uFFFD‘å¸ƒ y');
  assert.deepEqual(spans('x å\uFFFD‘å¸ƒ y', lost), [['utf8_as_latin1', 'å\uFFFD‘å¸ƒ', '发布', false]]);
});

test('HTML entities and tags, invisible, private-use and control characters', () => {
  const text = '发&#23637;&nbsp;&amp;<br/><p class="x">段\u200b落</p>AT&T a<b 1<5>\ufeff😀\u200d😀\ue000\u0007';
  assert.deepEqual(spans(text, detectArtifacts(text)), [
    ['html_entity', '&#23637;', '展', true],
    ['html_entity', '&nbsp;', ' ', true],
    ['html_entity', '&amp;', '&', true],
    ['html_tag', '<br/>', '', true],
    ['html_tag', '<p class="x">', '', true],
    ['zero_width', '\u200b', '', true],
    ['html_tag', '</p>', '', true],
    ['zero_width', '\ufeff', '', true],
    ['private_use', '\ue000', '', false],
    ['control_char', '\u0007', '', true],
  ]);
  assert.equal(repairText(text).text, '发展 &段落AT&T a<b 1<5>😀\u200d😀\ue000');
});

test('a paragraph alone gives the same local artifacts as inside its document', () => {
  for (const name of Object.values(SEED)) {
    const text = seed(name);
    const whole = detectLocalArtifacts(text);
    let offset = 0;
    const pieced: Artifact[] = [];
    for (const line of text.split('\n')) {
      for (const a of detectLocalArtifacts(line)) pieced.push({ ...a, start: a.start + offset, end: a.end + offset });
      offset += line.length + 1;
    }
    assert.deepEqual(pieced, whole, name);
    // detectArtifacts adds only line kinds (and drops what those lines contain).
    const local = new Set(whole.map((a) => `${a.start}`));
    for (const a of detectArtifacts(text)) {
      if (a.kind !== 'boilerplate_line' && a.kind !== 'duplicate_paragraph') assert.ok(local.has(`${a.start}`), `${name} ${a.kind}@${a.start}`);
    }
  }
});

test('disabled kinds are not reported', () => {
  const text = seed(SEED.s000);
  const counts = summarizeArtifacts(detectArtifacts(text, { disabled: ['extra_comma', 'misaligned_pinyin'] }));
  assert.equal(counts.extra_comma, 0);
  assert.equal(counts.misaligned_pinyin, 0);
  assert.equal(counts.pinyin_annotation, 136);
  assert.equal(counts.boilerplate_line, 1);
});

test('the word list that ranks broken clusters can be replaced', () => {
  const cluster = '努力踐行“強省會、勇?lián)?dāng)、走在前”';
  try {
    // A fake that knows only 据当 makes 據當 the preferred reading of the same bytes.
    setWordFrequency((w) => (w === '据当' ? 1000 : 0));
    const fake = detectArtifacts(cluster).find((a) => a.kind === 'misaligned_pinyin')!;
    assert.equal(fake.candidates[0], '據當');
    assert.ok((fake.detail?.n_candidates as number) > 1);
    setWordFrequency((w) => ({ 担当: 500, 据: 19000, 当: 42000 })[w] ?? 0);
    assert.equal(detectArtifacts(cluster).find((a) => a.kind === 'misaligned_pinyin')!.candidates[0], '擔當');
  } finally {
    setWordFrequency(undefined);
  }
  assert.equal(detectArtifacts(cluster).find((a) => a.kind === 'misaligned_pinyin')!.candidates[0], '擔當');
});

test('summarizeArtifacts counts every kind, zeros included', () => {
  const counts = summarizeArtifacts(detectArtifacts(seed(SEED.s004)));
  assert.equal(counts.pinyin_annotation, 76);
  assert.equal(counts.extra_comma, 96);
  assert.equal(counts.html_tag, 0);
  assert.equal(Object.keys(counts).length, 15);
});

test('a digit swallowed by the decoder is never guessed: every digit is offered and none applied', () => {
  // 績為 = BF 83 9E E9: 83 9E is 優 (yōu), so (yōu) split 為, and its second byte E9 took the 2 after it.
  const damaged = annotateAndDecode('球隊本季的成績為2勝3平', [['優', 'yōu']]);
  assert.equal(damaged, '球隊本季的成績?yōu)?勝3平');
  const run = detectArtifacts(damaged).find((a) => a.kind === 'misaligned_pinyin');
  assert.ok(run);
  assert.equal(run.autoFix, false);
  for (let d = 0; d <= 9; d++) assert.ok(run.candidates.includes(`為${d}`), `為${d}`);
  assert.match(run.explanation, /digit was swallowed/);
  assert.equal(repairText(damaged).text.includes('?yōu)?'), true, 'fix-all leaves the run for the annotator');
});

test('a digit swallowed at the end of a long shifted run is offered as every digit too', () => {
  // The same split of 為, but the run stays out of step over five characters before the digit
  // that the last one's orphan byte took with it.
  const damaged = annotateAndDecode('他的成績為全隊最好的2場比賽', [['優', 'yōu']]);
  assert.ok(damaged.endsWith('?場比賽'), damaged);
  const run = detectArtifacts(damaged).find((a) => a.kind === 'misaligned_pinyin');
  assert.ok(run);
  assert.equal(run.autoFix, false);
  const first = Array.from(run.candidates[0]);
  assert.match(first[first.length - 1], /[0-9]/);
  for (let d = 0; d <= 9; d++) assert.ok(run.candidates.includes(first.slice(0, -1).join('') + d), `…${d}`);
  assert.match(run.explanation, /digit was swallowed/);
  assert.doesNotMatch(run.explanation, /\uFFFD/);
});
