import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectArtifacts, repairText } from '../../../server/src/core/artifacts';
import { annotateAndDecode } from '../../crawlDamage';

// The byte a broken pair swallowed at the end of a shifted run, in a sentence written for this
// test: the converter's ASCII comma goes right before `，。、；`, so a run that reaches it ends
// there, and the comma, injected anyway, goes with the repair.

test('a run that reaches the converter\'s comma before 。 ends in `?` that swallowed the comma', () => {
  // 我們明 = CE D2 82 83 C3 F7: 兠 (83 C3) is annotated across 們 and 明; the run stays out of
  // step to the injected `,` (2C), which the decoder swallowed with the trail byte of 面.
  const written = '我們明天早上在公司見面,。';
  const damaged = annotateAndDecode(written, [['兠', 'dōu']]);
  assert.ok(damaged.endsWith('?。'), damaged);
  assert.equal(repairText(damaged).text, '我們明天早上在公司見面。');
});

test('a swallowed comma that ends a run before 、 is not charged to the character before it (女士們, not 女士個)', () => {
  // 士們 = CA BF 82 C7: 總 (BF 82) is annotated across them; 們's trail C7 met the injected `,`.
  // The right context was scored after the comma, so 個 (82 80, a lone 0x80 that swallows
  // nothing) was applied although the model prefers 們 before 、.
  const written = '歡迎各位女士們,、先生們光臨。';
  const damaged = annotateAndDecode(written, [['總', 'zǒng']]);
  assert.ok(damaged.includes('?、'), damaged);
  // 傢 (no region's usual form of 家) came close after it until such forms cost more.
  const run = detectArtifacts(damaged).find((a) => a.kind === 'misaligned_pinyin');
  assert.equal(run?.candidates[0], '們');
  assert.equal(repairText(damaged).text, '歡迎各位女士們、先生們光臨。');
});
