import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectArtifacts, repairText, summarizeArtifacts } from '../../../server/src/core/artifacts';
import { SEED, gold, goldArtifacts, seed } from './seeds';

test('repairText turns seeds 000 and 004 into the gold text exactly', () => {
  for (const name of [SEED.s000, SEED.s004]) {
    assert.equal(repairText(seed(name)).text, gold(name), name);
  }
});

test('every gold artifact is reported with its kind and UTF-16 offsets, and nothing else is', () => {
  const all = goldArtifacts();
  for (const name of [SEED.s000, SEED.s004]) {
    const text = seed(name);
    const expected = all.filter((g) => g.file === name);
    const found = detectArtifacts(text);
    const key = (kind: string, s: number, e: number) => `${kind}@${s}-${e}`;
    const foundKeys = new Set(found.map((a) => key(a.kind, a.start, a.end)));
    for (const g of expected) {
      assert.ok(foundKeys.has(key(g.kind, g.start_u16, g.end_u16)), `${name}: missing ${g.kind} "${g.broken}" at ${g.start_u16}`);
      assert.equal(text.slice(g.start_u16, g.end_u16), g.broken);
    }
    assert.equal(found.length, expected.length, `${name}: ${found.length} found, gold has ${expected.length}`);
    const byStart = new Map(found.map((a) => [a.start, a]));
    for (const g of expected) assert.equal(byStart.get(g.start_u16)!.candidates[0], g.replacement, `${name} @${g.start_u16}`);
  }
});

test('the eight broken GBK clusters of seeds 000 and 001 recover as candidates[0]', () => {
  const clusters = (name: string) =>
    detectArtifacts(seed(name))
      .filter((a) => a.kind === 'misaligned_pinyin')
      .map((a) => [seed(name).slice(a.start, a.end), a.candidates[0], a.autoFix]);
  assert.deepEqual(clusters(SEED.s000), [
    ['?zhèn)鬟_', '傳達', true],
    ['?lián)?dāng)', '擔當', true],
  ]);
  assert.deepEqual(clusters(SEED.s001), [
    ['?fù)?dān)', '擔', true],
    ['?lián)?dāng)', '擔當', true],
    ['?jīng)_', '沖', true],
    ['?qǐng)?bào)', '報', true],
    ['?lián)軐m?xiàng)', '撥專項', true],
    ['?fù)?dān)', '擔', true],
  ]);
});

test('cluster explanations name the GBK bytes and the split character', () => {
  const a = detectArtifacts(seed(SEED.s000)).find((x) => x.kind === 'misaligned_pinyin')!;
  assert.match(a.explanation, /E6 82 were read as 鎮 and \(zhèn\) was inserted inside 傳/);
  const vanished = detectArtifacts(seed(SEED.s000)).filter((x) => x.kind === 'misaligned_pinyin')[1];
  assert.match(vanished.explanation, /FA AE formed a private-use character/);
  assert.equal(vanished.detail?.vanished_pair, true);
});

test('seed 001 after repair has no pinyin annotation, no ?pinyin) and no injected comma left', () => {
  const fixed = repairText(seed(SEED.s001)).text;
  assert.doesNotMatch(fixed, /\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)/u);
  assert.doesNotMatch(fixed, /\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)/);
  assert.doesNotMatch(fixed, /,[,;，。、；]/);
  assert.ok(fixed.includes('勇挑重擔、沖鋒在前'));
  assert.ok(fixed.includes('堅持“日報告、日匯總”'));
  assert.ok(fixed.includes('緊急下撥專項黨費64.2萬元'));
  assert.ok(fixed.includes('旁山沖社區'));
  // Real parentheses survive; the editor stub lines at the end go.
  assert.ok(fixed.includes('江克美(左二)'));
  assert.ok(fixed.endsWith('(婁底市直機關工委 劉藝 王純芳 供稿)'));
});

test('repair is idempotent on seeds 000, 001 and 004', () => {
  for (const name of [SEED.s000, SEED.s001, SEED.s004]) {
    const once = repairText(seed(name)).text;
    const twice = repairText(once);
    assert.equal(twice.applied.length, 0, name);
    assert.equal(twice.text, once, name);
  }
});

test('clean seed 003 is left exactly as it is', () => {
  const text = seed(SEED.s003);
  assert.deepEqual(detectArtifacts(text), []);
  assert.equal(repairText(text).text, text);
});

test('seed 002 loses its page furniture but keeps the article and its metadata', () => {
  const text = seed(SEED.s002);
  const counts = summarizeArtifacts(detectArtifacts(text));
  assert.equal(counts.boilerplate_line, 52);
  assert.equal(counts.duplicate_paragraph, 1);
  const fixed = repairText(text).text;
  for (const gone of ['尊敬的用户', '网站不支持您所使用的浏览器版本', '您的位置', '加载中...', '刷新', '切换至语音验证码', '分享到', '关闭本页', 'Scan me!', '用户登录', '二维码便可将本文分享至朋友圈']) {
    assert.ok(!fixed.includes(gone), `still has ${gone}`);
  }
  for (const kept of ['四川省地方志办政工简讯2022年第36期(总第97期)', '来源:四川省地方志工作办公室 发布时间', '发挥党员先锋作用 助力成都疫情防控', '来源: 四川省地方志工作办公室', '终审:何晓波', '2024-07-08 15:44:44']) {
    assert.ok(fixed.includes(kept), `lost ${kept}`);
  }
  // The title line appears once, not twice.
  assert.equal(fixed.split('四川省地方志办政工简讯2022年第36期(总第97期)').length, 2);
});
