// The document queue follows learning: a decision in one article changes what recognition finds
// in a closed one, and the queue's counts for that file are refreshed (the old ones shown meanwhile).
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lspClient';
import type { AnnotateResult, QueueResult } from '../../server/src/protocol';

const OPEN = '华宝基金今天发布公告。\n投资者认为华宝的表现不错。\n';
const CLOSED = '分析师说，华宝今年的业绩比去年好。\n另一位分析师也提到华宝。\n';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-queue-learn-'));
const uriOf = (name: string, text: string) => {
  const file = path.join(workspace, name);
  fs.writeFileSync(file, text);
  return pathToFileURL(file).toString();
};
const openUri = uriOf('open.txt', OPEN);
const closedUri = uriOf('closed.txt', CLOSED);
let s: LspSession | undefined;
after(async () => {
  await s?.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function settledCount(uri: string, differentFrom?: number): Promise<number> {
  const end = Date.now() + 60_000;
  for (;;) {
    const q = await s!.request<QueueResult>('articleAnnotator/queue', { uris: [openUri, closedUri] });
    const n = q.items.find((i) => i.uri === uri)?.entities;
    if (q.pending === 0 && n !== undefined && n !== differentFrom) return n;
    if (Date.now() > end) throw new Error(`queue counts did not settle (last ${n}, pending ${q.pending})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a decision that changes what is found in a closed article refreshes its queue counts', async () => {
  s = await LspSession.start({}, workspace);
  s.open(openUri, OPEN);
  const toks = await s.tokens(openUri);
  const at = OPEN.indexOf('华宝', 5);
  const line = OPEN.slice(0, at).split('\n').length - 1;
  const character = at - (OPEN.lastIndexOf('\n', at - 1) + 1);
  const mention = toks.find((t) => t.line === line && t.char <= character && character < t.char + t.length);
  assert.ok(mention, '华宝 is recognised before any decision');
  const before = await settledCount(closedUri);
  assert.ok(before >= 2, `the closed article's two mentions count (${before})`);
  // Rejected once, never confirmed: dropped everywhere by the workspace's learning.
  const r = await s.request<AnnotateResult>('articleAnnotator/annotate', { uri: openUri, action: 'reject', position: { line, character } });
  assert.ok(r.ok, r.message);
  const after1 = await settledCount(closedUri, before);
  assert.ok(after1 < before, `closed.txt counted ${before} entities before the rejection and ${after1} after`);
});
