// Custom labels (articleAnnotator.labels): which names the server accepts for a manual span, how
// the sidecar stores them, and that every export format writes them as their own tag.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AnnotationStore, parseSidecar, resolveLabel, serializeSidecar, SidecarError } from '../../../server/src/core/annotations';
import { exportDocuments, EXPORT_FORMATS, importBrat, importJsonl, type ExportDocument } from '../../../server/src/core/export';
import type { Entity } from '../../../server/src/core/types';
import { readSettings } from '../../../server/src/settings';

const TEXT = '春节联欢晚会在北京举行。';
const EVENT_END = '春节联欢晚会'.length;

test('resolveLabel: entity types by name or tag; declared custom labels (any case, stored as declared); others refused', () => {
  assert.equal(resolveLabel('LOC', []), 'location');
  assert.equal(resolveLabel('person', ['EVENT']), 'person');
  assert.equal(resolveLabel('EVENT', ['EVENT']), 'EVENT');
  assert.equal(resolveLabel('event', [' EVENT ']), 'EVENT');
  // A declared name that is an entity tag stays the entity type.
  assert.equal(resolveLabel('PER', ['PER']), 'person');
  const undeclared = resolveLabel('EVENT', []);
  assert.ok(typeof undeclared === 'object');
  assert.match(undeclared.error, /Unknown label "EVENT".*add a custom label to the setting articleAnnotator\.labels/);
  const other = resolveLabel('PRODUCT', ['EVENT', 'bad name']);
  assert.ok(typeof other === 'object');
  assert.match(other.error, /custom label of the setting articleAnnotator\.labels: EVENT\./);
  const malformed = resolveLabel('事件', ['事件']);
  assert.ok(typeof malformed === 'object');
  assert.match(malformed.error, /"事件" is in the setting articleAnnotator\.labels but is not usable as a label: a custom label starts with a Latin letter/);
});

test('readSettings keeps the declared labels as written (trimmed), dropping non-strings and blanks', () => {
  assert.deepEqual(readSettings({ labels: [' EVENT', 3, '', 'PRODUCT'] }).labels, ['EVENT', 'PRODUCT']);
  assert.deepEqual(readSettings({}).labels, []);
});

test('sidecar: a custom label is stored by name and read back, also once it is no longer declared; a malformed one is corrupt', () => {
  const store = new AnnotationStore(TEXT);
  store.addManual(0, EVENT_END, 'EVENT');
  const json = serializeSidecar(store.toSidecar());
  assert.match(json, /"label":"EVENT"/);
  const back = AnnotationStore.fromSidecar(TEXT, parseSidecar(json)).store;
  assert.deepEqual(back.manual.map((m) => [m.start, m.end, m.label, m.text]), [[0, EVENT_END, 'EVENT', '春节联欢晚会']]);
  assert.throws(() => parseSidecar(json.replace('"EVENT"', '"no spaces allowed"')), (e: unknown) => e instanceof SidecarError && /custom label name/.test((e as Error).message));
  // An entity tag is no custom label: it would be a second name for an entity type.
  assert.throws(() => parseSidecar(json.replace('"EVENT"', '"LOC"')), SidecarError);
});

test('every export format writes a custom label as its tag, and a label filter can name it', () => {
  const spans: Entity[] = [
    { start: 0, end: EVENT_END, label: 'EVENT', text: '春节联欢晚会', source: 'manual' },
    { start: TEXT.indexOf('北京'), end: TEXT.indexOf('北京') + 2, label: 'location', text: '北京', source: 'tagger' },
  ];
  const doc: ExportDocument = { path: 'gala.txt', text: TEXT, spans };
  const out = (format: (typeof EXPORT_FORMATS)[number], labels?: string[]) =>
    exportDocuments(format, [doc], { offsets: 'codepoint', labels })
      .map((f) => f.content)
      .join('\n');
  assert.match(out('brat'), /^T1\tEVENT 0 6\t春节联欢晚会$/m);
  assert.match(out('conll'), /^春\tB-EVENT$/m);
  assert.match(out('conll'), /^会\tI-EVENT$/m);
  assert.deepEqual(JSON.parse(out('jsonl').split('\n')[0]).label, [[0, 6, 'EVENT'], [7, 9, 'LOC']]);
  const ls = JSON.parse(out('labelstudio'));
  const lsLabels = (key: 'annotations' | 'predictions') => ls[0][key][0].result.map((r: { value: { labels: string[] } }) => r.value.labels[0]);
  // Manual spans are Label Studio annotations, automatic ones predictions.
  assert.deepEqual([lsLabels('annotations'), lsLabels('predictions')], [['EVENT'], ['LOC']]);
  assert.match(out('csv'), /gala\.txt,0,6,EVENT,春节联欢晚会,,manual/);
  // Only the custom label.
  assert.deepEqual(JSON.parse(out('jsonl', ['EVENT']).split('\n')[0]).label, [[0, 6, 'EVENT']]);
  // A span whose label is no entity type and no well-formed name means something went wrong upstream.
  assert.throws(() => exportDocuments('jsonl', [{ ...doc, spans: [{ ...spans[0], label: 'two words' }] }], { offsets: 'codepoint' }), /unknown label "two words"/);
});

test('a custom label comes back in from JSONL and brat when it is declared, and is skipped with a hint when not', () => {
  const spans: Entity[] = [
    { start: 0, end: EVENT_END, label: 'EVENT', text: '春节联欢晚会', source: 'manual' },
    { start: TEXT.indexOf('北京'), end: TEXT.indexOf('北京') + 2, label: 'location', text: '北京', source: 'manual' },
  ];
  const doc: ExportDocument = { path: 'gala.txt', text: TEXT, spans };
  const jsonl = exportDocuments('jsonl', [doc], { offsets: 'codepoint' })[0].content;
  const brat = exportDocuments('brat', [doc], { offsets: 'codepoint' });
  const ann = brat.find((f) => f.name.endsWith('.ann'))!.content;
  const txt = brat.find((f) => f.name.endsWith('.txt'))!.content;
  const labelsOf = (d: { spans: Entity[] }) => d.spans.map((s) => [s.label, s.text]);
  // Declared in another case: stored as declared.
  assert.deepEqual(labelsOf(importJsonl(jsonl, ['event'])[0]), [['event', '春节联欢晚会'], ['location', '北京']]);
  assert.deepEqual(labelsOf(importBrat(txt, ann, 'codepoint', ['EVENT'])), [['EVENT', '春节联欢晚会'], ['location', '北京']]);
  const undeclared = importJsonl(jsonl)[0];
  assert.deepEqual(labelsOf(undeclared), [['location', '北京']]);
  assert.match(undeclared.warnings[0], /unknown label "EVENT" \(declare it in the setting articleAnnotator\.labels to import it\)/);
  assert.match(importBrat(txt, ann).warnings[0], /skipped, unknown label "EVENT" \(declare it/);
});
