import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { repairText } from '../../../server/src/core/artifacts';
import { annotateAndDecode } from '../../crawlDamage';

// How the character model ranks readings of a shifted run, in a sentence written for this test.

test('a rare character reaching a seen trigram does not beat a common word whose next trigram is unseen (生意。也, not 赦。也)', () => {
  // 們在 = 82 83 D4 DA: 冊 (83 D4) is annotated across them. 生意。 = C9 FA D2 E2 A1 A3 reads FA D2
  // (user-defined, deleted) out of step, so 生意 and the single 赦 (C9 E2) both fit the bytes.
  const clean = '小販們在路邊做起了生意。也有人在附近開店。';
  const damaged = annotateAndDecode(clean, [['冊', 'cè']]);
  const repaired = repairText(damaged).text;
  assert.ok(!repaired.includes('赦'), repaired);
  assert.ok(repaired === clean || repaired === damaged, `applied: ${repaired}`);
});
