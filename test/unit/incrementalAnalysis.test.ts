import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArticleAnalyzer, type AnalyzerDeps, type DocumentAnalysis } from '../../server/src/core/analyzer';
import { changedRegion, splitChunks } from '../../server/src/core/chunks';
import { mulberry32 } from '../../server/src/core/prng';
import { randomPieces } from '../randomPieces';
import { charSegmenter, everyOccurrence } from '../charSegmenter';

// An analysis built from the previous version's must equal a fresh one, whatever the edit (line
// endings gained, lost or turned into others, long lines cut differently), while looking only at
// the chunks of the lines the edit touched.

function deps(counter = { chunks: 0 }): AnalyzerDeps {
  return {
    segmenter: charSegmenter,
    detectLocalArtifacts: (text) => {
      counter.chunks++;
      return [...text.matchAll(/\(([a-z]+)\)/g)].map((m) => ({ kind: 'pinyin_annotation', start: m.index!, end: m.index! + m[0].length, candidates: [''], autoFix: true }));
    },
    recognizeRules: (text) => [...everyOccurrence(text, '长沙', 'location'), ...everyOccurrence(text, '新华社', 'organization')].sort((a, b) => a.start - b.start),
  };
}

const PIECES = ['长沙', '新华社', '长(chang)沙', '。', '\n', '\r', '\r\n', '的', '在', 'x', '长', '沙', '社'];

test('an analysis from the previous version equals a fresh one over random edits, line endings included', () => {
  const r = mulberry32(7);
  for (let doc = 0; doc < 20; doc++) {
    const analyzer = new ArticleAnalyzer(deps(), doc % 2 ? 0 : 50);
    // Some documents have lines longer than a chunk, which are cut at sentence ends.
    let text = randomPieces(r, PIECES, doc % 4 === 3 ? 5000 : 300);
    let analysis: DocumentAnalysis = analyzer.analyzeDocument(text);
    for (let edit = 0; edit < 60; edit++) {
      const at = Math.floor(r() * (text.length + 1));
      const removed = r() < 0.4 ? Math.floor(r() * 6) : 0;
      const inserted = r() < 0.8 ? randomPieces(r, PIECES, 1 + Math.floor(r() * 4)) : '';
      text = text.slice(0, at) + inserted + text.slice(at + removed);
      analysis = analyzer.analyzeDocument(text, undefined, analysis);
      const fresh = new ArticleAnalyzer(deps(), 0).analyzeDocument(text);
      const where = `document ${doc}, edit ${edit}`;
      assert.deepEqual(analysis.entities, fresh.entities, where);
      assert.deepEqual(analysis.artifacts, fresh.artifacts, where);
      assert.equal(analysis.chunkCount, fresh.chunkCount, where);
    }
  }
});

test('an edit looks only at the chunks of its lines, even when the cache holds fewer chunks than the document', () => {
  const counter = { chunks: 0 };
  const analyzer = new ArticleAnalyzer(deps(counter), 5);
  const lines = Array.from({ length: 100 }, (_, i) => `第${i}行在长沙。`);
  let analysis = analyzer.analyzeDocument(lines.join('\n'));
  counter.chunks = 0;
  lines[40] = '第40行改在长沙市。';
  analysis = analyzer.analyzeDocument(lines.join('\n'), undefined, analysis);
  assert.equal(counter.chunks, 1);
  assert.equal(analysis.entities.length, 100);
  assert.equal(analysis.text.slice(analysis.entities[99].start, analysis.entities[99].end), '长沙');
});

