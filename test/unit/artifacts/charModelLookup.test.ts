import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CharModel, CHAR_LM_SALT, decodeCharModel, dequantize, encodeCharModel, ngramKey, ngramKeyFor, quantize, TABLES, type CharModelData, type TableName } from '../../../server/src/core/artifacts/charModel';
import { mulberry32 } from '../../../server/src/core/prng';

// The character model's lookups are sped up three ways (unrolled keys, a bucket index over the
// sorted tables, one lookup per back-off level); each must give what the plain formulation gives.

const rng = mulberry32(2026);
const cp = () => (rng() < 0.5 ? 0x4e00 + Math.floor(rng() * 0x5200) : rng() < 0.9 ? Math.floor(rng() * 0x80) : 0x20000 + Math.floor(rng() * 0xa6e0));

test('the unrolled keys equal ngramKey over one, two and three code points', () => {
  for (let i = 0; i < 2000; i++) {
    const [a, b, c, salt] = [cp(), cp(), cp(), 1 + (i % 5)];
    assert.equal(ngramKeyFor.key1(a, salt), ngramKey([a], salt));
    assert.equal(ngramKeyFor.key2(a, b, salt), ngramKey([a, b], salt));
    assert.equal(ngramKeyFor.key3(a, b, c, salt), ngramKey([a, b, c], salt));
  }
});

/** A small model over a few characters, with some n-grams left out so every back-off path is taken. */
function smallModel(): { data: CharModelData; chars: number[] } {
  const chars = Array.from('的一是在不了有和人这中大为上个国我以要他时来用们', (ch) => ch.codePointAt(0)!);
  const entries: Record<TableName, [number, number][]> = { p1: [], p2: [], p3: [], b1: [], b2: [] };
  const q = () => quantize(-0.2 - rng() * 8);
  for (const c of chars.slice(0, -3)) entries.p1.push([ngramKey([c], CHAR_LM_SALT.p1), q()]);
  for (const b of chars) {
    if (rng() < 0.8) entries.b1.push([ngramKey([b], CHAR_LM_SALT.b1), q()]);
    for (const c of chars) {
      if (rng() < 0.4) entries.p2.push([ngramKey([b, c], CHAR_LM_SALT.p2), q()]);
      if (rng() < 0.5) entries.b2.push([ngramKey([b, c], CHAR_LM_SALT.b2), q()]);
      for (const a of chars) if (rng() < 0.1) entries.p3.push([ngramKey([a, b, c], CHAR_LM_SALT.p3), q()]);
    }
  }
  const tables = {} as CharModelData['tables'];
  for (const t of TABLES) {
    const list = [...new Map(entries[t]).entries()].sort((x, y) => x[0] - y[0]);
    tables[t] = { keys: Uint32Array.from(list, (e) => e[0]), values: Uint8Array.from(list, (e) => e[1]) };
  }
  return { data: decodeCharModel(encodeCharModel({ unknownLog: -7.5, tables, forms: { codes: Uint32Array.of(0x66cf), values: Uint8Array.of(quantize(-3)) } })), chars };
}

/** Binary search over the whole table, as the model did before its index. */
function plainFind(data: CharModelData, t: TableName, key: number): number | undefined {
  const { keys, values } = data.tables[t];
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] === key) return dequantize(values[mid]);
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function plainLogProb(data: CharModelData, c: number, b?: number, a?: number): number {
  if (a !== undefined && b !== undefined) {
    return plainFind(data, 'p3', ngramKey([a, b, c], CHAR_LM_SALT.p3)) ?? (plainFind(data, 'b2', ngramKey([a, b], CHAR_LM_SALT.b2)) ?? 0) + plainLogProb(data, c, b);
  }
  if (b !== undefined) return plainFind(data, 'p2', ngramKey([b, c], CHAR_LM_SALT.p2)) ?? (plainFind(data, 'b1', ngramKey([b], CHAR_LM_SALT.b1)) ?? 0) + plainLogProb(data, c);
  return plainFind(data, 'p1', ngramKey([c], CHAR_LM_SALT.p1)) ?? data.unknownLog;
}

test('the indexed lookups, the bounded score and its cache give the plain formulation exactly', () => {
  const { data, chars } = smallModel();
  const model = new CharModel(data);
  const floor = 1.5;
  const bounded = model.bounded(floor);
  const pick = () => (rng() < 0.1 ? undefined : chars[Math.floor(rng() * chars.length)]);
  let backedOff = 0;
  for (let i = 0; i < 20000; i++) {
    const c = chars[Math.floor(rng() * chars.length)];
    const b = pick();
    const a = b === undefined ? undefined : pick();
    const plain = plainLogProb(data, c, b, a);
    assert.equal(model.logProb(c, b, a), plain);
    if (a !== undefined && b !== undefined && plainFind(data, 'p3', ngramKey([a, b, c], CHAR_LM_SALT.p3)) === undefined) backedOff++;
    const expected = b === undefined ? plain : Math.max(plain, plainLogProb(data, c, b) - floor, plainLogProb(data, c) - 2 * floor);
    assert.equal(model.boundedLogProb(c, floor, b, a), expected);
    // Asked twice: once filling the cache, once from it.
    assert.equal(bounded.logProb(c, b, a), expected);
    assert.equal(bounded.logProb(c, b, a), expected);
  }
  assert.ok(backedOff > 1000, `only ${backedOff} trigrams backed off`);
  assert.equal(model.logProb(0x10ffff), -7.5);
});

test('the traditional forms table survives the file, reaches the bounded scorer, and reads 0 for usual forms', () => {
  const { data } = smallModel();
  const model = new CharModel(data);
  // 曏 (U+66CF) was written with log10 P = −3; quantising keeps it within half a step.
  assert.ok(Math.abs(model.formLogProb(0x66cf) + 3) < 0.02, String(model.formLogProb(0x66cf)));
  assert.equal(model.bounded(1.5).formLogProb?.(0x66cf), model.formLogProb(0x66cf));
  assert.equal(model.formLogProb(0x5411), 0);
  const file = encodeCharModel(data);
  assert.throws(() => decodeCharModel(file.subarray(0, file.length - 1)), /wrong length/);
});
