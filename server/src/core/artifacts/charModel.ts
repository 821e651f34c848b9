import * as fs from 'fs';
import { findAsset } from '../assets';

// Character trigram language model (interpolated absolute discounting, stored in back-off form)
// that ranks byte-level recovery candidates: a shifted GBK run decodes to characters that never
// follow each other in news, the right reading to ones that do. Written by
// scripts/train-char-lm.ts from simplified news text; callers convert traditional text first.
// N-grams are keyed by a 32-bit hash and log10 probabilities quantised to one byte, so the file
// holds no text. Loaded on first use only.
// Beside the n-grams, the file holds how traditional text writes each simplified character
// (`forms`): the model scores simplified text, so 曏 and 向 (or 体 and 體) look alike to it.

export const CHAR_LM_MAGIC = 'ZAACLM2\n';
/** Log10 probabilities are quantised over [LOG_FLOOR, 0] in 255 steps. */
export const LOG_FLOOR = -9;
/** Line breaks take part in the model as one symbol, so a run that ate one can be scored. */
export const BOUNDARY = '\n';

export interface CharModelData {
  /** log10 P(c) of characters never seen in training. */
  unknownLog: number;
  /** Sorted keys and quantised values per table: unigram, bigram, trigram probabilities and bigram/trigram-context back-off weights. */
  tables: Record<TableName, { keys: Uint32Array; values: Uint8Array }>;
  /**
   * log10 P(written form | its simplified character) in traditional text, by the form's code
   * point, for the forms whose probability is well below 1 (the others read as 0): 曏 beside 向,
   * 傢 beside 家, a simplified-only 体 that traditional text writes 體.
   */
  forms: { codes: Uint32Array; values: Uint8Array };
}

export type TableName = 'p1' | 'p2' | 'p3' | 'b1' | 'b2';
export const TABLES: readonly TableName[] = ['p1', 'p2', 'p3', 'b1', 'b2'];

export function quantize(log10: number): number {
  const v = Math.round(((Math.max(LOG_FLOOR, Math.min(0, log10)) - LOG_FLOOR) / -LOG_FLOOR) * 255);
  return v;
}

export function dequantize(q: number): number {
  return LOG_FLOOR + (q / 255) * -LOG_FLOOR;
}

/** FNV-1a over code points: the key of an n-gram (a table-specific salt keeps tables apart). */
export function ngramKey(cps: readonly number[], salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (const cp of cps) h = mix(h, cp);
  return h >>> 0;
}

/** One code point into an FNV-1a hash, a byte at a time. */
function mix(h: number, cp: number): number {
  h = Math.imul(h ^ (cp & 0xff), 0x01000193);
  h = Math.imul(h ^ ((cp >>> 8) & 0xff), 0x01000193);
  return Math.imul(h ^ (cp >>> 16), 0x01000193);
}

export function encodeCharModel(data: CharModelData): Buffer {
  const parts: Buffer[] = [Buffer.from(CHAR_LM_MAGIC, 'latin1')];
  const head = Buffer.alloc(4 + 4 * TABLES.length);
  head.writeFloatLE(data.unknownLog, 0);
  TABLES.forEach((t, i) => head.writeUInt32LE(data.tables[t].keys.length, 4 + 4 * i));
  parts.push(head);
  const arrays = (keys: Uint32Array, values: Uint8Array) =>
    parts.push(Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength), Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  for (const t of TABLES) arrays(data.tables[t].keys, data.tables[t].values);
  const count = Buffer.alloc(4);
  count.writeUInt32LE(data.forms.codes.length, 0);
  parts.push(count);
  arrays(data.forms.codes, data.forms.values);
  return Buffer.concat(parts);
}

