import * as fs from 'fs';
import { findAsset } from '../assets';

// Character trigram language model (interpolated absolute discounting, stored in back-off form)
// that ranks byte-level recovery candidates: a shifted GBK run decodes to characters that never
// follow each other in news, the right reading to ones that do. Written by
// scripts/train-char-lm.ts from simplified news text; callers convert traditional text first.
// N-grams are keyed by a 32-bit hash and log10 probabilities quantised to one byte, so the file
// holds no text. Loaded on first use only.

export const CHAR_LM_MAGIC = 'ZAACLM1\n';
/** Log10 probabilities are quantised over [LOG_FLOOR, 0] in 255 steps. */
export const LOG_FLOOR = -9;
/** Line breaks take part in the model as one symbol, so a run that ate one can be scored. */
export const BOUNDARY = '\n';

export interface CharModelData {
  /** log10 P(c) of characters never seen in training. */
  unknownLog: number;
  /** Sorted keys and quantised values per table: unigram, bigram, trigram probabilities and bigram/trigram-context back-off weights. */
  tables: Record<TableName, { keys: Uint32Array; values: Uint8Array }>;
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
  for (const cp of cps) {
    h = Math.imul(h ^ (cp & 0xff), 0x01000193);
    h = Math.imul(h ^ ((cp >>> 8) & 0xff), 0x01000193);
    h = Math.imul(h ^ (cp >>> 16), 0x01000193);
  }
  return h >>> 0;
}

export function encodeCharModel(data: CharModelData): Buffer {
  const parts: Buffer[] = [Buffer.from(CHAR_LM_MAGIC, 'latin1')];
  const head = Buffer.alloc(4 + 4 * TABLES.length);
  head.writeFloatLE(data.unknownLog, 0);
  TABLES.forEach((t, i) => head.writeUInt32LE(data.tables[t].keys.length, 4 + 4 * i));
  parts.push(head);
  for (const t of TABLES) {
    const { keys, values } = data.tables[t];
    parts.push(Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength), Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }
  return Buffer.concat(parts);
}

export function decodeCharModel(buf: Buffer): CharModelData {
  if (buf.toString('latin1', 0, CHAR_LM_MAGIC.length) !== CHAR_LM_MAGIC) throw new Error('not a character language model file');
  let at = CHAR_LM_MAGIC.length;
  const unknownLog = buf.readFloatLE(at);
  const counts = TABLES.map((_, i) => buf.readUInt32LE(at + 4 + 4 * i));
  at += 4 + 4 * TABLES.length;
  const tables = {} as CharModelData['tables'];
  TABLES.forEach((t, i) => {
    const n = counts[i];
    // Copied so the typed array is aligned whatever the offset in the file.
    const keys = new Uint32Array(n);
    Buffer.from(keys.buffer).set(buf.subarray(at, at + 4 * n));
    at += 4 * n;
    const values = new Uint8Array(buf.subarray(at, at + n));
    at += n;
    tables[t] = { keys, values };
  });
  return { unknownLog, tables };
}

const SALT: Record<TableName, number> = { p1: 1, p2: 2, p3: 3, b1: 4, b2: 5 };

function find(table: { keys: Uint32Array; values: Uint8Array }, key: number): number {
  const { keys } = table;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k === key) return table.values[mid];
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** What ranking needs from a model: log10 P(c | a b) over code points of simplified text. */
export interface CharScorer {
  logProb(c: number, b?: number, a?: number): number;
}

export class CharModel implements CharScorer {
  constructor(private readonly data: CharModelData) {}

  /** log10 P(c | a b); a and b may be undefined at the start of a window. */
  logProb(c: number, b?: number, a?: number): number {
    const t = this.data.tables;
    if (a !== undefined && b !== undefined) {
      const q = find(t.p3, ngramKey([a, b, c], SALT.p3));
      if (q >= 0) return dequantize(q);
      const w = find(t.b2, ngramKey([a, b], SALT.b2));
      return (w >= 0 ? dequantize(w) : 0) + this.logProb(c, b);
    }
    if (b !== undefined) {
      const q = find(t.p2, ngramKey([b, c], SALT.p2));
      if (q >= 0) return dequantize(q);
      const w = find(t.b1, ngramKey([b], SALT.b1));
      return (w >= 0 ? dequantize(w) : 0) + this.logProb(c);
    }
    const q = find(t.p1, ngramKey([c], SALT.p1));
    return q >= 0 ? dequantize(q) : this.data.unknownLog;
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
