import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { annotatedLabels, simulatedCorrection } from '../../../server/src/core/annotations/simulatedAnnotator';
import type { DecidedSpan } from '../../../server/src/core/annotations/learning';

// A sentence written for this test: 李明 (a person), 去年 (a date in OntoNotes' conventions),
// 三 (a number) and 东湖 (a place the tagger made up inside 东湖集团).
const text = '李明去年加入东湖集团，三个月后升职。';
const at = (word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
const predicted: DecidedSpan[] = [
  { ...at('李明'), label: 'person' },
  { ...at('去年'), label: 'date' },
  { ...at('东湖'), label: 'location' },
  { ...at('三'), label: 'number' },
];

test('an annotator of a names-only source leaves values alone: they are neither confirmed nor rejected', () => {
  const gold = [
    { ...at('李明'), type: 'PER' },
    { ...at('东湖集团'), type: 'ORG' },
  ];
  const c = simulatedCorrection(text, gold, predicted, annotatedLabels([]));
  assert.deepEqual(c.entities, [
    { ...at('李明'), label: 'person' },
    { ...at('东湖集团'), label: 'organization' },
  ]);
  assert.deepEqual(c.rejected, []);
  assert.deepEqual(c.replaced, [{ ...at('东湖'), label: 'location' }]);
});

test('an annotator of a source with value types confirms its gold values and rejects predicted values the gold does not have', () => {
  const gold = [
    { ...at('李明'), type: 'PER' },
    { ...at('去年'), type: 'DATE' },
  ];
  const c = simulatedCorrection(text, gold, predicted, annotatedLabels(['DATE', 'CARDINAL']));
  assert.deepEqual(c.entities, [
    { ...at('李明'), label: 'person' },
    { ...at('去年'), label: 'date' },
  ]);
  assert.deepEqual(c.rejected, [
    { ...at('东湖'), label: 'location' },
    { ...at('三'), label: 'number' },
  ]);
});
