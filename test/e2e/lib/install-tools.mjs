// Installs code-server and playwright-core into a version-keyed cache folder outside the product's
// node_modules (see docs/real-editor-testing.md in the shared folder for why each setting exists).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir } from './paths.mjs';

// 4.100.3 is the last code-server whose engines accept Node 20 (VS Code 1.100.3).
export const CODE_SERVER_VERSION = '4.100.3';
export const PLAYWRIGHT_CORE_VERSION = '1.65.1';
// @vscode/ripgrep's postinstall downloads from GitHub; we hand it Debian's rg under this name.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function installEnv() {
  return {
    ...process.env,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_dangerously_allow_all_scripts: 'true', // npm 11 skips dependency scripts by default
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

function seedRipgrepTarball() {
  const dir = path.join(process.env.TMPDIR || os.tmpdir(), RIPGREP_CACHE);
  const tarball = path.join(dir, RIPGREP_TARBALL);
  if (fs.existsSync(tarball)) return;
  fs.mkdirSync(dir, { recursive: true });
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'zaa-rg-'));
  try {
    fs.copyFileSync('/usr/bin/rg', path.join(stage, 'rg'));
    fs.chmodSync(path.join(stage, 'rg'), 0o755);
    const r = spawnSync('tar', ['-czf', tarball, '-C', stage, 'rg'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`could not build ${tarball}`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * npm-installs `spec` into cacheDir/<key>/ once; a marker file written last makes a half-finished
 * install (interrupted, failed script) count as absent.
 */
function cachedNpmInstall(key, spec, { before } = {}) {
  const prefix = path.join(cacheDir, key);
  const marker = path.join(prefix, '.installed');
  if (fs.existsSync(marker)) return { prefix, cached: true };
  before?.();
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ private: true }) + '\n');
  const log = path.join(cacheDir, `${key}.install.log`);
  const fd = fs.openSync(log, 'w');
  const r = spawnSync('npm', ['install', '--no-save', '--prefix', prefix, spec], {
    cwd: prefix,
    env: installEnv(),
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  if (r.status !== 0) {
    const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`npm install ${spec} failed (status ${r.status}); log: ${log}\n${tail}`);
  }
  fs.writeFileSync(marker, new Date().toISOString() + '\n');
  return { prefix, cached: false };
}

export function ensureCodeServer() {
  const { prefix, cached } = cachedNpmInstall(
    `code-server-${CODE_SERVER_VERSION}`,
    `code-server@${CODE_SERVER_VERSION}`,
    { before: seedRipgrepTarball },
  );
  const bin = path.join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(bin)) throw new Error(`code-server entry point missing: ${bin}`);
  return { bin, cached };
}

export function ensurePlaywrightCore() {
  const { prefix, cached } = cachedNpmInstall(
    `playwright-core-${PLAYWRIGHT_CORE_VERSION}`,
    `playwright-core@${PLAYWRIGHT_CORE_VERSION}`,
  );
  return { modulePath: path.join(prefix, 'node_modules', 'playwright-core', 'index.mjs'), cached };
}
