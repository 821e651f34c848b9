import {
  CodeActionKind,
  createConnection,
  InitializeParams,
  InitializeResult,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { createLanguageService } from './analysisService';
import { annotationHost } from './annotationHost';
import { AnnotationService } from './core/annotations';
import { withChangeListener } from './documentSync';
import { learningFileOf } from './core/annotations/learningFile';
import { createCoreResources } from './core/resources';
import { provideCodeActions, FIX_ALL_KIND } from './features/codeActions';
import { computeDiagnostics } from './features/diagnostics';
import { provideDocumentSymbols } from './features/documentSymbols';
import { registerCustomRequests } from './features/requests';
import { registerRepairRequest } from './features/repair';
import { registerAnnotationFeatures } from './features/annotations';
import { registerAdjudication } from './features/adjudication';
import { registerExport } from './features/export';
import { changedFolders, folderPathsOf } from './features/workspaceFolders';
import { registerQueueFeatures } from './features/queue';
import { registerReviewFeatures } from './features/review';
import { provideHover } from './features/hover';
import { provideSemanticTokens, provideSemanticTokensDelta, provideSemanticTokensRange, SemanticTokenResults, semanticTokensLegend } from './features/semanticTokens';
import { readSettings, ServerSettings } from './settings';

// Wiring only: each feature lives in features/, the annotation logic in core/.

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (m: string) => connection.console.log(m);

// The server's state is made here and handed to every feature; the CLI and tests build the same
// service from their own parts.
// The model paints without LAC's tags; a background pass adds them (scheduleRefine) when the model was trained with them.
// It segments with jieba's data read in TypeScript (DictSegmenter), never loading nodejieba's addon.
const service = createLanguageService({ resources: createCoreResources({ log, lac: 'refine', typescriptSegmenter: true }), log });
service.onRefined = () => connection.languages.semanticTokens.refresh();
// The annotator's decisions for every open document; features get it passed, nothing is module state.
const annotations = new AnnotationService(
  annotationHost(
    documents,
    service,
    {
      // Plain window/showMessage notifications: nothing to answer, nothing to wait for.
      warn: (m) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: m }),
      error: (m) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: m }),
    },
    log,
  ),
);
let pullConfiguration = false;
let folderEvents = false;
/** Workspace folder paths from initialize: relative export folders are resolved against them. */
let workspaceFolders: string[] = [];

/** Runs a handler; a failure is logged and answered with the fallback, never a crash. */
function guard<T>(name: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    connection.console.error(`${name} failed: ${(err as Error).stack ?? err}`);
    return fallback;
  } finally {
    lastHandled = Date.now();
  }
}

/** When the last handler ended: idle work that holds the thread waits until nothing came for a while. */
let lastHandled = 0;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  folderEvents = !!params.capabilities.workspace?.workspaceFolders;
  workspaceFolders = folderPaths(params);
  const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
  if (initial) applySettings(readSettings(initial));
  const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (root?.startsWith('file:')) service.setLearningFile(learningFileOf(fileURLToPath(root)));
  return {
    capabilities: {
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      semanticTokensProvider: { legend: semanticTokensLegend, full: { delta: true }, range: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      documentSymbolProvider: { label: 'Entities' },
    },
    serverInfo: { name: 'zh-article-annotator' },
  };
});

function folderPaths(params: InitializeParams): string[] {
  const out = folderPathsOf(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
  if (!out.length && params.rootPath) out.push(params.rootPath);
  return out;
}

connection.onInitialized(() => {
  if (pullConfiguration) void refreshSettings();
  // Folders added after start are followed: exports resolve against them, and when the folder of
  // the learning history goes (or there was none) the first folder's history is used.
  if (folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      workspaceFolders = changedFolders(workspaceFolders, event);
      const current = service.learningFile;
      const home = current && path.dirname(path.dirname(current));
      if (home && workspaceFolders.includes(home)) return;
      const next = workspaceFolders[0] ? learningFileOf(workspaceFolders[0]) : undefined;
      if (next !== current) {
        service.setLearningFile(next);
        connection.languages.semanticTokens.refresh();
      }
    });
  }
});

