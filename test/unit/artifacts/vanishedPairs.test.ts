import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectArtifacts, repairText } from '../../../server/src/core/artifacts';
import { annotateAndDecode } from '../../crawlDamage';

// Deleted user-defined pairs inside a shifted run, in sentences written for this test. In each, a
// listed character's bytes straddle two characters (trail of one + lead of the next), and later
// in the shifted run a (trail, lead) pair falls in GBK's user-defined area, which the crawler's
// decoder deleted: two bytes gone that only the language model can bring back.

test('a deleted pair right before the byte that ends the run is recovered (接近羣 read as the rare 絫)', () => {
  // 們去 = 82 83 C8 A5: 內 (83 C8) is annotated across them; 近羣 = BD FC C1 74, FC C1 is user-defined.
  const clean = '工作隊員們去接近羣衆，聽取意見。';
  const damaged = annotateAndDecode(clean, [['內', 'nèi']]);
  assert.notEqual(damaged, clean.normalize('NFKC'));
  assert.equal(repairText(damaged).text, clean.normalize('NFKC'));
});

test('two deleted pairs in a row inside a run are found when the characters they hide fit the context (，而且)', () => {
  // 了國 = C1 CB 87 F8: 藝 (CB 87) is annotated across them; 人，而且 = C8 CB A3 AC B6 F8 C7 D2 loses AC B6 and F8 C7.
  const clean = '如今工人成了國家的主人，而且能參與管理。';
  const damaged = annotateAndDecode(clean, [['藝', 'yì']]);
  assert.notEqual(damaged, clean.normalize('NFKC'));
  const repaired = repairText(damaged);
  // Repaired exactly, or left for the user with the true reading among the offers: never another text applied.
  if (repaired.text !== clean.normalize('NFKC')) {
    assert.equal(repaired.text, damaged, 'a wrong reading was applied');
    const run = detectArtifacts(damaged).find((a) => a.kind === 'misaligned_pinyin');
    assert.ok(run?.candidates.includes('國家的主人,而且能參與'), `offers: ${run?.candidates.join(' | ')}`);
  }
});

test('the character after a deleted pair helps choose the one it hides (央 of 央行, rare after `，` alone)', () => {
  // 聞》 = C2 84 A1 B7: 劇 (84 A1) is annotated across them; 示，央行 = … A3 AC D1 EB D0 D0 loses AC D1.
  // Ranked in its left context alone, 想行 and 与行 kept 央 out of the few explanations tried.
  const clean = '據新聞》報道，央行昨日宣佈降息。';
  const damaged = annotateAndDecode(clean, [['劇', 'jù']]);
  assert.notEqual(damaged, clean.normalize('NFKC'));
  assert.equal(repairText(damaged).text, clean.normalize('NFKC'));
});

test('a full-width comma the converter put before 、 counts as injected when a deleted pair follows it (女士們、, not 女士們)、)', () => {
  // 士們 = CA BF 82 83: 總 (BF 82) is annotated across them; the converter's 們，、 = 82 83 A3 AC A1 A2
  // loses AC A1 (user-defined). Ranked as a comma followed by 、, the true pair was never tried.
  const clean = '尊敬的各位來賓，女士們、先生們大家下午好！\nwcg2009大賽今天開幕。';
  const damaged = annotateAndDecode(clean.replace('們、', '們，、'), [['總', 'zǒng']]);
  const run = detectArtifacts(damaged).find((a) => a.kind === 'misaligned_pinyin');
  assert.ok(run, damaged);
  assert.ok(run.candidates[0].startsWith('們、先生們大家下午好'), `offers: ${run.candidates.join(' | ')}`);
  assert.ok(repairText(damaged).text.startsWith('尊敬的各位來賓,女士們、先生們大家下午好'));
});

