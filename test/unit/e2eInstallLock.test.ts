// The end-to-end tools cache (test/e2e/lib/install-tools.mjs) under two test runs at once: one
// installs, the other waits and uses that install; neither deletes the folder the other fills.
// npm is replaced by a script that takes a second and notices when its folder was touched.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../protocol/lspClient';

const FAKE_NPM = `#!/bin/sh
prefix=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--prefix" ]; then prefix="$2"; fi
  shift
done
echo "start $$" >> "$FAKE_NPM_LOG"
mkdir -p "$prefix/node_modules/playwright-core"
echo $$ > "$prefix/node_modules/playwright-core/owner"
sleep 1
[ "$(cat "$prefix/node_modules/playwright-core/owner" 2>/dev/null)" = "$$" ] || echo "clobbered $$" >> "$FAKE_NPM_LOG"
echo "end $$" >> "$FAKE_NPM_LOG"
`;

function run(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const lib = pathToFileURL(path.join(ROOT, 'test', 'e2e', 'lib', 'install-tools.mjs')).toString();
  const child = spawn(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(lib)}); console.log(JSON.stringify(m.ensurePlaywrightCore()));`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

test('two concurrent installs into the e2e cache: one npm install, nothing clobbered, both get the install', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-e2e-cache-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'npm'), FAKE_NPM, { mode: 0o755 });
  const log = path.join(dir, 'npm.log');
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, ZAA_E2E_CACHE: path.join(dir, 'cache'), FAKE_NPM_LOG: log };
  const [a, b] = await Promise.all([run(env), run(env)]);
  assert.equal(a.code, 0, a.out);
  assert.equal(b.code, 0, b.out);
  const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('clobbered')), []);
  assert.equal(lines.filter((l) => l.startsWith('start')).length, 1, lines.join('\n'));
  const results = [a, b].map((r) => JSON.parse(r.out.trim().split('\n').pop()!) as { cached: boolean });
  assert.deepEqual(results.map((r) => r.cached).sort(), [false, true]);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'cache')).filter((n) => n.endsWith('.lock')), [], 'the lock is released');
});
