// Debian packages the e2e tests need. On CI (CI=true) they are installed with apt-get; on a
// developer machine we refuse to touch the system and print the exact command instead.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** package name → how to tell it is present */
const PROBES = {
  chromium: () => fs.existsSync('/usr/bin/chromium'),
  // kerberos (a code-server dependency) builds from source against these headers.
  'libkrb5-dev': () => fs.existsSync('/usr/bin/krb5-config') || fs.existsSync('/usr/include/gssapi/gssapi.h'),
  ripgrep: () => fs.existsSync('/usr/bin/rg'),
  neovim: () => fs.existsSync('/usr/bin/nvim'),
  // Without a CJK font the screenshots show boxes instead of the article.
  'fonts-wqy-zenhei': () => fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'),
};

export const CODE_SERVER_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep', 'fonts-wqy-zenhei'];
export const NVIM_PACKAGES = ['neovim'];

export function missingPackages(names) {
  return names.filter((n) => !PROBES[n]());
}

let aptUpdated = false;

/** Ensures the Debian packages exist; throws with the install line to run if they cannot be added. */
export function ensureDebianPackages(names) {
  const missing = missingPackages(names);
  if (missing.length === 0) return;
  const line = `apt-get install -y ${names.join(' ')}`;
  if (process.env.CI !== 'true') {
    throw new Error(
      `Missing Debian packages: ${missing.join(', ')}. Install them with:\n  apt-get update && ${line}\n` +
        '(on CI, with CI=true, the e2e tests run apt-get themselves)',
    );
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) => {
    const cmd = [...sudo, ...args];
    const r = spawnSync(cmd[0], cmd.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed with status ${r.status}`);
  };
  if (!aptUpdated) {
    run(['apt-get', 'update']);
    aptUpdated = true;
  }
  run(['apt-get', 'install', '-y', ...names]);
  const still = missingPackages(names);
  if (still.length) throw new Error(`apt-get ran but still missing: ${still.join(', ')}`);
}
