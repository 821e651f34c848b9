// Starts and stops one code-server instance in its own process group, with throw-away profile,
// config and extension folders.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Folders for one run, all under `root` so cleanup (and the leak check) has one path to look for. */
export function sandbox(root) {
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdgConfig: path.join(root, 'xdg-config'),
    workspace: path.join(root, 'workspace'),
    out: path.join(root, 'out'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  return dirs;
}

function baseEnv(dirs, extra) {
  return { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, ...extra };
}

export function installExtensions(bin, dirs, vsixPaths) {
  const args = [bin, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];
  for (const v of vsixPaths) args.push('--install-extension', v);
  const r = spawnSync(process.execPath, args, { env: baseEnv(dirs), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function writeUserSettings(dirs, settings) {
  const f = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, JSON.stringify(settings, null, 2));
}

async function waitHealthy(url, child, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server not healthy at ${url} after ${timeoutMs} ms`);
}

/**
 * Spawns code-server detached (its own process group) so that stop() can signal the group and take
 * the extension hosts and language servers with it.
 */
export async function startCodeServer(bin, dirs, { logFile, env = {} }) {
  const port = await freePort();
  const args = [
    bin,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    dirs.workspace,
  ];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    env: baseEnv(dirs, env),
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/healthz`, child, 30000);
  return { child, pid: child.pid, port, url, stop: () => stopGroup(child) };
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopGroup(child) {
  const pid = child.pid;
  if (!pid || !groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const end = Date.now() + 5000;
  while (groupAlive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // raced with exit
    }
    while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
}

/** Processes whose command line mentions `marker` (the sandbox path): anything left is a leak. */
export function processesMentioning(marker) {
  const r = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter((l) => l.includes(marker) && !l.includes('ps -eo'))
    .map((l) => l.trim());
}

/** Every process below `pid` right now (by parent links), so a stop can be checked afterwards. */
export function descendants(pid) {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  const kids = new Map();
  for (const line of r.stdout.split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    if (!p) continue;
    if (!kids.has(pp)) kids.set(pp, []);
    kids.get(pp).push(p);
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const k of kids.get(stack.pop()) ?? []) {
      out.push(k);
      stack.push(k);
    }
  }
  return out;
}

/** Of `pids`, those still running (zombies awaiting a reaper do not count: they hold nothing). */
export function stillRunning(pids) {
  if (!pids.length) return [];
  const r = spawnSync('ps', ['-o', 'pid=,stat=,args=', '-p', pids.join(',')], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^\d+\s+Z/.test(l));
}
