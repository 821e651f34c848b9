// Produces the two .vsix files the e2e run installs: the product (via `npm run package`) and the
// test-only runner extension (packaged straight from its folder; it has no dependencies).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runnerExtensionDir } from './paths.mjs';

export const PRODUCT_ID = 'zh-article-annotator.zh-article-annotator';
export const PRODUCT_VSIX = path.join(repoRoot, 'zh-article-annotator.vsix');

/**
 * ZAA_E2E_VSIX=path uses that package; E2E_SKIP_PACKAGE=1 (set by `npm test`, which has just
 * packaged) uses the repo's zh-article-annotator.vsix as it is; otherwise `npm run package` builds
 * dist/ and the .vsix so the test always sees the current source.
 */
export function productVsix() {
  const given = process.env.ZAA_E2E_VSIX;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`ZAA_E2E_VSIX=${given} does not exist`);
    return path.resolve(given);
  }
  if (process.env.E2E_SKIP_PACKAGE === '1') {
    if (!fs.existsSync(PRODUCT_VSIX)) throw new Error(`E2E_SKIP_PACKAGE=1 but ${PRODUCT_VSIX} does not exist; run npm run package`);
    return PRODUCT_VSIX;
  }
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  if (!fs.existsSync(PRODUCT_VSIX)) throw new Error(`npm run package did not write ${PRODUCT_VSIX}`);
  return PRODUCT_VSIX;
}

export function runnerVsix(outDir) {
  const out = path.join(outDir, 'zaa-e2e-runner.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out],
    { cwd: runnerExtensionDir, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`vsce package (runner) failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return out;
}
