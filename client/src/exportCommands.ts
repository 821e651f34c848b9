import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_FORMATS, ExportFormat, ExportParams, ExportRequest, ExportResult } from '../../server/src/protocol';

/** Arguments tests and keybindings may pass to skip the prompts. */
interface ExportArgs {
  format?: ExportFormat;
  out?: string;
  offsets?: 'codepoint' | 'utf16';
  manualOnly?: boolean;
  repaired?: boolean;
  labels?: string[];
  /** Replace files in `out` an export did not write without asking (false: never, and no prompt). */
  overwrite?: boolean;
}

const FORMAT_PICKS: { label: string; description: string; format: ExportFormat }[] = [
  { label: 'JSONL', description: 'doccano / Prodigy', format: 'jsonl' },
  { label: 'brat standoff', description: '.txt + .ann per article', format: 'brat' },
  { label: 'CoNLL BIO', description: 'one character per line', format: 'conll' },
  { label: 'Label Studio', description: 'tasks JSON with predictions', format: 'labelstudio' },
  { label: 'CSV', description: 'one entity per row', format: 'csv' },
];

export function registerExportCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('articleAnnotator.exportFile', async (args?: ExportArgs) => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) {
        void vscode.window.showErrorMessage('Open an article to export its annotations.');
        return undefined;
      }
      return runExport(client, [doc.uri], args ?? {}, false);
    }),
    vscode.commands.registerCommand('articleAnnotator.exportWorkspace', async (args?: ExportArgs) => {
      const uris = await vscode.workspace.findFiles('**/*.{txt,article}', '**/{node_modules,.git}/**');
      if (uris.length === 0) {
        void vscode.window.showWarningMessage('No .txt or .article files in this workspace.');
        return undefined;
      }
      return runExport(client, uris, args ?? {}, true);
    }),
  );
}

async function runExport(client: LanguageClient, uris: vscode.Uri[], args: ExportArgs, workspace: boolean): Promise<string[] | undefined> {
  const format = args.format ?? (await vscode.window.showQuickPick(FORMAT_PICKS, { title: 'Export annotations as' }))?.format;
  if (!format) return undefined;
  if (!EXPORT_FORMATS.includes(format)) {
    void vscode.window.showErrorMessage(`Unknown export format "${format}". Use one of: ${EXPORT_FORMATS.join(', ')}.`);
    return undefined;
  }
  const outDir = args.out ?? (await pickFolder(uris[0]));
  if (!outDir) return undefined;
  const params: ExportParams = {
    uris: uris.map((u) => u.toString()),
    format,
    outDir,
    offsets: args.offsets,
    manualOnly: args.manualOnly,
    repaired: args.repaired,
    labels: args.labels,
    // The server reports progress (cancellable) for workspace exports.
    progress: workspace,
  };
  try {
    let result = await client.sendRequest<ExportResult>(ExportRequest.method, { ...params, overwrite: args.overwrite === true });
    if (result.conflicts?.length && args.overwrite === undefined && (await confirmOverwrite(result.conflicts))) {
      result = await client.sendRequest<ExportResult>(ExportRequest.method, { ...params, overwrite: true });
    }
    if (result.conflicts?.length) {
      void vscode.window.showWarningMessage(`Nothing exported: ${result.conflicts.length} file(s) in ${outDir} were not written by an export and were left alone. Choose another folder.`);
      return result.written;
    }
    const summary = `Exported ${result.documents} file(s), ${result.spans} spans, as ${format} to ${outDir}${result.cancelled ? ' (cancelled part-way)' : ''}.`;
    if (result.warnings?.length) {
      // Manual decisions the repaired text could not carry: the user must know they are not in the export.
      for (const w of result.warnings) output().appendLine(w);
      void vscode.window.showWarningMessage(`${summary} ${result.warnings.length} warning(s): ${result.warnings.slice(0, 3).join('; ')}${result.warnings.length > 3 ? '; … (all in the Output panel, "Article Export")' : ''}`);
    }
    if (result.errors.length) {
      void vscode.window.showWarningMessage(`${summary} ${result.errors.length} failed: ${result.errors.slice(0, 3).map((e) => `${vscode.Uri.parse(e.uri).fsPath}: ${e.message}`).join('; ')}`);
    } else if (!args.out && !result.warnings?.length) {
      void vscode.window.showInformationMessage(summary);
    }
    return result.written;
  } catch (err) {
    void vscode.window.showErrorMessage(`Export failed: ${(err as Error).message}`);
    return undefined;
  }
}

let channel: vscode.OutputChannel | undefined;
function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('Article Export');
  return channel;
}

async function confirmOverwrite(conflicts: { file: string; reason: string }[]): Promise<boolean> {
  const list = conflicts.slice(0, 5).map((c) => `${path.basename(c.file)} ${c.reason}`).join('\n');
  const more = conflicts.length > 5 ? `\n… and ${conflicts.length - 5} more` : '';
  const choice = await vscode.window.showWarningMessage(
    `The export would overwrite ${conflicts.length} file(s) that no export wrote (perhaps your articles):`,
    { modal: true, detail: `${list}${more}\n\nThey are replaced atomically; a symbolic link is replaced, not written through.` },
    'Overwrite',
  );
  return choice === 'Overwrite';
}

async function pickFolder(near: vscode.Uri): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(near.fsPath)),
    openLabel: 'Export here',
  });
  return picked?.[0]?.fsPath;
}
