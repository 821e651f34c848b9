// A second real LSP client: headless neovim 0.7 runs test/e2e/nvim/lsp-check.lua against the
// bundled server (`node dist/server.js --stdio`) on a copy of seed 002 and writes what it saw;
// this file asserts on it. neovim has no semantic tokens, so this covers hover, diagnostics and a
// code action only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { e2eDir, repoRoot, SEED_002, seedsDir } from './lib/paths.mjs';
import { ensureDebianPackages, NVIM_PACKAGES } from './lib/system-deps.mjs';
import { textOf } from './lib/text.mjs';

const serverJs = path.join(repoRoot, 'dist', 'server.js');
let tmp;
let results;
let seedText;
let runMs;

/** Line and UTF-16 column of the first `word` in `text` (LSP's default position encoding). */
function positionOf(text, word) {
  const at = text.indexOf(word);
  assert.ok(at >= 0, `${word} not found`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

before(() => {
  ensureDebianPackages(NVIM_PACKAGES);
  if (!fs.existsSync(serverJs)) {
    // Standalone run without run.mjs: build the bundle the server test needs.
    const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    assert.equal(r.status, 0, 'npm run build failed');
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zaa-nvim-'));
  const file = path.join(tmp, SEED_002);
  fs.copyFileSync(path.join(seedsDir, SEED_002), file);
  seedText = fs.readFileSync(file, 'utf8');
  const hoverAt = positionOf(seedText, '蒲建宇');
  const config = path.join(tmp, 'config.json');
  const resultsFile = path.join(tmp, 'results.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      cmd: [process.execPath, serverJs, '--stdio'],
      root: tmp,
      file,
      filetype: 'zh-article',
      hover: { line: hoverAt.line, character: hoverAt.character + 1 },
      results: resultsFile,
    }),
  );
  const t0 = performance.now();
  const r = spawnSync(
    'nvim',
    ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(e2eDir, 'nvim', 'lsp-check.lua')}`],
    { env: { ...process.env, ZAA_NVIM_CONFIG: config, XDG_STATE_HOME: tmp, XDG_CACHE_HOME: tmp }, encoding: 'utf8', timeout: 400000 },
  );
  runMs = performance.now() - t0;
  console.log(`# [e2e] neovim session: ${(runMs / 1000).toFixed(1)} s`);
  assert.ok(fs.existsSync(resultsFile), `neovim wrote no results (status ${r.status}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
  results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
});

after(() => {
  if (tmp && !process.env.ZAA_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
});

function stepValue(name) {
  const s = results.steps[name];
  assert.ok(s, `step ${name} did not run`);
  if (!s.ok) {
    const log = results.log && fs.existsSync(results.log) ? fs.readFileSync(results.log, 'utf8').slice(-3000) : '(no lsp.log)';
    assert.fail(`step ${name} failed in neovim after ${s.ms} ms: ${s.error}\nlsp.log tail:\n${log}`);
  }
  return s.value;
}

test('neovim starts the bundled server over stdio and sees hover and code action support', () => {
  const v = stepValue('start');
  assert.equal(v.hover, true);
  assert.equal(v.codeAction, true);
});

test('neovim receives zh-article diagnostics for the boilerplate lines of seed 002', () => {
  const v = stepValue('diagnostics');
  assert.ok(v.lsp.length > 0);
  for (const d of v.lsp) assert.equal(d.source, 'zh-article');
  assert.equal(v.vim_count, v.lsp.length, 'vim.diagnostic holds what was published');
  // The browser notice at the top of the page is crawl boilerplate, not article text.
  const flagged = v.lsp.map((d) => textOf(seedText, d.range));
  assert.ok(
    flagged.some((t) => t.includes('网站不支持您所使用的浏览器版本')),
    `no diagnostic on the browser notice; flagged lines: ${JSON.stringify(flagged.slice(0, 5))}`,
  );
});

test('neovim hover on 蒲建宇 shows a person card with pinyin', () => {
  const v = stepValue('hover');
  assert.match(v.markdown, /蒲建宇/);
  assert.match(v.markdown, /pú jiàn yǔ/);
  assert.match(v.markdown, /person/i);
});

test('neovim gets a quick fix for the first diagnostic and applying it changes the flagged text', () => {
  const v = stepValue('codeAction');
  assert.ok(v.titles.length > 0, 'no quick fix offered');
  for (const k of v.kinds) assert.match(k, /^quickfix/);
  assert.equal(v.applied, v.titles[0]);
  assert.ok(
    v.titles.some((t) => /^Fix all .* in this file$/.test(t)),
    `no "Fix all … in this file" action among ${JSON.stringify(v.titles)}`,
  );
  const flagged = textOf(seedText, v.diagnostic.range).trim();
  assert.ok(flagged.length > 0, 'the first diagnostic covers no text');
  assert.notEqual(v.text_after, seedText.replace(/\n$/, ''), 'buffer unchanged after applying the fix');
  const count = (s) => s.split(flagged).length - 1;
  assert.ok(count(v.text_after) < count(seedText), `"${flagged}" not removed by the fix`);
});
