import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerExportCommands } from './exportCommands';
import { registerAnnotationCommands } from './annotationCommands';
import { registerRepairCommand } from './repairCommand';
import { registerLearningCommands } from './learningCommands';
import { registerAdjudicationCommand } from './adjudicationCommand';
import { StatusBar } from './statusBar';
import { ReviewMode } from './reviewMode';
import { DocumentQueue } from './documentQueue';

// The client only starts the server and turns commands into typed requests (see protocol.ts).

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('Chinese Article Annotator', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'zh-article' },
      { scheme: 'untitled', language: 'zh-article' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    synchronize: { configurationSection: 'articleAnnotator' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('articleAnnotator') },
    outputChannel: output,
  };
  client = new LanguageClient('articleAnnotator', 'Chinese Article Annotator', serverOptions, clientOptions);
  await client.start();

  const status = new StatusBar(client);
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('articleAnnotator.restartServer', async () => {
      await client?.restart();
      void vscode.window.showInformationMessage('Chinese Article Annotator: language server restarted.');
    }),
    vscode.commands.registerCommand('articleAnnotator.showOutput', () => output.show()),
  );
  // package.json restricts the workspace's boilerplate patterns until the workspace is trusted
  // (VS Code then answers with the user's value only); once trusted the server reads them again.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('workspace/didChangeConfiguration', { settings: null })),
  );
  registerExportCommands(context, client);
  registerAnnotationCommands(context, client);
  registerRepairCommand(context, client);
  registerLearningCommands(context, client);
  registerAdjudicationCommand(context, client);
  context.subscriptions.push(new ReviewMode(client), new DocumentQueue(client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
