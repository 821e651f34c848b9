import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spansToTags, tagsToSpans, type Span } from '../../../server/src/core/ner/bio';
import { HIDDEN_DIM } from '../../../server/src/core/ner/hiddenCodes';
import { NUM_TAGS } from '../../../server/src/core/ner/labels';
import { OutputAdapter } from '../../../server/src/core/ner/outputAdaptation';
import { adjustedLogProbs } from '../../../server/src/core/ner/tagger';

// Synthetic hidden layers: each character "kind" has its own code vector, as the network gives
// characters in like contexts like vectors. The network's scores say every character is outside
// any name; the corrections say a kind-1 character and a kind-2 one after it form a person.
function codes(kinds: number[]): Int8Array {
  const h = new Int8Array(kinds.length * HIDDEN_DIM);
  kinds.forEach((kind, i) => {
    for (let k = 0; k < HIDDEN_DIM; k++) h[i * HIDDEN_DIM + k] = ((k * 7 + kind * 31) % 5) * 25 - 50 + (k % (kind + 2) === 0 ? 60 : 0);
  });
  return h;
}

function outsideScores(n: number): Float32Array {
  const s = new Float32Array(n * NUM_TAGS).fill(Math.log(0.1 / (NUM_TAGS - 1)));
  const O = spansToTags(1, [])[0];
  for (let i = 0; i < n; i++) s[i * NUM_TAGS + O] = Math.log(0.9);
  return s;
}

function best(s: Float32Array, n: number): Span[] {
  const tags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let t = 1; t < NUM_TAGS; t++) if (s[i * NUM_TAGS + t] > s[i * NUM_TAGS + b]) b = t;
    tags[i] = b;
  }
  return tagsToSpans(tags);
}

test('corrections move the network output of characters represented alike, in other lines too; reset restores it exactly', () => {
  const adapter = new OutputAdapter();
  assert.equal(adapter.active, false);
  const kinds = [0, 1, 2, 0, 0];
  const gold = spansToTags(5, [{ start: 1, end: 3, type: 'PER' }]);
  for (let k = 0; k < 60; k++) adapter.learn([{ feats: new Int32Array(0), gold, hidden: codes(kinds), nameScores: outsideScores(5) }]);
  assert.equal(adapter.active, true);
  // Another line: the same two kinds of character, in another place.
  const other = [0, 0, 0, 1, 2];
  const adjusted = adjustedLogProbs(outsideScores(5), codes(other), 5, adapter.dim, adapter.w);
  assert.deepEqual(best(adjusted, 5), [{ start: 3, end: 5, type: 'PER' }]);
  // Still log-probabilities.
  for (let i = 0; i < 5; i++) {
    let sum = 0;
    for (let t = 0; t < NUM_TAGS; t++) sum += Math.exp(adjusted[i * NUM_TAGS + t]);
    assert.ok(Math.abs(sum - 1) < 1e-4);
  }
  adapter.reset();
  assert.equal(adapter.active, false);
  assert.ok(adapter.w.every((v) => v === 0));
  assert.deepEqual(best(adjustedLogProbs(outsideScores(5), codes(other), 5, adapter.dim, adapter.w), 5), []);
});

test('lines without the network (no hidden layer or scores) teach the output layer nothing', () => {
  const adapter = new OutputAdapter();
  const gold = spansToTags(3, [{ start: 0, end: 2, type: 'ORG' }]);
  adapter.learn([{ feats: new Int32Array(0), gold }, { feats: new Int32Array(0), gold, hidden: codes([1, 1, 0]) }]);
  assert.equal(adapter.active, false);
  assert.ok(adapter.w.every((v) => v === 0));
});
