// TextDocuments owns the didChange handler and only reports the resulting text, but annotation
// spans must move with each change range as the editor sent it. Instead of patching the
// connection, TextDocuments listens through this view of it, which hands every didChange to
// `beforeChange` first (a failure there is reported, never lost to the document sync).
import type { Connection, DidChangeTextDocumentParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What TextDocuments.listen takes (the package does not export the interface's name). */
type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

export function withChangeListener(connection: Connection, beforeChange: (p: DidChangeTextDocumentParams) => void, onError: (err: unknown) => void): TextDocumentConnection {
  return {
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(h),
    onDidChangeTextDocument: (h) =>
      connection.onDidChangeTextDocument((p) => {
        try {
          beforeChange(p);
        } catch (err) {
          onError(err);
        }
        return h(p);
      }),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(h),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(h),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil(h),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(h),
  };
}
