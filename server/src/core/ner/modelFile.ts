import * as zlib from 'zlib';
import { FEATURE_SLOTS, FEATURE_SLOTS_WITHOUT_LAC, FeatureOptions } from './features';
import { NUM_TAGS, TAG_NAMES } from './labels';
import { CharProfiles, PROFILE_WIDTH } from './charProfile';
import type { LexiconWords } from './lexicon';
import type { TransitionScores } from './viterbi';
import { QuantizedWeights } from './weights';

// Layout: 8-byte magic, uint32 format version, uint32 header length, UTF-8 JSON header, then one
// deflated body: transitions (float32), feature hashes as ascending uint32 deltas, row scales
// (float32), int8 weights, then the lexicon and gazetteer words (UTF-8, newline-separated, one
// block per type: lexicon PER, LOC, ORG, gazetteer PER, LOC, ORG), then the character profiles
// (UTF-16LE characters, PROFILE_WIDTH codes each).

// Version 2 ("unpacked", what the build writes into dist/data/) holds the same model as it is in
// memory: the weights' open-addressing table and filter, then the other sections, uncompressed
// and 8-byte aligned, so loading is reading the file and taking typed-array views of it. Version
// 1 is compact for the repository (5 MB) but has to be inflated and its table rebuilt, a quarter
// of the server's start-up.

const MAGIC = 'ZHNERMDL';
export const MODEL_FORMAT_VERSION = 1;
export const UNPACKED_FORMAT_VERSION = 2;
/** Bumped whenever feature templates change meaning, so old models are refused, not misread. */
export const FEATURE_VERSION = 1;

export interface NerModelData {
  options: FeatureOptions;
  /** Softmax temperature for confidences, fitted on development data. */
  temperature: number;
  weights: QuantizedWeights;
  /** Unconstrained transition weights (forbidden BIOES transitions are enforced at decode time). */
  transitions: TransitionScores;
  lexicon: LexiconWords;
  /** Entity strings of the training data, by type. */
  gazetteer: LexiconWords;
  /** Dictionary profiles of characters (empty when the lexicon features are off). */
  profiles: CharProfiles;
  /** Free-form training facts (data, epochs, scores) kept for provenance. */
  meta: Record<string, unknown>;
}

interface Header {
  /** Unpacked files: bytes of the weight table and of its filter. */
  tableBytes?: number;
  filterBytes?: number;
  featureVersion: number;
  featureSlots: number;
  tags: string[];
  rows: number;
  options: FeatureOptions;
  temperature: number;
  lexiconBytes: number[];
  profileChars: number;
  meta: Record<string, unknown>;
}

export class ModelFormatError extends Error {}

