import * as iconv from 'iconv-lite';
import { pinyin } from 'pinyin-pro';

// A forward model of the crawler that damaged seeds 000, 001 and 004, written from the mechanism
// in shared/docs/artifacts.md (not from the seeds' lines): comma pass on the text, GBK encoding
// (characters GBK cannot hold become `?`), byte-level pinyin find-and-replace, a decoder that
// swallows the byte after an orphan lead byte and deletes user-defined pairs, then NFKC.
// Tests run it on clean text the repairer has never seen and check the repair undoes it.

export interface DamageOptions {
  /** Share of the eligible characters (GBK outside GB2312) put on the pinyin list. */
  annotateShare: number;
  /** Whether the comma pass runs at all (seed 001 had none). */
  commas: boolean;
  /** The extra comma as the converter wrote it before NFKC: full-width or ASCII. */
  commaForm: '，' | ',';
}

export interface Damaged {
  damaged: string;
  /** What a perfect repair gives: the original after NFKC (which cannot be undone). */
  expected: string;
  /** The characters on this file's pinyin list, with the one reading used. */
  annotated: Map<string, string>;
}

const COMMA_BEFORE = new Set(['，', '。', '、', '；']);
/** The doc: these two are never annotated. */
const NEVER_ANNOTATED = new Set(['黨', '員']);

export function randomOptions(rng: () => number): DamageOptions {
  return { annotateShare: 0.3 + 0.7 * rng(), commas: rng() < 0.85, commaForm: rng() < 0.5 ? '，' : ',' };
}

export function damage(original: string, rng: () => number, options: DamageOptions = randomOptions(rng)): Damaged {
  const withCommas = options.commas ? commaPass(original, rng, options.commaForm) : original;
  const annotated = pickAnnotated(original, rng, options.annotateShare);
  let bytes = [...iconv.encode(withCommas, 'gbk')];
  // The list is applied one character at a time, in list order, each a replace-all on the bytes.
  for (const [ch, py] of annotated) bytes = replaceAll(bytes, [...iconv.encode(ch, 'gbk')], [...iconv.encode(`${ch}(${py})`, 'gbk')]);
  return { damaged: crawlerDecode(bytes).normalize('NFKC'), expected: original.normalize('NFKC'), annotated };
}

/** Two marks get a comma, one does not, from a random phase. */
function commaPass(text: string, rng: () => number, form: string): string {
  let phase = Math.floor(rng() * 3);
  let out = '';
  for (const ch of text) {
    if (COMMA_BEFORE.has(ch)) {
      if (phase % 3 !== 2) out += form;
      phase++;
    }
    out += ch;
  }
  return out;
}

function pickAnnotated(text: string, rng: () => number, share: number): Map<string, string> {
  const eligible = [...new Set(Array.from(text))].filter((ch) => /\p{Script=Han}/u.test(ch) && !NEVER_ANNOTATED.has(ch) && outsideGb2312(ch));
  const out = new Map<string, string>();
  for (const ch of shuffle(eligible, rng)) {
    if (rng() >= share) continue;
    const readings = (pinyin(ch, { multiple: true, type: 'array' }) as string[]).filter((p) => /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(p));
    if (readings.length === 0) continue;
    // One fixed reading per character, whatever the context.
    out.set(ch, readings[Math.floor(rng() * readings.length)]);
  }
  return out;
}

function outsideGb2312(ch: string): boolean {
  const b = iconv.encode(ch, 'gbk');
  if (b.length !== 2 || (b[0] === 0x3f && ch !== '?')) return false;
  return !(b[0] >= 0xa1 && b[0] <= 0xf7 && b[1] >= 0xa1);
}

/** The pinyin pass alone, with a given list (in list order), then the crawler's decoder and NFKC: for tests that need one exact damage. */
export function annotateAndDecode(text: string, list: [string, string][]): string {
  let bytes = [...iconv.encode(text, 'gbk')];
  for (const [ch, py] of list) bytes = replaceAll(bytes, [...iconv.encode(ch, 'gbk')], [...iconv.encode(`${ch}(${py})`, 'gbk')]);
  return crawlerDecode(bytes).normalize('NFKC');
}

function replaceAll(bytes: number[], find: number[], repl: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    let hit = i + find.length <= bytes.length;
    for (let k = 0; hit && k < find.length; k++) hit = bytes[i + k] === find[k];
    if (hit) {
      out.push(...repl);
      i += find.length;
    } else out.push(bytes[i++]);
  }
  return out;
}

/**
 * The crawler's decoder: a lead byte always takes the next byte with it; a pair that is no
 * character becomes one `?`, a user-defined (private-use) pair disappears.
 */
export function crawlerDecode(bytes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      s += String.fromCharCode(b);
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff || i + 1 >= bytes.length) {
      s += '?';
      i++;
      continue;
    }
    const t = bytes[i + 1];
    i += 2;
    if (t < 0x40 || t === 0x7f || t === 0xff) {
      s += '?';
      continue;
    }
    const ch = iconv.decode(Buffer.from([b, t]), 'gbk');
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || c === 0xfffd) s += '?';
    else if (c >= 0xe000 && c <= 0xf8ff) continue;
    else s += ch;
  }
  return s;
}

export function shuffle<T>(items: T[], rng: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
