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
    const result = await client.sendRequest<ExportResult>(ExportRequest.method, params);
    const summary = `Exported ${result.documents} file(s), ${result.spans} spans, as ${format} to ${outDir}${result.cancelled ? ' (cancelled part-way)' : ''}.`;
    if (result.errors.length) {
      void vscode.window.showWarningMessage(`${summary} ${result.errors.length} failed: ${result.errors.slice(0, 3).map((e) => `${vscode.Uri.parse(e.uri).fsPath}: ${e.message}`).join('; ')}`);
    } else if (!args.out) {
      void vscode.window.showInformationMessage(summary);
    }
    return result.written;
  } catch (err) {
    void vscode.window.showErrorMessage(`Export failed: ${(err as Error).message}`);
    return undefined;
  }
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
