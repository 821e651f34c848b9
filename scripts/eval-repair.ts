// `npm run eval:repair -- [--articles N] [--sentences N] [--seed N] [--show] [--whole] [--skip N] [--bio FILE]`: the crawler's damage
// (test/crawlDamage.ts) on news from another source than the repairer's training text — CLUENER's
// THUCNews sentences (../shared/ner/cluener_train.json), in three traditional conventions — then
// repair: how many articles come back byte for byte, and that their clean form is never edited.
// Web news mixes Latin words, numbers and symbols with Chinese, which MSRA text (the unit test's
// round trip) hardly has.
// The character model trains on CLUENER's first CLUENER_TRAIN_TEXTS texts (train-char-lm.ts), so
// articles are drawn from the texts after them: --skip N draws after the first N instead.
// --bio FILE draws the sentences of a BIO file instead (--skip defaults to 0 then): the model never
// saw ../shared/ner/msra_dev_bio.txt, People's Daily prose with full-width digits, whose GBK bytes
// (A3 xx) shift like Han characters'.
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { parseArgs } from 'util';
import * as OpenCC from 'opencc-js';
import { repairText } from '../server/src/core/artifacts';
import { parseTaggedText } from '../server/src/core/ner/bio';
import { hasToneMark } from '../server/src/core/artifacts/readings';
import { mulberry32 } from '../server/src/core/prng';
import { damage } from '../test/crawlDamage';
import { CLUENER_FILE, CLUENER_TRAIN_TEXTS, endsAsParagraph, readCluenerTexts } from './cluenerTexts';

const { values: v } = parseArgs({
  options: { articles: { type: 'string', default: '100' }, sentences: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, show: { type: 'boolean' }, whole: { type: 'boolean' }, skip: { type: 'string' }, bio: { type: 'string' } },
});
const source = v.bio ?? CLUENER_FILE;
if (!fs.existsSync(source)) {
  console.error(`eval:repair needs ${source}`);
  process.exit(2);
}
const texts = (v.bio ? parseTaggedText(fs.readFileSync(v.bio, 'utf8')).map((s) => s.text) : readCluenerTexts()).slice(Number(v.skip ?? (v.bio ? 0 : CLUENER_TRAIN_TEXTS)));
// --whole: only sentences that end as a news paragraph does (。！？ or a closing quote). Half of
// CLUENER's texts are cut after a comma, and a line that ends in `，` is rare in real articles, so
// the character model rightly doubts one where a shifted run swallowed the line break.
if (v.whole) texts.splice(0, texts.length, ...texts.filter(endsAsParagraph));
const rng = mulberry32(Number(v.seed));
const convert = [OpenCC.Converter({ from: 'cn', to: 't' }), OpenCC.Converter({ from: 'cn', to: 'tw' }), OpenCC.Converter({ from: 'cn', to: 'hk' })];
const N = Number(v.articles);
const L = Number(v.sentences);
let exact = 0;
let edited = 0;
let unencodable = 0;
let wrong = 0;
// Articles are windows of consecutive sentences drawn at random, so one sentence the repair gets
// wrong fails several articles: the distinct lines behind the failures are counted too.
const wrongLines = new Set<string>();
const leftLines = new Set<string>();
const unencodableLines = new Set<string>();
const t0 = Date.now();
for (let a = 0; a < N; a++) {
  const at = Math.floor(rng() * (texts.length - L));
  const original = convert[Math.floor(rng() * 3)](texts.slice(at, at + L).join('\n'));
  const { damaged, expected } = damage(original, rng);
  if (repairText(expected).text !== expected) edited++;
  const repaired = repairText(damaged).text;
  if (repaired === expected) exact++;
  else {
    // A character GBK cannot hold (•, some emoji) is a `?` after the crawl: no repair gets it back.
    const lost = [...expected].some((ch) => ch !== '?' && ch.codePointAt(0)! > 0x7f && !canGbk(ch));
    if (lost) unencodable++;
    else if (silentlyWrong(expected, repaired)) wrong++;
    for (const line of differingLines(expected, repaired)) (lost ? unencodableLines : silentlyWrong(line.expected, line.repaired) ? wrongLines : leftLines).add(line.expected);
    if (v.show) console.log(`article ${a}${lost ? ' (has a character GBK cannot hold)' : ''}: ${firstDifference(expected, repaired)}`);
  }
}
console.log(`${N} articles of ${L} ${v.bio ? path.basename(v.bio) : 'CLUENER'} sentences (seed ${v.seed}): repaired byte for byte ${exact}/${N} (${((exact / N) * 100).toFixed(1)} %); ` +
  `${unencodable} of the others hold a character GBK cannot encode; ${wrong} have a line repaired to a wrong text that shows no damage left; ` +
  `clean form edited: ${edited}; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`distinct lines behind the failures: ${wrongLines.size} repaired wrong, ${leftLines.size} with damage left, ${unencodableLines.size} with a character GBK cannot hold`);

/**
 * A repair that reads as clean text but is not the original (迫不及此 for 迫不及待了, a lost line
 * break): worse than damage left for the quick fix, which the annotator sees. A line still holding a
 * `?` or a tone-marked letter counts as left.
 */
function silentlyWrong(expected: string, repaired: string): boolean {
  const e = expected.split('\n');
  const r = repaired.split('\n');
  const shows = (line: string) => /[?\uFFFD]/.test(line) || hasToneMark(line);
  // A line break still lost: the lines after it do not align, so the first differing line tells
  // (a run left as damage that swallowed the break is damage left, not a wrong repair).
  if (e.length !== r.length) return !shows(r[e.findIndex((line, i) => line !== r[i])] ?? '');
  return r.some((line, i) => line !== e[i] && !shows(line));
}

/** Lines that differ, by position; after a lost or added line break only the first (the others are shifted, not wrong). */
function differingLines(expected: string, repaired: string): { expected: string; repaired: string }[] {
  const e = expected.split('\n');
  const r = repaired.split('\n');
  const differ = e.flatMap((line, i) => (line === r[i] ? [] : [{ expected: line, repaired: r[i] ?? '' }]));
  return e.length === r.length ? differ : differ.slice(0, 1);
}

function canGbk(ch: string): boolean {
  return iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch;
}

function firstDifference(e: string, g: string): string {
  let i = 0;
  while (i < e.length && e[i] === g[i]) i++;
  let j = 0;
  while (j < e.length - i && j < g.length - i && e[e.length - 1 - j] === g[g.length - 1 - j]) j++;
  return `${JSON.stringify(e.slice(Math.max(0, i - 12), e.length - j + 8))} => ${JSON.stringify(g.slice(Math.max(0, i - 12), g.length - j + 8))}`;
}
