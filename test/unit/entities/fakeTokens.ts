import * as assert from 'node:assert/strict';
import { withOffsets } from '../../../server/src/core/segmenter';
import type { Token } from '../../../server/src/core/types';

/**
 * A hand-made segmentation: words joined with '|', each 'word/tag' (copied from what nodejieba
 * produces), so rules are tested without the native addon.
 */
export function fakeTokens(text: string, seg: string): Token[] {
  const pairs = seg.split('|').map((p) => {
    const at = p.lastIndexOf('/');
    return { word: p.slice(0, at), tag: p.slice(at + 1) };
  });
  assert.equal(pairs.map((p) => p.word).join(''), text, 'fake segmentation must cover the text');
  return withOffsets(text, pairs);
}
