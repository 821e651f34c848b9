import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GOLD_DIR, SEEDS_DIR } from '../sharedDir';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export const ROOT = findRoot();
export const SEEDS = SEEDS_DIR;
export const GOLD = GOLD_DIR;
export const SERVER = path.join(ROOT, 'dist', 'server.js');

function findRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export function seedPath(prefix: string): string {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix} in ${SEEDS}`);
  return path.join(SEEDS, name);
}

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string;
  source?: string;
  message: string;
  severity?: number;
  tags?: number[];
}

/** A real LSP session with the bundled server over stdio. */
export class LspSession {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Called with every published diagnostics notification, version included. */
  readonly publishListeners: ((p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => void)[] = [];
  readonly logs: string[] = [];
  /** workspace/semanticTokens/refresh requests received so far. */
  refreshes = 0;
  private readonly refreshListeners: (() => void)[] = [];
  private readonly waiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];
  legend: { tokenTypes: string[]; tokenModifiers: string[] } = { tokenTypes: [], tokenModifiers: [] };

  private constructor(readonly proc: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const l of this.publishListeners) l(p);
      for (const w of this.waiters.filter((x) => x.uri === p.uri)) w.resolve(p.diagnostics);
      this.waiters.splice(0, this.waiters.length, ...this.waiters.filter((x) => x.uri !== p.uri));
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('workspace/semanticTokens/refresh', () => {
      this.refreshes++;
      for (const l of this.refreshListeners.splice(0)) l();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  /** rootDir: the workspace folder the server is told about (default: the seeds, read only). */
  static async start(initializationOptions: unknown = {}, rootDir: string = SEEDS, workspaceCapabilities: Record<string, unknown> = {}): Promise<LspSession> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const s = new LspSession(proc);
    const init = (await s.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).toString(),
      capabilities: { workspace: { configuration: true, ...workspaceCapabilities }, textDocument: { semanticTokens: { requests: { full: true, range: true } } } },
      initializationOptions,
    })) as { capabilities: { semanticTokensProvider: { legend: LspSession['legend'] } } };
    s.legend = init.capabilities.semanticTokensProvider.legend;
    await s.connection.sendNotification('initialized', {});
    return s;
  }

  open(uri: string, text: string, languageId = 'plaintext', version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  nextDiagnostics(uri: string, timeoutMs = 20_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  /** Resolves at the server's next workspace/semanticTokens/refresh request. */
  nextRefresh(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no semantic tokens refresh within ${timeoutMs} ms`)), timeoutMs);
      this.refreshListeners.push(() => (clearTimeout(timer), resolve()));
    });
  }

  async tokens(uri: string): Promise<{ line: number; char: number; length: number; type: string; modifiers: string[] }[]> {
    const r = (await this.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] };
    return decodeTokens(r.data, this.legend);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
    this.closePipes();
  }

  /** Ends the child's stdio streams, which outlive the process and would keep the test alive. */
  closePipes(): void {
    this.proc.stdin?.destroy();
    this.proc.stdout?.destroy();
    this.proc.stderr?.destroy();
  }
}

export function decodeTokens(data: number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }) {
  const out: { line: number; char: number; length: number; type: string; modifiers: string[] }[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = legend.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
    out.push({ line, char, length: data[i + 2], type: legend.tokenTypes[data[i + 3]], modifiers: mods });
  }
  return out;
}

/** The text of each token, read from the document. */
export function tokenTexts(text: string, tokens: ReturnType<typeof decodeTokens>): { text: string; type: string }[] {
  const lines = text.split('\n');
  return tokens.map((t) => ({ text: lines[t.line].slice(t.char, t.char + t.length), type: t.type }));
}
