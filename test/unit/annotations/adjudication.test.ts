import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyChoice, decisionOf, startCuration } from '../../../server/src/core/annotations/adjudication';
import type { AgreementSpan } from '../../../server/src/core/annotations/agreement';

// 王明在上海银行工作，李华在北京。 (code points 0..15)
const LEN = 16;
const p = (start: number, end: number, label: string, text: string): AgreementSpan => ({ start, end, label, text });
const A = [p(0, 2, 'person', '王明'), p(3, 7, 'organization', '上海银行'), p(10, 12, 'person', '李华'), p(13, 15, 'location', '北京')];
const B = [p(0, 2, 'person', '王明'), p(3, 5, 'location', '上海'), p(10, 12, 'person', '李华')];

test('agreed spans are taken at once; each disagreement waits for a choice', () => {
  const c = startCuration(LEN, A, B);
  assert.deepEqual(c.state.spans.map((s) => s.text), ['王明', '李华']);
  assert.deepEqual(c.state.rejected, []);
  assert.equal(c.pending.length, 2);
  assert.equal(c.decided, 0);
  assert.deepEqual(c.pending.map((d) => [d.start, d.end]), [[3, 7], [13, 15]]);
});

test("a choice keeps one side's spans and drops the other's; choosing again replaces it; neither drops all", () => {
  const c = startCuration(LEN, A, B);
  const [bank, beijing] = c.pending;
  applyChoice(c.state, bank, 'b');
  assert.ok(c.state.spans.some((s) => s.text === '上海' && s.label === 'location'));
  assert.ok(c.state.rejected.some((s) => s.text === '上海银行'));
  assert.equal(decisionOf(c.state, bank), 'b');
  applyChoice(c.state, bank, 'a');
  assert.ok(c.state.spans.some((s) => s.text === '上海银行'));
  assert.ok(!c.state.spans.some((s) => s.text === '上海'));
  assert.ok(c.state.rejected.some((s) => s.text === '上海') && !c.state.rejected.some((s) => s.text === '上海银行'));
  assert.equal(decisionOf(c.state, bank), 'a');
  applyChoice(c.state, beijing, 'neither');
  assert.equal(decisionOf(c.state, beijing), 'neither');
  assert.ok(!c.state.spans.some((s) => s.text === '北京'));
});

test('a walk resumes from the curated state alone: decided disagreements are not asked again', () => {
  const first = startCuration(LEN, A, B);
  applyChoice(first.state, first.pending[0], 'a');
  const resumed = startCuration(LEN, A, B, { spans: first.state.spans.map((s) => ({ ...s })), rejected: first.state.rejected.map((s) => ({ ...s })) });
  assert.equal(resumed.decided, 1);
  assert.deepEqual(resumed.pending.map((d) => [d.start, d.end]), [[13, 15]]);
  // Agreed spans already in the curated state are not duplicated.
  assert.equal(resumed.state.spans.filter((s) => s.text === '王明').length, 1);
});

test("the curated state's own spans are never removed: an overlapping agreed or chosen span is reported, not forced in", () => {
  const own = { spans: [p(0, 3, 'organization', '王明在')], rejected: [] };
  const c = startCuration(LEN, A, B, own);
  assert.deepEqual(c.conflicts.map((s) => s.text), ['王明']);
  assert.ok(c.state.spans.some((s) => s.text === '王明在'));
  const mine = { spans: [p(3, 4, 'location', '上')], rejected: [] };
  const d = startCuration(LEN, A, B, mine);
  const r = applyChoice(d.state, d.pending[0], 'a');
  assert.deepEqual(r.conflicts.map((s) => s.text), ['上海银行']);
  assert.ok(d.state.spans.some((s) => s.text === '上'));
});
