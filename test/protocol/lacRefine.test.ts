// The editor's LAC refine pass (issue 13): the model paints first without LAC's tags, then, with
// the server idle, LAC tags those lines in the background and the server asks the client to
// refresh the tokens; the refreshed tokens are those of tagging with LAC at once (what the
// Entities view, exports and the CLI give). Skipped when the shipped model has no LAC features.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { defaultModelPath, loadNerModel } from '../../server/src/core/ner';
import { defaultLacPath } from '../../server/src/core/ner/lac';
import { LspSession, seedPath } from './lspClient';

const modelFile = defaultModelPath();
const wantsLac = !!modelFile && !!defaultLacPath() && loadNerModel(modelFile).wantsLac;

test('first tokens without LAC, then a refresh, then the tokens of tagging with LAC', { skip: !wantsLac && 'the shipped model does not read LAC tags' }, async () => {
  const s = await LspSession.start();
  try {
    const seeds = ['000', '001', '002', '003', '004'].map(seedPath);
    let changed = 0;
    for (const [i, file] of seeds.entries()) {
      const uri = pathToFileURL(file).toString();
      const refreshed = s.nextRefresh();
      s.open(uri, fs.readFileSync(file, 'utf8'));
      const first = await s.tokens(uri);
      await refreshed;
      const refined = await s.tokens(uri);
      assert.equal(s.refreshes, i + 1);
      // The Entities view completes the pass for its request: nothing is left to change.
      await s.request('articleAnnotator/entities', { uri });
      assert.deepEqual(await s.tokens(uri), refined, `${file}: the refined tokens are final`);
      if (JSON.stringify(first) !== JSON.stringify(refined)) changed++;
    }
    assert.ok(changed > 0, 'LAC changed some name on the seeds');
  } finally {
    await s.stop();
  }
});
