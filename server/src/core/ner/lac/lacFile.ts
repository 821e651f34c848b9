import * as zlib from 'zlib';

// Baidu LAC small (Apache-2.0; from Debian's python3-jieba, jieba/lac_small) converted by
// scripts/convert-lac.ts into one file: 8-byte magic, uint32 header length, UTF-8 JSON header
// (tensor names and shapes, vocabulary, tag names), then the deflated float16 tensors in header
// order. Float16 halves the file (the embedding alone is 10.7 MB as float32); the rounding moves
// emissions by well under 0.05 and leaves the decoded tags as they were on the reference sentences.

const MAGIC = 'ZHLACF16';

export interface LacTensors {
  /** Character vocabulary: vocab[id] is the character (or OOV marker) of embedding row id. */
  vocab: string[];
  /** The 57 LAC tags (a-B … ORG-B, ORG-I, TIME-B, TIME-I, O). */
  tags: string[];
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
}

interface Header {
  vocab: string[];
  tags: string[];
  tensors: { name: string; shape: number[] }[];
}

export class LacFormatError extends Error {}

export function encodeLac(m: LacTensors): Buffer {
  const header: Header = { vocab: m.vocab, tags: m.tags, tensors: [] };
  const parts: Buffer[] = [];
  for (const [name, t] of m.tensors) {
    header.tensors.push({ name, shape: t.shape });
    const half = new Uint16Array(t.data.length);
    for (let i = 0; i < t.data.length; i++) half[i] = toHalf(t.data[i]);
    parts.push(Buffer.from(half.buffer));
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 8);
  return Buffer.concat([prefix, headerBytes, zlib.deflateRawSync(Buffer.concat(parts), { level: 9 })]);
}

export function decodeLac(file: Buffer): LacTensors {
  if (file.length < 12 || file.toString('latin1', 0, 8) !== MAGIC) throw new LacFormatError('not a LAC model file');
  const headerLength = file.readUInt32LE(8);
  const header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as Header;
  const body = zlib.inflateRawSync(file.subarray(12 + headerLength));
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  let at = 0;
  for (const { name, shape } of header.tensors) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (at + n * 2 > body.length) throw new LacFormatError('LAC model file is truncated');
    const data = new Float32Array(n);
    const table = halfTable();
    for (let i = 0; i < n; i++) data[i] = table[body[at + 2 * i] | (body[at + 2 * i + 1] << 8)];
    at += n * 2;
    tensors.set(name, { shape, data });
  }
  if (at !== body.length) throw new LacFormatError('LAC model file has trailing data');
  return { vocab: header.vocab, tags: header.tags, tensors };
}

let table: Float32Array | undefined;
/** Every float16 value by its bits: decoding 2.7 M weights by table is several times faster. */
function halfTable(): Float32Array {
  if (!table) {
    table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) table[h] = fromHalf(h);
  }
  return table;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE float16 bits of x, rounded to nearest even (the weights are small: no overflow in practice). */
export function toHalf(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rest > half || (rest === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
  return sign | h;
}

export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
