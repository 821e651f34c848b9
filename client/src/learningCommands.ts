import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LearningRequest, type LearningParams, type LearningResult } from '../../server/src/protocol';

/** "Show What It Learned" and "Reset What It Learned": the server keeps the learning. */
export function registerLearningCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const ask = (action: LearningParams['action']) => client.sendRequest<LearningResult>(LearningRequest.method, { action });

  context.subscriptions.push(
    vscode.commands.registerCommand('articleAnnotator.showLearning', async () => {
      const r = await ask('summary');
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: describe(r) });
      await vscode.window.showTextDocument(doc, { preview: true });
      return r;
    }),
    vscode.commands.registerCommand('articleAnnotator.resetLearning', async (args?: { confirm?: boolean }) => {
      if (args?.confirm !== true) {
        const choice = await vscode.window.showWarningMessage(
          'Forget what the model learned from your corrections in this workspace? Your annotations stay; the learning history is moved aside as a .bak file.',
          { modal: true },
          'Reset',
        );
        if (choice !== 'Reset') return undefined;
      }
      const r = await ask('reset');
      void vscode.window.showInformationMessage(`The model is the shipped one again.${r.backup ? ` Old history: ${r.backup}` : ''}`);
      return r;
    }),
  );
}

/** Why some lessons are not applied: the latest corrected sentences said they hurt. */
function gateNote(r: LearningResult): string[] {
  const notes: string[] = [];
  if (r.modelStrength !== undefined && r.modelStrength < 1) {
    notes.push(r.modelStrength === 0 ? "The model's lessons are not applied for now" : `The model's lessons are applied at ${r.modelStrength * 100} % strength`);
  }
  if (r.switchedOff?.length) notes.push(`Switched off for now: ${r.switchedOff.join(', ')}`);
  if (!notes.length) return [];
  return [`${notes.join('; ')} (on your latest corrected sentences, tagging agreed more with you that way; they come back when they help).`, ''];
}

/** The name network learns once it has loaded (in the background, after the first tokens). */
function networkNote(r: LearningResult): string {
  if (r.networkLines === undefined) return '';
  return r.networkLines > 0 ? `; the name network's output layer learned from ${r.networkLines} line(s)` : "; the name network's output layer learns once the network has loaded";
}

function describe(r: LearningResult): string {
  const rows = (xs: LearningResult['rejected']) => (xs.length ? xs.map((x) => `| ${x.text} | ${x.label} | ${x.times} |`).join('\n') : '| (none) | | |');
  return [
    '# What the model learned from your corrections',
    '',
    `${r.sentences} corrected sentence(s); ${r.features} model feature(s) adjusted${networkNote(r)}. History: ${r.file ?? 'this session only (no workspace folder)'}.`,
    '',
    ...gateNote(r),
    '## Rejected everywhere',
    '',
    '| text | label | times |',
    '|---|---|---|',
    rows(r.rejected),
    '',
    '## Confirmed (other mentions are labelled the same way)',
    '',
    '| text | label | times |',
    '|---|---|---|',
    rows(r.confirmed),
    '',
    '## Names joined with the words after them (other names of that label are joined the same way)',
    '',
    '| label | ending | becomes | joined | kept apart |',
    '|---|---|---|---|---|',
    r.extensions?.length ? r.extensions.map((x) => `| ${x.from} | …${x.tail} | ${x.to} | ${x.joined} | ${x.kept} |`).join('\n') : '| (none) | | | | |',
    '',
    '## Habits of the source (span shapes; below 0: not called a name of that label)',
    '',
    '| shape | label | weight |',
    '|---|---|---|',
    r.habits?.length ? r.habits.map((x) => `| ${x.feature} | ${x.label} | ${x.weight} |`).join('\n') : '| (none) | | |',
    '',
  ].join('\n');
}