let lastPatternWarning = '';

/** Returns whether the settings changed (unchanged ones keep every analysis and need no refresh). */
function applySettings(settings: ServerSettings): boolean {
  if (!service.applySettings(settings)) return false;
  // A refused boilerplate pattern is said once per change of settings, in the log and to the user.
  const rejected = service.rejectedPatterns;
  for (const r of rejected) log(`boilerplate pattern /${r.source}/ is not used: ${r.reason}`);
  const warning = rejected.map((r) => `/${r.source}/: ${r.reason}`).join('; ');
  if (warning && warning !== lastPatternWarning) {
    void connection.window.showWarningMessage(
      `Chinese Article Annotator: ${rejected.length} boilerplate pattern(s) in articleAnnotator.artifacts.boilerplatePatterns are not used — ${warning}.`,
    );
  }
  lastPatternWarning = warning;
  return true;
}

async function refreshSettings(): Promise<void> {
  try {
    const raw = await connection.workspace.getConfiguration('articleAnnotator');
    if (!applySettings(readSettings(raw))) return;
    connection.languages.semanticTokens.refresh();
    for (const doc of documents.all()) scheduleDiagnostics(doc, 0);
  } catch (err) {
    log(`reading settings failed: ${(err as Error).message}`);
  }
}

connection.onDidChangeConfiguration((change) => {
  if (pullConfiguration) void refreshSettings();
  else if (change.settings?.articleAnnotator) {
    if (applySettings(readSettings(change.settings.articleAnnotator))) connection.languages.semanticTokens.refresh();
  }
});

// Diagnostics are computed as a job per document that gives the event loop a turn every few
// milliseconds; an edit (or close) makes the running job stale and it stops there, so a large
// document never holds the server for a version nobody will see.
const DIAGNOSTICS_DELAY_MS = 10;
const SLICE_MS = 15;
const pending = new Map<string, NodeJS.Timeout>();
const generations = new Map<string, number>();

function scheduleDiagnostics(doc: TextDocument, delay = DIAGNOSTICS_DELAY_MS): void {
  clearTimeout(pending.get(doc.uri));
  const generation = (generations.get(doc.uri) ?? 0) + 1;
  generations.set(doc.uri, generation);
  pending.set(
    doc.uri,
    setTimeout(() => {
      pending.delete(doc.uri);
      void publishDiagnostics(doc.uri, generation);
    }, delay),
  );
}

async function publishDiagnostics(uri: string, generation: number): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const stale = () => generations.get(uri) !== generation || documents.get(uri)?.version !== doc.version;
  try {
    const steps = service.artifactSteps(doc);
    let sliceStart = Date.now();
    for (let r = steps.next(); !r.done; r = steps.next()) {
      if (Date.now() - sliceStart < SLICE_MS) continue;
      await new Promise((resolve) => setImmediate(resolve));
      if (stale()) {
        steps.return([]);
        return;
      }
      sliceStart = Date.now();
    }
  } catch (err) {
    connection.console.error(`diagnostics failed: ${(err as Error).stack ?? err}`);
    return;
  }
  if (stale()) return;
  const diagnostics = guard('diagnostics', [], () => computeDiagnostics(service, doc));
  if (service.servedState(doc) === 'tooLarge') log(`${uri}: ${diagnostics[0]?.message ?? 'too large'}`);
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
}

// Idle work: the refine pass of LAC and the name network (issue 13), which never run on the edit
// path. Once no request has come for REFINE_IDLE_MS, the networks score the lines the model tagged
// without them, in slices that give the event loop a turn; an edit stops the pass (its lines stay
// queued) and starts the wait again. When every queued line is scored, the tokens are refreshed
// and those chunks re-tagged.
const REFINE_IDLE_MS = 300;
let refineTimer: NodeJS.Timeout | undefined;
let edits = 0;

