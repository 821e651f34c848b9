// The custom-labels bug over LSP: a label of articleAnnotator.labels is accepted for a manual span
// (stored by name in the sidecar, listed by the Entities view, coloured as a customLabel token);
// an undeclared one is refused.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lspClient';
import type { AnnotateParams, AnnotateResult, EntitiesResult } from '../../server/src/protocol';

const TEXT = '春节联欢晚会昨晚在北京举行，观众很多。\n';

describe('custom labels over LSP', () => {
  let s: LspSession;
  let dir: string;
  let labels: string[] = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-labels-'));
    s = await LspSession.start({}, dir);
    // The client's answer to workspace/configuration: the settings under test.
    s.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ labels })));
  });
  after(async () => {
    await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('EVENT is refused until declared, then stored by name and shown', async () => {
    const file = path.join(dir, 'gala.txt');
    fs.writeFileSync(file, TEXT);
    const uri = pathToFileURL(file).toString();
    s.open(uri, TEXT);
    const params: AnnotateParams = { uri, action: 'label', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, label: 'EVENT' };
    const refused = await s.request<AnnotateResult>('articleAnnotator/annotate', params);
    assert.equal(refused.ok, false);
    assert.match(refused.message, /Unknown label "EVENT".*articleAnnotator\.labels/);
    assert.equal(fs.existsSync(file.replace(/\.txt$/, '.annotations.json')), false);

    labels = ['EVENT'];
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    // The server pulls the settings on that notification; the first accepted label shows they arrived.
    let result: AnnotateResult | undefined;
    for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      result = await s.request<AnnotateResult>('articleAnnotator/annotate', params);
      if (result.ok) break;
    }
    assert.equal(result?.ok, true, result?.message);
    const sidecar = JSON.parse(fs.readFileSync(result!.sidecar!, 'utf8'));
    assert.deepEqual(sidecar.spans.map((x: { label: string; text: string }) => [x.label, x.text]), [['EVENT', '春节联欢晚会']]);
    const view = await s.request<EntitiesResult>('articleAnnotator/entities', { uri });
    assert.ok(view.entities.some((e) => e.label === 'EVENT' && e.text === '春节联欢晚会' && e.source === 'manual'));
    // Coloured like every label: one token type for the custom ones, marked manual.
    const toks = await s.tokens(uri);
    assert.ok(toks.some((t) => t.line === 0 && t.char === 0 && t.length === 6 && t.type === 'customLabel'), JSON.stringify(toks));
    // Still refused: a label nobody declared.
    const other = await s.request<AnnotateResult>('articleAnnotator/annotate', { ...params, label: 'PRODUCT' });
    assert.equal(other.ok, false);
    assert.match(other.message, /custom label of the setting articleAnnotator\.labels: EVENT/);
  });
});
