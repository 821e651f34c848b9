import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AnnotationStore } from '../../../server/src/core/annotations';
import { importBrat } from '../../../server/src/core/export';

// Issue 12, item 3: an import reports exactly what it kept, merged and refused, and never removes
// or changes a manual decision.

const TEXT = '据悉，长沙市委宣传部昨天在长沙召开会议。';
const at = (w: string) => TEXT.indexOf(w);

test('an imported LOC over a manual ORG is refused as a conflict; the ORG stays', () => {
  const store = new AnnotationStore(TEXT);
  store.addManual(at('长沙市委宣传部'), at('长沙市委宣传部') + 7, 'organization');
  const out = store.importSpans([
    { start: at('长沙'), end: at('长沙') + 2, label: 'location' },
    { start: TEXT.lastIndexOf('长沙'), end: TEXT.lastIndexOf('长沙') + 2, label: 'location' },
  ]);
  assert.equal(out.kept, 1);
  assert.equal(out.merged, 0);
  assert.equal(out.refused.length, 1);
  assert.match(out.refused[0].reason, /conflicts with your manual organization "长沙市委宣传部"/);
  assert.deepEqual(store.manual.map((m) => [m.label, m.text]), [['organization', '长沙市委宣传部'], ['location', '长沙']]);
});

test('nested brat spans: the counts say exactly what was kept and refused', () => {
  const org = at('长沙市委宣传部');
  const ann = [`T1\tORG ${org} ${org + 7}\t长沙市委宣传部`, `T2\tLOC ${org} ${org + 2}\t长沙`, `T3\tORG ${org + 2} ${org + 4}\t市委`, `T4\tLOC ${TEXT.lastIndexOf('长沙')} ${TEXT.lastIndexOf('长沙') + 2}\t长沙`].join('\n');
  const doc = importBrat(TEXT, ann, 'codepoint');
  assert.equal(doc.spans.length, 4);
  const store = new AnnotationStore(TEXT);
  const out = store.importSpans(doc.spans);
  assert.equal(out.kept, 2);
  assert.equal(out.refused.length, 2);
  assert.equal(out.kept + out.merged + out.refused.length, doc.spans.length);
  assert.equal(store.manual.length, out.kept);
  assert.ok(out.refused.every((r) => /overlaps the imported organization "长沙市委宣传部"/.test(r.reason)));
});

test('200,000 copies of one label: 1 kept, the rest merged, and quickly', () => {
  const store = new AnnotationStore(TEXT);
  const s = at('长沙');
  const copies = Array.from({ length: 200_000 }, () => ({ start: s, end: s + 2, label: 'location' as const }));
  const out = store.importSpans(copies);
  assert.deepEqual([out.kept, out.merged, out.refused.length], [1, 199_999, 0]);
  // Importing the same file again adds nothing and removes nothing.
  const again = store.importSpans(copies.slice(0, 3));
  assert.deepEqual([again.kept, again.merged, again.refused.length], [0, 3, 0]);
  assert.equal(store.manual.length, 1);
});

test('spans that cannot be placed are refused with their reason, not dropped silently', () => {
  const store = new AnnotationStore('😀长沙');
  const out = store.importSpans([
    { start: 1, end: 4, label: 'location' },
    { start: 2, end: 99, label: 'location' },
  ]);
  assert.equal(out.kept, 0);
  assert.equal(out.refused.length, 2);
  assert.match(out.refused[0].reason, /surrogate pair/);
  assert.match(out.refused[1].reason, /outside the text/);
});
