import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { onServerNotification } from './serverNotifications';
import { AnnotationsChangedNotification, EntitiesRequest, EntitiesResult, EntityItem, OrphanItem } from '../../server/src/protocol';

type Node =
  | { kind: 'label'; label: string; items: EntityItem[] }
  | { kind: 'entity'; item: EntityItem }
  | { kind: 'orphans'; items: OrphanItem[]; total: number }
  | { kind: 'orphan'; item: OrphanItem };

/** The "Entities" explorer view: the active article's effective entities grouped by type. */
export class EntitiesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private groups: Node[] = [];
  private uri: vscode.Uri | undefined;

  constructor(private readonly client: LanguageClient) {
    const view = vscode.window.createTreeView('articleAnnotator.entities', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.refresh(600);
      }),
      onServerNotification(client, AnnotationsChangedNotification.method, () => this.refresh()),
      vscode.commands.registerCommand('articleAnnotator.revealEntity', (uri: vscode.Uri, item: EntityItem) => reveal(uri, item)),
    );
    this.refresh();
  }

  /** Asks the server again after `delay` ms (typing bursts cost one request). */
  refresh(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), delay);
  }

  private async load(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    this.uri = doc?.uri;
    // The view's `when` clause: editorLangId is not defined in the Explorer, so the client says
    // whether the active editor holds an article (a served language; the server decides the rest).
    const article = !!doc && (doc.languageId === 'zh-article' || doc.languageId === 'plaintext');
    void vscode.commands.executeCommand('setContext', 'articleAnnotator.articleActive', article);
    let result: EntitiesResult | undefined;
    if (doc) {
      try {
        result = await this.client.sendRequest<EntitiesResult>(EntitiesRequest.method, { uri: doc.uri.toString() });
      } catch {
        result = undefined;
      }
    }
    const byLabel = new Map<string, EntityItem[]>();
    for (const e of result?.entities ?? []) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e]);
    this.groups = [...byLabel.entries()].map(([label, items]) => ({ kind: 'label', label, items }));
    // Decisions whose text is gone stay visible until their text comes back (see AnnotationStore).
    if (result?.orphans?.length) this.groups.push({ kind: 'orphans', items: result.orphans, total: result.orphaned });
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups;
    if (node.kind === 'label') return node.items.map((item) => ({ kind: 'entity', item }));
    if (node.kind === 'orphans') return node.items.map((item) => ({ kind: 'orphan', item }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'label') {
      const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      t.description = String(node.items.length);
      return t;
    }
    if (node.kind === 'orphans') {
      const t = new vscode.TreeItem('orphaned (text gone)', vscode.TreeItemCollapsibleState.Collapsed);
      t.description = String(node.total);
      t.tooltip = 'Annotations whose text was deleted or changed; each comes back when its text returns to its place (undo).';
      return t;
    }
    if (node.kind === 'orphan') {
      const o = node.item;
      const t = new vscode.TreeItem(o.text.replace(/\s+/g, ' '), vscode.TreeItemCollapsibleState.None);
      t.description = `${o.kind === 'manual' ? o.label : `rejected ${o.label}`} · was at line ${o.range.start.line + 1}`;
      t.tooltip = o.reason;
      return t;
    }
    const { item } = node;
    const t = new vscode.TreeItem(item.text.replace(/\s+/g, ' '), vscode.TreeItemCollapsibleState.None);
    t.description = `${item.source === 'manual' ? 'manual · ' : ''}line ${item.range.start.line + 1}`;
    t.tooltip = `${item.label} (${item.source})`;
    if (this.uri) t.command = { command: 'articleAnnotator.revealEntity', title: 'Reveal', arguments: [this.uri, item] };
    return t;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.subscriptions) d.dispose();
  }
}

async function reveal(uri: vscode.Uri, item: EntityItem): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
  const r = item.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
