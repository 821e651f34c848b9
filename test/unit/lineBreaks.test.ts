import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEEDS_DIR } from '../sharedDir';
import { AnnotationStores } from '../../server/src/core/annotations';
import { detectArtifacts } from '../../server/src/core/artifacts';
import { splitChunks } from '../../server/src/core/chunks';
import { LineIndex, lineRanges, offsetAtPosition } from '../../server/src/core/offsets';

// Issue 12, item 5: a bare \r ends a line for LSP and VS Code. Every line-based part of the
// product (LSP positions of annotation edits, chunks, boilerplate and repeated paragraphs) uses
// core/offsets' one line model.

const quiet = { warn: () => undefined, error: () => undefined };

test('lineRanges: \\n, \\r\\n and a lone \\r each end a line', () => {
  assert.deepEqual(lineRanges('ab\r\ncd\ref\ngh'), [
    { start: 0, end: 2, next: 4 },
    { start: 4, end: 6, next: 7 },
    { start: 7, end: 9, next: 10 },
    { start: 10, end: 12, next: 12 },
  ]);
  assert.deepEqual(lineRanges(''), [{ start: 0, end: 0, next: 0 }]);
  assert.deepEqual(lineRanges('a\r'), [{ start: 0, end: 1, next: 2 }, { start: 2, end: 2, next: 2 }]);
});

test('LineIndex and offsetAtPosition agree with LSP\'s TextDocument on every position of mixed-line-break texts', () => {
  for (const text of ['第一行\r第二行\r\n\r张三说\n\r\n末行', '\r\n', '\r\r', 'a\r', '']) {
    const doc = TextDocument.create('untitled:x', 'plaintext', 1, text);
    const li = new LineIndex(text);
    assert.equal(li.lineCount, doc.lineCount);
    for (let o = 0; o <= text.length; o++) assert.deepEqual(li.positionAt(o), doc.positionAt(o), `positionAt(${o})`);
    for (let line = -1; line <= doc.lineCount; line++) {
      for (let character = 0; character < 6; character++) {
        const expected = doc.offsetAt({ line, character });
        assert.equal(li.offsetAt({ line, character }), expected, `offsetAt(${line}:${character}) of ${JSON.stringify(text)}`);
        assert.equal(offsetAtPosition(text, { line, character }), expected, `offsetAtPosition(${line}:${character}) of ${JSON.stringify(text)}`);
      }
    }
  }
});

test('typing above a label in a CR-only article moves the label with its text', () => {
  const text = '标题\r正文第一段。\r记者张三报道。';
  const uri = 'untitled:cr-only';
  const stores = new AnnotationStores(quiet);
  stores.open(uri, text);
  const store = stores.store(uri)!;
  const at = text.indexOf('张三');
  store.addManual(at, at + 2, 'person');
  // Insert on line 1 (the second line): everything on line 2 shifts by two.
  const doc = TextDocument.create(uri, 'plaintext', 1, text);
  const change = { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: '新增' };
  const orphaned = stores.applyChanges(uri, [change]);
  const after = TextDocument.applyEdits(doc, [{ range: change.range, newText: change.text }]);
  assert.equal(store.text, after);
  assert.deepEqual(orphaned, []);
  assert.deepEqual(store.manual.map((m) => [m.start, m.text]), [[after.indexOf('张三'), '张三']]);
});

test('seed 002 converted to CR-only gives the same artifacts and chunks as with LF', () => {
  const lf = fs.readFileSync(`${SEEDS_DIR}/002_6201b8ef51ea4b4f.txt`, 'utf8').replace(/\r\n?/g, '\n');
  const cr = lf.replace(/\n/g, '\r');
  const shape = (t: string) => detectArtifacts(t).map((a) => `${a.kind}@${a.start}-${a.end}`);
  const withLf = shape(lf);
  assert.ok(withLf.some((a) => a.startsWith('boilerplate_line')) && withLf.some((a) => a.startsWith('duplicate_paragraph')), 'seed 002 has line artifacts');
  assert.deepEqual(shape(cr), withLf);
  assert.deepEqual(splitChunks(cr), splitChunks(lf));
  // With \r\n each line artifact still removes whole lines and leaves \r\n breaks only.
  const crlf = lf.replace(/\n/g, '\r\n');
  for (const a of detectArtifacts(crlf).filter((x) => x.kind === 'boilerplate_line' || x.kind === 'duplicate_paragraph')) {
    const removed = crlf.slice(a.start, a.end);
    assert.ok(/^\r\n[^\r\n]*$|^[^\r\n]*\r\n$/.test(removed), JSON.stringify(removed));
  }
});
