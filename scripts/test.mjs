#!/usr/bin/env node
// `npm test`: typecheck, package the .vsix, then unit, protocol and package tests with node's test
// runner against the bundle, then the end-to-end tests in a real VS Code (code-server + Chromium).
// Set SKIP_E2E=1 to leave out the last step during development.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const failures = [];

function step(name, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

function testFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
    }
  };
  if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return out.sort();
}

// The tests read the shared inputs (seeds, gold repairs, NER data) from <repo>/../shared. A clone
// made elsewhere (CI's temporary folder) finds them beside the checkout it was cloned from.
if (!process.env.ZAA_SHARED_DIR) {
  const candidates = [path.resolve(root, '..', 'shared')];
  const origin = spawnSync('git', ['config', '--get', 'remote.origin.url'], { cwd: root, encoding: 'utf8' }).stdout?.trim();
  // Only a local origin (a path or file:// URL) has a folder beside it.
  const local = origin?.startsWith('file://') ? origin.slice('file://'.length) : origin && !/^[a-z+]+:\/\/|^[^/]+@[^:]+:/.test(origin) ? origin : undefined;
  if (local) candidates.push(path.resolve(root, local, '..', 'shared'));
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'seeds')));
  if (!found) {
    console.error(`The shared inputs were not found (looked in ${candidates.join(', ')}); set ZAA_SHARED_DIR to the folder holding seeds/, gold/ and ner/.`);
    process.exit(1);
  }
  process.env.ZAA_SHARED_DIR = found;
}
console.log(`shared inputs: ${process.env.ZAA_SHARED_DIR}`);

const node = process.execPath;
step('typecheck', node, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit']);
const packaged = step('build and package', node, ['scripts/package.mjs']);
const files = [...testFiles('test/unit'), ...testFiles('test/protocol'), ...testFiles('test/package'), ...testFiles('test/engines')];
step(`unit, protocol and package tests (${files.length} files)`, node, ['scripts/run-ts.mjs', '--test', ...files]);
if (process.env.SKIP_E2E === '1') console.log('\n=== end-to-end tests skipped (SKIP_E2E=1)');
else if (!packaged) failures.push('end-to-end tests (not run: packaging failed)');
else step('end-to-end tests', node, ['test/e2e/run.mjs'], { E2E_SKIP_PACKAGE: '1' });

if (failures.length) {
  console.error(`\nFAILED: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nall test steps passed');
