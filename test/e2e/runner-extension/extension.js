// Test-only extension: runs inside code-server next to the product, drives it through the public
// VS Code API and writes what it observed as JSON. It records facts, not verdicts: the node test
// that started code-server owns every assertion, so a product change shows up as a readable diff.
//
// The plan comes from a JSON file named by ZAA_E2E_CONFIG (falls back to .e2e-config.json in the
// workspace root, in case the extension host does not inherit the environment):
//   { productId, results, seeds: { damaged, simplified }, hovers: [{ file, word }],
//     exports: [{ command, file, args }] }
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

// How long to wait for the product to answer; shortened when it is not even installed.
let patienceMs = 60000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function poll(fn, { timeoutMs, intervalMs = 250 }) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last.done || Date.now() > end) return last;
    await sleep(intervalMs);
  }
}

function readConfig() {
  const candidates = [process.env.ZAA_E2E_CONFIG];
  for (const f of vscode.workspace.workspaceFolders ?? []) candidates.push(path.join(f.uri.fsPath, '.e2e-config.json'));
  for (const c of candidates) {
    if (c && fs.existsSync(c)) return { ...JSON.parse(fs.readFileSync(c, 'utf8')), configPath: c };
  }
  return undefined;
}

function fileUri(name) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function rangeJson(r) {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

function hoverText(hovers) {
  const parts = [];
  for (const h of hovers ?? []) {
    for (const c of h.contents ?? []) parts.push(typeof c === 'string' ? c : c.value ?? String(c));
  }
  return parts.join('\n\n');
}

/** Decodes the relative (line, char, length, type, modifiers) quintuples of SemanticTokens. */
function decodeTokens(doc, tokens, legend) {
  const out = [];
  if (!tokens || !legend) return out;
  const data = tokens.data;
  let line = 0;
  let ch = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
    const length = data[i + 2];
    const type = legend.tokenTypes[data[i + 3]] ?? `#${data[i + 3]}`;
    const modifiers = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    const range = new vscode.Range(line, ch, line, ch + length);
    out.push({ line, character: ch, length, text: doc.getText(range), type, modifiers });
  }
  return out;
}

async function semanticTokens(doc) {
  const legend = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc.uri);
  // The server may answer with nothing until its dictionaries are loaded; poll until tokens come.
  const r = await poll(
    async () => {
      const t = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', doc.uri);
      return { done: !!t && t.data.length > 0, t };
    },
    { timeoutMs: patienceMs, intervalMs: 500 },
  );
  return { legend: legend ? { tokenTypes: legend.tokenTypes, tokenModifiers: legend.tokenModifiers } : null, tokens: decodeTokens(doc, r.t, legend) };
}

async function diagnostics(uri) {
  const r = await poll(
    async () => {
      const d = vscode.languages.getDiagnostics(uri);
      return { done: d.length > 0, d };
    },
    { timeoutMs: patienceMs / 2 },
  );
  return r.d.map((d) => ({
    range: rangeJson(d.range),
    message: d.message,
    source: d.source,
    code: typeof d.code === 'object' ? d.code?.value : d.code,
    severity: d.severity,
  }));
}

function actionJson(a) {
  return {
    title: a.title,
    kind: a.kind?.value,
    isPreferred: !!a.isPreferred,
    hasEdit: !!a.edit,
    edits: a.edit
      ? a.edit.entries().flatMap(([uri, edits]) => edits.map((e) => ({ file: path.basename(uri.fsPath), range: rangeJson(e.range), newText: e.newText })))
      : [],
    command: a.command?.command,
    diagnostics: (a.diagnostics ?? []).map((d) => d.message),
  };
}

