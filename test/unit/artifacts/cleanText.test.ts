import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectArtifacts, repairText } from '../../../server/src/core/artifacts';
import { bioSentences } from './seeds';

test("every People's Daily dev sentence passes through repair unchanged", () => {
  const sentences = bioSentences('peoples_daily_dev_bio.txt');
  assert.equal(sentences.length, 2318);
  const changed = sentences.filter((s) => repairText(s).text !== s);
  assert.deepEqual(changed.slice(0, 5), []);
});

test("NFKC-normalised People's Daily text (ASCII , ; ? ( )) is not mistaken for crawl damage", () => {
  const flagged = bioSentences('peoples_daily_dev_bio.txt')
    .map((s) => s.normalize('NFKC'))
    .filter((s) => detectArtifacts(s).length > 0);
  assert.deepEqual(flagged.slice(0, 5), []);
});
