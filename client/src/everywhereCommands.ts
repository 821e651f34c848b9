// Decisions that carry: accept, reject or relabel the entity under the cursor in this file or in
// every article of the workspace. The server previews what would change (per file, each
// occurrence with its line and context, and the counts per label before → after); nothing
// changes until the user confirms the occurrences to change, and only those are applied.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EverywhereApplyParams,
  EverywhereApplyRequest,
  EverywhereApplyResult,
  EverywherePreviewParams,
  EverywherePreviewRequest,
  EverywherePreviewResult,
  type LspRange,
} from '../../server/src/protocol';

/** Arguments tests and keybindings may pass to skip the prompts. */
export interface EverywhereArgs {
  scope?: 'file' | 'workspace';
  /** relabel: the new label. */
  label?: string;
  /** Apply every previewed occurrence without showing the list (tests). */
  confirm?: boolean;
}

type Action = EverywherePreviewParams['action'];
const VERB: Record<Action, string> = { accept: 'Accept', reject: 'Reject', relabel: 'Relabel' };
const DONE: Record<Action, string> = { accept: 'Accepted', reject: 'Rejected', relabel: 'Relabelled' };

interface OccurrenceItem extends vscode.QuickPickItem {
  uri?: string;
  range?: LspRange;
}

export function registerEverywhereCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  pickLabel: (title: string) => Promise<string | undefined>,
  changed: () => void,
): void {
  const run = (action: Action) => async (args?: EverywhereArgs) => {
    const e = vscode.window.activeTextEditor;
    if (!e) {
      void vscode.window.showWarningMessage('Open an article first.');
      return undefined;
    }
    const scope = args?.scope ?? (await pickScope(action));
    if (!scope) return undefined;
    const label = action === 'relabel' ? (args?.label ?? (await pickLabel('Relabel every occurrence as'))) : undefined;
    if (action === 'relabel' && !label) return undefined;
    const uri = e.document.uri.toString();
    const uris = scope === 'file' ? [uri] : await workspaceArticles(uri);
    const params: EverywherePreviewParams = { uri, position: { line: e.selection.active.line, character: e.selection.active.character }, action, label, uris };
    let preview: EverywherePreviewResult;
    try {
      preview = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Looking for occurrences in ${uris.length} article(s)…` },
        () => client.sendRequest<EverywherePreviewResult>(EverywherePreviewRequest.method, params),
      );
    } catch (err) {
      void vscode.window.showErrorMessage(`${VERB[action]} everywhere failed: ${(err as Error).message}`);
      return undefined;
    }
    if (!preview.ok || !preview.decision) {
      void vscode.window.showWarningMessage(preview.message ?? 'Nothing to do.');
      return undefined;
    }
    const what = `${preview.decision.label} "${preview.decision.text}"${preview.decision.newLabel ? ` as ${preview.decision.newLabel}` : ''}`;
    const total = preview.files.reduce((n, f) => n + f.occurrences.length, 0);
    if (!total) {
      void vscode.window.showInformationMessage(`Nothing to change: no occurrence of ${what} left in ${preview.scanned} article(s).${errorsNote(preview.errors)}`);
      return { preview, applied: undefined };
    }
    const chosen = args?.confirm ? allOccurrences(preview) : await pickOccurrences(preview, `${VERB[action]} ${what}`, total);
    if (!chosen || !chosen.length) return { preview, applied: undefined };
    const byFile = new Map<string, LspRange[]>();
    for (const c of chosen) byFile.set(c.uri, [...(byFile.get(c.uri) ?? []), c.range]);
    const apply: EverywhereApplyParams = { decision: preview.decision, files: [...byFile].map(([u, ranges]) => ({ uri: u, ranges })) };
    try {
      const applied = await client.sendRequest<EverywhereApplyResult>(EverywhereApplyRequest.method, apply);
      const n = applied.files.reduce((a, f) => a + f.applied, 0);
      const skipped = applied.files.reduce((a, f) => a + f.skipped.length, 0);
      const files = applied.files.filter((f) => f.applied > 0).length;
      const message = `${DONE[action]} ${n} occurrence(s) of ${what} in ${files} file(s)${skipped ? `; ${skipped} left alone (${applied.files.flatMap((f) => f.skipped)[0].reason})` : ''}.${errorsNote(applied.errors)}`;
      if (applied.errors.length || skipped) void vscode.window.showWarningMessage(message);
      else vscode.window.setStatusBarMessage(message, 6000);
      changed();
      return { preview, applied };
    } catch (err) {
      void vscode.window.showErrorMessage(`${VERB[action]} everywhere failed: ${(err as Error).message}`);
      return undefined;
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('articleAnnotator.acceptEverywhere', run('accept')),
    vscode.commands.registerCommand('articleAnnotator.rejectEverywhere', run('reject')),
    vscode.commands.registerCommand('articleAnnotator.relabelEverywhere', run('relabel')),
  );
}

async function pickScope(action: Action): Promise<'file' | 'workspace' | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'In this file', scope: 'file' as const },
      { label: 'In every article of the workspace', description: 'closed articles too: their annotation files are written', scope: 'workspace' as const },
    ],
    { title: `${VERB[action]} the entity under the cursor everywhere`, placeHolder: 'Where? You see every change before anything changes.' },
  );
  return picked?.scope;
}

/** The articles of the workspace (the same files export and the queue list) and the open ones. */
async function workspaceArticles(current: string): Promise<string[]> {
  const found = await vscode.workspace.findFiles('**/*.{txt,article}', '**/{node_modules,.git}/**');
  const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => d.uri.toString());
  return [...new Set([current, ...open, ...found.map((u) => u.toString())])];
}

function allOccurrences(preview: EverywherePreviewResult): { uri: string; range: LspRange }[] {
  return preview.files.flatMap((f) => f.occurrences.map((o) => ({ uri: f.uri, range: o.range })));
}

/** Counts that change, as "location 5 → 2, organization 0 → 3". */
function countChanges(before: Record<string, number>, after: Record<string, number>): string {
  const labels = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((l) => (before[l] ?? 0) !== (after[l] ?? 0));
  return labels.map((l) => `${l} ${before[l] ?? 0} → ${after[l] ?? 0}`).join(', ');
}

/** Every occurrence, grouped by file and checked; the user unchecks what should stay as it is. */
async function pickOccurrences(preview: EverywherePreviewResult, title: string, total: number): Promise<{ uri: string; range: LspRange }[] | undefined> {
  const items: OccurrenceItem[] = [];
  for (const f of preview.files) {
    const name = path.basename(vscode.Uri.parse(f.uri).fsPath);
    items.push({
      label: `${name}: ${f.occurrences.length} occurrence(s), ${countChanges(f.before, f.after)}${f.open ? '' : ' (closed: its annotation file is written)'}`,
      kind: vscode.QuickPickItemKind.Separator,
    });
    for (const o of f.occurrences) {
      items.push({ label: `${name}:${o.range.start.line + 1}`, description: o.context, detail: o.now === 'automatic' ? undefined : `now ${o.now}`, picked: true, uri: f.uri, range: o.range });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: `${title}: ${total} occurrence(s) in ${preview.files.length} file(s)${errorsNote(preview.errors)}`,
    placeHolder: 'Uncheck the occurrences to leave as they are, then press Enter to apply (Escape changes nothing)',
    canPickMany: true,
    matchOnDescription: true,
  });
  return picked?.filter((i): i is OccurrenceItem & { uri: string; range: LspRange } => !!i.uri && !!i.range);
}

function errorsNote(errors: readonly { uri: string; message: string }[]): string {
  return errors.length ? ` ${errors.length} article(s) could not be read: ${errors[0].message}${errors.length > 1 ? ', …' : ''}` : '';
}