async function applyAction(action) {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) throw new Error(`applyEdit refused for "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

async function revert(doc) {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  return doc.isDirty;
}

let traceFile;
/** A progress line per step in <results>.log, so a hang can be located from outside. */
function trace(msg) {
  if (traceFile) fs.appendFileSync(traceFile, `${new Date().toISOString()} ${msg}\n`);
}

/** Runs one named step; a failure is recorded and the remaining steps still run. */
async function step(results, name, fn) {
  const t0 = Date.now();
  trace(`begin ${name}`);
  try {
    results[name] = { ok: true, value: await fn(), ms: Date.now() - t0 };
  } catch (e) {
    results[name] = { ok: false, error: String(e && e.stack ? e.stack : e), ms: Date.now() - t0 };
  }
  trace(`end ${name} ok=${results[name].ok} ${results[name].ms} ms`);
}

async function run(cfg) {
  const results = { startedAt: new Date().toISOString(), configPath: cfg.configPath, envSeen: !!process.env.ZAA_E2E_CONFIG };
  const product = vscode.extensions.getExtension(cfg.productId);
  results.productInstalled = !!product;
  if (!product) patienceMs = 2000;

  const damagedUri = fileUri(cfg.seeds.damaged);
  const simplifiedUri = fileUri(cfg.seeds.simplified);
  let damaged;
  let simplified;

  await step(results, 'activation', async () => {
    damaged = await vscode.workspace.openTextDocument(damagedUri);
    await vscode.window.showTextDocument(damaged);
    const t0 = Date.now();
    const r = await poll(async () => ({ done: !!product && product.isActive }), { timeoutMs: patienceMs / 2 });
    return { languageId: damaged.languageId, isActive: r.done, waitedMs: Date.now() - t0 };
  });

  await step(results, 'tokensDamaged', () => semanticTokens(damaged));
  await step(results, 'diagnosticsDamaged', () => diagnostics(damagedUri));

  await step(results, 'quickFixesDamaged', async () => {
    const diags = vscode.languages.getDiagnostics(damagedUri).filter((d) => d.source === 'zh-article');
    if (!diags.length) throw new Error('no zh-article diagnostics to ask quick fixes for');
    const out = [];
    for (const d of diags.slice(0, 3)) {
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', damagedUri, d.range, 'quickfix');
      out.push({ diagnostic: d.message, range: rangeJson(d.range), actions: (actions ?? []).map(actionJson) });
    }
    return out;
  });

  await step(results, 'fixAllDamaged', async () => {
    const whole = new vscode.Range(0, 0, damaged.lineCount, 0);
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', damagedUri, whole, 'source.fixAll.zhArticle')) ?? [];
    const fixAll = actions.find((a) => a.kind && a.kind.value === 'source.fixAll.zhArticle');
    const value = { actions: actions.map(actionJson), applied: null, text: null, dirtyAfterRevert: null };
    if (fixAll) {
      await applyAction(fixAll);
      value.applied = fixAll.title;
      value.text = damaged.getText();
      value.dirtyAfterRevert = await revert(damaged);
    }
    return value;
  });

  await step(results, 'tokensSimplified', async () => {
    simplified = await vscode.workspace.openTextDocument(simplifiedUri);
    await vscode.window.showTextDocument(simplified);
    return semanticTokens(simplified);
  });
  await step(results, 'diagnosticsSimplified', () => diagnostics(simplifiedUri));

  for (const [i, h] of (cfg.hovers ?? []).entries()) {
    await step(results, `hover${i}`, async () => {
      const doc = await vscode.workspace.openTextDocument(fileUri(h.file));
      const text = doc.getText();
      const at = text.indexOf(h.word);
      if (at < 0) throw new Error(`${h.word} not in ${h.file}`);
      const pos = doc.positionAt(at + 1);
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos);
      return { word: h.word, position: { line: pos.line, character: pos.character }, count: (hovers ?? []).length, text: hoverText(hovers) };
    });
  }

  for (const [i, ex] of (cfg.exports ?? []).entries()) {
    await step(results, `export${i}`, async () => {
      if (ex.file) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(ex.file)));
      const returned = await vscode.commands.executeCommand(ex.command, ex.args);
      // The export commands write into the folder `out` and return the paths they wrote.
      const out = ex.args && ex.args.out;
      // The export's manifest of the files it wrote is not one of the format's files.
      const listing = out && fs.existsSync(out) ? fs.readdirSync(out).filter((n) => n !== '.zh-article-export.json').sort() : null;
      const files = {};
      for (const name of listing ?? []) {
        const p = path.join(out, name);
        if (fs.statSync(p).isFile()) files[name] = fs.readFileSync(p, 'utf8');
      }
      return { command: ex.command, args: ex.args, returned: returned === undefined ? null : JSON.parse(JSON.stringify(returned)), listing, files };
    });
  }

  // Leave a clean window for the DOM-driven part of the test.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  results.finishedAt = new Date().toISOString();
  return results;
}

exports.activate = function activate() {
  const cfg = readConfig();
  if (!cfg) return; // installed somewhere without a plan: stay inert
  traceFile = `${cfg.results}.log`;
  // Not awaited: activation must return promptly or it would hold up the workbench.
  run(cfg)
    .catch((e) => ({ fatal: String(e && e.stack ? e.stack : e) }))
    .then((results) => {
      const tmp = `${cfg.results}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(results, null, 1));
      fs.renameSync(tmp, cfg.results); // the outer test polls for this file: make it appear whole
    });
};

exports.deactivate = function deactivate() {};
