// Manual annotation through the bundled server: decisions, their effect on semantic tokens, span
// shifting under edits, sidecar persistence (also across a killed server) and corrupt sidecars.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession, seedPath } from './lspClient';
import type { AnnotateParams, AnnotateResult, EntitiesResult, ImportAnnotationsResult } from '../../server/src/protocol';

type Pos = { line: number; character: number };

function positionOf(text: string, needle: string, nth = 0): Pos {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  return positionAtOffset(text, at);
}

function positionAtOffset(text: string, at: number): Pos {
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

function rangeOf(text: string, needle: string, nth = 0): { start: Pos; end: Pos } {
  const start = positionOf(text, needle, nth);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** A copy of a seed in a fresh folder, so sidecars are written next to it and nowhere else. */
function copySeed(prefix: string): { file: string; uri: string; text: string; sidecar: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-annot-'));
  const src = seedPath(prefix);
  const file = path.join(dir, path.basename(src));
  fs.copyFileSync(src, file);
  return { file, uri: pathToFileURL(file).toString(), text: fs.readFileSync(file, 'utf8'), sidecar: file.replace(/\.txt$/, '.annotations.json') };
}

async function tokenAt(s: LspSession, uri: string, p: Pos) {
  return (await s.tokens(uri)).find((t) => t.line === p.line && t.char <= p.character && p.character < t.char + t.length);
}

const annotate = (s: LspSession, p: AnnotateParams) => s.request<AnnotateResult>('articleAnnotator/annotate', p);
const entities = (s: LspSession, uri: string) => s.request<EntitiesResult>('articleAnnotator/entities', { uri });

function collectMessages(s: LspSession): { type: number; message: string }[] {
  const messages: { type: number; message: string }[] = [];
  s.connection.onNotification('window/showMessage', (m: { type: number; message: string }) => {
    messages.push(m);
  });
  return messages;
}

async function waitFor<T>(what: string, fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('manual annotation over LSP', () => {
  let s: LspSession;
  let messages: { type: number; message: string }[];
  before(async () => {
    s = await LspSession.start();
    messages = collectMessages(s);
  });
  after(async () => {
    await s.stop();
  });

  test('labelling a selection makes a manual token; edits above and inside move the span; save writes it', async () => {
    const a = copySeed('002');
    s.open(a.uri, a.text);
    const at = positionOf(a.text, '政工简讯');
    assert.equal(await tokenAt(s, a.uri, at), undefined, '政工简讯 is not an automatic entity');

    const r = await annotate(s, { uri: a.uri, action: 'label', range: rangeOf(a.text, '政工简讯'), label: 'work' });
    assert.ok(r.ok, r.message);
    assert.equal(r.manual, 1);
    const tok = await tokenAt(s, a.uri, at);
    assert.deepEqual({ type: tok?.type, modifiers: tok?.modifiers, char: tok?.char, length: tok?.length }, { type: 'work', modifiers: ['manual'], char: at.character, length: 4 });
    // Written at once, so a crash loses nothing.
    const written = JSON.parse(fs.readFileSync(a.sidecar, 'utf8'));
    assert.deepEqual(written.spans.map((x: { label: string; text: string; source: string }) => [x.label, x.text, x.source]), [['work', '政工简讯', 'manual']]);

    // An insertion on the first line pushes the span down one line.
    void s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: a.uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '新增一行\n' }],
    });
    let text = '新增一行\n' + a.text;
    const moved = positionOf(text, '政工简讯');
    assert.equal(moved.line, at.line + 1);
    const tok2 = await tokenAt(s, a.uri, moved);
    assert.deepEqual([tok2?.type, tok2?.modifiers, tok2?.char], ['work', ['manual'], moved.character]);

    // Typing inside the span stretches it.
    const inside = { line: moved.line, character: moved.character + 2 };
    void s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: a.uri, version: 3 },
      contentChanges: [{ range: { start: inside, end: inside }, text: '工作' }],
    });
    const off = text.indexOf('政工简讯') + 2;
    text = text.slice(0, off) + '工作' + text.slice(off);
    const manual = (await entities(s, a.uri)).entities.filter((e) => e.source === 'manual');
    assert.deepEqual(manual.map((e) => [e.text, e.range.start, e.range.end]), [['政工工作简讯', moved, { line: moved.line, character: moved.character + 6 }]]);
    assert.equal((await tokenAt(s, a.uri, { line: moved.line, character: moved.character + 5 }))?.length, 6);

    // Saving writes the shifted span with the new text's hash.
    fs.writeFileSync(a.file, text);
    void s.connection.sendNotification('textDocument/didSave', { textDocument: { uri: a.uri } });
    const saved = await waitFor('the sidecar with the stretched span', () => {
      const j = JSON.parse(fs.readFileSync(a.sidecar, 'utf8'));
      return j.spans[0]?.text === '政工工作简讯' ? j : undefined;
    });
    const cps = [...text];
    assert.equal(cps.slice(saved.spans[0].start, saved.spans[0].end).join(''), '政工工作简讯');
    assert.equal(saved.textHash.startsWith('sha256:'), true);
  });

  test('rejecting an automatic entity removes its token; accept restores it; relabel and remove', async () => {
    const a = copySeed('002');
    s.open(a.uri, a.text);
    const at = positionOf(a.text, '陈建春');
    assert.equal((await tokenAt(s, a.uri, at))?.type, 'person');
    const r = await annotate(s, { uri: a.uri, action: 'reject', position: at });
    assert.ok(r.ok, r.message);
    assert.equal(r.rejected, 1);
    assert.equal(await tokenAt(s, a.uri, at), undefined, 'the rejected entity has no token');
    assert.deepEqual(JSON.parse(fs.readFileSync(a.sidecar, 'utf8')).rejected.map((x: { text: string }) => x.text), ['陈建春']);

    assert.ok((await annotate(s, { uri: a.uri, action: 'accept', position: at })).ok);
    assert.equal((await tokenAt(s, a.uri, at))?.type, 'person', 'restored');
    // Accepting again confirms it as a manual span.
    assert.ok((await annotate(s, { uri: a.uri, action: 'accept', position: at })).ok);
    assert.deepEqual((await tokenAt(s, a.uri, at))?.modifiers, ['manual']);
    assert.ok((await annotate(s, { uri: a.uri, action: 'relabel', position: at, label: 'ORG' })).ok);
    assert.equal((await tokenAt(s, a.uri, at))?.type, 'organization');
    const removed = await annotate(s, { uri: a.uri, action: 'remove', position: at });
    assert.ok(removed.ok);
    assert.equal(removed.manual, 0);
    assert.deepEqual((await tokenAt(s, a.uri, at))?.modifiers, ['automatic'], 'back to the automatic entity');

    const bad = await annotate(s, { uri: a.uri, action: 'label', range: rangeOf(a.text, '陈建春'), label: 'spaceship' });
    assert.equal(bad.ok, false);
    assert.match(bad.message, /Unknown label "spaceship"/);
  });

  test('label every occurrence labels each one', async () => {
    const a = copySeed('002');
    s.open(a.uri, a.text);
    const count = a.text.split('政工简讯').length - 1;
    assert.ok(count >= 2);
    const r = await annotate(s, { uri: a.uri, action: 'labelAll', range: rangeOf(a.text, '政工简讯'), label: 'work' });
    assert.ok(r.ok, r.message);
    assert.equal(r.manual, count);
    const manual = (await s.tokens(a.uri)).filter((t) => t.modifiers.includes('manual'));
    assert.equal(manual.length, count);
  });

  test('a corrupt sidecar is reported, manual annotation is refused and the file stays byte-identical', async () => {
    const a = copySeed('004');
    const corrupt = Buffer.from('{"format": "zh-article-annotations", "version": 1, "spans": [ {oops');
    fs.writeFileSync(a.sidecar, corrupt);
    s.open(a.uri, a.text);
    const msg = await waitFor('an error message', () => messages.find((m) => m.type === 1 && m.message.includes(path.basename(a.sidecar))));
    assert.match(msg.message, /corrupt/);
    const r = await annotate(s, { uri: a.uri, action: 'label', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, label: 'person' });
    assert.equal(r.ok, false);
    assert.match(r.message, /corrupt/);
    void s.connection.sendNotification('textDocument/didSave', { textDocument: { uri: a.uri } });
    assert.ok((await entities(s, a.uri)).sidecarError);
    assert.deepEqual(fs.readFileSync(a.sidecar), corrupt);
  });

  test('spans whose text vanished while the editor was closed are kept as orphans and reported', async () => {
    const a = copySeed('003');
    s.open(a.uri, a.text);
    const word = a.text.match(/\p{Script=Han}{4}/u)![0];
    assert.ok((await annotate(s, { uri: a.uri, action: 'label', range: rangeOf(a.text, word), label: 'organization' })).ok);
    void s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: a.uri } });
    const changed = a.text.split(word).join('');
    fs.writeFileSync(a.file, changed);
    s.open(a.uri, changed, 'plaintext', 5);
    const msg = await waitFor('an orphan warning', () => messages.find((m) => m.type === 2 && m.message.includes(word)));
    assert.match(msg.message, /orphan/);
    const info = await entities(s, a.uri);
    assert.equal(info.orphaned, 1);
    void s.connection.sendNotification('textDocument/didSave', { textDocument: { uri: a.uri } });
    const sc = await waitFor('the orphan in the sidecar', () => JSON.parse(fs.readFileSync(a.sidecar, 'utf8')).orphaned);
    assert.deepEqual(sc.map((o: { text: string; kind: string }) => [o.kind, o.text]), [['manual', word]]);
  });

  test('deleting a labelled word lists it as an orphan; undoing the deletion brings the label back', async () => {
    const a = copySeed('002');
    s.open(a.uri, a.text);
    const range = rangeOf(a.text, '政工简讯');
    assert.ok((await annotate(s, { uri: a.uri, action: 'label', range, label: 'work' })).ok);
    void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: a.uri, version: 2 }, contentChanges: [{ range, text: '' }] });
    const gone = await entities(s, a.uri);
    assert.equal(gone.entities.filter((e) => e.source === 'manual').length, 0);
    assert.deepEqual(gone.orphans?.map((o) => [o.kind, o.label, o.text, o.range.start]), [['manual', 'work', '政工简讯', range.start]]);
    void s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: a.uri, version: 3 },
      contentChanges: [{ range: { start: range.start, end: range.start }, text: '政工简讯' }],
    });
    const back = await entities(s, a.uri);
    assert.deepEqual(back.entities.filter((e) => e.source === 'manual').map((e) => [e.text, e.range.start]), [['政工简讯', range.start]]);
    assert.deepEqual([back.orphaned, back.orphans], [0, []]);
  });

  test('import turns a brat .ann file into manual spans of the matching article', async () => {
    const a = copySeed('000');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-import-'));
    const txt = path.join(dir, path.basename(a.file));
    fs.writeFileSync(txt, a.text);
    const word = '長沙';
    const at = [...a.text.slice(0, a.text.indexOf(word))].length;
    fs.writeFileSync(txt.replace(/\.txt$/, '.ann'), `T1\tORG ${at} ${at + 2}\t${word}\n`);
    const r = await s.request<ImportAnnotationsResult>('articleAnnotator/importAnnotations', { file: txt.replace(/\.txt$/, '.ann'), candidates: [a.uri] });
    assert.deepEqual(r.imported.map((i) => [i.uri, i.spans, i.matchedBy]), [[a.uri, 1, 'hash']]);
    const sc = JSON.parse(fs.readFileSync(a.sidecar, 'utf8'));
    assert.deepEqual(sc.spans.map((x: { start: number; label: string; text: string }) => [x.start, x.label, x.text]), [[at, 'organization', word]]);
  });

  test('import never removes a manual span: a LOC inside a manual ORG is refused, duplicates are merged, counts are exact', async () => {
    const a = copySeed('000');
    s.open(a.uri, a.text);
    const bureau = '長沙市委老干部局';
    assert.ok((await annotate(s, { uri: a.uri, action: 'label', range: rangeOf(a.text, bureau), label: 'organization' })).ok);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-import-'));
    const txt = path.join(dir, path.basename(a.file));
    fs.writeFileSync(txt, a.text);
    const cp = (i: number) => [...a.text.slice(0, i)].length;
    const inOrg = cp(a.text.indexOf(bureau));
    const other = a.text.indexOf('長沙', a.text.indexOf(bureau) + bureau.length);
    const lines = [`T1\tLOC ${inOrg} ${inOrg + 2}\t長沙`, `T2\tLOC ${cp(other)} ${cp(other) + 2}\t長沙`, `T3\tLOC ${cp(other)} ${cp(other) + 2}\t長沙`];
    fs.writeFileSync(txt.replace(/\.txt$/, '.ann'), lines.join('\n') + '\n');
    const r = await s.request<ImportAnnotationsResult>('articleAnnotator/importAnnotations', { file: txt.replace(/\.txt$/, '.ann'), candidates: [a.uri] });
    assert.deepEqual(r.imported.map((i) => [i.kept, i.merged, i.refused]), [[1, 1, 1]]);
    assert.ok(r.warnings.some((w) => w.includes('conflicts with your manual organization')), r.warnings.join('\n'));
    const manual = (await entities(s, a.uri)).entities.filter((e) => e.source === 'manual').map((e) => [e.label, e.text]);
    assert.deepEqual(manual, [['organization', bureau], ['location', '長沙']]);
  });
});

describe('a killed server loses no manual decision', () => {
  test('SIGKILL right after labelling: the sidecar has the span and a new server shows it', async () => {
    const a = copySeed('002');
    const s1 = await LspSession.start();
    s1.open(a.uri, a.text);
    const r = await annotate(s1, { uri: a.uri, action: 'label', range: rangeOf(a.text, '志愿服务'), label: 'organization' });
    assert.ok(r.ok, r.message);
    s1.proc.kill('SIGKILL');
    await new Promise((res) => s1.proc.once('exit', res));
    s1.connection.dispose();
    s1.closePipes();
    const sc = JSON.parse(fs.readFileSync(a.sidecar, 'utf8'));
    assert.deepEqual(sc.spans.map((x: { label: string; text: string }) => [x.label, x.text]), [['organization', '志愿服务']]);

    const s2 = await LspSession.start();
    try {
      s2.open(a.uri, a.text);
      const tok = await tokenAt(s2, a.uri, positionOf(a.text, '志愿服务'));
      assert.deepEqual([tok?.type, tok?.modifiers, tok?.length], ['organization', ['manual'], 4]);
    } finally {
      await s2.stop();
    }
  });
});
