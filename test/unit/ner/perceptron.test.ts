import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FEATURE_SLOTS } from '../../../server/src/core/ner/features';
import { NUM_TAGS, Part, TAG_O, allowedEnd, allowedStart, tagOf } from '../../../server/src/core/ner/labels';
import { PerceptronTrainer } from '../../../server/src/core/ner/perceptron';

// One-character sentences whose only feature is their character (row 0 or 1): every allowed
// tag is a whole path, so the margin can be checked against every alternative directly.
function oneChar(row: number): Int32Array {
  const rows = new Int32Array(FEATURE_SLOTS).fill(-1);
  rows[0] = row;
  return rows;
}
const sentences = [
  { rows: oneChar(0), gold: Uint8Array.of(tagOf(0, Part.S)) },
  { rows: oneChar(1), gold: Uint8Array.of(TAG_O) },
];
const singleTags = Array.from({ length: NUM_TAGS }, (_, t) => t).filter((t) => allowedStart(t) && allowedEnd(t));

/** Trains until an epoch without a (cost-augmented) mistake; returns the updates made. */
function trainToConvergence(trainer: PerceptronTrainer): number {
  let updates = 0;
  for (let epoch = 0; epoch < 100; epoch++) {
    let wrong = 0;
    for (const s of sentences) wrong += trainer.train(s.rows, 1, s.gold);
    updates += wrong;
    if (wrong === 0) return updates;
  }
  throw new Error('did not converge');
}

/** The smallest lead of the gold tag over any other allowed tag, over both sentences. */
function smallestLead(trainer: PerceptronTrainer): number {
  let lead = Infinity;
  for (const s of sentences) {
    const gold = trainer.pathScore(s.rows, 1, s.gold);
    for (const t of singleTags) if (t !== s.gold[0]) lead = Math.min(lead, gold - trainer.pathScore(s.rows, 1, [t]));
  }
  return lead;
}

test('the plain perceptron stops as soon as gold wins; with a margin it goes on until gold leads by it', () => {
  const plain = new PerceptronTrainer(2, 0);
  const plainUpdates = trainToConvergence(plain);
  assert.ok(smallestLead(plain) > 0);

  const margin = 5;
  const wide = new PerceptronTrainer(2, margin);
  const wideUpdates = trainToConvergence(wide);
  assert.ok(smallestLead(wide) >= margin, `lead ${smallestLead(wide)} < ${margin}`);
  assert.ok(smallestLead(plain) < margin, 'the toy must need the margin to make a difference');
  assert.ok(wideUpdates > plainUpdates);
});
