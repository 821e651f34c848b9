import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { mulberry32 } from '../server/src/core/prng';
import { readCluenerTexts } from '../scripts/cluenerTexts';
import { damage } from '../test/crawlDamage';

// Benchmark text that no cache can flatter: lines are new combinations of sentences drawn at random
// (seeded) from the seeds and, when present, the CLUENER news sentences in the shared NER folder, so
// no line repeats and the order of sentences changes from line to line.

const SENTENCE = /[^。！？!?\n]*[。！？!?]+[”」』）)]?|[^。！？!?\n]+$/g;

function sentencePool(sharedDir: string): string[] {
  const pool: string[] = [];
  const seeds = path.join(sharedDir, 'seeds');
  for (const f of fs.readdirSync(seeds).filter((x) => x.endsWith('.txt')).sort()) {
    for (const line of fs.readFileSync(path.join(seeds, f), 'utf8').split('\n')) pool.push(...(line.trim().match(SENTENCE) ?? []));
  }
  const cluener = path.join(sharedDir, 'ner', 'cluener_train.json');
  if (fs.existsSync(cluener)) {
    pool.push(...readCluenerTexts(cluener));
  }
  return pool.map((s) => s.trim()).filter((s) => s.length > 1);
}

/**
 * About `chars` characters of article-like text: lines of 1–8 sentences drawn at random, with an
 * empty line now and then. The same seed gives the same text.
 */
export function variedCorpus(sharedDir: string, chars: number, seed = 1): string {
  const pool = sentencePool(sharedDir);
  const r = mulberry32(seed);
  const lines: string[] = [];
  let total = 0;
  while (total < chars) {
    const n = 1 + Math.floor(r() * 8);
    let line = '';
    for (let i = 0; i < n; i++) line += pool[Math.floor(r() * pool.length)];
    lines.push(line);
    total += line.length + 1;
    if (r() < 0.15) {
      lines.push('');
      total++;
    }
  }
  return lines.join('\n').slice(0, chars);
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** GBK byte pairs outside GB2312: the characters the crawler's pinyin pass annotated. */
function outsideGb2312(c: string): Buffer | undefined {
  const b = iconv.encode(c, 'gbk');
  if (b.length !== 2) return undefined;
  return b[0] >= 0xa1 && b[0] <= 0xf7 && b[1] >= 0xa1 ? undefined : b;
}

/**
 * Crawl damage as /work/shared/docs/artifacts.md describes its mechanism, applied to new text: the
 * text is made traditional, a pinyin annotation is injected after the GBK bytes of some characters
 * outside GB2312 (also where those bytes straddle two characters, which breaks them), an extra comma
 * goes before some Chinese punctuation, and the result is decoded and NFKC-normalised.
 */
export function damagedCorpus(sharedDir: string, chars: number, seed = 2): string {
  const r = mulberry32(seed);
  const text = toTraditional(variedCorpus(sharedDir, chars, seed));
  let bytes = iconv.encode(text.replace(/(?<=[^，。、；\n])(?=[，。、；])/g, () => (r() < 0.6 ? ',' : '')), 'gbk');
  // One fixed reading per annotated character, as the crawler had.
  const annotated = new Map<string, Buffer>();
  for (const c of new Set(text)) {
    const b = outsideGb2312(c);
    if (b && r() < 0.3) annotated.set(b.toString('latin1'), b);
  }
  for (const [key, b] of annotated) {
    const reading = pinyin(iconv.decode(b, 'gbk'), { toneType: 'symbol', type: 'array' })[0];
    if (!reading || !/^[a-zü\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+$/.test(reading)) continue;
    bytes = Buffer.from(bytes.toString('latin1').split(key).join(key + iconv.encode(`(${reading})`, 'gbk').toString('latin1')), 'latin1');
  }
  // The crawler's decoder wrote a lost byte as ?, where iconv-lite writes U+FFFD.
  return iconv.decode(bytes, 'gbk').replace(/\ufffd/g, '?').normalize('NFKC').slice(0, chars);
}

/**
 * Lines of `articles` articles of 30 CLUENER sentences each (none repeated), made traditional and
 * damaged by the tests' crawler model: what eval:repair repairs, as lines an editor analyses. Empty
 * without CLUENER.
 */
export function runDamagedLines(sharedDir: string, articles: number, seed = 3): string[] {
  const cluener = path.join(sharedDir, 'ner', 'cluener_train.json');
  if (!fs.existsSync(cluener)) return [];
  const texts = readCluenerTexts(cluener);
  const r = mulberry32(seed);
  const lines: string[] = [];
  for (let a = 0; a < articles && (a + 1) * 30 <= texts.length; a++) {
    lines.push(...damage(toTraditional(texts.slice(a * 30, (a + 1) * 30).join('\n')), r).damaged.split('\n'));
  }
  return lines;
}
