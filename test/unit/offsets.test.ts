import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodePointIndex, EditMap, LineIndex, snapToCodePoint } from '../../server/src/core/offsets';

test('code points and UTF-16 round-trip around Extension B characters and emoji', () => {
  const text = 'a𠀀新华社😀b';
  const idx = new CodePointIndex(text);
  assert.equal(idx.codePointLength, 7);
  // 'a' 0, '𠀀' 1-2, '新' 3, '华' 4, '社' 5, '😀' 6-7, 'b' 8
  assert.equal(idx.toCodePoint(3), 2);
  assert.equal(idx.toCodePoint(6), 5);
  assert.equal(idx.toCodePoint(8), 6);
  assert.equal(idx.toCodePoint(9), 7);
  for (let cp = 0; cp <= 7; cp++) assert.equal(idx.toCodePoint(idx.toUtf16(cp)), cp);
  assert.equal(idx.toUtf16(2), 3);
  assert.equal(idx.toUtf16(6), 8);
  assert.equal(Array.from(text).slice(2, 5).join(''), text.slice(idx.toUtf16(2), idx.toUtf16(5)));
});

test('lone surrogates count as one code point each', () => {
  const text = '\ud800x\udc00';
  const idx = new CodePointIndex(text);
  assert.equal(idx.codePointLength, 3);
  assert.equal(idx.toUtf16(2), 2);
});

test('snapToCodePoint never splits a pair', () => {
  assert.equal(snapToCodePoint('a😀', 2), 1);
  assert.equal(snapToCodePoint('a😀', 1), 1);
});

test('EditMap maps spans across deletions so removed text inside a span stays inside it', () => {
  const src = '責(zé)任,。長沙';
  const map = new EditMap(src, [
    { start: 1, end: 5, text: '' },
    { start: 6, end: 7, text: '' },
  ]);
  assert.equal(map.target, '責任。長沙');
  assert.deepEqual(map.spanToSource(0, 2), [0, 6]);
  assert.deepEqual(map.spanToSource(3, 5), [8, 10]);
  // Text removed right before a span stays outside it: 任 starts after (zé).
  assert.deepEqual(map.spanToSource(1, 2), [5, 6]);
  assert.equal(map.toTarget(8), 3);
  assert.equal(map.toTarget(3, 'left'), 1);
  assert.equal(map.toTarget(3, 'right'), 1);
});

test('EditMap handles insertions with left and right bias', () => {
  const map = new EditMap('ab', [{ start: 1, end: 1, text: 'XY' }]);
  assert.equal(map.target, 'aXYb');
  assert.equal(map.toTarget(1, 'left'), 1);
  assert.equal(map.toTarget(1, 'right'), 3);
  assert.equal(map.toSource(2, 'left'), 1);
  assert.equal(map.toSource(4), 2);
});

test('EditMap rejects overlapping edits', () => {
  assert.throws(() => new EditMap('abcdef', [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }]), RangeError);
});

test('LineIndex handles CRLF, CR and LF', () => {
  const li = new LineIndex('ab\r\ncd\ref\ngh');
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(li.positionAt(7), { line: 2, character: 0 });
  assert.equal(li.offsetAt({ line: 3, character: 1 }), 11);
  // Past the end of a line means its end, before the line break (as LSP's TextDocument does).
  assert.equal(li.offsetAt({ line: 0, character: 99 }), 2);
  assert.equal(li.offsetAt({ line: 1, character: 99 }), 6);
});
