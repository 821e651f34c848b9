import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ANNOTATION_LABELS,
  AnnotateParams,
  AnnotateRequest,
  AnnotateResult,
  ImportAnnotationsParams,
  ImportAnnotationsRequest,
  ImportAnnotationsResult,
} from '../../server/src/protocol';
import { EntitiesView } from './entitiesView';
import { registerEverywhereCommands } from './everywhereCommands';

/** Arguments tests and keybindings may pass to skip the prompts. */
interface LabelArgs {
  label?: string;
}
interface ImportArgs {
  file?: string;
}

/** Manual annotation commands, the Entities view and import; the server does the work. */
export function registerAnnotationCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const view = new EntitiesView(client);
  context.subscriptions.push(view);

  const send = async (params: AnnotateParams): Promise<AnnotateResult | undefined> => {
    try {
      const r = await client.sendRequest<AnnotateResult>(AnnotateRequest.method, params);
      if (r.ok) vscode.window.setStatusBarMessage(r.message, 4000);
      else void vscode.window.showWarningMessage(r.message);
      view.refresh(0);
      return r;
    } catch (err) {
      void vscode.window.showErrorMessage(`Annotation failed: ${(err as Error).message}`);
      return undefined;
    }
  };
  const editorOrWarn = (): vscode.TextEditor | undefined => {
    const e = vscode.window.activeTextEditor;
    if (!e) void vscode.window.showWarningMessage('Open an article first.');
    return e;
  };
  const rangeOf = (s: vscode.Selection) => ({ start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } });
  const positionOf = (e: vscode.TextEditor) => ({ line: e.selection.active.line, character: e.selection.active.character });

  const labelCommand = (action: 'label' | 'labelAll') => async (args?: LabelArgs) => {
    const e = editorOrWarn();
    if (!e) return undefined;
    if (e.selection.isEmpty) {
      void vscode.window.showWarningMessage('Select the text to label first.');
      return undefined;
    }
    const label = args?.label ?? (await pickLabel(action === 'label' ? 'Label the selection as' : 'Label every occurrence as'));
    if (!label) return undefined;
    return send({ uri: e.document.uri.toString(), action, range: rangeOf(e.selection), label });
  };
  const cursorCommand = (action: 'remove' | 'reject' | 'accept') => async () => {
    const e = editorOrWarn();
    return e ? send({ uri: e.document.uri.toString(), action, position: positionOf(e) }) : undefined;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('articleAnnotator.labelSelection', labelCommand('label')),
    vscode.commands.registerCommand('articleAnnotator.labelAllOccurrences', labelCommand('labelAll')),
    vscode.commands.registerCommand('articleAnnotator.removeAnnotation', cursorCommand('remove')),
    vscode.commands.registerCommand('articleAnnotator.rejectEntity', cursorCommand('reject')),
    vscode.commands.registerCommand('articleAnnotator.acceptEntity', cursorCommand('accept')),
    vscode.commands.registerCommand('articleAnnotator.relabelAnnotation', async (args?: LabelArgs) => {
      const e = editorOrWarn();
      if (!e) return undefined;
      const label = args?.label ?? (await pickLabel('Relabel the annotation under the cursor as'));
      return label ? send({ uri: e.document.uri.toString(), action: 'relabel', position: positionOf(e), label }) : undefined;
    }),
    vscode.commands.registerCommand('articleAnnotator.refreshEntities', () => view.refresh(0)),
    vscode.commands.registerCommand('articleAnnotator.importAnnotations', (args?: ImportArgs) => importAnnotations(client, args ?? {}, view)),
  );
  registerEverywhereCommands(context, client, pickLabel, () => view.refresh(0));
}

async function pickLabel(title: string): Promise<string | undefined> {
  const extra = vscode.workspace.getConfiguration('articleAnnotator').get<string[]>('labels', []);
  const labels = [...new Set([...ANNOTATION_LABELS, ...extra.filter((l) => typeof l === 'string' && l.trim())])];
  return vscode.window.showQuickPick(labels, { title, placeHolder: 'Entity type' });
}

async function importAnnotations(client: LanguageClient, args: ImportArgs, view: EntitiesView): Promise<ImportAnnotationsResult | undefined> {
  let file = args.file;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { 'Annotations (JSONL, brat)': ['jsonl', 'json', 'ann'] },
      openLabel: 'Import annotations',
    });
    file = picked?.[0]?.fsPath;
  }
  if (!file) return undefined;
  const found = await vscode.workspace.findFiles('**/*.{txt,article}', '**/{node_modules,.git}/**');
  const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' || d.uri.scheme === 'untitled').map((d) => d.uri.toString());
  const params: ImportAnnotationsParams = { file, candidates: [...new Set([...open, ...found.map((u) => u.toString())])] };
  try {
    const r = await client.sendRequest<ImportAnnotationsResult>(ImportAnnotationsRequest.method, params);
    const sum = (k: 'kept' | 'merged' | 'refused') => r.imported.reduce((n, i) => n + (i[k] ?? 0), 0);
    const summary =
      `Imported from ${path.basename(file)} into ${r.imported.length} article(s): ${sum('kept')} span(s) added` +
      `, ${sum('merged')} already there (merged), ${sum('refused')} refused` +
      (sum('refused') ? ' (your manual spans were kept; see the reasons below or in the output log).' : '.');
    const problems = [...(r.unmatched.length ? [`no article found for ${r.unmatched.slice(0, 3).join(', ')}`] : []), ...r.warnings.slice(0, 3)];
    if (problems.length) void vscode.window.showWarningMessage(`${summary} ${problems.join('; ')}`);
    else if (!args.file) void vscode.window.showInformationMessage(summary);
    view.refresh(0);
    return r;
  } catch (err) {
    void vscode.window.showErrorMessage(`Import failed: ${(err as Error).message}`);
    return undefined;
  }
}
