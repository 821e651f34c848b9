// GNU parallel as the engine: `parallel --pipe` cuts stdin into blocks of whole lines and runs
// one CLI process per block on two job slots; --keep-order puts the outputs back in input order.
// The output must equal the single-process output record for record.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ANNOTATE, corpusAndReference, need, rows } from './engineCorpus';

test('GNU parallel --pipe: blocks of lines on two job slots, output kept in order', (t) => {
  const has = spawnSync('parallel', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!need(t, 'GNU parallel', has, 'parallel')) return;
  const { corpus, reference } = corpusAndReference();
  // Blocks small enough that the corpus becomes several jobs, each a separate CLI process.
  const r = spawnSync('parallel', ['--will-cite', '--pipe', '--keep-order', '--block', '60k', '-j', '2', ...ANNOTATE], {
    input: fs.readFileSync(corpus),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(rows(r.stdout), reference);
});
