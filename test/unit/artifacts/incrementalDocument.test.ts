import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectArtifacts } from '../../../server/src/core/artifacts';
import { ArtifactDocument, IncrementalArtifacts } from '../../../server/src/core/artifacts/incremental';
import { mulberry32 } from '../../../server/src/core/prng';
import { randomPieces } from '../../randomPieces';

// Detection that builds on a document's previous version must equal detection from scratch, over
// random edits that add and remove line endings, damage and repeated paragraphs.

const PIECES = [
  '市政府負責(zé)人今天表示，',
  '新公园将于下月开放。',
  '读者可以在晚上九点前借还图书，馆方表示这一安排将持续到年底。',
  '&nbsp;',
  '<br>',
  '张?明',
  '\uFFFD',
  ',,',
  '\n',
  '\r',
  '\r\n',
  '的',
  '。',
];

test('detection from the previous version equals detection from scratch over random edits', () => {
  const r = mulberry32(21);
  for (let d = 0; d < 8; d++) {
    const detector = new IncrementalArtifacts({}, d % 2 ? 4 : 50_000);
    const doc = new ArtifactDocument();
    let text = randomPieces(r, PIECES, 600);
    for (let edit = 0; edit < 40; edit++) {
      const at = Math.floor(r() * (text.length + 1));
      const removed = r() < 0.4 ? Math.floor(r() * 8) : 0;
      text = text.slice(0, at) + (r() < 0.8 ? randomPieces(r, PIECES, 1 + Math.floor(r() * 10)) : '') + text.slice(at + removed);
      assert.deepEqual(detector.detectAll(text, doc), detectArtifacts(text), `document ${d}, edit ${edit}`);
    }
  }
});

test('an edit looks up only the chunks of its own lines', () => {
  const detector = new IncrementalArtifacts({}, 50_000);
  const doc = new ArtifactDocument();
  const lines = Array.from({ length: 200 }, (_, i) => `第${i}段：市政府負責(zé)人今天表示，新公园将于下月开放。`);
  detector.detectAll(lines.join('\n'), doc);
  let looked = 0;
  const local = detector.local.bind(detector);
  detector.local = (t: string) => (looked++, local(t));
  lines[77] = '第77段：改过的一行。';
  detector.detectAll(lines.join('\n'), doc);
  assert.equal(looked, 1);
});
