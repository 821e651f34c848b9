#!/usr/bin/env node
// `npm run test:e2e`: end-to-end tests in real editors.
//  1. checks the Debian packages (apt-get on CI, an exact install line elsewhere),
//  2. installs code-server and playwright-core into a version-keyed cache (~/.cache/...),
//  3. packages the .vsix once (skipped with E2E_SKIP_PACKAGE=1 or ZAA_E2E_VSIX=path),
//  4. runs vscode.test.mjs (code-server + Chromium) and nvim.test.mjs (neovim LSP client) with
//     node's test runner; the exit status is the runner's.
// ZAA_E2E_KEEP=1 keeps the temporary workspace and profile for inspection.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureCodeServer, ensurePlaywrightCore } from './lib/install-tools.mjs';
import { e2eDir, repoRoot } from './lib/paths.mjs';
import { CODE_SERVER_PACKAGES, ensureDebianPackages, NVIM_PACKAGES } from './lib/system-deps.mjs';
import { phase, timingReport } from './lib/timing.mjs';
import { productVsix } from './lib/vsix.mjs';

const t0 = performance.now();
try {
  await phase('system packages', () => ensureDebianPackages([...CODE_SERVER_PACKAGES, ...NVIM_PACKAGES]));
  await phase('code-server install (cached by version)', ensureCodeServer);
  await phase('playwright-core install (cached by version)', ensurePlaywrightCore);
  const vsix = await phase('build and package the .vsix', productVsix);
  process.env.ZAA_E2E_VSIX = vsix;
} catch (err) {
  console.error(`e2e setup failed: ${err.message}`);
  process.exit(1);
}
console.log(`# setup phases:\n${timingReport().replace(/^/gm, '#   ')}`);

const files = ['vscode.test.mjs', 'nvim.test.mjs'].map((f) => path.join(e2eDir, f));
const r = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
  { cwd: repoRoot, stdio: 'inherit', env: process.env },
);
console.log(`# e2e wall time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(r.status ?? 1);
