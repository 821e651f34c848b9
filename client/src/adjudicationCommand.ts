import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AdjudicationRequest, type AdjudicationParams, type AdjudicationResult } from '../../server/src/protocol';

interface AdjudicateArgs {
  /** The two annotators' sidecar files (tests and keybindings pass them; otherwise asked). */
  a?: string;
  b?: string;
  /** Answers to give in order instead of asking ('a', 'b', 'neither', 'skip'); for tests. */
  answers?: string[];
}

/**
 * "Adjudicate Two Annotators' Files…": agreed spans go into the article's own annotations at
 * once; each disagreement is shown in the editor and decided from a pick list. Escape stops the
 * walk; every answer is already saved, and running the command again resumes.
 */
export function registerAdjudicationCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('articleAnnotator.adjudicate', async (args: AdjudicateArgs = {}) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showWarningMessage('Open the article to adjudicate first.');
        return undefined;
      }
      const files = args.a && args.b ? [args.a, args.b] : await pickSidecars(editor.document.uri);
      if (!files) return undefined;
      const uri = editor.document.uri.toString();
      const ask = (choice?: AdjudicationParams['choice']) => client.sendRequest<AdjudicationResult>(AdjudicationRequest.method, { uri, a: files[0], b: files[1], choice });
      let r = await ask();
      if (!r.ok) {
        void vscode.window.showErrorMessage(r.message);
        return r;
      }
      const answers = args.answers ? [...args.answers] : undefined;
      let skipped = 0;
      let i = 0;
      while (i < r.pending.length) {
        const d = r.pending[i];
        const range = client.protocol2CodeConverter.asRange(d.range);
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        const answer = answers ? answers.shift() : await pick(d, r.decided + skipped + 1, r.disagreements);
        if (answer === undefined) break;
        if (answer === 'skip') {
          skipped++;
          i++;
          continue;
        }
        const next = await ask({ range: d.range, choice: answer as 'a' | 'b' | 'neither' });
        if (!next.ok) {
          void vscode.window.showErrorMessage(next.message);
          return next;
        }
        r = { ...next, pending: next.pending };
        // The decided one is gone from the list; the skipped ones stay before i.
      }
      const left = r.disagreements - r.decided;
      const conflicts = r.conflicts.length ? ` Not taken (overlapping your own spans): ${r.conflicts.slice(0, 5).join(', ')}${r.conflicts.length > 5 ? '…' : ''}.` : '';
      void vscode.window.showInformationMessage(
        `Adjudication: ${r.agreed} agreed, ${r.decided} of ${r.disagreements} disagreement(s) decided${left ? `, ${left} left (run the command again to continue)` : ''}.${conflicts}`,
      );
      return r;
    }),
  );
}

/**
 * The two annotators' files: picked from the .json files beside the article (the article's own
 * sidecar excluded), or through two open dialogs when there are none or the user asks to browse.
 * One file per dialog: remote file dialogs cannot select several files.
 */
async function pickSidecars(article: vscode.Uri): Promise<string[] | undefined> {
  const folder = vscode.Uri.joinPath(article, '..');
  const stem = article.path.slice(article.path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  let names: string[] = [];
  try {
    names = (await vscode.workspace.fs.readDirectory(folder))
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json') && name !== `${stem}.annotations.json` && !name.startsWith('.'))
      .map(([name]) => name)
      // Files named after the article first (news.alice.json, news.bob.annotations.json).
      .sort((x, y) => Number(!x.startsWith(`${stem}.`)) - Number(!y.startsWith(`${stem}.`)) || x.localeCompare(y));
  } catch {
    names = [];
  }
  if (names.length >= 2) {
    const browse = { label: 'Browse…', description: 'pick the two files in dialogs', file: '' };
    const items = [...names.map((name) => ({ label: name, file: vscode.Uri.joinPath(folder, name).fsPath })), browse];
    const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, title: "Tick the two annotators' annotation files for this article", ignoreFocusOut: true });
    if (!chosen) return undefined;
    if (!chosen.includes(browse)) {
      if (chosen.length === 2) return chosen.map((c) => c.file);
      void vscode.window.showWarningMessage(`Tick exactly two annotation files (you ticked ${chosen.length}).`);
      return undefined;
    }
  }
  const files: string[] = [];
  for (const who of ['A', 'B']) {
    const picked = await vscode.window.showOpenDialog({ defaultUri: folder, filters: { 'Annotation files': ['json'] }, openLabel: `Annotator ${who}`, title: `Annotator ${who}'s annotation file for this article` });
    if (!picked?.[0]) return undefined;
    files.push(picked[0].fsPath);
  }
  return files;
}

async function pick(d: AdjudicationResult['pending'][number], n: number, total: number): Promise<string | undefined> {
  const items: (vscode.QuickPickItem & { answer: string })[] = [
    { label: "Annotator A's", description: d.a, answer: 'a' },
    { label: "Annotator B's", description: d.b, answer: 'b' },
    { label: 'Neither', description: 'drop both', answer: 'neither' },
    { label: 'Skip for now', answer: 'skip' },
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: `Disagreement ${n} of ${total} (Escape stops; answers are saved)`, ignoreFocusOut: true });
  return chosen?.answer;
}
