// Same answers everywhere: for each seed, the batch mode (`annotate --jsonl`, two worker processes),
// the editor (the language server's Entities view and its export of the open document) and the
// CLI's export give identical spans (code points), labels and values. Needs the bundle
// (dist/cli.js, dist/server.js). sameAnswersRepaired.test.ts does the same for `fix --jsonl`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LABEL_TAGS } from '../../server/src/core/export';
import { CodePointIndex, LineIndex } from '../../server/src/core/offsets';
import type { EntityLabel } from '../../server/src/core/types';
import type { EntitiesResult, ExportResult } from '../../server/src/protocol';
import { SEEDS } from './lspClient';
import { batchSpans, seedsOpenInServer, exportSpans, names, RECORDS, run, sorted, texts, type Span } from './sameAnswers';

const { dir, uris, session } = seedsOpenInServer('zh-same-');

test('annotate --jsonl = the Entities view = the editor export = zh-article export, on the seeds', async () => {
  const batch = batchSpans(run(['annotate', '--jsonl', '--jobs', '2', '--quiet'], RECORDS));
  run(['export', SEEDS, '--format', 'jsonl', '--jobs', '1', '--out', path.join(dir, 'cli')]);
  const cliExport = exportSpans(path.join(dir, 'cli', 'annotations.jsonl'));
  const lsp = await session().request<ExportResult>('articleAnnotator/export', { uris, format: 'jsonl', outDir: path.join(dir, 'lsp') });
  assert.deepEqual(lsp.errors, []);
  const editorExport = exportSpans(path.join(dir, 'lsp', 'annotations.jsonl'));

  let total = 0;
  for (const [i, f] of names.entries()) {
    const text = texts.get(f)!;
    const fromBatch = batch.get(f)!.spans;
    assert.ok(fromBatch.length > 20, `${f}: ${fromBatch.length} spans`);
    assert.ok(fromBatch.some((s) => s[4] !== undefined), `${f}: some spans carry a value`);
    assert.deepEqual(sorted(fromBatch), sorted(cliExport.get(f)!.spans), `${f}: batch mode vs zh-article export`);
    assert.deepEqual(sorted(fromBatch), sorted(editorExport.get(f)!.spans), `${f}: batch mode vs the editor's export`);

    // The Entities view: LSP ranges (UTF-16 line/character) converted back to code points.
    const view = await session().request<EntitiesResult>('articleAnnotator/entities', { uri: uris[i] });
    assert.ok(view.served);
    const lines = new LineIndex(text);
    const cps = new CodePointIndex(text);
    const fromView = view.entities.map((e) => [cps.toCodePoint(lines.offsetAt(e.range.start)), cps.toCodePoint(lines.offsetAt(e.range.end)), LABEL_TAGS[e.label as EntityLabel], e.text]);
    assert.deepEqual(sorted(fromView as Span[]), sorted(fromBatch).map((s) => s.slice(0, 4)), `${f}: batch mode vs the Entities view`);
    total += fromBatch.length;
  }
  assert.ok(total > 200, `${total} spans compared`);
});