export function encodeModel(m: NerModelData): Buffer {
  // Sorting by key makes the deltas small, which is most of what deflate can win on them.
  const rowsIn = m.weights.entries();
  const rows = m.weights.rows;
  const order = Array.from({ length: rows }, (_, r) => r).sort((a, b) => (rowsIn.keys[a] >>> 0) - (rowsIn.keys[b] >>> 0));
  const deltas = new Uint32Array(rows);
  const scale = new Float32Array(rows);
  const q = new Int8Array(rows * NUM_TAGS);
  let prev = 0;
  order.forEach((r, j) => {
    const key = rowsIn.keys[r] >>> 0;
    deltas[j] = key - prev;
    prev = key;
    scale[j] = rowsIn.scale[r];
    q.set(rowsIn.q.subarray(r * NUM_TAGS, (r + 1) * NUM_TAGS), j * NUM_TAGS);
  });
  const { lex, header } = commonParts(m, rows);
  const body = Buffer.concat([
    bytes(m.transitions.trans),
    bytes(m.transitions.start),
    bytes(m.transitions.end),
    bytes(deltas),
    bytes(scale),
    bytes(q),
    ...lex,
    Buffer.from(m.profiles.chars, 'utf16le'),
    bytes(m.profiles.codes),
  ]);
  const [prefix, headerBytes] = fileStart(MODEL_FORMAT_VERSION, header);
  return Buffer.concat([prefix, headerBytes, zlib.deflateRawSync(body, { level: 9 })]);
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The word lists as both layouts store them, and the header fields they share. */
function commonParts(m: NerModelData, rows: number): { lex: Buffer[]; header: Header } {
  const lex = [m.lexicon.per, m.lexicon.loc, m.lexicon.org, m.gazetteer.per, m.gazetteer.loc, m.gazetteer.org].map((ws) => Buffer.from(ws.join('\n'), 'utf8'));
  const header: Header = {
    featureVersion: FEATURE_VERSION,
    featureSlots: FEATURE_SLOTS,
    tags: [...TAG_NAMES],
    rows,
    options: m.options,
    temperature: m.temperature,
    lexiconBytes: lex.map((b) => b.length),
    profileChars: m.profiles.chars.length,
    meta: m.meta,
  };
  return { lex, header };
}

/** The 16-byte prefix both layouts start with (magic, format version, header length) and the JSON header. */
function fileStart(version: number, header: Header): [Buffer, Buffer] {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(version, 8);
  prefix.writeUInt32LE(headerBytes.length, 12);
  return [prefix, headerBytes];
}

/** The same model in the unpacked layout (version 2), for loading without rebuilding anything. */
export function encodeUnpackedModel(m: NerModelData): Buffer {
  const table = m.weights.table();
  const common = commonParts(m, table.rows);
  const lex = common.lex;
  const header: Header = { tableBytes: table.slots.byteLength, filterBytes: table.filter.byteLength, ...common.header };
  const sections = [
    bytes(table.slots),
    bytes(table.filter),
    bytes(m.transitions.trans),
    bytes(m.transitions.start),
    bytes(m.transitions.end),
    ...lex,
    Buffer.from(m.profiles.chars, 'utf16le'),
    bytes(m.profiles.codes),
  ];
  const [prefix, headerBytes] = fileStart(UNPACKED_FORMAT_VERSION, header);
  const parts: Buffer[] = [prefix, headerBytes];
  let length = 16 + headerBytes.length;
  for (const section of [null, ...sections]) {
    if (section) {
      parts.push(section);
      length += section.length;
    }
    parts.push(Buffer.alloc(pad8(length) - length));
    length = pad8(length);
  }
  return Buffer.concat(parts);
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}

function readHeader(file: Buffer): { version: number; header: Header; headerEnd: number } {
  if (file.length < 16 || file.toString('latin1', 0, 8) !== MAGIC) throw new ModelFormatError('not an NER model file');
  const version = file.readUInt32LE(8);
  if (version !== MODEL_FORMAT_VERSION && version !== UNPACKED_FORMAT_VERSION) {
    throw new ModelFormatError(`model format ${version}, expected ${MODEL_FORMAT_VERSION} or ${UNPACKED_FORMAT_VERSION}`);
  }
  const headerLength = file.readUInt32LE(12);
  const header = JSON.parse(file.toString('utf8', 16, 16 + headerLength)) as Header;
  // The LAC slots come last and stay 0 for a model without them, so its slot count may be the older one.
  const slotsFit = header.featureSlots === FEATURE_SLOTS || (header.featureSlots === FEATURE_SLOTS_WITHOUT_LAC && !header.options.lac);
  if (header.featureVersion !== FEATURE_VERSION || !slotsFit || header.tags.join() !== TAG_NAMES.join() || header.lexiconBytes.length !== 6) {
    throw new ModelFormatError('model was trained with different features or tags; retrain it');
  }
  return { version, header, headerEnd: 16 + headerLength };
}

/** An unpacked file: typed arrays are views of the file's memory where aligned (copies otherwise). */
function decodeUnpacked(file: Buffer, header: Header, headerEnd: number): NerModelData {
  let at = pad8(headerEnd);
  const take = (n: number): Uint8Array => {
    if (at + n > file.length) throw new ModelFormatError('model file is truncated');
    const offset = file.byteOffset + at;
    const view = offset % 8 === 0 ? new Uint8Array(file.buffer, offset, n) : new Uint8Array(file.subarray(at, at + n));
    at = pad8(at + n);
    return view;
  };
  const f32 = (n: number) => {
    const b = take(n * 4);
    return new Float32Array(b.buffer, b.byteOffset, n);
  };
  const L = NUM_TAGS;
  const slots = take(header.tableBytes ?? 0);
  const filterBytes = take(header.filterBytes ?? 0);
  const filter = new Int32Array(filterBytes.buffer, filterBytes.byteOffset, filterBytes.byteLength / 4);
  const trans = f32(L * L);
  const start = f32(L);
  const end = f32(L);
  const words = header.lexiconBytes.map((n) => {
    const s = Buffer.from(take(n)).toString('utf8');
    return s.length === 0 ? [] : s.split('\n');
  });
  const profileChars = Buffer.from(take(header.profileChars * 2)).toString('utf16le');
  const profileCodes = take(header.profileChars * PROFILE_WIDTH);
  if (at !== file.length) throw new ModelFormatError('model file is truncated or has trailing data');
  let weights: QuantizedWeights;
  try {
    weights = new QuantizedWeights({ slots, filter, rows: header.rows });
  } catch (err) {
    throw new ModelFormatError(`model weight table is damaged: ${(err as Error).message}`);
  }
  return {
    options: header.options,
    temperature: header.temperature,
    weights,
    transitions: { trans, start, end },
    lexicon: { per: words[0], loc: words[1], org: words[2] },
    gazetteer: { per: words[3], loc: words[4], org: words[5] },
    profiles: { chars: profileChars, codes: profileCodes },
    meta: header.meta,
  };
}

export function decodeModel(file: Buffer): NerModelData {
  const { version, header, headerEnd } = readHeader(file);
  if (version === UNPACKED_FORMAT_VERSION) return decodeUnpacked(file, header, headerEnd);
  const headerLength = headerEnd - 16;
  const body = zlib.inflateRawSync(file.subarray(16 + headerLength));
  let at = 0;
  // Copies keep typed arrays aligned whatever the section offsets are.
  const take = (n: number) => {
    const out = new Uint8Array(n);
    out.set(body.subarray(at, at + n));
    at += n;
    return out.buffer;
  };
  const L = NUM_TAGS;
  const rows = header.rows;
  const trans = new Float32Array(take(L * L * 4));
  const start = new Float32Array(take(L * 4));
  const end = new Float32Array(take(L * 4));
  const keys = new Uint32Array(take(rows * 4));
  for (let r = 1; r < rows; r++) keys[r] += keys[r - 1];
  const scale = new Float32Array(take(rows * 4));
  const q = new Int8Array(take(rows * L));
  const words = header.lexiconBytes.map((n) => {
    const s = body.toString('utf8', at, at + n);
    at += n;
    return s.length === 0 ? [] : s.split('\n');
  });
  const profileChars = body.toString('utf16le', at, (at += header.profileChars * 2));
  const profileCodes = new Uint8Array(take(header.profileChars * PROFILE_WIDTH));
  if (at !== body.length) throw new ModelFormatError('model file is truncated or has trailing data');
  return {
    options: header.options,
    temperature: header.temperature,
    weights: new QuantizedWeights(new Int32Array(keys.buffer), q, scale),
    transitions: { trans, start, end },
    lexicon: { per: words[0], loc: words[1], org: words[2] },
    gazetteer: { per: words[3], loc: words[4], org: words[5] },
    profiles: { chars: profileChars, codes: profileCodes },
    meta: header.meta,
  };
}
