import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { onServerNotification } from './serverNotifications';
import { AnnotationsChangedNotification, DocumentStatsParams, DocumentStatsRequest, DocumentStatsResult } from '../../server/src/protocol';

/** Entity and artifact counts of the active article, refreshed as the user edits. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('articleAnnotator.counts', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Chinese Article Annotator';
    this.item.command = 'workbench.action.gotoSymbol';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
      // Decisions change the counts without an edit.
      onServerNotification(client, AnnotationsChangedNotification.method, () => this.schedule()),
    );
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 400);
  }

  private async update(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return this.item.hide();
    try {
      const stats = await this.client.sendRequest<DocumentStatsResult>(DocumentStatsRequest.method, { uri: doc.uri.toString() } satisfies DocumentStatsParams);
      if (!stats.served) return this.item.hide();
      const total = Object.values(stats.counts).reduce((a, b) => a + b, 0);
      const c = stats.counts;
      this.item.text = `$(tag) ${total} entities${stats.artifacts ? ` $(warning) ${stats.artifacts}` : ''}`;
      this.item.tooltip = `People ${c.person ?? 0} · places ${c.location ?? 0} · organizations ${c.organization ?? 0} · dates/times ${(c.date ?? 0) + (c.time ?? 0)} · numbers ${(c.number ?? 0) + (c.quantity ?? 0) + (c.money ?? 0) + (c.percent ?? 0)} · titles ${c.work ?? 0}${stats.artifacts ? `\n${stats.artifacts} crawl artifacts` : ''}\nClick to list entities (Go to Symbol)`;
      this.item.show();
    } catch {
      this.item.hide();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
