// The editor's segmenter: jieba's algorithm over nodejieba's data, in TypeScript, for the whole
// session. nodejieba's native loader would hold the server's only thread ~2 s (any request in that
// time waits) and keep a second copy of the dictionary, so the server never loads the addon; it
// still answers with nodejieba's words (sameAnswers.test.ts compares its tokens with the CLI's,
// which segments with nodejieba).
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lspClient';
import { SEEDS_DIR } from '../sharedDir';

let s: LspSession | undefined;
after(async () => {
  await s?.stop();
});

/** Whether the server process has nodejieba's native addon mapped (required at least once). */
const addonMapped = (session: LspSession) => fs.readFileSync(`/proc/${session.proc.pid}/maps`, 'utf8').includes('nodejieba.node');

test('the server segments without loading nodejieba, idle or not, and its tokens stay the same', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const seed = path.join(SEEDS_DIR, fs.readdirSync(SEEDS_DIR).sort()[1]);
  const uri = pathToFileURL(seed).toString();
  s = await LspSession.start();
  const refreshed = s.nextRefresh(60_000);
  s.open(uri, fs.readFileSync(seed, 'utf8'));
  const first = await s.tokens(uri);
  assert.ok(first.length > 10, 'entities were painted');
  // Idle: the refine pass runs (the name network) and ends with a refresh.
  await refreshed;
  const refined = await s.tokens(uri);
  assert.ok(refined.length > 10);
  assert.equal(addonMapped(s), false, 'nodejieba.node is not loaded in the server');
  assert.deepEqual(await s.tokens(uri), refined, 'tokens are stable once refined');
  const other = path.join(SEEDS_DIR, fs.readdirSync(SEEDS_DIR).sort()[3]);
  const otherUri = pathToFileURL(other).toString();
  s.open(otherUri, fs.readFileSync(other, 'utf8'));
  assert.ok((await s.tokens(otherUri)).length > 10);
  assert.equal(addonMapped(s), false);
  assert.ok(!s.logs.some((l) => /nodejieba/.test(l)), `no message about nodejieba: ${s.logs.join(' | ')}`);
});
