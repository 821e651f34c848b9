import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Span } from '../../../server/src/core/ner/bio';
import { parseTaggedText } from '../../../server/src/core/ner/bio';
import { formatScores, scoreSpans } from '../../../server/src/core/ner/evaluate';
import { evalTypeMap, evalTypeOfLabel, valueTypesIn } from '../../../server/src/core/ner/evalTypes';

test('exact-match precision, recall and F1 per type and micro-averaged', () => {
  const gold: Span[][] = [
    [
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 5, type: 'LOC' },
    ],
    [
      { start: 0, end: 4, type: 'ORG' },
      { start: 5, end: 7, type: 'PER' },
    ],
  ];
  const pred: Span[][] = [
    [
      { start: 0, end: 2, type: 'PER' }, // match
      { start: 3, end: 5, type: 'ORG' }, // wrong type: an ORG false positive and a LOC miss
    ],
    [
      { start: 0, end: 3, type: 'ORG' }, // wrong boundary: ORG false positive and ORG miss
      { start: 5, end: 7, type: 'PER' }, // match
      { start: 8, end: 9, type: 'LOC' }, // spurious
    ],
  ];
  const s = scoreSpans(gold, pred);
  assert.deepEqual([s.PER.tp, s.PER.fp, s.PER.fn], [2, 0, 0]);
  assert.equal(s.PER.f1, 1);
  assert.deepEqual([s.LOC.tp, s.LOC.fp, s.LOC.fn], [0, 1, 1]);
  assert.equal(s.LOC.f1, 0);
  assert.deepEqual([s.ORG.tp, s.ORG.fp, s.ORG.fn], [0, 2, 1]);
  assert.deepEqual([s.micro.tp, s.micro.fp, s.micro.fn], [2, 3, 2]);
  assert.equal(s.micro.precision, 2 / 5);
  assert.equal(s.micro.recall, 2 / 4);
  assert.ok(Math.abs(s.micro.f1 - (2 * 0.4 * 0.5) / 0.9) < 1e-12);
  const table = formatScores(s);
  assert.match(table, /^PER\s+2\s+2\s+2\s+100\.00\s+100\.00\s+100\.00$/m);
  assert.match(table, /^micro\s+4\s+5\s+2\s+40\.00\s+50\.00\s+44\.44$/m);
});

test('a type nobody predicted or annotated scores zero instead of dividing by zero', () => {
  const s = scoreSpans([[{ start: 0, end: 2, type: 'PER' }]], [[{ start: 0, end: 2, type: 'PER' }]]);
  assert.deepEqual([s.LOC.precision, s.LOC.recall, s.LOC.f1], [0, 0, 0]);
  assert.equal(s.micro.f1, 1);
});

test('sentence counts must agree', () => {
  assert.throws(() => scoreSpans([[]], []), /1 sentences/);
});

test('value types get rows of their own and a values micro row; the name micro row is unchanged', () => {
  const file = ['去 B-DATE', '年 I-DATE', '张 B-PER', '三 I-PER', '花 O', '五 B-MONEY', '元 I-MONEY', '第 B-ORDINAL', '三 I-ORDINAL', '个 B-NORP'].join('\n');
  const [s] = parseTaggedText(file, evalTypeMap);
  assert.deepEqual(s.spans.map((x) => x.type), ['DATE', 'PER', 'MONEY', 'ORDINAL']);
  const gold = [s.spans];
  assert.deepEqual(valueTypesIn(gold), ['DATE', 'MONEY', 'ORDINAL']);
  const pred = [
    [
      { start: 0, end: 2, type: evalTypeOfLabel('date')! },
      { start: 2, end: 4, type: evalTypeOfLabel('person')! },
      { start: 5, end: 6, type: evalTypeOfLabel('money')! }, // boundary error
      { start: 7, end: 9, type: evalTypeOfLabel('ordinal')! },
      { start: 9, end: 10, type: evalTypeOfLabel('number')! }, // CARDINAL is not scored: not in the gold file
    ],
  ];
  const scores = scoreSpans(gold, pred, valueTypesIn(gold));
  assert.equal(scores.micro.f1, 1, 'micro counts the names only');
  assert.deepEqual([scores.values.tp, scores.values.fp, scores.values.fn], [2, 1, 1]);
  assert.equal(scores.CARDINAL, undefined);
  const table = formatScores(scores).split('\n');
  assert.deepEqual(table.map((l) => l.split(/\s+/)[0]), ['type', 'PER', 'LOC', 'ORG', 'DATE', 'MONEY', 'ORDINAL', 'micro', 'values']);
  assert.match(table[5], /^MONEY\s+1\s+1\s+0\s+0\.00\s+0\.00\s+0\.00$/);
  assert.equal(evalTypeOfLabel('number'), 'CARDINAL');
  assert.equal(evalTypeOfLabel('work'), undefined);
});
