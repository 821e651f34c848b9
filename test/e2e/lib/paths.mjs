// Where the e2e harness keeps things. The tool cache lives outside the repo by default so a clean
// clone (or `git clean`) does not throw away a 300 MB code-server install.
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.resolve(e2eDir, '..', '..');
/** The shared inputs sit beside the repo: <repo>/../shared. ZAA_SHARED_DIR overrides. */
export const sharedDir = process.env.ZAA_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
export const seedsDir = path.join(sharedDir, 'seeds');
export const goldDir = path.join(sharedDir, 'gold');
export const cacheDir =
  process.env.ZAA_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'zh-article-annotator-e2e');
export const runnerExtensionDir = path.join(e2eDir, 'runner-extension');

export const SEED_000 = '000_7e16d8b1ec49b37b.txt';
export const SEED_002 = '002_6201b8ef51ea4b4f.txt';
