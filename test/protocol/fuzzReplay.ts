// Replays one document saved by the fuzz test (doc-N.json) against the bundled server, printing the
// time of each tokens request, to find which edit makes a request slow or wrong:
//   node scripts/run-ts.mjs test/protocol/fuzzReplay.ts /tmp/zh-fuzz-SEED-xxxx/doc-N.json
import * as fs from 'node:fs';
import { LspSession } from './lspClient';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: fuzzReplay.ts doc-N.json');
  const log = JSON.parse(fs.readFileSync(file, 'utf8')) as { initial: string; languageId: string; changes: unknown[][] };
  const s = await LspSession.start();
  const uri = 'untitled:replay.article';
  try {
    s.open(uri, log.initial, log.languageId, 1);
    let t0 = performance.now();
    await s.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    console.log(`open (${log.initial.length} chars): ${(performance.now() - t0).toFixed(0)} ms`);
    for (const [i, changes] of log.changes.entries()) {
      void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: changes });
      t0 = performance.now();
      await s.request('textDocument/semanticTokens/full', { textDocument: { uri } });
      const ms = performance.now() - t0;
      console.log(`change ${i} (${changes.length} edits): ${ms.toFixed(0)} ms${ms > 500 ? `  ${JSON.stringify(changes).slice(0, 300)}` : ''}`);
    }
  } finally {
    for (const m of s.logs) console.log(`server: ${m.slice(0, 300)}`);
    await s.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
