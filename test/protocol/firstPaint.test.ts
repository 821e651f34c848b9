// Issue 12's first tokens: the server answers the first semantic tokens request without waiting
// for nodejieba's native loader (jieba's data read in TypeScript segments until then), loads
// nodejieba once the editor is idle, and keeps serving afterwards.
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

const loaded = (session: LspSession) => session.logs.some((l) => /nodejieba loaded in \d+ ms/.test(l));

test('first tokens come before nodejieba loads; nodejieba loads when idle; the tokens do not change', async () => {
  const seed = path.join(SEEDS_DIR, fs.readdirSync(SEEDS_DIR).sort()[1]);
  const uri = pathToFileURL(seed).toString();
  s = await LspSession.start();
  s.open(uri, fs.readFileSync(seed, 'utf8'));
  const first = await s.tokens(uri);
  assert.ok(first.length > 10, 'entities were painted');
  assert.equal(loaded(s), false, 'nodejieba is not loaded before the first tokens are out');
  const end = Date.now() + 60_000;
  while (!loaded(s)) {
    if (Date.now() > end) throw new Error(`nodejieba was not loaded within 60 s of idle time; log: ${s.logs.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.deepEqual(await s.tokens(uri), first);
  // After the swap, new text is segmented by nodejieba (sameAnswers.test.ts compares the editor's
  // tokens with the CLI's, which never uses the provisional segmenter).
  const other = path.join(SEEDS_DIR, fs.readdirSync(SEEDS_DIR).sort()[3]);
  const otherUri = pathToFileURL(other).toString();
  s.open(otherUri, fs.readFileSync(other, 'utf8'));
  assert.ok((await s.tokens(otherUri)).length > 10);
});
