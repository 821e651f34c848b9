import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArticleAnalyzer, type AnalyzerDeps, type DocumentAnalysis } from '../../server/src/core/analyzer';
import { LineIndex } from '../../server/src/core/offsets';
import { mulberry32 } from '../../server/src/core/prng';
import { encodeAfterEdit, encodeSemanticTokens } from '../../server/src/core/tokenLegend';
import { randomPieces } from '../randomPieces';
import { charSegmenter, everyOccurrence } from '../charSegmenter';

// The line index and the semantic-token data of an edited document, derived from the previous
// version's for the edit's lines only, must equal those computed afresh: whatever the edit (line
// breaks gained, lost or changed between \n, \r and \r\n; edits at the start and the end; several
// lines removed) and however many entities share a line.

const deps: AnalyzerDeps = {
  segmenter: charSegmenter,
  recognizeRules: (text) => [...everyOccurrence(text, '长沙', 'location'), ...everyOccurrence(text, '新华社', 'organization'), ...everyOccurrence(text, '三', 'number')].sort((a, b) => a.start - b.start),
};

const PIECES = ['长沙', '新华社', '三', '。', '\n', '\r', '\r\n', '\n\n', '的', '在', 'x', '长', '沙', '社'];

function sameLines(a: LineIndex, b: LineIndex, where: string): void {
  assert.equal(a.lineCount, b.lineCount, where);
  for (let o = 0; o <= a.text.length; o++) assert.deepEqual(a.positionAt(o), b.positionAt(o), `${where}, offset ${o}`);
}

test('line index and token data after an edit equal fresh ones over random edits', () => {
  const r = mulberry32(12);
  for (let doc = 0; doc < 30; doc++) {
    const analyzer = new ArticleAnalyzer(deps, 50);
    let text = randomPieces(r, PIECES, doc % 5 === 4 ? 3000 : 200);
    let analysis: DocumentAnalysis = analyzer.analyzeDocument(text);
    let lines = new LineIndex(text);
    let data: Uint32Array = Uint32Array.from(encodeSemanticTokens(analysis.entities, lines));
    let incremental = 0;
    for (let edit = 0; edit < 60; edit++) {
      const at = r() < 0.1 ? (r() < 0.5 ? 0 : text.length) : Math.floor(r() * (text.length + 1));
      const removed = r() < 0.4 ? Math.floor(r() * (r() < 0.2 ? 40 : 6)) : 0;
      const inserted = r() < 0.8 ? randomPieces(r, PIECES, 1 + Math.floor(r() * 5)) : '';
      text = text.slice(0, at) + inserted + text.slice(at + removed);
      const next = analyzer.analyzeDocument(text, undefined, analysis);
      const where = `document ${doc}, edit ${edit}`;
      assert.equal(next.edit?.from, analysis.id, where);
      const freshLines = new LineIndex(text);
      const nextLines = LineIndex.afterEdit(lines, text, next.edit!);
      sameLines(nextLines, freshLines, where);
      const nextData = encodeAfterEdit({ data, lines }, next.edit!.entities, nextLines, next.edit!);
      assert.deepEqual(next.edit!.entities, next.entities.slice(next.edit!.head, next.edit!.head + next.edit!.middle), where);
      assert.deepEqual(Array.from(nextData), encodeSemanticTokens(new ArticleAnalyzer(deps, 0).analyzeDocument(text).entities, freshLines), where);
      if (next.edit!.head > 0 && next.edit!.head + next.edit!.middle < next.entities.length) incremental++;
      [analysis, lines, data] = [next, nextLines, nextData];
    }
    // Most edits have entities on both sides of their lines, so the kept parts are exercised.
    assert.ok(incremental > 20, `document ${doc}: ${incremental}`);
  }
});
