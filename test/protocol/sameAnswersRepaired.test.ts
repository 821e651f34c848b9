// Same answers on repaired text: `fix --jsonl` (two worker threads) gives the same repaired text
// and the same spans and values as `zh-article export --repaired` and as the editor's repaired
// export of the open seeds. Needs the bundle (dist/cli.js, dist/server.js).
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExportResult } from '../../server/src/protocol';
import { LspSession, SEEDS } from './lspClient';
import { batchSpans, CLI, exportSpans, names, RECORDS, run, sorted, texts } from './sameAnswers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-same-repaired-'));
const uris = names.map((f) => pathToFileURL(path.join(SEEDS, f)).toString());
let session: LspSession;

before(async () => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
  session = await LspSession.start();
  names.forEach((f, i) => session.open(uris[i], texts.get(f)!));
});
after(async () => {
  await session?.stop();
});

test('fix --jsonl = export --repaired, from the CLI and from the editor, on the seeds', async () => {
  const fixed = batchSpans(run(['fix', '--jsonl', '--jobs', '2', '--quiet'], RECORDS));
  run(['export', SEEDS, '--format', 'jsonl', '--repaired', '--jobs', '1', '--out', path.join(dir, 'cli')]);
  const cliExport = exportSpans(path.join(dir, 'cli', 'annotations.jsonl'));
  const lsp = await session.request<ExportResult>('articleAnnotator/export', { uris, format: 'jsonl', repaired: true, outDir: path.join(dir, 'lsp') });
  assert.deepEqual(lsp.errors, []);
  const editorExport = exportSpans(path.join(dir, 'lsp', 'annotations.jsonl'));
  assert.ok(names.filter((f) => fixed.get(f)!.text !== texts.get(f)).length >= 2, 'several seeds are repaired');
  for (const f of names) {
    const mine = fixed.get(f)!;
    assert.equal(mine.text, cliExport.get(f)!.text, `${f}: the same repaired text`);
    assert.equal(mine.text, editorExport.get(f)!.text, `${f}: the same repaired text as the editor's`);
    assert.ok(mine.spans.length > 20);
    assert.deepEqual(sorted(mine.spans), sorted(cliExport.get(f)!.spans), `${f}: fix --jsonl vs export --repaired`);
    assert.deepEqual(sorted(mine.spans), sorted(editorExport.get(f)!.spans), `${f}: fix --jsonl vs the editor's repaired export`);
  }
});
