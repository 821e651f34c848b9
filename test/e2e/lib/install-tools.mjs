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

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * Takes cacheDir/<key>.lock (a folder: mkdir is atomic) for one install at a time across
 * concurrent runs (two `npm test` at once would otherwise delete and refill the same folder under
 * each other). A lock whose owner process is gone is taken over. Returns the release function.
 */
export function acquireInstallLock(key, { timeoutMs = 20 * 60_000, pollMs = 250 } = {}) {
  fs.mkdirSync(cacheDir, { recursive: true });
  const lock = path.join(cacheDir, `${key}.lock`);
  const ownerFile = path.join(lock, 'owner');
  const end = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(ownerFile, `${process.pid}\n`);
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    let age = 0;
    try {
      owner = Number(fs.readFileSync(ownerFile, 'utf8').trim());
    } catch {
      // Taken a moment ago and the owner not written yet, or its owner died right after mkdir.
    }
    try {
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    const known = Number.isInteger(owner) && owner > 0;
    if (known ? !processAlive(owner) : age > 30_000) {
      // The owner died mid-install: its half-filled folder has no marker and is redone under our lock.
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > end) throw new Error(`${lock} is held by process ${owner} for more than ${timeoutMs / 1000} s; remove it if no test run is installing`);
    if (!announced) {
      console.log(`# [e2e] waiting for another run (pid ${owner}) to finish installing ${key}`);
      announced = true;
    }
    sleep(pollMs);
  }
}

/**
 * npm-installs `spec` into cacheDir/<key>/ once; a marker file written last makes a half-finished
 * install (interrupted, failed script) count as absent. The install runs under a lock, and the
 * marker is checked again once the lock is held: the run that waited uses the other's install.
 */
function cachedNpmInstall(key, spec, { before } = {}) {
  const prefix = path.join(cacheDir, key);
  const marker = path.join(prefix, '.installed');
  if (fs.existsSync(marker)) return { prefix, cached: true };
  const release = acquireInstallLock(key);
  try {
    if (fs.existsSync(marker)) return { prefix, cached: true };
    return installInto(prefix, marker, key, spec, before);
  } finally {
    release();
  }
}

function installInto(prefix, marker, key, spec, before) {
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
