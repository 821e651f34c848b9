// ExportRequest against the bundled server: each format written into outDir and read back, manual
// decisions of an open document included, per-file errors reported without failing the rest.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession, SEEDS } from './lspClient';
import { checkExportFolder } from '../unit/cli/exportChecks';
import { EXPORT_MANIFEST } from '../../server/src/core/io/exportOutput';
import type { AnnotateResult, ExportParams, ExportResult } from '../../server/src/protocol';

const FORMATS = ['jsonl', 'brat', 'conll', 'labelstudio', 'csv'] as const;

describe('ExportRequest over LSP', () => {
  let s: LspSession;
  let dir: string;
  let uris: string[];
  let articles: Map<string, string>;
  before(async () => {
    s = await LspSession.start();
    // Copies, so the manual decision's sidecar is not written into the shared seeds.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-export-'));
    articles = new Map();
    uris = [];
    for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt')).sort()) {
      const file = path.join(dir, f);
      fs.copyFileSync(path.join(SEEDS, f), file);
      articles.set(f.replace(/\.txt$/, ''), fs.readFileSync(file, 'utf8'));
      uris.push(pathToFileURL(file).toString());
    }
    // Seed 002 is open with one manual span; the others are read from disk.
    const text = articles.get([...articles.keys()].find((k) => k.startsWith('002'))!)!;
    const uri = uris.find((u) => u.includes('/002_'))!;
    s.open(uri, text);
    const line = text.split('\n').findIndex((l) => l.includes('政工简讯'));
    const ch = text.split('\n')[line].indexOf('政工简讯');
    const r = await s.request<AnnotateResult>('articleAnnotator/annotate', {
      uri,
      action: 'label',
      range: { start: { line, character: ch }, end: { line, character: ch + 4 } },
      label: 'work',
    });
    assert.ok(r.ok, r.message);
  });
  after(async () => {
    await s.stop();
  });

  for (const format of FORMATS) {
    test(`writes ${format} files that read back exactly`, async () => {
      const outDir = path.join(dir, 'out', format);
      const r = await s.request<ExportResult>('articleAnnotator/export', { uris, format, outDir, progress: true } satisfies ExportParams);
      assert.deepEqual(r.errors, []);
      assert.equal(r.documents, 5);
      assert.equal(r.cancelled, false);
      assert.deepEqual(r.written.map((w) => path.dirname(w)), r.written.map(() => outDir));
      assert.deepEqual(fs.readdirSync(outDir).sort(), [EXPORT_MANIFEST, ...r.written.map((w) => path.basename(w))].sort());
      const spans = checkExportFolder(format, outDir, articles);
      assert.equal(spans.length, r.spans);
      assert.ok(spans.some((x) => x.text === '政工简讯' && x.label === 'WORK'), 'the manual span is exported');
    });
  }

  test('manual only, utf16 offsets; a missing file is an error of its own', async () => {
    const outDir = path.join(dir, 'out', 'manual');
    const missing = pathToFileURL(path.join(dir, 'gone.txt')).toString();
    const r = await s.request<ExportResult>('articleAnnotator/export', { uris: [...uris, missing], format: 'jsonl', outDir, manualOnly: true, offsets: 'utf16' });
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].uri, missing);
    assert.match(r.errors[0].message, /ENOENT/);
    const spans = checkExportFolder('jsonl', outDir, articles, 'utf16');
    assert.deepEqual(spans.map((x) => [x.label, x.text, x.source]), [['WORK', '政工简讯', 'manual']]);
  });

  test('an unknown format is reported, nothing is written', async () => {
    const outDir = path.join(dir, 'out', 'xml');
    const r = await s.request<ExportResult>('articleAnnotator/export', { uris, format: 'xml', outDir });
    assert.match(r.errors[0].message, /unknown export format "xml"/);
    assert.equal(fs.existsSync(outDir), false);
  });
});