function scheduleRefine(): void {
  clearTimeout(refineTimer);
  const at = edits;
  refineTimer = setTimeout(() => void refine(at), REFINE_IDLE_MS);
}

async function refine(at: number): Promise<void> {
  // The timer counts from the last edit or tokens request; a decision or hover handled since then is
  // activity too (the pass's first slice loads the networks, ~0.5 s in one piece).
  const quiet = Date.now() - lastHandled;
  if (quiet < REFINE_IDLE_MS) {
    refineTimer = setTimeout(() => void refine(at), REFINE_IDLE_MS - quiet);
    return;
  }
  for (;;) {
    const sliceStart = Date.now();
    const step = guard('LAC refine pass', 'idle' as const, () => service.refineStep(() => edits !== at || Date.now() - sliceStart >= SLICE_MS));
    if (step !== 'pending') return;
    await new Promise((resolve) => setImmediate(resolve));
    if (edits !== at) return;
  }
}

documents.onDidOpen((e) => scheduleDiagnostics(e.document, 0));
documents.onDidChangeContent((e) => {
  edits++;
  scheduleDiagnostics(e.document);
  scheduleRefine();
});
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  generations.delete(e.document.uri);
  service.forget(e.document.uri);
  tokenResults.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function withDoc<T>(uri: string, fallback: T, name: string, fn: (doc: TextDocument) => T): T {
  const doc = documents.get(uri);
  return doc ? guard(name, fallback, () => fn(doc)) : fallback;
}

const tokenResults = new SemanticTokenResults();
// Serving tokens may have queued lines for LAC (see scheduleRefine).
connection.languages.semanticTokens.on((p) => {
  scheduleRefine();
  return withDoc(p.textDocument.uri, { data: [] }, 'semantic tokens', (d) => provideSemanticTokens(service, d, p, annotations, tokenResults));
});
connection.languages.semanticTokens.onDelta((p) => {
  scheduleRefine();
  return withDoc(p.textDocument.uri, { data: [] }, 'semantic tokens (delta)', (d) => provideSemanticTokensDelta(service, d, p, tokenResults, annotations));
});
connection.languages.semanticTokens.onRange((p) =>
  withDoc(p.textDocument.uri, { data: [] }, 'semantic tokens (range)', (d) => provideSemanticTokensRange(service, d, p, annotations)),
);
connection.onCodeAction((p) => withDoc(p.textDocument.uri, [], 'code actions', (d) => provideCodeActions(service, d, p)));
connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], 'document symbols', (d) => provideDocumentSymbols(service, d, annotations)));
registerCustomRequests(connection, documents, service, annotations, guard);
registerRepairRequest(connection, documents, service);
registerAnnotationFeatures(connection, documents, service, annotations, guard);
registerAdjudication(connection, documents, annotations, guard);
registerExport(connection, documents, service, annotations.stores, () => workspaceFolders);
const review = registerReviewFeatures(connection, documents, service, annotations.stores, guard);
registerQueueFeatures(connection, documents, service, annotations.stores, () => workspaceFolders, guard);
connection.onHover((p) => withDoc(p.textDocument.uri, null, 'hover', (d) => review.decorateHover(d, provideHover(service, d, p, annotations))));

process.on('uncaughtException', (err) => connection.console.error(`uncaught: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => connection.console.error(`unhandled rejection: ${String(err)}`));

// Annotation spans move with each change range as the client sent it, before TextDocuments
// applies the change and reports only the resulting text.
documents.listen(
  withChangeListener(
    connection,
    (p) => annotations.applyChanges(p.textDocument.uri, p.contentChanges),
    (err) => connection.console.error(`annotation shift failed: ${(err as Error).stack ?? err}`),
  ),
);
connection.listen();
