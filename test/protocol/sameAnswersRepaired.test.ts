// Same answers on repaired text: `fix --jsonl` (two worker processes) gives the same repaired text
// and the same spans and values as `zh-article export --repaired` and as the editor's repaired
// export of the open seeds. Needs the bundle (dist/cli.js, dist/server.js).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ExportResult } from '../../server/src/protocol';
import { SEEDS } from './lspClient';
import { batchSpans, seedsOpenInServer, exportSpans, names, RECORDS, run, sorted, texts } from './sameAnswers';

const { dir, uris, session } = seedsOpenInServer('zh-same-repaired-');

test('fix --jsonl = export --repaired, from the CLI and from the editor, on the seeds', async () => {
  const fixed = batchSpans(run(['fix', '--jsonl', '--jobs', '2', '--quiet'], RECORDS));
  run(['export', SEEDS, '--format', 'jsonl', '--repaired', '--jobs', '1', '--out', path.join(dir, 'cli')]);
  const cliExport = exportSpans(path.join(dir, 'cli', 'annotations.jsonl'));
  const lsp = await session().request<ExportResult>('articleAnnotator/export', { uris, format: 'jsonl', repaired: true, outDir: path.join(dir, 'lsp') });
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
