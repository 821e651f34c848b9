#!/usr/bin/env node
// Runs TypeScript entry points without a separate compile step: each entry is bundled by esbuild
// into out/run-ts/ (native addons and vscode stay external) and run with node. Each run bundles to
// files of its own (the process id in the name) and removes them after: two runs of one script at
// once (two evaluations side by side) once ran a bundle the other was still writing.
//   node scripts/run-ts.mjs FILE.ts [args…]          run one script
//   node scripts/run-ts.mjs --test A.test.ts B.test.ts  run test files with node's test runner
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const testMode = argv[0] === '--test';
const files = testMode ? argv.slice(1).filter((a) => !a.startsWith('--')) : [argv[0]];
const passThrough = testMode ? argv.slice(1).filter((a) => a.startsWith('--')) : argv.slice(1);
if (!files[0]) {
  console.error('usage: run-ts.mjs FILE.ts [args…] | --test FILE.test.ts…');
  process.exit(2);
}

export async function bundleTs(file) {
  const rel = path.relative(root, path.resolve(file)).replace(/\.ts$/, `.${process.pid}.js`);
  const outfile = path.join(root, 'out', 'run-ts', rel);
  await build({
    entryPoints: [path.resolve(file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['nodejieba', 'vscode', 'esbuild', 'playwright-core'],
    logLevel: 'error',
  });
  return outfile;
}

const outs = [];
for (const f of files) outs.push(await bundleTs(f));
// A test file whose tests have all finished must not keep the run alive through a handle it
// leaked (a dead language server's pipe once held CI until its time limit): force the exit, and
// fail any single test that runs past five minutes.
const nodeArgs = testMode
  ? ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-force-exit', '--test-timeout=300000', ...passThrough, ...outs]
  : ['--enable-source-maps', outs[0], ...passThrough];
const r = spawnSync(process.execPath, nodeArgs, { stdio: 'inherit', cwd: process.cwd() });
for (const out of outs) fs.rmSync(out, { force: true });
process.exit(r.status ?? 1);
