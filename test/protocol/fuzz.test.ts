import { before, after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mulberry32 } from '../../server/src/core/prng';
import { badDocument, insertion, int, pick, Rand } from './fuzzInputs';
import { Diagnostic, LspSession } from './lspClient';

// Hostile documents and random incremental edits over LSP, against the bundled server. After the
// edits (and once half way) the incremental server's tokens and diagnostics are compared with a
// second server that sees only the final text. Every range the server returns must lie inside the
// document on code-point boundaries, and no request may take over 2 s.
//   FUZZ_SEED=n replays a run; FUZZ_DOCS / FUZZ_EDITS change its size; FUZZ_ONLY=i runs document i.

const SEED = Number(process.env.FUZZ_SEED ?? 20261126) >>> 0;
const DOCS = Number(process.env.FUZZ_DOCS ?? 60);
const EDITS = Number(process.env.FUZZ_EDITS ?? 10_200);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const SLOW_MS = 2000;
const HANG_MS = 30_000;
const REPLAY = `FUZZ_SEED=${SEED}`;
// The test runner stops a file after 5 minutes. On CI's own two cores the run takes one to two;
// on a machine shared with other jobs it stops starting documents when this budget is spent.
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_S ?? 150) * 1000;

type Check =
  | 'crash'
  | 'slow'
  | 'tokenRange'
  | 'tokenPair'
  | 'tokenOrder'
  | 'diagnosticRange'
  | 'diagnosticPair'
  | 'otherRange'
  | 'otherPair'
  | 'freshTokens'
  | 'freshDiagnostics';

interface Violation {
  doc: number;
  edit: number;
  detail: string;
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The client's copy of a document, with LSP's line model (\r\n, \r and \n all end a line). */
class Text {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }
  /** Length of a line without its terminator. */
  lineLength(line: number): number {
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > start && this.text[end - 1] === '\n') end--;
    if (end > start && this.text[end - 1] === '\r') end--;
    return end - start;
  }
  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  offsetAt(p: { line: number; character: number }): number {
    return this.starts[p.line] + p.character;
  }
  splitsPair(o: number): boolean {
    if (o <= 0 || o >= this.text.length) return false;
    const hi = this.text.charCodeAt(o - 1);
    const lo = this.text.charCodeAt(o);
    return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
  }
  /** A place an editor can put the cursor: not inside a surrogate pair nor between \r and \n. */
  boundary(o: number): number {
    let x = Math.max(0, Math.min(o, this.text.length));
    if (this.splitsPair(x)) x--;
    if (x > 0 && this.text[x - 1] === '\r' && this.text[x] === '\n') x--;
    return x;
  }
}

class Campaign {
  readonly violations = new Map<Check, Violation[]>();
  edits = 0;
  docs = 0;
  /** Set when the wall-clock budget ran out before every document was run. */
  outOfTime = false;
  requests = 0;
  slowest = 0;
  /** Which request cost `slowest`, so a slow run says where to look. */
  slowestAt = '';
  serverCpu = 0;
  readonly docCpu: { doc: number; ms: number; chars: number }[] = [];
  readonly failedDocs = new Set<number>();
  private inc!: LspSession;
  private fresh!: LspSession;
  private readonly repro = new Map<number, { initial: string; languageId: string; changes: unknown[] }>();
  reproDir = '';
  private freshQueue = Promise.resolve();

  add(check: Check, doc: number, edit: number, detail: string): void {
    const list = this.violations.get(check) ?? [];
    list.push({ doc, edit, detail });
    this.violations.set(check, list);
    this.failedDocs.add(doc);
  }

  private readonly started = performance.now();

  get overBudget(): boolean {
    if (performance.now() - this.started > BUDGET_MS) this.outOfTime = true;
    return this.outOfTime;
  }

  async run(): Promise<void> {
    this.inc = await LspSession.start();
    this.fresh = await LspSession.start();
    for (const [name, s] of [['incremental', this.inc], ['fresh', this.fresh]] as const) {
      s.proc.on('exit', (code, signal) => this.add('crash', -1, -1, `${name} server exited (code ${code}, signal ${signal})`));
    }
    await Promise.all([warmUp(this.inc), warmUp(this.fresh)]);
    const perDoc = Math.ceil(EDITS / DOCS);
    try {
      for (let d = 0; d < DOCS && !this.overBudget; d++) {
        if (ONLY !== undefined && d !== ONLY) continue;
        // One stream per document, so FUZZ_ONLY replays a document without the ones before it.
        await this.document(d, mulberry32((SEED + Math.imul(d + 1, 0x9e3779b9)) >>> 0), perDoc);
      }
      await this.freshQueue;
    } finally {
      this.checkLogs();
      this.serverCpu = cpuMs(this.inc) + cpuMs(this.fresh);
      await this.inc.stop();
      await this.fresh.stop();
      this.writeRepro();
    }
  }

