// One e2e session: a sandbox with a copy of the seeds, code-server with the product and the runner
// extension installed, and a headless Chromium page on the workbench. stop() is safe to call
// twice and after a failed start.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser, openWorkbench } from './browser.mjs';
import * as cs from './code-server.mjs';
import { ensureCodeServer, ensurePlaywrightCore } from './install-tools.mjs';
import { seedsDir } from './paths.mjs';
import { ensureDebianPackages, CODE_SERVER_PACKAGES } from './system-deps.mjs';
import { phase } from './timing.mjs';
import { PRODUCT_ID, productVsix, runnerVsix } from './vsix.mjs';

// Only what makes runs repeatable and screenshots readable. Nothing here colours tokens: the
// colours under test must come from the product's own semanticTokenScopes.
const USER_SETTINGS = {
  'editor.semanticHighlighting.enabled': true,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'files.autoSave': 'off',
  'editor.wordWrap': 'on',
  'editor.fontSize': 16,
  'editor.minimap.enabled': false,
};

export class Session {
  constructor({ artifactsDir }) {
    this.artifactsDir = artifactsDir;
    this.server = undefined;
    this.browser = undefined;
    this.page = undefined;
    this.spawned = [];
  }

  get resultsFile() {
    return path.join(this.dirs.root, 'runner-results.json');
  }

  /** Installs (cached), builds, and starts everything up to a painted workbench. */
  async start(runnerPlan) {
    await phase('system packages', () => ensureDebianPackages(CODE_SERVER_PACKAGES));
    const { bin } = await phase('code-server install (cached by version)', ensureCodeServer);
    const pw = await phase('playwright-core install (cached by version)', ensurePlaywrightCore);
    this.vsix = await phase('product .vsix', productVsix);

    this.dirs = cs.sandbox(fs.mkdtempSync(path.join(os.tmpdir(), 'zaa-e2e-')));
    for (const f of fs.readdirSync(seedsDir)) {
      if (f.endsWith('.txt')) fs.copyFileSync(path.join(seedsDir, f), path.join(this.dirs.workspace, f));
    }
    await phase('install extensions into code-server', () =>
      cs.installExtensions(bin, this.dirs, [this.vsix, runnerVsix(this.dirs.root)]),
    );
    cs.writeUserSettings(this.dirs, USER_SETTINGS);
    const configFile = path.join(this.dirs.root, 'runner-config.json');
    fs.writeFileSync(configFile, JSON.stringify({ productId: PRODUCT_ID, results: this.resultsFile, ...runnerPlan(this.dirs) }, null, 1));

    this.logFile = path.join(this.artifactsDir, 'code-server.log');
    this.server = await phase('start code-server', () =>
      cs.startCodeServer(bin, this.dirs, { logFile: this.logFile, env: { ZAA_E2E_CONFIG: configFile } }),
    );
    // Last resort if the test process is interrupted or exits without reaching stop(): the
    // detached group would otherwise outlive us.
    const pid = this.server.pid;
    this.emergencyStop = () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      if (!process.env.ZAA_E2E_KEEP) fs.rmSync(this.dirs.root, { recursive: true, force: true });
    };
    process.once('exit', this.emergencyStop);
    for (const sig of ['SIGINT', 'SIGTERM']) {
      process.once(sig, () => {
        this.emergencyStop();
        process.exit(130);
      });
    }
    this.browser = await phase('launch chromium', () => launchBrowser(pw.modulePath));
    const { page } = await phase('open workbench', () => openWorkbench(this.browser, this.server.url, this.dirs.workspace));
    this.page = page;
  }

  /** Waits for the runner extension's JSON (it runs as soon as the page's extension host starts). */
  async runnerResults(timeoutMs = 240000) {
    const end = Date.now() + timeoutMs;
    while (!fs.existsSync(this.resultsFile)) {
      if (Date.now() > end) {
        const trace = fs.existsSync(`${this.resultsFile}.log`) ? fs.readFileSync(`${this.resultsFile}.log`, 'utf8') : '(no trace)';
        throw new Error(`runner extension wrote no results in ${timeoutMs} ms; its trace:\n${trace}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    fs.copyFileSync(this.resultsFile, path.join(this.artifactsDir, 'runner-results.json'));
    return JSON.parse(fs.readFileSync(this.resultsFile, 'utf8'));
  }

  workspaceFile(name) {
    return path.join(this.dirs.workspace, name);
  }

  /**
   * Closes the browser and kills code-server's process group; returns the processes of the
   * session that are still running afterwards (should be none).
   */
  async stop() {
    const tree = this.server ? cs.descendants(this.server.pid).concat(this.server.pid) : [];
    await this.browser?.close().catch(() => {});
    this.browser = undefined;
    if (this.server) await this.server.stop();
    if (this.emergencyStop) process.removeListener('exit', this.emergencyStop);
    const left = cs.stillRunning(tree);
    if (this.dirs) {
      left.push(...cs.processesMentioning(this.dirs.root).filter((l) => !left.includes(l)));
      this.copyLogs();
      if (!process.env.ZAA_E2E_KEEP) fs.rmSync(this.dirs.root, { recursive: true, force: true });
    }
    this.server = undefined;
    return left;
  }

  /** Keeps the extension host and language server logs beside the screenshots. */
  copyLogs() {
    const logs = path.join(this.dirs.userData, 'logs');
    if (!fs.existsSync(logs)) return;
    fs.cpSync(logs, path.join(this.artifactsDir, 'vscode-logs'), { recursive: true });
  }
}
