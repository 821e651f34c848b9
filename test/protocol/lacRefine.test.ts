// The editor's LAC refine pass (issue 13): the model paints first without LAC's tags, then, with
// the server idle, LAC tags those lines in the background and the server asks the client to
// refresh the tokens; the refreshed tokens are those of tagging with LAC at once (what the
// Entities view, exports and the CLI give). The same pass runs the name network (LAC fine-tuned for
// names, joined to the model's scores). Skipped when neither ships.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { defaultModelPath, loadNerModel } from '../../server/src/core/ner';
import { defaultLacPath, defaultNameNetworkPath } from '../../server/src/core/ner/lac';
import { LspSession, seedPath } from './lspClient';

const modelFile = defaultModelPath();
const refines = !!modelFile && !!defaultLacPath() && (loadNerModel(modelFile).wantsLac || !!defaultNameNetworkPath());

test('first tokens without the networks, then a refresh, then the tokens of tagging with them', { skip: !refines && 'neither LAC features nor the name network ship' }, async () => {
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
    assert.ok(changed > 0, 'the networks changed some name on the seeds');
  } finally {
    await s.stop();
  }
});