export function decodeCharModel(buf: Buffer): CharModelData {
  if (buf.toString('latin1', 0, CHAR_LM_MAGIC.length) !== CHAR_LM_MAGIC) throw new Error('not a character language model file');
  let at = CHAR_LM_MAGIC.length;
  const unknownLog = buf.readFloatLE(at);
  const counts = TABLES.map((_, i) => buf.readUInt32LE(at + 4 + 4 * i));
  at += 4 + 4 * TABLES.length;
  const arrays = (n: number) => {
    // Copied so the typed array is aligned whatever the offset in the file.
    const keys = new Uint32Array(n);
    Buffer.from(keys.buffer).set(buf.subarray(at, at + 4 * n));
    at += 4 * n;
    const values = new Uint8Array(buf.subarray(at, at + n));
    at += n;
    return { keys, values };
  };
  const tables = {} as CharModelData['tables'];
  TABLES.forEach((t, i) => (tables[t] = arrays(counts[i])));
  const formCount = buf.readUInt32LE(at);
  at += 4;
  const { keys: codes, values } = arrays(formCount);
  if (at !== buf.length) throw new Error('character language model file has the wrong length');
  return { unknownLog, tables, forms: { codes, values } };
}

const SALT: Record<TableName, number> = { p1: 1, p2: 2, p3: 3, b1: 4, b2: 5 };

/** A sorted table with a bucket index over the keys' top bits: the hashed keys spread evenly, so a lookup searches a few entries instead of the whole table. */
interface Table {
  keys: Uint32Array;
  values: Uint8Array;
  /** Start of each bucket in `keys`; bucket i holds the keys whose top `bits` bits are i. */
  starts: Uint32Array;
  /** 32 minus the number of bucket bits: a key's bucket is key >>> shift. */
  shift: number;
}

const CACHE_BITS = 16;

function indexed(table: { keys: Uint32Array; values: Uint8Array }): Table {
  const { keys } = table;
  // About two keys a bucket, so most lookups compare once or twice: the shifted-run search asks
  // the model hundreds of thousands of times a line (a fixed 2^14 buckets held ~50 keys each).
  const bits = Math.min(24, Math.max(8, Math.ceil(Math.log2(keys.length + 1)) - 1));
  const shift = 32 - bits;
  const starts = new Uint32Array((1 << bits) + 1);
  let at = 0;
  for (let b = 0; b <= 1 << bits; b++) {
    while (at < keys.length && keys[at] >>> shift < b) at++;
    starts[b] = at;
  }
  return { ...table, starts, shift };
}

