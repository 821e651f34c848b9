import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { onServerNotification } from './serverNotifications';
import {
  AnnotationsChangedNotification,
  QueueChangedNotification,
  QueueItem,
  QueueMarkParams,
  QueueMarkRequest,
  QueueMarkResult,
  QueueParams,
  QueueRequest,
  QueueResult,
} from '../../server/src/protocol';

const STATUS_TEXT: Record<QueueItem['status'], string> = { new: 'new', inProgress: 'in progress', done: 'done' };
const STATUS_ICON: Record<QueueItem['status'], string> = { new: 'circle-large-outline', inProgress: 'circle-large-filled', done: 'pass-filled' };

/** Arguments tests and keybindings may pass: the article(s) to mark, instead of the selection or the active editor. */
interface MarkArgs {
  uri?: string;
  uris?: string[];
}

/**
 * The "Article Queue" explorer view: the workspace's articles with their status (new, in
 * progress, done), entity and artifact counts and overall progress; the server counts and keeps
 * the done marks (.zh-article/queue.json).
 */
export class DocumentQueue implements vscode.TreeDataProvider<QueueItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<QueueItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<QueueItem>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private last: QueueResult | undefined;
  private loading: Promise<QueueResult | undefined> | undefined;
  private warned = '';
  /** The workspace's candidate files, listed again only when files come or go. */
  private files: Promise<vscode.Uri[]> | undefined;

  constructor(private readonly client: LanguageClient) {
    this.view = vscode.window.createTreeView('articleAnnotator.queue', { treeDataProvider: this, canSelectMany: true });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{txt,article}');
    this.subscriptions.push(
      this.view,
      this.changed,
      watcher,
      watcher.onDidCreate(() => ((this.files = undefined), this.refresh(1000))),
      watcher.onDidDelete(() => ((this.files = undefined), this.refresh(1000))),
      vscode.workspace.onDidSaveTextDocument(() => this.refresh(500)),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh(300)),
      this.view.onDidChangeVisibility((e) => e.visible && this.refresh(0)),
      onServerNotification(client, QueueChangedNotification.method, () => this.refresh(200)),
      onServerNotification(client, AnnotationsChangedNotification.method, () => this.refresh(500)),
      vscode.commands.registerCommand('articleAnnotator.refreshQueue', () => this.load(true)),
      vscode.commands.registerCommand('articleAnnotator.markDone', (item?: QueueItem | MarkArgs, all?: QueueItem[]) => this.mark(true, item, all)),
      vscode.commands.registerCommand('articleAnnotator.markNotDone', (item?: QueueItem | MarkArgs, all?: QueueItem[]) => this.mark(false, item, all)),
      vscode.commands.registerCommand('articleAnnotator.nextDocument', () => this.openNext()),
      vscode.commands.registerCommand('articleAnnotator.queueStatus', () => this.load(false)),
    );
    this.refresh(0);
  }

  /** Asks the server again after `delay` ms (bursts of events cost one request). */
  refresh(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(false), delay);
  }

  private async load(recount: boolean): Promise<QueueResult | undefined> {
    // One request at a time; a refresh asked meanwhile waits for it and asks again.
    while (this.loading) await this.loading.catch(() => undefined);
    this.loading = this.fetch(recount);
    try {
      return await this.loading;
    } finally {
      this.loading = undefined;
    }
  }

  private async fetch(recount: boolean): Promise<QueueResult | undefined> {
    if (recount) this.files = undefined;
    this.files ??= Promise.resolve(vscode.workspace.findFiles('**/*.{txt,article}', '**/{node_modules,.git,.zh-article}/**'));
    const found = await this.files;
    const current = vscode.window.activeTextEditor?.document.uri.toString();
    let r: QueueResult;
    try {
      r = await this.client.sendRequest<QueueResult>(QueueRequest.method, { uris: found.map((u) => u.toString()), current, recount } satisfies QueueParams);
    } catch {
      return undefined;
    }
    this.last = r;
    const counting = r.pending ? ` · counting ${r.pending} file(s)…` : '';
    this.view.description = `${r.done} of ${r.total} done`;
    this.view.message = r.total ? `${r.done} of ${r.total} articles done${counting}` : 'No articles in this workspace.';
    if (r.error && r.error !== this.warned) void vscode.window.showWarningMessage(r.error);
    this.warned = r.error ?? '';
    this.changed.fire(undefined);
    return r;
  }

  getChildren(item?: QueueItem): QueueItem[] {
    return item ? [] : (this.last?.items ?? []);
  }

  getTreeItem(q: QueueItem): vscode.TreeItem {
    const uri = vscode.Uri.parse(q.uri);
    const t = new vscode.TreeItem(vscode.workspace.asRelativePath(uri), vscode.TreeItemCollapsibleState.None);
    t.resourceUri = uri;
    const counts = q.entities === undefined ? 'counting…' : `${q.entities} entities · ${q.artifacts} artifacts`;
    t.description = `${STATUS_TEXT[q.status]} · ${counts}`;
    t.iconPath = new vscode.ThemeIcon(STATUS_ICON[q.status]);
    t.tooltip = `${STATUS_TEXT[q.status]}: ${q.decisions} decision(s), ${counts}${q.error ? `\n${q.error}` : ''}`;
    t.contextValue = q.status === 'done' ? 'article-done' : 'article-open';
    t.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return t;
  }

  private async mark(done: boolean, item?: QueueItem | MarkArgs, all?: QueueItem[]): Promise<QueueMarkResult | undefined> {
    // From the view: the clicked row, or every selected row; from the palette: the active article.
    const uris = all?.length
      ? all.map((i) => i.uri)
      : item && 'uris' in item && item.uris
        ? item.uris
        : item?.uri
          ? [item.uri]
          : vscode.window.activeTextEditor
            ? [vscode.window.activeTextEditor.document.uri.toString()]
            : [];
    if (!uris.length) {
      void vscode.window.showWarningMessage('Open an article, or choose one in the Article Queue view.');
      return undefined;
    }
    const r = await this.client.sendRequest<QueueMarkResult>(QueueMarkRequest.method, { uris, done } satisfies QueueMarkParams);
    if (r.ok) vscode.window.setStatusBarMessage(r.message, 3000);
    else void vscode.window.showWarningMessage(r.message);
    await this.load(false);
    return r;
  }

  /** Opens the first article not done after the active one (wrapping around). */
  private async openNext(): Promise<string | undefined> {
    const r = await this.load(false);
    if (!r) return undefined;
    if (!r.next) {
      void vscode.window.showInformationMessage(r.total ? `All ${r.total} articles are done.` : 'No articles in this workspace.');
      return undefined;
    }
    await vscode.window.showTextDocument(vscode.Uri.parse(r.next), { preview: false });
    return r.next;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
