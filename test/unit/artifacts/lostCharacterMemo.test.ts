import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectLostCharacters, LostCharacterMemo } from '../../../server/src/core/artifacts/lostCharacter';
import { mulberry32 } from '../../../server/src/core/prng';
import { randomPieces } from '../../randomPieces';

// The document-wide scans of the lost-character pass are kept between versions of a document;
// an edit must drop exactly the ones it could change, so results equal a fresh pass.

const PIECES = ['徐若瑄', '徐若?', '徐若\uFFFD', '张?明', '张三明', '?', '？', '吗?', '\uFFFD\uFFFD', '的', '在', '。', '\n', '𠀀?', '𠀀𠀁', '李', '明', 'a', ' ', '|'];

test('with a memo carried over edits, lost characters equal a fresh pass', () => {
  const r = mulberry32(11);
  for (let doc = 0; doc < 15; doc++) {
    const memo = new LostCharacterMemo();
    let text = randomPieces(r, PIECES, 400);
    for (let edit = 0; edit < 80; edit++) {
      const at = Math.floor(r() * (text.length + 1));
      const removed = r() < 0.4 ? Math.floor(r() * 5) : 0;
      text = text.slice(0, at) + (r() < 0.8 ? randomPieces(r, PIECES, 1 + Math.floor(r() * 3)) : '') + text.slice(at + removed);
      assert.deepEqual(detectLostCharacters(text, undefined, memo), detectLostCharacters(text), `document ${doc}, edit ${edit}`);
    }
  }
});

test('a scan survives an edit far from its characters and is dropped by one next to them', () => {
  const base = `${'天气很好。'.repeat(50)}徐若瑄来了。${'天气很好。'.repeat(50)}`;
  const memo = new LostCharacterMemo();
  memo.update(base);
  let scans = 0;
  const find = () => (scans++, '瑄');
  memo.fill(base, '徐若|来了', find);
  const far = `${base.slice(0, 10)}雨${base.slice(10)}`;
  memo.update(far);
  assert.equal(memo.fill(far, '徐若|来了', find), '瑄');
  assert.equal(scans, 1);
  const near = far.replace('徐若瑄', '徐若?');
  memo.update(near);
  memo.fill(near, '徐若|来了', find);
  assert.equal(scans, 2);
});

test('gaps are found with astral Han neighbours and never inside a run of U+FFFD', () => {
  const found = detectLostCharacters('𠀀?𠀁说。王\uFFFD\uFFFD明。王晓明。').map((a) => [a.start, a.end, a.kind]);
  assert.deepEqual(found, [
    [2, 3, 'question_mark_gap'],
    [8, 10, 'replacement_char'],
  ]);
});

test('a keystroke of one of a scan\'s own characters keeps the scan when no match of it is near', () => {
  const base = `${'天气很好。'.repeat(50)}徐若瑄来了。${'天气很好。'.repeat(50)}`;
  const memo = new LostCharacterMemo();
  memo.update(base);
  let scans = 0;
  const find = () => (scans++, '瑄');
  memo.fill(base, '徐若|来了', find);
  // 若 and 来 typed far from 徐若瑄: no 徐若X, X来了 or 若X来 is made or broken there.
  const typed = `${base.slice(0, 10)}若来${base.slice(10)}`;
  memo.update(typed);
  assert.equal(memo.fill(typed, '徐若|来了', find), '瑄');
  assert.equal(scans, 1);
  // Typed next to the name, making 徐若徐若瑄: a new match of 徐若X.
  const named = typed.replace('徐若瑄', '徐若徐若瑄');
  memo.update(named);
  memo.fill(named, '徐若|来了', find);
  assert.equal(scans, 2);
});
