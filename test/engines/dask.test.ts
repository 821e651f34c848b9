// Dask distributed as the engine: test/engines/dask_pipe.py starts a LocalCluster (a scheduler and
// two worker processes on 127.0.0.1), reads a partitioned JSONL corpus with dask.bag and pipes
// each partition through the CLI. The output must equal the single-process output record for record.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../protocol/lspClient';
import { ANNOTATE, corpusAndReference, need, rows } from './engineCorpus';

/** Debian's python3 has python3-distributed; a python3 earlier on PATH (pyenv, venv) may not. */
function findPython(): string | undefined {
  const candidates = [process.env.ZAA_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  return candidates.find((py) => spawnSync(py, ['-c', 'import distributed, dask.bag'], { stdio: 'ignore' }).status === 0);
}

test('Dask distributed: a local scheduler and two workers pipe a partitioned corpus through the CLI', (t) => {
  const python = findPython();
  if (!need(t, 'Dask distributed (Python)', python !== undefined, 'python3-distributed')) return;
  const { dir, lines, reference } = corpusAndReference();
  const n = 2;
  const parts: string[] = [];
  for (let p = 0; p < n; p++) {
    const file = path.join(dir, `part-${p}.jsonl`);
    fs.writeFileSync(file, lines.slice(Math.floor((p * lines.length) / n), Math.floor(((p + 1) * lines.length) / n)).join('\n') + '\n');
    parts.push(file);
  }
  const out = path.join(dir, 'dask-out.jsonl');
  const r = spawnSync(python!, [path.join(ROOT, 'test', 'engines', 'dask_pipe.py'), out, ...parts, '--', ...ANNOTATE], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as { workers: string[]; partitions: number };
  assert.equal(report.workers.length, 2, 'two workers');
  assert.ok(report.workers.every((w) => w.startsWith('tcp://127.0.0.1:')), report.workers.join(', '));
  assert.equal(report.partitions, n);
  assert.deepEqual(rows(fs.readFileSync(out, 'utf8')), reference);
});
