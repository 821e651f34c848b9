// Workspace folders added after initialize (workspace/didChangeWorkspaceFolders) are followed:
// a relative export folder resolves against the folder an article is in, even a new one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { changedFolders } from '../../server/src/features/workspaceFolders';
import type { ExportParams, ExportResult } from '../../server/src/protocol';
import { LspSession } from './lspClient';

test('folders added and removed after start are the ones relative exports resolve against', async () => {
  const first = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-folder-a-'));
  const added = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-folder-b-'));
  const s = await LspSession.start({}, first, { workspaceFolders: true });
  try {
    const article = path.join(added, 'a.txt');
    fs.writeFileSync(article, '王小明今天在北京参加会议。\n');
    await s.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathToFileURL(added).toString(), name: 'b' }], removed: [{ uri: pathToFileURL(first).toString(), name: 'a' }] },
    });
    const params: ExportParams = { uris: [pathToFileURL(article).toString()], format: 'csv', outDir: 'exports' };
    const r = await s.request<ExportResult>('articleAnnotator/export', params);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.written.map((w) => path.dirname(w)), [path.join(added, 'exports')]);
    assert.equal(fs.existsSync(path.join(first, 'exports')), false);
  } finally {
    await s.stop();
    fs.rmSync(first, { recursive: true, force: true });
    fs.rmSync(added, { recursive: true, force: true });
  }
});

test('a folder change drops the removed folders and appends new ones once', () => {
  const uri = (p: string) => ({ uri: pathToFileURL(p).toString() });
  assert.deepEqual(changedFolders(['/w/a', '/w/b'], { added: [uri('/w/c'), uri('/w/b'), { uri: 'vscode-vfs://x/y' }], removed: [uri('/w/a')] }), ['/w/b', '/w/c']);
});
