import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { agreement, formatAgreement } from '../../../server/src/core/annotations/agreement';

test('exact-span F1 and per-character kappa, computed by hand', () => {
  const a = [{ start: 0, end: 2, label: 'person' }, { start: 5, end: 7, label: 'location' }];
  const b = [{ start: 0, end: 2, label: 'person' }, { start: 5, end: 8, label: 'location' }];
  const r = agreement(10, a, b);
  const by = Object.fromEntries(r.labels.map((l) => [l.label, l]));
  assert.equal(by.person.f1, 1);
  assert.equal(by.person.kappa, 1);
  assert.equal(by.location.f1, 0);
  // po = 9/10; pe = 0.2·0.3 + 0.8·0.7 = 0.62; κ = 0.28 / 0.38
  assert.ok(Math.abs(by.location.kappa - 0.28 / 0.38) < 1e-12);
  assert.equal(r.overall.f1, 0.5);
  // Categories person/location/none: po = 0.9, pe = 0.04 + 0.06 + 0.30 = 0.40; κ = 0.5 / 0.6
  assert.ok(Math.abs(r.overall.kappa - 0.5 / 0.6) < 1e-12);
  assert.deepEqual(r.disagreements, [{ start: 5, end: 8, a: [a[1]], b: [b[1]] }]);
  assert.match(formatAgreement(r), /^all\s+2\s+2\s+1\s+0\.833\s+50\.00$/m);
});

test('identical annotations agree perfectly; one side empty gives F1 0 and no negative surprises', () => {
  const spans = [{ start: 1, end: 3, label: 'organization' }];
  const same = agreement(5, spans, spans);
  assert.equal(same.overall.f1, 1);
  assert.equal(same.overall.kappa, 1);
  assert.deepEqual(same.disagreements, []);
  const none = agreement(5, spans, []);
  assert.equal(none.overall.f1, 0);
  assert.equal(none.overall.kappa, 0);
  assert.equal(none.disagreements.length, 1);
  assert.equal(agreement(0, [], []).overall.kappa, 1);
});

test('overlapping unmatched spans of both sides form one disagreement, in text order', () => {
  const r = agreement(20, [{ start: 10, end: 14, label: 'organization' }, { start: 0, end: 2, label: 'person' }], [{ start: 12, end: 16, label: 'location' }]);
  assert.deepEqual(r.disagreements.map((d) => [d.start, d.end, d.a.length, d.b.length]), [[0, 2, 1, 0], [10, 16, 1, 1]]);
});
