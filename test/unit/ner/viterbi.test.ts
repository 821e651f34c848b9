import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tagsToSpans } from '../../../server/src/core/ner/bio';
import { NUM_TAGS, TAG_NAMES, allowedEnd, allowedStart, allowedTransition } from '../../../server/src/core/ner/labels';
import { Decoder, constrain, TransitionScores } from '../../../server/src/core/ner/viterbi';

const L = NUM_TAGS;
const tag = (name: string) => TAG_NAMES.indexOf(name);

function zeroTransitions(): TransitionScores {
  return { trans: new Float32Array(L * L), start: new Float32Array(L), end: new Float32Array(L) };
}

/** Emissions that favour one tag per position by `margin`. */
function emissionsFor(names: string[], margin: number): Float32Array {
  const emit = new Float32Array(names.length * L);
  names.forEach((n, i) => (emit[i * L + tag(n)] = margin));
  return emit;
}

test('Viterbi repairs a locally best but ill-formed sequence', () => {
  // Position-wise best is O, I-PER, E-PER, which BIOES forbids (I after O); the best legal path
  // must open the span with B-PER instead.
  const emit = emissionsFor(['O', 'I-PER', 'E-PER'], 1);
  emit[0 * L + tag('B-PER')] = 0.9;
  const out = new Uint8Array(3);
  new Decoder().viterbi(emit, 3, constrain(zeroTransitions()), out);
  assert.deepEqual(Array.from(out, (t) => TAG_NAMES[t]), ['B-PER', 'I-PER', 'E-PER']);
  assert.deepEqual(tagsToSpans(out), [{ start: 0, end: 3, type: 'PER' }]);
});

test('Viterbi follows transition weights when emissions are weak', () => {
  // Emissions barely prefer S-LOC at both positions, but the transition S-LOC → S-LOC is
  // penalised, so a two-character LOC wins.
  const t = zeroTransitions();
  t.trans[tag('S-LOC') * L + tag('S-LOC')] = -5;
  const emit = emissionsFor(['S-LOC', 'S-LOC'], 1);
  emit[0 * L + tag('B-LOC')] = 0.8;
  emit[1 * L + tag('E-LOC')] = 0.8;
  const out = new Uint8Array(2);
  const score = new Decoder().viterbi(emit, 2, constrain(t), out);
  assert.deepEqual(Array.from(out, (x) => TAG_NAMES[x]), ['B-LOC', 'E-LOC']);
  assert.ok(Math.abs(score - 1.6) < 1e-6);
});

/** All legal tag sequences of length n with their scores, for brute-force checks. */
function allPaths(emit: Float32Array, n: number, t: TransitionScores): { tags: number[]; score: number }[] {
  const out: { tags: number[]; score: number }[] = [];
  const walk = (prefix: number[], score: number) => {
    const i = prefix.length;
    if (i === n) {
      const last = prefix[n - 1];
      if (allowedEnd(last)) out.push({ tags: prefix, score: score + t.end[last] });
      return;
    }
    for (let b = 0; b < L; b++) {
      if (i === 0 ? !allowedStart(b) : !allowedTransition(prefix[i - 1], b)) continue;
      const s = score + emit[i * L + b] + (i === 0 ? t.start[b] : t.trans[prefix[i - 1] * L + b]);
      walk([...prefix, b], s);
    }
  };
  walk([], 0);
  return out;
}

test('Viterbi and marginals agree with brute force over every legal sequence', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 4 - 2;
  const n = 4;
  const t = zeroTransitions();
  for (let k = 0; k < L * L; k++) t.trans[k] = rand();
  for (let k = 0; k < L; k++) (t.start[k] = rand()), (t.end[k] = rand());
  const emit = new Float32Array(n * L).map(() => rand());
  const paths = allPaths(emit, n, t);
  const best = paths.reduce((a, b) => (b.score > a.score ? b : a));

  const decoder = new Decoder();
  const out = new Uint8Array(n);
  const score = decoder.viterbi(emit, n, constrain(t), out);
  assert.deepEqual(Array.from(out), best.tags);
  assert.ok(Math.abs(score - best.score) < 1e-4);

  const temperature = 1.5;
  const marg = new Float32Array(n * L);
  decoder.marginals(emit, n, constrain(t), temperature, marg);
  const expected = new Float64Array(n * L);
  let z = 0;
  for (const p of paths) {
    const w = Math.exp(p.score / temperature);
    z += w;
    p.tags.forEach((tg, i) => (expected[i * L + tg] += w));
  }
  for (let k = 0; k < n * L; k++) assert.ok(Math.abs(marg[k] - expected[k] / z) < 1e-5, `marginal ${k}`);
});

test('marginals over a window are exact for the whole sentence and close to it in the middle of a wider one', () => {
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 4 - 2;
  const n = 40;
  const t = zeroTransitions();
  for (let k = 0; k < L * L; k++) t.trans[k] = rand();
  for (let k = 0; k < L; k++) (t.start[k] = rand()), (t.end[k] = rand());
  const emit = new Float32Array(n * L).map(() => rand() * 3);
  const c = constrain(t);
  const decoder = new Decoder();
  const full = new Float32Array(n * L);
  decoder.marginals(emit, n, c, 1, full);
  const whole = new Float32Array(n * L);
  decoder.marginals(emit, n, c, 1, whole, 0, n);
  assert.deepEqual(whole, full);
  const win = new Float32Array(n * L);
  decoder.marginals(emit, n, c, 1, win, 10, 30);
  for (let k = 0; k < 10 * L; k++) assert.equal(win[k], 0, 'outside the window stays untouched');
  let worst = 0;
  for (let k = 18 * L; k < 22 * L; k++) worst = Math.max(worst, Math.abs(win[k] - full[k]));
  assert.ok(worst < 0.01, `middle of the window differs by ${worst}`);
  for (let i = 10; i < 30; i++) {
    const row = win.subarray(i * L, (i + 1) * L).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(row - 1) < 1e-6);
  }
});
