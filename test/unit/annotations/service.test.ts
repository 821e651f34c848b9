// The annotation service and its decision state machine, driven with plain texts and offsets and
// a fake host (no language server): what the editor's AnnotateRequest does, minus positions.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnnotationService, AnnotationStore, decide, parseSidecar, sidecarPathFor, spanAt, type AnnotationHost } from '../../../server/src/core/annotations';
import type { Entity } from '../../../server/src/core/types';

const TEXT = '王小明昨天去了青石镇。青石镇的集市很热闹。';
const at = (needle: string, from = 0) => TEXT.indexOf(needle, from);
const ent = (text: string, label: Entity['label'], from = 0): Entity => ({ start: at(text, from), end: at(text, from) + text.length, label, text, source: 'tagger' });
const AUTO: Entity[] = [ent('王小明', 'person'), ent('青石镇', 'location'), ent('青石镇', 'location', 11)];

function fakeHost(opens: Map<string, string>, learned: { offset: number; effective: string[] }[] = []): AnnotationHost & { messages: string[] } {
  const messages: string[] = [];
  return {
    automatic: () => AUTO,
    learn: (_uri, _text, offset, effective) => {
      learned.push({ offset, effective: effective.map((e) => `${e.label}:${e.start}`) });
      return 'learned';
    },
    openText: (uri) => opens.get(uri),
    reporter: { warn: (m) => messages.push(m), error: (m) => messages.push(m) },
    log: (m) => messages.push(m),
    messages,
  };
}

function tempArticle(text = TEXT): { dir: string; file: string; uri: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaa-service-'));
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, text);
  return { dir, file, uri: pathToFileURL(file).href };
}

test('spanAt: a cursor right after a span is on it; inside wins over a neighbour ending there', () => {
  const spans = [
    { start: 0, end: 3 },
    { start: 3, end: 5 },
  ];
  assert.equal(spanAt(spans, 3), spans[1]);
  assert.equal(spanAt(spans, 5), spans[1]);
  assert.equal(spanAt(spans, 6), undefined);
});

test('decide: reject, accept restores, relabel of an automatic span makes it manual, remove', () => {
  const store = new AnnotationStore(TEXT);
  const resolve = (raw: string) => (raw === 'organization' ? ('organization' as const) : { error: `Unknown label "${raw}"` });
  const town = at('青石镇');
  assert.match(decide(store, TEXT, { action: 'reject', offset: town + 1 }, () => AUTO, resolve).message!, /Rejected the automatic location "青石镇"/);
  assert.equal(store.rejected.length, 1);
  // Rejecting again finds nothing left under the cursor.
  assert.match(decide(store, TEXT, { action: 'reject', offset: town + 1 }, () => AUTO, resolve).error!, /no automatic entity/);
  const back = decide(store, TEXT, { action: 'accept', offset: town + 1 }, () => AUTO, resolve);
  assert.deepEqual(back.restored && [back.restored.start, back.restored.label], [town, 'location']);
  assert.equal(store.rejected.length, 0);
  assert.match(decide(store, TEXT, { action: 'relabel', offset: town, label: 'organization' }, () => AUTO, resolve).message!, /now a manual span/);
  assert.deepEqual(store.manual.map((m) => [m.start, m.label]), [[town, 'organization']]);
  assert.match(decide(store, TEXT, { action: 'relabel', offset: town, label: 'EVENT' }, () => AUTO, resolve).error!, /Unknown label "EVENT"/);
  assert.match(decide(store, TEXT, { action: 'reject', offset: town }, () => AUTO, resolve).error!, /manual annotation; remove it/);
  assert.match(decide(store, TEXT, { action: 'remove', offset: town }, () => AUTO, resolve).message!, /Removed the manual organization/);
  assert.equal(store.manual.length, 0);
});

