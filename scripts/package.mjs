#!/usr/bin/env node
// Builds dist/ and packages the linux-x64 .vsix (nodejieba's addon is built for this platform).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'zh-article-annotator.vsix');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

run(process.execPath, [path.join(root, 'scripts/build.mjs')]);
// vscode:prepublish would build again; dependencies are bundled or vendored into dist/.
run(process.execPath, [
  path.join(root, 'node_modules/@vscode/vsce/vsce'),
  'package',
  '--no-dependencies',
  '--no-update-package-json',
  // README images ship inside the package; VS Code resolves relative links against it.
  '--no-rewrite-relative-links',
  '--allow-missing-repository',
  '--target',
  'linux-x64',
  '--out',
  out,
]);
console.log(`packaged ${path.relative(process.cwd(), out)}`);
