import { fileURLToPath } from 'url';

// The workspace folders the server knows: those of initialize, then as the client adds and removes
// them (workspace/didChangeWorkspaceFolders). Relative export folders resolve against them and the
// first one holds the learning history.

/** Local paths of folder URIs (other schemes have no folder to write into). */
export function folderPathsOf(uris: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of uris) {
    try {
      if (u.startsWith('file:')) out.push(fileURLToPath(u));
    } catch {
      // Not a local folder: nothing to resolve against.
    }
  }
  return out;
}

/** The folder list after a change event: removed ones dropped, added ones appended, no duplicates. */
export function changedFolders(current: readonly string[], event: { added: readonly { uri: string }[]; removed: readonly { uri: string }[] }): string[] {
  const removed = new Set(folderPathsOf(event.removed.map((f) => f.uri)));
  const out = current.filter((f) => !removed.has(f));
  for (const f of folderPathsOf(event.added.map((a) => a.uri))) if (!out.includes(f)) out.push(f);
  return out;
}