test('AnnotationService.annotate: decides, learns with the restored span in force, writes the sidecar', () => {
  const { dir, file, uri } = tempArticle();
  try {
    const learned: { offset: number; effective: string[] }[] = [];
    const svc = new AnnotationService(fakeHost(new Map([[uri, TEXT]]), learned));
    svc.open(uri, TEXT);
    const town = at('青石镇', 11);
    const r = svc.annotate(uri, TEXT, { action: 'reject', offset: town });
    assert.equal(r.ok, true);
    assert.equal(r.changed, true);
    assert.equal(r.learned, 'learned');
    assert.equal(r.sidecar, sidecarPathFor(file));
    const sc = parseSidecar(fs.readFileSync(sidecarPathFor(file), 'utf8'));
    assert.deepEqual(sc.rejected.map((x) => [x.start, x.text]), [[town, '青石镇']]);
    // The effective entities no longer hold the rejected one; learning saw it gone.
    assert.ok(!svc.effective(uri, AUTO).some((e) => e.start === town));
    assert.ok(!learned[0].effective.includes(`location:${town}`));
    // Accepting restores it, and learning is told it is in force although the analysis lacks it.
    assert.equal(svc.annotate(uri, TEXT, { action: 'accept', offset: town }).ok, true);
    assert.ok(learned[1].effective.includes(`location:${town}`));
    assert.equal(parseSidecar(fs.readFileSync(sidecarPathFor(file), 'utf8')).rejected.length, 0);
    const nothing = svc.annotate(uri, TEXT, { action: 'remove', offset: town });
    assert.deepEqual([nothing.ok, nothing.changed], [false, false]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('AnnotationService.annotate: a document that was never opened, or whose sidecar is corrupt, is refused', () => {
  const { dir, file, uri } = tempArticle();
  try {
    const host = fakeHost(new Map([[uri, TEXT]]));
    const svc = new AnnotationService(host);
    assert.match(svc.annotate(uri, TEXT, { action: 'reject', offset: 0 }).message, /not open/);
    fs.writeFileSync(sidecarPathFor(file), '{ not json');
    svc.open(uri, TEXT);
    const r = svc.annotate(uri, TEXT, { action: 'reject', offset: 0 });
    assert.equal(r.ok, false);
    assert.match(r.message, /corrupt/);
    assert.equal(fs.readFileSync(sidecarPathFor(file), 'utf8'), '{ not json');
    assert.ok(host.messages.some((m) => /corrupt/.test(m)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('AnnotationService: edits move the spans; a learning failure is logged and the decision stands', () => {
  const { dir, uri } = tempArticle();
  try {
    const host = fakeHost(new Map([[uri, TEXT]]));
    host.learn = () => {
      throw new Error('model broke');
    };
    const svc = new AnnotationService(host);
    svc.open(uri, TEXT);
    const r = svc.annotate(uri, TEXT, { action: 'label', start: 0, end: 3, label: 'person' });
    assert.equal(r.ok, true);
    assert.equal(r.learned, undefined);
    assert.ok(host.messages.some((m) => /learning failed: Error: model broke/.test(m)));
    svc.applyChanges(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '今天' }]);
    assert.deepEqual(svc.store(uri)!.manual.map((m) => [m.start, m.text]), [[2, '王小明']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('AnnotationService.importAnnotations: a closed article matched by text gets its sidecar written', () => {
  const { dir, file, uri } = tempArticle();
  try {
    const svc = new AnnotationService(fakeHost(new Map()));
    const jsonl = path.join(dir, 'in.jsonl');
    fs.writeFileSync(jsonl, JSON.stringify({ text: TEXT, label: [[0, 3, 'PER']] }) + '\n');
    const r = svc.importAnnotations(jsonl, [uri]);
    assert.deepEqual(r.unmatched, []);
    assert.deepEqual(r.imported.map((i) => [i.uri, i.kept, i.matchedBy]), [[uri, 1, 'hash']]);
    assert.deepEqual(parseSidecar(fs.readFileSync(sidecarPathFor(file), 'utf8')).spans.map((s) => [s.text, s.label]), [['王小明', 'person']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('AnnotationService.sync: a same-length change that landed elsewhere than the editor put it is found, not adopted', () => {
  const { dir, uri } = tempArticle();
  try {
    const svc = new AnnotationService(fakeHost(new Map([[uri, TEXT]])));
    svc.open(uri, TEXT);
    const town = at('青石镇', 11);
    assert.equal(svc.annotate(uri, TEXT, { action: 'label', start: town, end: town + 3, label: 'location' }).ok, true);
    // The store follows an edit at offset 0; the editor's text has it inside the labelled town.
    svc.applyChanges(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '李' }]);
    const editor = TEXT.slice(0, town + 1) + '李' + TEXT.slice(town + 2);
    svc.sync(uri, editor);
    const store = svc.store(uri)!;
    assert.equal(store.text, editor);
    for (const s of store.manual) assert.equal(s.text, editor.slice(s.start, s.end), `span ${s.start}-${s.end} says "${s.text}"`);
    assert.equal(store.manual.some((s) => s.text === '青石镇'), false, 'the changed town is no longer labelled as it was');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('AnnotationService.sync: a batch of two changes is followed and checked; the spans move with both', () => {
  const { dir, uri } = tempArticle();
  try {
    const svc = new AnnotationService(fakeHost(new Map([[uri, TEXT]])));
    svc.open(uri, TEXT);
    assert.equal(svc.annotate(uri, TEXT, { action: 'label', start: 0, end: 3, label: 'person' }).ok, true);
    // Two changes in one batch, applied in order: the second lands before the first one.
    svc.applyChanges(uri, [
      { range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, text: '又' },
      { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: '今天' },
    ]);
    const editor = TEXT.slice(0, 3) + '今天' + TEXT.slice(3, 10) + '又' + TEXT.slice(10);
    svc.sync(uri, editor);
    assert.equal(svc.store(uri)!.text, editor);
    assert.deepEqual(svc.store(uri)!.manual.map((m) => [m.start, m.text]), [[0, '王小明']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
