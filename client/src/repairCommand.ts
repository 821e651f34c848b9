import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RepairPreviewParams, RepairPreviewRequest, RepairPreviewResult } from '../../server/src/protocol';

/** "Repair all artifacts in workspace": shows what will change per file and asks first. */
export function registerRepairCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('articleAnnotator.repairWorkspace', async (args?: { confirm?: boolean }) => {
      const uris = await vscode.workspace.findFiles('**/*.{txt,article}', '**/{node_modules,.git}/**');
      const preview = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Looking for crawl artifacts in ${uris.length} files…` },
        () => client.sendRequest<RepairPreviewResult>(RepairPreviewRequest.method, { uris: uris.map((u) => u.toString()) } satisfies RepairPreviewParams),
      );
      // Files the server refused to repair (a fix-all that would delete the article, unreadable files).
      const refused = preview.errors.map((e) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(e.uri))}: ${e.message}`);
      if (refused.length > 0) void vscode.window.showWarningMessage(`Not repaired: ${refused.slice(0, 5).join('; ')}${refused.length > 5 ? ` … and ${refused.length - 5} more` : ''}`);
      if (preview.files.length === 0) {
        void vscode.window.showInformationMessage(`No repairable crawl artifacts in ${uris.length} files.`);
        return 0;
      }
      const total = (f: RepairPreviewResult['files'][number]) => Object.values(f.counts).reduce((a, b) => a + b, 0);
      const lines = preview.files.map((f) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}: ${total(f)} (${Object.entries(f.counts).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ')})`);
      const sum = preview.files.reduce((n, f) => n + total(f), 0);
      const ok =
        args?.confirm === true ||
        (await vscode.window.showWarningMessage(
          `Repair ${sum} crawl artifacts in ${preview.files.length} files?`,
          { modal: true, detail: lines.slice(0, 30).join('\n') + (lines.length > 30 ? `\n… and ${lines.length - 30} more files` : '') },
          'Repair',
        )) === 'Repair';
      if (!ok) return 0;
      const edit = new vscode.WorkspaceEdit();
      for (const f of preview.files) {
        const uri = vscode.Uri.parse(f.uri);
        for (const e of f.edits) {
          edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
        }
      }
      // Applied as an editor edit: files stay unsaved (and undoable) until the user saves them.
      await vscode.workspace.applyEdit(edit);
      void vscode.window.showInformationMessage(`Repaired ${sum} crawl artifacts in ${preview.files.length} files; save them to keep the changes (File › Save All).`);
      return sum;
    }),
  );
}
