import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectArtifacts, repairText } from '../../../server/src/core/artifacts';
import { annotateAndDecode } from '../../crawlDamage';

// Shifted runs in sentences written for these tests. A reading that puts a compatibility form in
// the original (㈥, which NFKC spells `(六)`; a full-width digit, which it makes `1`) cost nothing
// although the original text would have had to hold that form; and the readings of the `?` that
// ends a run were cut to the few best characters in their left context before the character
// after them was looked at.

test('a reading that needs a compatibility form in the original is charged for it', () => {
  const written = '記者昨天在書店買到那本《城市裏的燈塔》\n店員說這本書賣得很好。';
  // 在書店買 = D4 DA 95 F8 B5 EA D9 49: 跁 (DA 95) is annotated across 在 and 書; (F8 B5) is
  // user-defined and deleted, (EA D9) reads 曩 and `I` brings decoding back in step.
  const damaged = annotateAndDecode(written, [['跁', 'páo']]);
  assert.ok(damaged.includes('?páo)'), damaged);
  assert.equal(repairText(damaged).text, written);
});

test('a deleted user-defined pair before the closing `?` is ranked with the character after it', () => {
  const written = '他們把舊工廠改成了青年畫家的培訓基地,\n每年都有新人加入。';
  // 訓基地 = 8C 91 BB F9 B5 D8: 柣 (91 BB) annotated; (F9 B5) is user-defined and deleted, and
  // (D8 ,) ends the run as `?`. 基 alone is rare after 培訓, 基地 is not.
  const damaged = annotateAndDecode(written, [['柣', 'dié']]);
  const run = detectArtifacts(damaged).find((a) => a.kind === 'misaligned_pinyin');
  assert.ok(run, damaged);
  assert.ok(run.candidates.some((c) => c.startsWith('基地')), JSON.stringify(run.candidates));
});

test('the converter\'s full-width comma before a deleted pair is ranked as never there', () => {
  // 問，。 = 86 96 A3 AC A1 A3 with the converter's comma written full-width: 枺 (96 A3) is
  // annotated across 問 and the comma, (AC A1) is user-defined and deleted, and (A3, line break)
  // ends the run as `?`. Ranked after the comma, 。 looked unlikely and `,` was applied instead.
  const written = '這是他第一次來這個國家參觀訪問，。\n他很高興。';
  const damaged = annotateAndDecode(written, [['枺', 'mò']]);
  assert.ok(damaged.includes('?mò)?他'), damaged);
  assert.equal(repairText(damaged).text, '這是他第一次來這個國家參觀訪問。\n他很高興。');
});

test('a run that ends the text with `?` adds no line break after it', () => {
  // 當的景氣。 = AE 94 B5 C4 BE B0 9A E2 A1 A3: 數 (94 B5) is annotated across 當 and 的, and A3,
  // the last byte, is a lead byte alone at the end of the input: `?`. The decoder could also have
  // swallowed a final line break after it, but nothing asks for one.
  const written = '這部新片上映三天,為影市注入了相當的景氣。';
  const damaged = annotateAndDecode(written, [['數', 'shuò']]);
  assert.ok(damaged.endsWith('?shuò)木皻狻?'), damaged);
  assert.equal(repairText(damaged).text, written);
});