test('a deleted pair is looked for behind a character that reads well too (們生活, not 們深)', () => {
  // 們生活 = 82 83 C9 FA BB EE: 兩 (83 C9) is annotated across 們 and 生, and out of step FA BB
  // (user-defined) is deleted, so 深 (C9 EE) fits the bytes as well as 生活; 深 is likely after 們,
  // and only the characters after it say it is wrong. Sentences written for this test.
  const sentences = ['工廠搬走以後，村民們生活安定了許多。', '這些年來，老人們生活得越來越好。', '退休以後，他們生活很有規律。', '網購普及以後，市民們生活方便了不少。'];
  let exact = 0;
  for (const written of sentences) {
    const clean = written.normalize('NFKC');
    const damaged = annotateAndDecode(written, [['兩', 'liǎng']]);
    assert.ok(damaged.includes('?liǎng)'), damaged);
    const repaired = repairText(damaged).text;
    assert.ok(repaired === clean || repaired === damaged, `applied: ${repaired}`);
    if (repaired === clean) exact++;
  }
  assert.ok(exact >= 2, `${exact} of ${sentences.length} repaired`);
});

test('an annotated character right after a deleted pair tells which character the pair hid (接近毛澤東, not 接近，但澤東)', () => {
  // 近毛 = BD FC C3 AB: out of step FC C3 (user-defined) is deleted, and 毛 fits the bytes no better
  // than 公, 全 or the two deleted pairs of ，但; 澤 is annotated, so the byte after reads `?zé)`.
  // Its lead byte and reading name 澤, and 毛澤 decides. A sentence written for this test; each
  // straddled character before 接近 starts the run at another place (both outside GB2312, as the
  // converter's list is).
  const clean = '這部傳記力求接近毛澤東的本來面目。';
  for (const straddled of [['總', 'zǒng'], ['浟', 'yóu']] as [string, string][]) {
    const damaged = annotateAndDecode(clean, [straddled, ['澤', 'zé']]);
    assert.notEqual(damaged, clean.normalize('NFKC'));
    assert.equal(repairText(damaged).text, clean.normalize('NFKC'), damaged);
  }
});

test('an ASCII byte right after a deleted pair is the trail byte of the character that ends the run (，身體, not ｍ體)', () => {
  // ，身體 = A3 AC C9 ED F3 77: out of step AC C9 (user-defined) is deleted and the run ends with
  // 體's trail byte 77, read as `w`. Ranking the deleted pair's readings by the character after, that
  // `w` had been taken for a narrowed full-width ｗ, so ，身 lost to ｍ (A3 ED) or 馬. Sentences
  // written for this test, with straddled characters outside GB2312 starting the run.
  const cases: [string, [string, string]][] = [
    ['職工們同心同德，身體力行。', ['毠', 'jiā']],
    ['工人們同心同德，身體力行地推動改革。', ['藗', 'sù']],
    ['我們言傳身教，身體力行。', ['覀', 'yà']],
    ['我們言傳身教，身體力行。', ['冄', 'rǎn']],
    ['我們言傳身教，身體力行。', ['詡', 'xǔ']],
  ];
  for (const [written, straddled] of cases) {
    const clean = written.normalize('NFKC');
    const damaged = annotateAndDecode(written, [straddled]);
    assert.notEqual(damaged, clean);
    assert.equal(repairText(damaged).text, clean, damaged);
  }
});

test('a reading that stops before a later `?pinyin)` in its line does not pay for that damage’s letters (每個…每個)', () => {
  // 每個 = C3 BF 82 80: 總 (BF 82) is annotated across them, so each 每個 reads 每?zǒng)? (the 0x80 alone).
  // 個 ends the run at the second `?`, and its right context held the next 每?zǒng)?: scored as
  // text, those letters made a long shifted reading through both look better, and the line was left.
  // Sentences written for this test.
  for (const written of ['他認真對待每個細節和每個環節。', '每個人都有每個人的想法。', '學校的每個方面和每個層次都要改進。']) {
    const damaged = annotateAndDecode(written, [['總', 'zǒng']]);
    assert.notEqual(damaged, written);
    assert.equal(repairText(damaged).text, written.normalize('NFKC'), damaged);
  }
});