test('after the analyzer forgets its results, an older analysis is not built on, and only recognition runs again', () => {
  const counter = { chunks: 0 };
  let tagged = 0;
  const analyzer = new ArticleAnalyzer({
    ...deps(counter),
    ner: {
      tag: (text) => {
        tagged++;
        return everyOccurrence(text, '新华社', 'organization');
      },
    },
  });
  const before = analyzer.analyzeDocument('长沙。\n新华社。');
  analyzer.clearCache();
  counter.chunks = 0;
  tagged = 0;
  const after = analyzer.analyzeDocument('长沙。\n新华社。', undefined, before);
  assert.equal(tagged, 2);
  // Learning changes the recognizers, not the artifacts, the text views or the tokens.
  assert.equal(counter.chunks, 0);
  assert.deepEqual(after.entities, before.entities);
});

test('the changed region starts and ends on line starts of both versions', () => {
  const old = 'ab\rcd\nef';
  const text = 'ab\r\ncd\nef';
  const { lo, hiOld, hiNew } = changedRegion(old, text);
  assert.equal(lo, 0);
  assert.equal(text.slice(hiNew), old.slice(hiOld));
  const kept = splitChunks(text).filter((c) => c.start >= hiNew).map((c) => c.text);
  assert.deepEqual(kept, splitChunks(old).filter((c) => c.start >= hiOld).map((c) => c.text));
});

test('persons carried across the article: an analysis from the previous version equals a fresh one, and a reported edit changed nothing outside its region', () => {
  // The recognizer finds 赵明录 before 说 only, and cuts it to 赵明 before 录了: the other mentions
  // come from names carried across the article (entities/documentNames.ts).
  const withNames: AnalyzerDeps = {
    segmenter: charSegmenter,
    recognizeRules: (text) => {
      const found = [...everyOccurrence(text, '长沙', 'location')];
      for (const e of everyOccurrence(text, '赵明录说', 'person')) found.push({ ...e, end: e.end - 1, text: '赵明录' });
      for (const e of everyOccurrence(text, '赵明录了', 'person')) found.push({ ...e, end: e.end - 2, text: '赵明' });
      return found.sort((a, b) => a.start - b.start);
    },
  };
  const pieces = ['赵明录说', '赵明录了', '赵明录', '赵', '明', '录', '长沙', '。', '\n', '\r\n', '的'];
  const r = mulberry32(31);
  let reported = 0;
  let unreported = 0;
  for (let doc = 0; doc < 20; doc++) {
    const analyzer = new ArticleAnalyzer(withNames, doc % 2 ? 0 : 50);
    // Short documents, so that edits add and remove the only mention of a name.
    let text = randomPieces(r, pieces, 12);
    let analysis = analyzer.analyzeDocument(text);
    for (let edit = 0; edit < 60; edit++) {
      const at = Math.floor(r() * (text.length + 1));
      const removed = r() < 0.4 ? Math.floor(r() * 6) : 0;
      const inserted = r() < 0.8 ? randomPieces(r, pieces, 1 + Math.floor(r() * 3)) : '';
      text = text.slice(0, at) + inserted + text.slice(at + removed);
      const previous = analysis;
      analysis = analyzer.analyzeDocument(text, undefined, previous);
      const fresh = new ArticleAnalyzer(withNames, 0).analyzeDocument(text);
      const where = `document ${doc}, edit ${edit}`;
      assert.deepEqual(analysis.entities, fresh.entities, where);
      if (analysis.edit) {
        reported++;
        const { head, middle, entities } = analysis.edit;
        assert.deepEqual(entities, fresh.entities.slice(head, head + middle), where);
        assert.deepEqual(fresh.entities.slice(0, head), previous.entities.slice(0, head), `${where}: nothing changed before the edit`);
        const { hiOld, hiNew } = analysis.edit;
        const after = previous.entities.filter((e) => e.start >= hiOld).map((e) => ({ ...e, start: e.start + hiNew - hiOld, end: e.end + hiNew - hiOld }));
        assert.deepEqual(fresh.entities.slice(head + middle), after, `${where}: nor after it`);
      } else unreported++;
    }
  }
  assert.ok(reported > 100 && unreported > 10, `${reported} edits reported, ${unreported} not`);
});
