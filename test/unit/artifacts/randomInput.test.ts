import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ARTIFACT_KINDS, detectArtifacts, detectLocalArtifacts, repairText } from '../../../server/src/core/artifacts';
import { mulberry32 } from '../../../server/src/core/prng';

const prng = mulberry32;

const PIECES = [
  '責', '任', '傳', '達', '勇', '擔', '當', '重', '的', '中', '文', '发', '布', '真', '鬟', '軐', '鍙', '戝', '竷', '涓', '枃',
  '(zhèn)', '(zé)', '?lián)', '?dāng)', '?fù)', '(blog)', '(微博)', '(图)', '?', '??', ',', ',,', ',。', ',;', '，', '。', '、', '；',
  '\n', '\r\n', ' ', '_', 'm', 'a', '1', '>>我要舉報', '刷新', '加载中...', '\uFFFD', '\u200b', '\ufeff', '\ue000', '\u0007',
  '\ud800', '\udc00', '😀', '\u200d', '&nbsp;', '&#20013;', '&', '<br>', '<p>', '<', '>', 'ä¸­æ–‡', 'ÖÐÎÄ', 'Ã', '©', '€', 'ÿ',
  '(', ')', 'ǎ', 'ü',
];

function randomText(rand: () => number): string {
  const n = Math.floor(rand() * 40);
  let s = '';
  for (let i = 0; i < n; i++) {
    if (rand() < 0.15) s += String.fromCharCode(Math.floor(rand() * 0x10000));
    else s += PIECES[Math.floor(rand() * PIECES.length)];
  }
  return s;
}

function assertWellFormed(text: string, artifacts: ReturnType<typeof detectArtifacts>): void {
  let last = 0;
  for (const a of artifacts) {
    assert.ok(ARTIFACT_KINDS.includes(a.kind));
    assert.ok(a.start >= last, `overlap or unsorted at ${a.start} in ${JSON.stringify(text)}`);
    assert.ok(a.end > a.start && a.end <= text.length, `bad span ${a.start}-${a.end} in ${JSON.stringify(text)}`);
    assert.ok(Array.isArray(a.candidates) && a.candidates.every((c) => typeof c === 'string'));
    assert.equal(typeof a.explanation, 'string');
    last = a.end;
  }
}

test('random mixtures of Han, ASCII, surrogates, pinyin, ? and junk never throw and give sorted disjoint spans', () => {
  const rand = prng(20240611);
  let reported = 0;
  for (let i = 0; i < 3000; i++) {
    const text = randomText(rand);
    const all = detectArtifacts(text);
    assertWellFormed(text, all);
    assertWellFormed(text, detectLocalArtifacts(text));
    const repaired = repairText(text);
    assert.equal(typeof repaired.text, 'string');
    reported += all.length;
  }
  // The generator is built to contain damage; a detector that silently stopped would show here.
  assert.ok(reported > 3000, `only ${reported} artifacts in 3000 random texts`);
});
