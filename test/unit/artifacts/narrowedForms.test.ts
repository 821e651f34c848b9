import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { repairText } from '../../../server/src/core/artifacts';
import { annotateAndDecode } from '../../crawlDamage';

// Forms NFKC narrowed inside and in front of a shifted run, in sentences written for this test:
// the crawler's text held full-width marks and GBK symbols whose bytes took part in the damage,
// but the damaged text shows their ASCII spelling.

test('a full-width comma in front of the damage lent its trail byte: `，數` read as 瑪 is recovered', () => {
  // ，數據 = A3 AC 94 B5 93 FE: 瑪 (AC 94) is annotated across the comma and 數.
  const clean = '他們說，數據顯示了這個結果。';
  const damaged = annotateAndDecode(clean, [['瑪', 'mǎ']]);
  assert.ok(damaged.includes(',?mǎ)'), damaged);
  assert.equal(repairText(damaged).text, clean.normalize('NFKC'));
});

test('a run through a small roman numeral (ⅰ, shown as i) is never repaired into simplified characters of another text', () => {
  // 鎮上 = E6 82 C9 CF: 偵 (82 C9) is annotated across them; 公寓、很 = B9 AB D4 A2 A1 A2 BA DC
  // reads AB D4 (user-defined, deleted), A2 A1 (ⅰ → i) and A2 BA (⒑ → 10.) out of step.
  const clean = '老人獨自住在鎮上老公寓、很少出門。';
  const damaged = annotateAndDecode(clean, [['偵', 'zhēn']]);
  assert.ok(damaged.includes('i10.'), damaged);
  const repaired = repairText(damaged).text;
  assert.ok(repaired === clean.normalize('NFKC') || repaired === damaged, `applied: ${repaired}`);
});
