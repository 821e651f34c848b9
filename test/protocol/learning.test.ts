// Learning from corrections through the bundled server: a decision teaches the workspace (other
// mentions follow), the history is appended to .zh-article/learning.jsonl in the workspace folder
// and replayed by a new server, and a reset restores the shipped behaviour and keeps a backup.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lspClient';
import type { AnnotateResult, LearningResult } from '../../server/src/protocol';
import { defaultNameNetworkPath } from '../../server/src/core/ner/lac';

const TEXT = '华宝基金今天发布公告。\n投资者认为华宝的表现不错。\n分析师说，华宝今年的业绩比去年好。\n';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-learn-'));
const file = path.join(workspace, 'article.txt');
fs.writeFileSync(file, TEXT);
const uri = pathToFileURL(file).toString();
const historyFile = path.join(workspace, '.zh-article', 'learning.jsonl');
const sessions: LspSession[] = [];
after(async () => {
  for (const s of sessions) await s.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function session(): Promise<LspSession> {
  const s = await LspSession.start({}, workspace);
  sessions.push(s);
  s.open(uri, TEXT);
  return s;
}

function positionOf(needle: string, nth: number) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = TEXT.indexOf(needle, at + 1);
  const before = TEXT.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
}

async function labelsOf(s: LspSession, needle: string): Promise<string[]> {
  const toks = await s.tokens(uri);
  const out: string[] = [];
  for (let nth = 0; TEXT.split(needle).length - 1 > nth; nth++) {
    const p = positionOf(needle, nth);
    const t = toks.find((x) => x.line === p.line && x.char <= p.character && p.character < x.char + x.length);
    out.push(t ? t.type : '-');
  }
  return out;
}

test('a relabel teaches the workspace: other mentions follow, the history is saved, replayed and reset', async () => {
  const s = await session();
  const before = await labelsOf(s, '华宝');
  // Label the second mention as an organization (whatever the shipped model said).
  const p = positionOf('华宝', 1);
  const r = await s.request<AnnotateResult>('articleAnnotator/annotate', { uri, action: 'label', range: { start: p, end: { line: p.line, character: p.character + 2 } }, label: 'organization' });
  assert.ok(r.ok, r.message);
  assert.match(r.learned ?? '', /learned from/);
  // The third mention, in another sentence, was not touched by hand and is now an organization too.
  const after1 = await labelsOf(s, '华宝');
  assert.equal(after1[2], 'organization', `before ${before.join(',')} after ${after1.join(',')}`);

  const lines = fs.readFileSync(historyFile, 'utf8').trim().split('\n');
  assert.equal(lines.length, 1);
  assert.deepEqual(JSON.parse(lines[0]).entities, [{ start: 5, end: 7, label: 'organization' }]);
  const summary = await s.request<LearningResult>('articleAnnotator/learning', { action: 'summary' });
  assert.equal(summary.sentences, 1);
  assert.equal(summary.file, historyFile);
  assert.ok(summary.confirmed.some((c) => c.text === '华宝' && c.label === 'organization'));
  await s.stop();

  // A new server (a reopened workspace) learns again from the history.
  const s2 = await session();
  assert.equal((await labelsOf(s2, '华宝'))[2], 'organization');

  const reset = await s2.request<LearningResult>('articleAnnotator/learning', { action: 'reset' });
  assert.equal(reset.sentences, 0);
  assert.ok(reset.backup && fs.existsSync(reset.backup), 'the old history is kept as a backup');
  assert.ok(!fs.existsSync(historyFile));
  // Shipped behaviour again, except for the manual span the annotator made (it lives in the sidecar).
  const afterReset = await labelsOf(s2, '华宝');
  assert.equal(afterReset[2], before[2]);
});

const networkShips = !!defaultNameNetworkPath();

test('corrections learned before the name network loads are learned again with it', { skip: !networkShips && 'the name network does not ship' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-learn-net-'));
  const article = path.join(dir, 'article.txt');
  fs.writeFileSync(article, TEXT);
  const articleUri = pathToFileURL(article).toString();
  const open = async () => {
    const s = await LspSession.start({}, dir);
    sessions.push(s);
    s.open(articleUri, TEXT);
    return s;
  };
  try {
    // The decision comes before any refine slice has run: the network is not loaded yet.
    const s = await open();
    const p = positionOf('华宝', 1);
    const r = await s.request<AnnotateResult>('articleAnnotator/annotate', { uri: articleUri, action: 'label', range: { start: p, end: { line: p.line, character: p.character + 2 } }, label: 'organization' });
    assert.ok(r.ok, r.message);
    // The editor asks for the tokens a decision changed; the refine pass that follows loads the
    // network and learns the correction again with its scores.
    await s.tokens(articleUri);
    const deadline = Date.now() + 60_000;
    let lines = 0;
    while (Date.now() < deadline) {
      lines = (await s.request<LearningResult>('articleAnnotator/learning', { action: 'summary' })).networkLines ?? 0;
      if (lines > 0) break;
      // Slower than the server's idle wait (300 ms): each request counts as activity that defers the pass.
      await new Promise((done) => setTimeout(done, 1000));
    }
    assert.equal(lines, 1, "the network's output layer learned from the corrected line");
    await s.stop();

    // A new server replays the history on its first analysis, before the network loads; a request
    // that waits for the networks (the Entities view) learns it again with them.
    const s2 = await open();
    await s2.tokens(articleUri);
    await s2.request('articleAnnotator/entities', { uri: articleUri });
    const summary = await s2.request<LearningResult>('articleAnnotator/learning', { action: 'summary' });
    assert.equal(summary.sentences, 1);
    assert.equal(summary.networkLines, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
