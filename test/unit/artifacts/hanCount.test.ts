import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { countHan, countHanAfterEdit } from '../../../server/src/core/artifacts/fixAllLimit';
import { mulberry32 } from '../../../server/src/core/prng';
import { randomPieces } from '../../randomPieces';

// The fix-all limit needs the document's Han count on every keystroke; an editor derives it from
// the last version's count. Edits may split or join surrogate pairs (an Extension B ideograph
// typed next to a lone surrogate, half of one deleted), at either end of the text.

const PIECES = ['的', '张三', '𠀀', '\uD840', '\uDC00', '😀', 'a', '。', '\n', '豈'];

test('a Han count carried over random edits equals a fresh count', () => {
  const r = mulberry32(5);
  for (let doc = 0; doc < 20; doc++) {
    let text = randomPieces(r, PIECES, 60);
    let count = countHan(text);
    for (let edit = 0; edit < 200; edit++) {
      const at = r() < 0.15 ? (r() < 0.5 ? 0 : text.length) : Math.floor(r() * (text.length + 1));
      const removed = r() < 0.5 ? Math.floor(r() * 4) : 0;
      const next = text.slice(0, at) + (r() < 0.8 ? randomPieces(r, PIECES, 1 + Math.floor(r() * 3)) : '') + text.slice(at + removed);
      count = countHanAfterEdit(text, count, next);
      text = next;
      assert.equal(count, countHan(text), `document ${doc}, edit ${edit}: ${JSON.stringify(text)}`);
    }
  }
});
