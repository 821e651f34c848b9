import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArticleAnalyzer } from '../../server/src/core/analyzer';
import { EXPORT_FORMATS, exportDocuments } from '../../server/src/core/export';
import { snapSpanToCodePoints, splitsPair } from '../../server/src/core/offsets';
import { createDefaultAnalyzer } from '../../server/src/core/pipeline';
import { createCoreResources } from '../../server/src/core/resources';
import type { Segmenter } from '../../server/src/core/segmenter';
import type { Entity, Token } from '../../server/src/core/types';

// Issue 12, item 2: a recognizer working per UTF-16 unit may end a span on the first half of an
// emoji or of an Extension B ideograph. Spans are snapped where they come back to the original.

const unitSegmenter: Segmenter = {
  tag: (text: string): Token[] => Array.from(text).map((ch, i) => ({ word: ch, tag: 'x', start: i, end: i + 1 })),
};

test('snapSpanToCodePoints leaves an emoji out and takes an ideograph in', () => {
  assert.deepEqual(snapSpanToCodePoints('张三😀他', 0, 3), [0, 2]);
  assert.deepEqual(snapSpanToCodePoints('张三𠀀', 0, 3), [0, 4]);
  assert.deepEqual(snapSpanToCodePoints('😀张三', 1, 4), [2, 4]);
  assert.deepEqual(snapSpanToCodePoints('𠀀张三', 1, 4), [0, 4]);
  assert.deepEqual(snapSpanToCodePoints('a😀b', 2, 3), [3, 3]);
  assert.deepEqual(snapSpanToCodePoints('张三', 0, 2), [0, 2]);
});

test('the analyzer never returns a span that splits a surrogate pair, whatever the recognizer says', () => {
  // A recognizer that ends every "name" one UTF-16 unit after 张三, as a per-unit tagger may.
  const analyzer = new ArticleAnalyzer({
    segmenter: unitSegmenter,
    recognizeRules: (text) => {
      const i = text.indexOf('张三');
      return i < 0 ? [] : [{ start: i, end: i + 3, label: 'person', text: text.slice(i, i + 3), source: 'rule' }];
    },
  });
  for (const text of ['张三😀他', '张三𠀀', '前言\n他说张三😀。']) {
    for (const e of analyzer.analyzeDocument(text).entities) {
      assert.ok(!splitsPair(text, e.start) && !splitsPair(text, e.end), `${JSON.stringify(text)}: [${e.start}, ${e.end})`);
      assert.equal(e.text, text.slice(e.start, e.end));
    }
  }
});

const analyzer = createDefaultAnalyzer(createCoreResources());

test('the shipped pipeline on names next to astral characters: whole code points, and every export format works', () => {
  for (const text of ['张三😀他', '张三𠀀', '记者李四😀报道。王五𠀀说']) {
    const spans: Entity[] = analyzer.analyzeDocument(text).entities;
    for (const e of spans) assert.ok(!splitsPair(text, e.start) && !splitsPair(text, e.end), `${JSON.stringify(text)}: ${e.label} [${e.start}, ${e.end})`);
    for (const format of EXPORT_FORMATS) {
      assert.doesNotThrow(() => exportDocuments(format, [{ path: 'a.txt', text, spans }], { offsets: 'codepoint' }), `${format} of ${JSON.stringify(text)}`);
    }
  }
});
