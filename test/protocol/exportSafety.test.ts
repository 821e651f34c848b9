// ExportRequest and AnnotateRequest against the bundled server when files are at stake: an export
// into the articles' folder leaves them as they are unless the user confirmed (overwrite), the
// repaired export says which manual spans it drops, a relative outDir belongs to the workspace,
// a bad outDir fails at once, and a failed sidecar write is not reported as success.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession, SEEDS } from './lspClient';
import type { AnnotateResult, ExportParams, ExportResult } from '../../server/src/protocol';

const sha = (f: string): string => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const exportReq = (s: LspSession, p: ExportParams) => s.request<ExportResult>('articleAnnotator/export', p);

// Our own article: a pinyin annotation (zé) that the repair removes, labelled by hand.
const DAMAGED = '市政府負責(zé)人王俏今天表示，新公园将于下月开放。\n';

describe('exports and sidecars over LSP keep files safe', () => {
  let s: LspSession;
  let workspace: string;
  let seeds: string[];
  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-ws-'));
    for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt'))) fs.copyFileSync(path.join(SEEDS, f), path.join(workspace, f));
    seeds = fs.readdirSync(workspace).map((f) => path.join(workspace, f));
    s = await LspSession.start({}, workspace);
  });
  after(async () => {
    await s.stop();
  });

  test("brat into the articles' own folder: the originals stay unless the user confirms", async () => {
    const before = seeds.map(sha);
    const uris = seeds.map((f) => pathToFileURL(f).toString());
    const plain = await exportReq(s, { uris, format: 'brat', outDir: workspace });
    assert.deepEqual(plain.errors, []);
    assert.equal(plain.documents, 5);
    assert.deepEqual(seeds.map(sha), before, 'NAME.txt equal to the article is left as it is');

    const repaired = await exportReq(s, { uris, format: 'brat', outDir: workspace, repaired: true });
    assert.ok((repaired.conflicts?.length ?? 0) >= 4, JSON.stringify(repaired.conflicts));
    assert.deepEqual(repaired.written, []);
    assert.match(repaired.errors[0]?.message ?? '', /nothing written/);
    assert.deepEqual(seeds.map(sha), before, 'the repaired text did not replace a crawled original');

    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-ws-copy-'));
    const copy = path.join(other, path.basename(seeds[0]));
    fs.copyFileSync(seeds[0], copy);
    const confirmed = await exportReq(s, { uris: [pathToFileURL(copy).toString()], format: 'brat', outDir: other, repaired: true, overwrite: true });
    assert.deepEqual(confirmed.errors, []);
    assert.notEqual(sha(copy), before[0], 'with overwrite the confirmed file is replaced');
  });

  test('the repaired export reports the manual spans the repair removes', async () => {
    const dir = fs.mkdtempSync(path.join(workspace, 'damaged-'));
    const file = path.join(dir, 'd.txt');
    fs.writeFileSync(file, DAMAGED);
    const uri = pathToFileURL(file).toString();
    s.open(uri, DAMAGED);
    const ch = DAMAGED.indexOf('(zé)');
    const r = await s.request<AnnotateResult>('articleAnnotator/annotate', { uri, action: 'label', range: { start: { line: 0, character: ch }, end: { line: 0, character: ch + 4 } }, label: 'work' });
    assert.ok(r.ok, r.message);
    const out = await exportReq(s, { uris: [uri], format: 'jsonl', outDir: path.join(dir, 'out'), repaired: true, manualOnly: true });
    assert.deepEqual(out.errors, []);
    assert.equal(out.warnings.length, 1);
    assert.match(out.warnings[0], /manual span work "\(zé\)" disappears in the repaired text/);
  });

  test('a relative outDir is resolved against the workspace folder; /proc/1/nope fails at once', async () => {
    const uri = pathToFileURL(seeds[1]).toString();
    const rel = await exportReq(s, { uris: [uri], format: 'csv', outDir: path.join('exports', 'csv') });
    assert.deepEqual(rel.errors, []);
    assert.deepEqual(rel.written.map((w) => path.dirname(w)), [path.join(workspace, 'exports', 'csv')]);
    assert.equal(fs.existsSync(path.resolve('exports')), false, "nothing in the server's working directory");

    const t0 = Date.now();
    const bad = await exportReq(s, { uris: [uri], format: 'csv', outDir: '/proc/1/nope' });
    assert.ok(Date.now() - t0 < 10_000);
    assert.match(bad.errors[0]?.message ?? '', /cannot create the folder \/proc\/1\/nope/);
  });

  test('annotate answers ok: false when the sidecar cannot be written', async () => {
    const dir = fs.mkdtempSync(path.join(workspace, 'unwritable-'));
    const file = path.join(dir, 'u.txt');
    fs.writeFileSync(file, DAMAGED);
    const uri = pathToFileURL(file).toString();
    s.open(uri, DAMAGED);
    // Answered after didOpen: the (absent) sidecar has been looked for.
    await s.request('articleAnnotator/entities', { uri });
    // A folder where the sidecar goes: the rename over it fails (as root too, unlike permissions).
    fs.mkdirSync(path.join(dir, 'u.annotations.json'));
    const ch = DAMAGED.indexOf('王俏');
    const r = await s.request<AnnotateResult>('articleAnnotator/annotate', { uri, action: 'label', range: { start: { line: 0, character: ch }, end: { line: 0, character: ch + 2 } }, label: 'person' });
    assert.equal(r.ok, false);
    assert.match(r.message, /Labelled "王俏" as person\. But the annotation file could not be written/);
    assert.equal(r.sidecar, undefined);
  });
});
