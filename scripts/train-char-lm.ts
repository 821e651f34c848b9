// Trains the character trigram model that ranks crawl-damage repairs and writes models/char-lm.bin.
//   npm run train:char-lm -- [--train FILE] [--out FILE] [--min3 N] [--discount D] [--holdout N]
//                            [--words FILE] [--word-scale A] [--cluener N]
// Besides the news text, the words of jieba's dictionary (shipped with nodejieba, MIT) count with
// their frequencies × A (default 0.05; --word-scale 0 leaves them out): brand and place names and
// idioms the 1998 news rarely used (肯德基, 迫不及待) then rank above shifted bytes' nonsense.
// CLUENER's first --cluener texts (default CLUENER_TRAIN_TEXTS, half the file; 0 for none) join the
// news text: THUCNews from 2008-2009, with the brands, games, films and sports of web news that the
// 1998 text lacks. eval:repair draws its articles from the other half.
// The last --holdout sentences (default 2000) are left out: test/unit/artifacts/damageRoundTrip
// damages them, so the repair is measured on text the model has never seen.
// The file also holds how rarely traditional text writes each form of a character (scripts/
// traditionalForms.ts), counted on the same text converted by OpenCC.
// Reads only the characters of a BIO file (one character and a tag per line, blank line between
// sentences); the tags are ignored. Text is NFKC-normalised like the damaged articles, and each
// sentence is framed by line breaks. Paths are relative to the repository root.
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../server/src/core/assets';
import { JiebaSegmenter } from '../server/src/core/jiebaSegmenter';
import {
  BOUNDARY,
  CHAR_LM_SALT,
  CharModel,
  encodeCharModel,
  ngramKey,
  quantize,
  TABLES,
  type CharModelData,
  type TableName,
} from '../server/src/core/artifacts/charModel';
import { SHARED_DIR } from '../test/sharedDir';
import { CLUENER_TRAIN_TEXTS, endsAsParagraph, readCluenerTexts } from './cluenerTexts';
import { traditionalFormTable } from './traditionalForms';

interface Args {
  train: string;
  out: string;
  min3: number;
  min2: number;
  discount: number;
  holdout: number;
  /** jieba's dictionary ("word count tag" lines): each word's n-grams added with its count × wordScale; '' for none. */
  words: string;
  wordScale: number;
  /** How many of CLUENER's texts (from the start of the file) train beside the news text. */
  cluener: number;
}

function parseArgs(argv: string[]): Args {
  const root = projectRoot();
  const args: Args = {
    train: path.join(SHARED_DIR, 'ner', 'msra_train_bio.txt'),
    out: path.join(root, 'models', 'char-lm.bin'),
    min3: 2,
    min2: 1,
    discount: 0.75,
    holdout: 2000,
    words: JiebaSegmenter.dictionaryPath(),
    // jieba's counts total 6e7 over its words; a twentieth puts about 3 M characters beside MSRA's 2 M.
    // eval:repair --whole, seeds 11-25, 450 articles, before CLUENER's texts joined: scale 0 → 414
    // repaired, 0.03 → 417, 0.1 → 420, 0.3 → 412, 1 → 414. With them (held-out half, seeds 1-60,
    // 1,800 articles, exact / silently wrong): 0 → 1,637/65, 0.025 → 1,648/60, 0.05 → 1,649/60,
    // 0.1 → 1,630/60, 0.2 → 1,630/60; seeds 61-120: 0.1 → 1,658/35, 0.05 → 1,667/35.
    wordScale: 0.05,
    cluener: CLUENER_TRAIN_TEXTS,
  };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--train': args.train = path.resolve(root, v); i++; break;
      case '--out': args.out = path.resolve(root, v); i++; break;
      case '--min3': args.min3 = Number(v); i++; break;
      case '--min2': args.min2 = Number(v); i++; break;
      case '--discount': args.discount = Number(v); i++; break;
      case '--holdout': args.holdout = Number(v); i++; break;
      case '--words': args.words = v ? path.resolve(root, v) : ''; i++; break;
      case '--word-scale': args.wordScale = Number(v); i++; break;
      case '--cluener': args.cluener = Number(v); i++; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return args;
}

