// `zh-article help`, `--help` after a command and `--version` (the bundled CLI; run `node scripts/build.mjs` first).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../protocol/lspClient';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

test('help is asked for as people ask: help, --help, -h, or after a command; it goes to standard output with status 0', () => {
  for (const args of [['help'], ['--help'], ['-h'], ['export', '--help'], ['annotate', 'a.txt', '-h'], ['fix', '--jsonl', '--help']]) {
    const r = run(...args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /^usage: zh-article <command>/, args.join(' '));
    assert.equal(r.stderr, '');
  }
  // After -- it is a file name, as for every option.
  const file = run('annotate', '--', '--help');
  assert.equal(file.status, 2);
  assert.match(file.stderr, /no such file or folder: --help/);
  // No command at all is a bad command line.
  assert.equal(run().status, 2);
});

test('--version prints the package version', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = run(flag);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), version);
  }
});
