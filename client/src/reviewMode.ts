import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { onServerNotification } from './serverNotifications';
import {
  ANNOTATION_LABELS,
  AnnotateParams,
  AnnotateRequest,
  AnnotateResult,
  AnnotationsChangedNotification,
  LspRange,
  ReviewBoundaryParams,
  ReviewBoundaryRequest,
  ReviewBoundaryResult,
  ReviewItemInfo,
  ReviewMove,
  ReviewParams,
  ReviewRequest,
  ReviewResult,
} from '../../server/src/protocol';

/** The context key the single-key bindings of review mode test (package.json keybindings). */
const CONTEXT = 'articleAnnotator.reviewing';

interface Walk {
  uri: string;
  current?: ReviewItemInfo;
  index: number;
  total: number;
  reviewed: number;
}

/**
 * Review mode: walks the active article's entities least confident first (the server's order),
 * selecting each; single keys decide (see package.json) while the context key is set, so typing
 * is untouched outside review. Decisions are the ordinary AnnotateRequest ones.
 */
export class ReviewMode implements vscode.Disposable {
  private readonly walks = new Map<string, Walk>();
  private readonly item = vscode.window.createStatusBarItem('articleAnnotator.review', vscode.StatusBarAlignment.Right, 99);
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Keys pressed faster than the server answers are handled one after another, in order. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Chinese Article Annotator: review';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.show()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.walks.delete(d.uri.toString());
        this.show();
      }),
      // Learning after a decision may re-rank the walk: the counts follow.
      onServerNotification(client, AnnotationsChangedNotification.method, () => void this.queue(() => this.refresh())),
    );
    const cmd = (name: string, fn: (...args: never[]) => Promise<unknown>) =>
      vscode.commands.registerCommand(`articleAnnotator.${name}`, (...args: never[]) => this.queue(() => fn(...args)));
    this.subscriptions.push(
      cmd('startReview', () => this.start()),
      cmd('stopReview', () => this.stop()),
      cmd('reviewNext', () => this.move('next')),
      cmd('reviewPrevious', () => this.move('previous')),
      cmd('reviewNextUnreviewed', () => this.move('nextUnreviewed')),
      cmd('reviewAccept', () => this.accept()),
      cmd('reviewReject', () => this.reject()),
      cmd('reviewRelabel', (args?: { label?: string }) => this.relabel(args?.label)),
      cmd('reviewGrowStart', () => this.boundary('start', true)),
      cmd('reviewShrinkStart', () => this.boundary('start', false)),
      cmd('reviewGrowEnd', () => this.boundary('end', true)),
      cmd('reviewShrinkEnd', () => this.boundary('end', false)),
    );
  }

  private queue<T>(fn: () => Promise<T>): Promise<T | undefined> {
    const run = this.chain.then(fn, fn).catch((err: Error) => {
      void vscode.window.showErrorMessage(`Review: ${err.message}`);
      return undefined;
    });
    this.chain = run;
    return run;
  }

  private editor(): vscode.TextEditor | undefined {
    return vscode.window.activeTextEditor;
  }

  private walkOf(editor: vscode.TextEditor | undefined): Walk | undefined {
    return editor ? this.walks.get(editor.document.uri.toString()) : undefined;
  }

  private async ask(uri: string, action: ReviewParams['action'], move: ReviewMove, at?: LspRange): Promise<ReviewResult> {
    return this.client.sendRequest<ReviewResult>(ReviewRequest.method, { uri, action, move, at } satisfies ReviewParams);
  }

  /** Review status of the active article, for tests and keybindings: where the walk stands. */
  private snapshot(): { index: number; total: number; reviewed: number; current?: ReviewItemInfo } | undefined {
    const w = this.walkOf(this.editor());
    return w ? { index: w.index, total: w.total, reviewed: w.reviewed, current: w.current } : undefined;
  }

  async start(): Promise<unknown> {
    const e = this.editor();
    if (!e) {
      void vscode.window.showWarningMessage('Open an article to review.');
      return undefined;
    }
    const uri = e.document.uri.toString();
    const r = await this.ask(uri, 'start', 'first');
    if (!r.served) {
      void vscode.window.showWarningMessage('This document is not served as an article; nothing to review.');
      await this.ask(uri, 'stop', 'current');
      return undefined;
    }
    this.walks.set(uri, { uri, index: -1, total: 0, reviewed: 0 });
    this.apply(e, r);
    if (!r.items.length) void vscode.window.showInformationMessage('No entities to review in this article.');
    return this.snapshot();
  }

  async stop(): Promise<unknown> {
    const e = this.editor();
    const w = this.walkOf(e);
    if (!e || !w) return undefined;
    this.walks.delete(w.uri);
    await this.ask(w.uri, 'stop', 'current');
    this.show();
    return undefined;
  }

  private async move(move: ReviewMove): Promise<unknown> {
    const e = this.editor();
    const w = this.walkOf(e);
    if (!e || !w) return undefined;
    const r = await this.ask(w.uri, 'order', move, w.current?.range);
    if (move === 'nextUnreviewed' && r.index < 0) {
      void vscode.window.showInformationMessage(`All ${r.counts.total} entities of this article are reviewed.`);
      return this.apply(e, await this.ask(w.uri, 'order', 'current', w.current?.range));
    }
    return this.apply(e, r);
  }

  private async refresh(): Promise<unknown> {
    const e = this.editor();
    const w = this.walkOf(e);
    if (!e || !w) return undefined;
    return this.apply(e, await this.ask(w.uri, 'order', 'current', w.current?.range), false);
  }

  /** Takes the server's answer: the current item is selected and revealed, the status item updated. */
  private apply(e: vscode.TextEditor, r: ReviewResult, reveal = true): unknown {
    const w = this.walks.get(e.document.uri.toString());
    if (!w) return undefined;
    w.total = r.counts.total;
    w.reviewed = r.counts.reviewed;
    w.index = r.index;
    w.current = r.index >= 0 ? r.items[r.index] : undefined;
    if (w.current && reveal) {
      const { start, end } = w.current.range;
      const range = new vscode.Range(start.line, start.character, end.line, end.character);
      e.selection = new vscode.Selection(range.start, range.end);
      e.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    this.show();
    return this.snapshot();
  }

  private show(): void {
    const w = this.walkOf(this.editor());
    void vscode.commands.executeCommand('setContext', CONTEXT, !!w);
    if (!w) return this.item.hide();
    const c = w.current;
    this.item.text = `$(checklist) Review ${w.index + 1}/${w.total} · ${w.reviewed} reviewed`;
    const where = c ? `${c.label} "${c.text}" (${c.state === 'unreviewed' ? 'not reviewed' : c.state}${c.confidence !== undefined ? `, confidence ${Math.round(c.confidence * 100)}%` : `, ${c.source}`})` : 'nothing selected';
    this.item.tooltip = `Reviewing least confident first: ${where}\n${w.reviewed} of ${w.total} reviewed, ${w.total - w.reviewed} to go\nKeys: A accept · X reject · L relabel · N / P next / previous · U next unreviewed · [ / ] grow start / end · Shift+[ / Shift+] shrink start / end · Esc leave`;
    this.item.command = 'articleAnnotator.stopReview';
    this.item.show();
  }

  /** Sends a decision on the current item; on success the walk goes on to the next unreviewed one. */
  private async decide(params: (c: ReviewItemInfo, uri: string) => AnnotateParams[], advance = true): Promise<unknown> {
    const e = this.editor();
    const w = this.walkOf(e);
    if (!e || !w?.current) return undefined;
    let last: AnnotateResult | undefined;
    for (const p of params(w.current, w.uri)) {
      last = await this.client.sendRequest<AnnotateResult>(AnnotateRequest.method, p);
      if (!last.ok) {
        void vscode.window.showWarningMessage(last.message);
        return this.refresh();
      }
    }
    if (last) vscode.window.setStatusBarMessage(last.message, 3000);
    return advance ? this.move('nextUnreviewed') : this.apply(e, await this.ask(w.uri, 'order', 'current', w.current.range));
  }

  private accept(): Promise<unknown> {
    return this.decide((c, uri) => {
      if (c.state === 'accepted' || c.state === 'labelled' || c.state === 'adjusted' || c.state === 'relabelled') return [];
      return [{ uri, action: 'accept', position: c.range.start }];
    });
  }

  private reject(): Promise<unknown> {
    return this.decide((c, uri) => {
      if (c.state === 'rejected') return [];
      // A span you decided on is a manual one: rejecting it removes it, and the automatic span
      // under it (if recognition made one) is rejected too.
      if (c.state === 'unreviewed') return [{ uri, action: 'reject', position: c.range.start }];
      const remove: AnnotateParams = { uri, action: 'remove', position: c.range.start };
      return c.source === 'manual' ? [remove] : [remove, { uri, action: 'reject', position: c.range.start }];
    });
  }

  private async relabel(label?: string): Promise<unknown> {
    const w = this.walkOf(this.editor());
    if (!w?.current) return undefined;
    const chosen = label ?? (await pickLabel(w.current.label));
    if (!chosen) return undefined;
    return this.decide((c, uri) => [{ uri, action: 'relabel', position: c.range.start, label: chosen }]);
  }

  /** One character more or less at one edge; the result is a manual span with the item's label. */
  private async boundary(edge: 'start' | 'end', grow: boolean): Promise<unknown> {
    const e = this.editor();
    const w = this.walkOf(e);
    if (!e || !w?.current) return undefined;
    const c = w.current;
    const r = await this.client.sendRequest<ReviewBoundaryResult>(ReviewBoundaryRequest.method, { uri: w.uri, at: c.range, edge, grow } satisfies ReviewBoundaryParams);
    if (!r.range) {
      void vscode.window.showWarningMessage(r.error ?? 'The boundary cannot move.');
      return undefined;
    }
    const range = r.range;
    // The walk stays on the adjusted span: boundaries often need more than one step.
    w.current = { ...c, range };
    return this.decide(() => [{ uri: w.uri, action: 'label', range, label: c.label }], false);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

async function pickLabel(current: string): Promise<string | undefined> {
  const extra = vscode.workspace.getConfiguration('articleAnnotator').get<string[]>('labels', []);
  const labels = [...new Set([...ANNOTATION_LABELS, ...extra.filter((l) => typeof l === 'string' && l.trim())])];
  const picked = await vscode.window.showQuickPick(
    labels.map((l) => ({ label: l, description: l === current ? 'current' : undefined })),
    { title: 'Relabel as', placeHolder: 'Entity type (type to filter, Enter to choose)' },
  );
  return picked?.label;
}