function find(table: Table, key: number): number {
  const { keys } = table;
  const bucket = key >>> table.shift;
  let lo = table.starts[bucket];
  let hi = table.starts[bucket + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k === key) return table.values[mid];
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// ngramKey unrolled for one, two and three code points: lookups run millions of times per
// recovery, and the array each call built cost more than the hash.
const key1 = (x: number, salt: number) => mix((0x811c9dc5 ^ salt) >>> 0, x) >>> 0;
const key2 = (x: number, y: number, salt: number) => mix(mix((0x811c9dc5 ^ salt) >>> 0, x), y) >>> 0;
const key3 = (x: number, y: number, z: number, salt: number) => mix(mix(mix((0x811c9dc5 ^ salt) >>> 0, x), y), z) >>> 0;
export const ngramKeyFor = { key1, key2, key3 };

/** What ranking needs from a model: log10 P(c | a b) over code points of simplified text. */
export interface CharScorer {
  logProb(c: number, b?: number, a?: number): number;
  /** log10 P(this written form | its simplified character) in traditional text; absent: no such knowledge. */
  formLogProb?(cp: number): number;
}

export class CharModel implements CharScorer {
  private readonly t: Record<TableName, Table>;
  private readonly unknownLog: number;
  private readonly forms = new Map<number, number>();

  constructor(data: CharModelData) {
    this.unknownLog = data.unknownLog;
    this.t = Object.fromEntries(TABLES.map((name) => [name, indexed(data.tables[name])])) as Record<TableName, Table>;
    data.forms.codes.forEach((cp, i) => this.forms.set(cp, dequantize(data.forms.values[i])));
  }

  /** log10 P(the form `cp` | its simplified character) in traditional text: 0 for the usual forms. */
  formLogProb(cp: number): number {
    return this.forms.get(cp) ?? 0;
  }

  /** log10 P(c | a b); a and b may be undefined at the start of a window. */
  logProb(c: number, b?: number, a?: number): number {
    if (a !== undefined && b !== undefined) {
      const q = find(this.t.p3, key3(a, b, c, SALT.p3));
      if (q >= 0) return dequantize(q);
      const w = find(this.t.b2, key2(a, b, SALT.b2));
      return (w >= 0 ? dequantize(w) : 0) + this.logProb(c, b);
    }
    if (b !== undefined) return this.bigram(c, b, this.logProb(c));
    const q = find(this.t.p1, key1(c, SALT.p1));
    return q >= 0 ? dequantize(q) : this.unknownLog;
  }

  /**
   * max(P(c | a b), P(c | b) − floor, P(c) − 2·floor), each level as logProb gives it, from one
   * lookup per level (logProb for each would repeat the lower levels' lookups).
   */
  boundedLogProb(c: number, floor: number, b?: number, a?: number): number {
    const p1 = this.logProb(c);
    if (b === undefined) return p1;
    const p2 = this.bigram(c, b, p1);
    let p3 = p2;
    if (a !== undefined) {
      const q = find(this.t.p3, key3(a, b, c, SALT.p3));
      if (q >= 0) p3 = dequantize(q);
      else {
        const w = find(this.t.b2, key2(a, b, SALT.b2));
        p3 = (w >= 0 ? dequantize(w) : 0) + p2;
      }
    }
    return Math.max(p3, p2 - floor, p1 - 2 * floor);
  }

  /**
   * boundedLogProb with the floor fixed, behind a direct-mapped cache: a recovery asks the same
   * few thousand n-grams again and again (every beam state tries the same characters after the
   * same context), and one cache probe costs less than the three to five table searches.
   */
  bounded(floor: number): CharScorer {
    const size = 1 << CACHE_BITS;
    const as = new Int32Array(size).fill(-2);
    const bs = new Int32Array(size);
    const cs = new Int32Array(size);
    const vs = new Float64Array(size);
    return {
      formLogProb: (cp) => this.formLogProb(cp),
      logProb: (c, b, a) => {
        const ka = a ?? -1;
        const kb = b ?? -1;
        const slot = key3(ka & 0x1fffff, kb & 0x1fffff, c, 0) >>> (32 - CACHE_BITS);
        if (as[slot] === ka && bs[slot] === kb && cs[slot] === c) return vs[slot];
        const v = this.boundedLogProb(c, floor, b, a);
        as[slot] = ka;
        bs[slot] = kb;
        cs[slot] = c;
        vs[slot] = v;
        return v;
      },
    };
  }

  private bigram(c: number, b: number, p1: number): number {
    const q = find(this.t.p2, key2(b, c, SALT.p2));
    if (q >= 0) return dequantize(q);
    const w = find(this.t.b1, key1(b, SALT.b1));
    return (w >= 0 ? dequantize(w) : 0) + p1;
  }

  /** log10 probability of `text` after `context` (the context itself is not scored). */
  score(text: string, context = ''): number {
    const ctx = Array.from(context.slice(-2)).map((ch) => ch.codePointAt(0)!);
    let a = ctx.length > 1 ? ctx[0] : undefined;
    let b = ctx.length > 0 ? ctx[ctx.length - 1] : undefined;
    let sum = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      sum += this.logProb(c, b, a);
      a = b;
      b = c;
    }
    return sum;
  }
}

export { SALT as CHAR_LM_SALT };

let shipped: CharModel | null | undefined;
let injected: CharScorer | undefined;

/** Replaces the model (tests); undefined restores the shipped one. */
export function setCharModel(m: CharScorer | undefined): void {
  injected = m;
  generation++;
}

let generation = 0;
/** Changes whenever the model is replaced, so rankings made with the old one can be dropped. */
export function charModelGeneration(): number {
  return generation;
}

/** The shipped model: data/char-lm.bin beside the bundle; models/char-lm.bin in a checkout. Undefined when absent. */
export function charModel(): CharScorer | undefined {
  if (injected) return injected;
  if (shipped === undefined) {
    const file = findAsset('char-lm.bin', 'models/char-lm.bin');
    try {
      shipped = file ? new CharModel(decodeCharModel(fs.readFileSync(file))) : null;
    } catch {
      // A damaged or foreign file leaves recovery to the word list rather than breaking detection.
      shipped = null;
    }
  }
  return shipped ?? undefined;
}