function readSentences(file: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    // The character is everything before the last separator (a space can itself be the character).
    const sep = line.search(/[ \t][^ \t]*$/);
    cur += sep > 0 ? line.slice(0, sep) : line[0];
  }
  if (cur) out.push(cur);
  return out.map((s) => s.normalize('NFKC'));
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const all = readSentences(args.train);
  const sentences = all.slice(0, Math.max(0, all.length - args.holdout));
  // Half of CLUENER's texts are cut after a comma or mid-sentence: those get no closing boundary,
  // or the model would learn that lines end in `，` and prefer it at a line's end.
  const openEnded = new Set<number>();
  if (args.cluener > 0) {
    for (const t of readCluenerTexts().slice(0, args.cluener)) {
      if (!endsAsParagraph(t)) openEnded.add(sentences.length);
      sentences.push(t.normalize('NFKC'));
    }
  }
  const D = args.discount;
  const c1 = new Map<number, number>();
  const c2 = new Map<string, number>();
  const c3 = new Map<string, number>();
  let total = 0;
  for (const [n, s] of sentences.entries()) {
    const cps = [BOUNDARY, ...Array.from(s), ...(openEnded.has(n) ? [] : [BOUNDARY])].map((ch) => ch.codePointAt(0)!);
    for (let i = 0; i < cps.length; i++) {
      // The opening boundary is context only, never predicted.
      if (i > 0) {
        c1.set(cps[i], (c1.get(cps[i]) ?? 0) + 1);
        total++;
      }
      if (i >= 1) {
        const k = `${cps[i - 1]},${cps[i]}`;
        c2.set(k, (c2.get(k) ?? 0) + 1);
      }
      if (i >= 2) {
        const k = `${cps[i - 2]},${cps[i - 1]},${cps[i]}`;
        c3.set(k, (c3.get(k) ?? 0) + 1);
      }
    }
  }
  // Words the news text rarely used (肯德基, 處女作): the n-grams inside each word of jieba's
  // dictionary, weighted by its count there (scaled to the training text's size). No boundaries:
  // a dictionary entry is no sentence.
  if (args.words && args.wordScale > 0) {
    const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
    for (const line of fs.readFileSync(args.words, 'utf8').split('\n')) {
      const [word, count] = line.split(' ');
      const n = Number(count) * args.wordScale;
      if (!word || !(n > 0)) continue;
      const cps = Array.from(word.normalize('NFKC')).map((ch) => ch.codePointAt(0)!);
      for (let i = 0; i < cps.length; i++) {
        add(c1, cps[i], n);
        total += n;
        if (i >= 1) add(c2, `${cps[i - 1]},${cps[i]}`, n);
        if (i >= 2) add(c3, `${cps[i - 2]},${cps[i - 1]},${cps[i]}`, n);
      }
    }
  }
  // Context totals and distinct followers, per order.
  const ctx1 = new Map<number, { n: number; types: number }>();
  for (const [k, n] of c2) {
    const b = Number(k.slice(0, k.indexOf(',')));
    const e = ctx1.get(b) ?? { n: 0, types: 0 };
    e.n += n;
    e.types++;
    ctx1.set(b, e);
  }
  const ctx2 = new Map<string, { n: number; types: number }>();
  for (const [k, n] of c3) {
    const ab = k.slice(0, k.lastIndexOf(','));
    const e = ctx2.get(ab) ?? { n: 0, types: 0 };
    e.n += n;
    e.types++;
    ctx2.set(ab, e);
  }

  const V = c1.size;
  const p1 = (c: number) => ((c1.get(c) ?? 0) + 0.5) / (total + 0.5 * V);
  const gamma1 = (b: number) => {
    const e = ctx1.get(b);
    return e ? (D * e.types) / e.n : 1;
  };
  const p2 = (b: number, c: number) => {
    const e = ctx1.get(b);
    if (!e) return p1(c);
    return Math.max((c2.get(`${b},${c}`) ?? 0) - D, 0) / e.n + gamma1(b) * p1(c);
  };

  const entries: Record<TableName, [number, number][]> = { p1: [], p2: [], p3: [], b1: [], b2: [] };
  for (const c of c1.keys()) entries.p1.push([ngramKey([c], CHAR_LM_SALT.p1), quantize(Math.log10(p1(c)))]);
  for (const [k, n] of c2) {
    if (n < args.min2) continue;
    const [b, c] = k.split(',').map(Number);
    entries.p2.push([ngramKey([b, c], CHAR_LM_SALT.p2), quantize(Math.log10(p2(b, c)))]);
  }
  for (const [b] of ctx1) entries.b1.push([ngramKey([b], CHAR_LM_SALT.b1), quantize(Math.log10(gamma1(b)))]);
  for (const [k, n] of c3) {
    if (n < args.min3) continue;
    const [a, b, c] = k.split(',').map(Number);
    const e = ctx2.get(`${a},${b}`)!;
    const p = (n - D) / e.n + ((D * e.types) / e.n) * p2(b, c);
    entries.p3.push([ngramKey([a, b, c], CHAR_LM_SALT.p3), quantize(Math.log10(p))]);
  }
  for (const [ab, e] of ctx2) {
    const [a, b] = ab.split(',').map(Number);
    // Only contexts that kept a trigram need a weight; elsewhere the back-off is the bigram as is.
    if (e.n < args.min3) continue;
    entries.b2.push([ngramKey([a, b], CHAR_LM_SALT.b2), quantize(Math.log10((D * e.types) / e.n))]);
  }

  const tables = {} as CharModelData['tables'];
  for (const t of TABLES) {
    const list = entries[t].sort((x, y) => x[0] - y[0]);
    // A hash collision keeps the first entry; at these sizes a handful at most.
    const dedup = list.filter((e, i) => i === 0 || e[0] !== list[i - 1][0]);
    tables[t] = { keys: Uint32Array.from(dedup.map((e) => e[0])), values: Uint8Array.from(dedup.map((e) => e[1])) };
  }
  const formTable = [...traditionalFormTable(sentences)].sort((x, y) => x[0] - y[0]);
  const forms = { codes: Uint32Array.from(formTable, (e) => e[0]), values: Uint8Array.from(formTable, (e) => quantize(e[1])) };
  const data: CharModelData = { unknownLog: Math.log10(0.1 / (total + 0.5 * V)), tables, forms };
  const buf = encodeCharModel(data);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, buf);
  const m = new CharModel(data);
  const probe = (s: string) => (m.score(s) / Array.from(s).length).toFixed(2);
  const form = (ch: string) => m.formLogProb(ch.codePointAt(0)!).toFixed(2);
  console.log(
    `${sentences.length} sentences, ${Math.round(total)} characters (dictionary words included); kept ${TABLES.map((t) => `${t} ${tables[t].keys.length}`).join(', ')}; ` +
      `${(buf.length / 1e6).toFixed(2)} MB -> ${path.relative(projectRoot(), args.out)}\n` +
      `log10/char: 我们今天开会 ${probe('我们今天开会')}, 荡伪硎痉磳 ${probe('荡伪硎痉磳')}\n` +
      `traditional forms: ${forms.codes.length} rare ones; log10 P: 體 ${form('體')}, 体 ${form('体')}, 曏 ${form('曏')}, 隻 ${form('隻')}`,
  );
}

main();