  private async request<T>(s: LspSession, doc: number, edit: number, method: string, params: unknown): Promise<T> {
    const t0 = performance.now();
    const cpu0 = cpuMs(s);
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} did not answer within ${HANG_MS} ms`)), HANG_MS);
    });
    try {
      return await Promise.race([s.request<T>(method, params), hang]);
    } catch (err) {
      this.add('crash', doc, edit, `${method}: ${(err as Error).message}`);
      throw err;
    } finally {
      clearTimeout(timer);
      const wall = performance.now() - t0;
      // The process's CPU time counts V8's parallel GC threads too (a hostile document's first
      // tokens: 1,210 ms of CPU in 795 ms of wall time), and wall time counts other jobs on the
      // machine. The request's own work on the server's one thread is at most either, so the
      // smaller bounds it from above without either's noise.
      const used = cpuMs(s) - cpu0;
      const cpu = Math.min(used, wall);
      this.requests++;
      if (cpu > this.slowest) {
        this.slowest = cpu;
        this.slowestAt = `${s === this.inc ? 'incremental' : 'fresh'} ${method}, doc ${doc} edit ${edit}`;
      }
      if (cpu > SLOW_MS) this.add('slow', doc, edit, `${s === this.inc ? 'incremental' : 'fresh'} server: ${method} cost ${used.toFixed(0)} ms of CPU in ${wall.toFixed(0)} ms wall`);
    }
  }

  private diagnosticsAt(s: LspSession, uri: string, version: number): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        s.publishListeners.splice(s.publishListeners.indexOf(listener), 1);
        reject(new Error(`no diagnostics for ${uri} version ${version} within ${HANG_MS} ms`));
      }, HANG_MS);
      const listener = (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
        if (p.uri !== uri || p.version !== version) return;
        clearTimeout(timer);
        s.publishListeners.splice(s.publishListeners.indexOf(listener), 1);
        resolve(p.diagnostics);
      };
      s.publishListeners.push(listener);
    });
  }

  /** The last token result the incremental server sent per document, for asking deltas as VS Code does. */
  private readonly held = new Map<string, { resultId: string; data: number[] }>();

  private async tokens(s: LspSession, uri: string, doc: number, edit: number): Promise<number[]> {
    const held = s === this.inc ? this.held.get(uri) : undefined;
    // Every other request of the incremental server is a delta against what it sent last: the
    // edits applied to that data must give what a fresh server sends whole.
    if (held && edit % 2 === 1) {
      type Delta = { resultId: string; data?: number[]; edits?: { start: number; deleteCount: number; data?: number[] }[] };
      const r = await this.request<Delta>(s, doc, edit, 'textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: held.resultId });
      let data = r.data ?? held.data;
      if (!r.data) {
        data = [...held.data];
        for (const e of [...(r.edits ?? [])].sort((a, b) => b.start - a.start)) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
      }
      this.held.set(uri, { resultId: r.resultId, data });
      return data;
    }
    const r = await this.request<{ resultId?: string; data: number[] }>(s, doc, edit, 'textDocument/semanticTokens/full', { textDocument: { uri } });
    if (s === this.inc && r.resultId) this.held.set(uri, { resultId: r.resultId, data: r.data });
    return r.data;
  }

  private async document(d: number, r: Rand, edits: number): Promise<void> {
    const uri = `untitled:fuzz-${d}.article`;
    // Some documents go through the plain-text path, which first decides whether they are Chinese.
    const languageId = d % 3 === 0 ? 'plaintext' : 'zh-article';
    let text = new Text(badDocument(r, d));
    const log = { initial: text.text, languageId, changes: [] as unknown[] };
    this.repro.set(d, log);
    let version = 1;
    const cpu0 = cpuMs(this.inc);
    this.inc.open(uri, text.text, languageId, version);
    this.docs++;
    this.checkTokens(text, await this.tokens(this.inc, uri, d, 0), d, 0);

    let checkedHalfWay = false;
    for (let e = 0; e < edits; ) {
      const changes: unknown[] = [];
      const n = r() < 0.8 ? 1 : int(r, 2, 4);
      // Out of time: this change is the document's last, so it is still compared.
      if (this.overBudget) edits = e + 1;
      for (let k = 0; k < n && e < edits; k++, e++) {
        const change = randomChange(r, text);
        changes.push(change.lsp);
        text = new Text(change.result);
      }
      version++;
      log.changes.push(changes);
      void this.inc.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      this.edits += changes.length;
      const last = e === edits;
      const halfWay: boolean = !checkedHalfWay && e >= edits / 2 && !last;
      checkedHalfWay ||= halfWay;
      // Tokens after about half the changes: the others are analysed together with the next ones,
      // as when a user types faster than the editor asks.
      if (last || halfWay || r() < 0.5) {
        const diagnostics = last ? this.diagnosticsAt(this.inc, uri, version) : undefined;
        diagnostics?.catch(() => undefined);
        const data = await this.tokens(this.inc, uri, d, e);
        this.checkTokens(text, data, d, e);
        // One comparison at a time, so each request's CPU time is its own.
        const [at, now] = [e, text];
        if (halfWay || last) this.freshQueue = this.freshQueue.then(() => this.compare(d, at, uri, languageId, now, data, diagnostics));
      }
      if (r() < 0.1) await this.otherRequest(r, uri, text, d, e);
    }
    this.docCpu.push({ doc: d, ms: cpuMs(this.inc) - cpu0, chars: text.text.length });
  }

  /** Hover, range tokens, symbols or code actions at a random place, checking the ranges they return. */
  private async otherRequest(r: Rand, uri: string, text: Text, d: number, e: number): Promise<void> {
    const a = text.positionAt(text.boundary(int(r, 0, text.text.length)));
    const b = text.positionAt(text.boundary(int(r, text.offsetAt(a), text.text.length)));
    const kind = int(r, 0, 3);
    if (kind === 0) {
      const h = await this.request<{ range?: Range } | null>(this.inc, d, e, 'textDocument/hover', { textDocument: { uri }, position: a });
      if (h?.range) this.checkRange(text, h.range, d, e, 'other', 'hover');
    } else if (kind === 1) {
      const data = (await this.request<{ data: number[] }>(this.inc, d, e, 'textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: a, end: b } })).data;
      this.checkTokens(text, data, d, e);
    } else if (kind === 2) {
      type Sym = { range: Range; selectionRange: Range; children?: Sym[] };
      const walk = (xs: Sym[]): void =>
        xs.forEach((x) => {
          this.checkRange(text, x.range, d, e, 'other', 'symbol');
          this.checkRange(text, x.selectionRange, d, e, 'other', 'symbol selection');
          walk(x.children ?? []);
        });
      walk(await this.request<Sym[]>(this.inc, d, e, 'textDocument/documentSymbol', { textDocument: { uri } }));
    } else {
      const diags = this.inc.diagnostics.get(uri) ?? [];
      const actions = await this.request<{ edit?: { changes?: Record<string, { range: Range }[]> } }[]>(this.inc, d, e, 'textDocument/codeAction', {
        textDocument: { uri },
        range: { start: a, end: b },
        context: { diagnostics: diags.slice(0, 20) },
      });
      // Diagnostics of an older version may be stale; the actions' edits must still fit today's text.
      for (const act of actions) for (const ed of act.edit?.changes?.[uri] ?? []) this.checkRange(text, ed.range, d, e, 'other', 'code action edit');
    }
  }

  private async compare(d: number, e: number, uri: string, languageId: string, text: Text, incTokens: number[], incDiagnostics?: Promise<Diagnostic[]>): Promise<void> {
    const freshUri = incDiagnostics ? uri : `untitled:fuzz-${d}-at-${e}.article`;
    const published = this.diagnosticsAt(this.fresh, freshUri, 1);
    published.catch(() => undefined);
    this.fresh.open(freshUri, text.text, languageId, 1);
    try {
      const freshTokens = await this.tokens(this.fresh, freshUri, d, e);
      const diff = firstDifference(incTokens, freshTokens, 5);
      if (diff) this.add('freshTokens', d, e, `tokens differ from a fresh server's: ${diff}`);
      const freshDiagnostics = await published;
      if (incDiagnostics) {
        const mine = await incDiagnostics;
        for (const x of mine) this.checkRange(text, x.range, d, e, 'diagnostic', String(x.code));
        const a = JSON.stringify(mine.map(comparable));
        const b = JSON.stringify(freshDiagnostics.map(comparable));
        if (a !== b) this.add('freshDiagnostics', d, e, `${mine.length} diagnostics, a fresh server ${freshDiagnostics.length}: ${stringDiff(a, b)}`);
        void this.inc.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
    } catch (err) {
      this.add('crash', d, e, `comparison: ${(err as Error).message}`);
    } finally {
      void this.fresh.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
    }
  }

  private checkTokens(text: Text, data: number[], d: number, e: number): void {
    if (data.length % 5 !== 0) this.add('tokenRange', d, e, `token data of length ${data.length}`);
    let line = 0;
    let char = 0;
    let lastEnd = -1;
    let lastLine = -1;
    for (let i = 0; i + 4 < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      const length = data[i + 2];
      const where = `token at ${line}:${char} length ${length}`;
      if (line >= text.starts.length || length <= 0 || char + length > text.lineLength(line)) {
        this.add('tokenRange', d, e, `${where} outside the document (${text.starts.length} lines, this one ${text.lineLength(Math.min(line, text.starts.length - 1))} long)`);
        return;
      }
      if (line === lastLine && char < lastEnd) this.add('tokenOrder', d, e, `${where} overlaps the previous one`);
      lastLine = line;
      lastEnd = char + length;
      const start = text.offsetAt({ line, character: char });
      if (text.splitsPair(start) || text.splitsPair(start + length)) {
        this.add('tokenPair', d, e, `${where} splits a surrogate pair: ${JSON.stringify(text.text.slice(Math.max(0, start - 1), start + length + 1))}`);
      }
    }
  }

  private checkRange(text: Text, r: Range, d: number, e: number, group: 'diagnostic' | 'other', what: string): void {
    const inside = (p: Range['start']) => p.line >= 0 && p.line < text.starts.length && p.character >= 0 && p.character <= text.lineLength(p.line);
    const where = `${what} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    if (!inside(r.start) || !inside(r.end) || text.offsetAt(r.start) > text.offsetAt(r.end)) {
      this.add(group === 'diagnostic' ? 'diagnosticRange' : 'otherRange', d, e, `${where} outside the document or reversed`);
      return;
    }
    const s = text.offsetAt(r.start);
    const en = text.offsetAt(r.end);
    if (text.splitsPair(s) || text.splitsPair(en)) {
      this.add(group === 'diagnostic' ? 'diagnosticPair' : 'otherPair', d, e, `${where} splits a surrogate pair: ${JSON.stringify(text.text.slice(Math.max(0, s - 1), en + 1))}`);
    }
  }

  /** A request answered with an error or a crash caught by the server's guard is logged; both count. */
  private checkLogs(): void {
    for (const [name, s] of [['incremental', this.inc], ['fresh', this.fresh]] as const) {
      for (const m of s.logs) if (/ failed: |uncaught|unhandled rejection/.test(m)) this.add('crash', -1, -1, `${name} server logged: ${m.slice(0, 400)}`);
    }
  }

  private writeRepro(): void {
    if (this.failedDocs.size === 0) return;
    this.reproDir = fs.mkdtempSync(path.join(os.tmpdir(), `zh-fuzz-${SEED}-`));
    for (const d of this.failedDocs) {
      const log = this.repro.get(d);
      if (log) fs.writeFileSync(path.join(this.reproDir, `doc-${d}.json`), JSON.stringify(log));
    }
  }
}

/**
 * Loads what the server loads lazily (the analyzer with its model and dictionaries, CC-CEDICT on
 * first hover), so the 2 s bound measures work on hostile input, not start-up; `npm run bench`
 * measures start-up.
 */
async function warmUp(s: LspSession): Promise<void> {
  const uri = 'untitled:warm-up.article';
  // One artifact of each kind too: some detectors load their tables on first use.
  const text = '張國華說，北京市人民政府2023年5月6日發佈了新規定。\n責(zé)任?zhèn)機,，構&nbsp;<br>\u200b\ue000\u0007中?文\ufffd字\n' +
    `${Buffer.from('新闻发布', 'utf8').toString('latin1')} 鍙戝竷 ÖÐÎÄ\n分享到：\n分享到：\n`;
  s.open(uri, text, 'zh-article');
  await s.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  await s.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, context: { diagnostics: [] } });
  void s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

/**
 * CPU time the server process has used so far. A request's cost is measured in CPU time rather than
 * wall time so that a machine shared with other jobs does not make the bound flaky; on CI's own
 * cores the two agree (the server does its work on one thread, and GC threads only add CPU time).
 */
function cpuMs(s: LspSession): number {
  try {
    const fields = fs.readFileSync(`/proc/${s.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** One random edit at code-point boundaries: an insertion, a deletion, a replacement or, rarely, new text. */
function randomChange(r: Rand, t: Text): { lsp: unknown; result: string } {
  const k = r();
  if (k < 0.02) {
    const text = t.text.slice(0, t.boundary(int(r, 0, t.text.length))) + insertion(r);
    return { lsp: { text }, result: text };
  }
  const start = t.boundary(int(r, 0, t.text.length));
  const span = k < 0.5 ? 0 : r() < 0.9 ? int(r, 1, 20) : int(r, 20, 3000);
  const end = Math.max(start, t.boundary(start + span));
  const inserted = k < 0.75 ? insertion(r) : '';
  return {
    lsp: { range: { start: t.positionAt(start), end: t.positionAt(end) }, text: inserted },
    result: t.text.slice(0, start) + inserted + t.text.slice(end),
  };
}

/** A diagnostic without the document version it was computed for (a fresh server is at version 1). */
function comparable(x: Diagnostic & { data?: unknown }): unknown {
  const data = x.data && typeof x.data === 'object' ? { ...(x.data as Record<string, unknown>), version: undefined } : x.data;
  return { ...x, data };
}

function firstDifference(a: number[], b: number[], stride: number): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i += stride) {
    const x = a.slice(i, i + stride).join(',');
    const y = b.slice(i, i + stride).join(',');
    if (x !== y) return `token ${i / stride}: incremental [${x}], fresh [${y}] (${a.length / stride} vs ${b.length / stride} tokens)`;
  }
  return undefined;
}

function stringDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `incremental …${a.slice(Math.max(0, i - 80), i + 160)}… fresh …${b.slice(Math.max(0, i - 80), i + 160)}…`;
}

// Checks whose failures belong to another open item are marked todo, naming it, until it lands
// (none now: item 2's snapping to code points landed).
const TODO: Partial<Record<Check, string>> = {};

describe(`fuzz over LSP: hostile documents and random edits (${REPLAY})`, () => {
  const c = new Campaign();
  before(() => c.run(), { timeout: 15 * 60_000 });
  after(() => {
    const costly = [...c.docCpu].sort((a, b) => b.ms - a.ms).slice(0, 5).map((x) => `doc ${x.doc} (${x.chars} chars) ${x.ms} ms`);
    console.log(`fuzz: costliest documents (incremental server CPU): ${costly.join(', ')}`);
    console.log(`fuzz ${REPLAY}: ${c.edits} edits over ${c.docs} documents, ${c.requests} requests, costliest ${c.slowest.toFixed(0)} ms of server CPU (at most its wall time; ${c.slowestAt}), servers' CPU ${(c.serverCpu / 1000).toFixed(1)} s${c.reproDir ? `; failing documents saved in ${c.reproDir}` : ''}`);
  });

  const expectNone = (check: Check, what: string) =>
    test(what, { todo: TODO[check] }, () => {
      const v = c.violations.get(check) ?? [];
      const shown = v.slice(0, 5).map((x) => `doc ${x.doc} edit ${x.edit}: ${x.detail}`);
      assert.equal(v.length, 0, `${REPLAY}: ${v.length} × ${what} failed${c.reproDir ? ` (replay input in ${c.reproDir})` : ''}\n${shown.join('\n')}`);
    });

  test('the run covers at least 10,000 edits over at least 50 bad documents', (t) => {
    if (ONLY !== undefined || process.env.FUZZ_EDITS || process.env.FUZZ_DOCS) return t.skip('a smaller run was asked for');
    // Out of time on a machine whose load is far above its cores is the machine, not the server.
    const load = os.loadavg()[0];
    if (c.outOfTime && load > 2 * os.cpus().length) return t.skip(`the ${BUDGET_MS / 1000} s budget ran out after ${c.edits} edits with a load average of ${load.toFixed(1)}`);
    assert.ok(c.docs >= 50 && c.edits >= 10_000, `${c.edits} edits over ${c.docs} documents`);
  });
  expectNone('crash', 'the server never crashes, hangs or fails a request');
  expectNone('slow', `no request costs the server over ${SLOW_MS} ms`);
  expectNone('tokenRange', 'semantic tokens lie inside their line');
  expectNone('tokenOrder', 'semantic tokens are sorted and do not overlap');
  expectNone('tokenPair', 'semantic tokens start and end on code-point boundaries');
  expectNone('diagnosticRange', 'diagnostics lie inside the document');
  expectNone('diagnosticPair', 'diagnostics start and end on code-point boundaries');
  expectNone('otherRange', 'hover, symbol and code-action ranges lie inside the document');
  expectNone('otherPair', 'hover, symbol and code-action ranges are on code-point boundaries');
  expectNone('freshTokens', "incremental tokens equal a fresh server's on the same text");
  expectNone('freshDiagnostics', "incremental diagnostics equal a fresh server's on the same text");
});
