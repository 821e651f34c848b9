// server/src/documentSync.ts: TextDocuments listens through a view of the connection that hands
// each didChange to the annotation stores first, with the change ranges as the client sent them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocuments, type Connection, type DidChangeTextDocumentParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { withChangeListener } from '../../server/src/documentSync';

function fakeConnection(): { connection: Connection; handlers: Record<string, (p: unknown) => unknown> } {
  const handlers: Record<string, (p: unknown) => unknown> = {};
  const on = (name: string) => (h: (p: unknown) => unknown) => {
    handlers[name] = h;
    return { dispose: () => undefined };
  };
  const names = ['onDidOpenTextDocument', 'onDidChangeTextDocument', 'onDidCloseTextDocument', 'onWillSaveTextDocument', 'onWillSaveTextDocumentWaitUntil', 'onDidSaveTextDocument'];
  return { connection: Object.fromEntries(names.map((n) => [n, on(n)])) as unknown as Connection, handlers };
}

test('withChangeListener: the listener sees each change before TextDocuments applies it; its failure does not stop the sync', () => {
  const { connection, handlers } = fakeConnection();
  const documents = new TextDocuments(TextDocument);
  const seen: string[] = [];
  const errors: unknown[] = [];
  let fail = false;
  documents.listen(
    withChangeListener(
      connection,
      (p: DidChangeTextDocumentParams) => {
        seen.push(`${documents.get(p.textDocument.uri)?.getText()} + ${JSON.stringify(p.contentChanges[0].text)}`);
        if (fail) throw new Error('listener broke');
      },
      (err) => errors.push(err),
    ),
  );
  const uri = 'file:///a.txt';
  handlers.onDidOpenTextDocument({ textDocument: { uri, languageId: 'plaintext', version: 1, text: '北京' } });
  const change = (version: number, at: number, text: string) =>
    handlers.onDidChangeTextDocument({ textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text }] });
  change(2, 2, '市');
  assert.deepEqual(seen, ['北京 + "市"']);
  assert.equal(documents.get(uri)?.getText(), '北京市');
  fail = true;
  change(3, 3, '区');
  assert.equal(documents.get(uri)?.getText(), '北京市区');
  assert.equal(errors.length, 1);
  assert.ok(handlers.onDidCloseTextDocument && handlers.onDidSaveTextDocument);
});
