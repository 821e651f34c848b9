// The variant forms the shifted-run repair doubts are exactly those OpenCC never writes: derived
// again here from opencc-js's own tables, so the list in the product cannot drift from them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { UNUSUAL_VARIANTS } from '../../../server/src/core/artifacts/variantForms';
import { repairText } from '../../../server/src/core/artifacts';
import { annotateAndDecode } from '../../crawlDamage';

function table(name: string): string[][] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const d = require(`opencc-js/dict/${name}`);
  return ((d.default ?? d) as string).split('|').map((e) => e.split(' '));
}

export function deriveUnusualVariants(): string {
  const written = new Set<string>();
  for (const name of ['STCharacters', 'STPhrases', 'TWVariants', 'HKVariants', 'TWPhrases', 'HKPhrases', 'TWVariantsPhrases', 'HKVariantsPhrases']) {
    for (const [, ...values] of table(name)) for (const v of values) for (const ch of v) written.add(ch);
  }
  let out = '';
  for (const [trad, simp] of table('TSCharacters')) if (trad && simp !== trad && !written.has(trad)) out += trad;
  return out;
}

test('the unusual variants are the traditional forms no OpenCC conversion of simplified text writes', () => {
  assert.equal([...UNUSUAL_VARIANTS].join(''), deriveUnusualVariants());
  // 墰 and 壜 are variants of 壇 (all 坛 in simplified); 髮 (头发) and 乾 (干净) are written by phrases.
  for (const ch of '墰壜産') assert.ok(UNUSUAL_VARIANTS.has(ch), ch);
  for (const ch of '壇髮乾為爲裡裏著') assert.ok(!UNUSUAL_VARIANTS.has(ch), ch);
});

test('a shifted run whose readings differ only by a variant form is repaired with the usual form (論壇, not 論墰)', () => {
  // 首屆 = CA D7 8C 9A: 讓 (D7 8C) is annotated across them, and 壇 is annotated too. 壇, 墰 and 壜
  // are all 坛 to the character model.
  const clean = '這是本市舉辦的首屆論壇之後的第一次會議。';
  const damaged = annotateAndDecode(clean, [['讓', 'ràng'], ['壇', 'tán']]);
  assert.notEqual(damaged, clean);
  assert.equal(repairText(damaged).text, clean);
});
