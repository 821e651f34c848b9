import * as fs from 'fs';
import * as path from 'path';

/** Article files named on the command line: files as given, folders searched for .txt/.article. */
export function collectArticleFiles(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (!fs.existsSync(a)) throw new UsageError(`no such file or folder: ${a}`);
    const st = fs.statSync(a);
    if (st.isDirectory()) walk(a, out);
    else out.push(a);
  }
  return out;
}

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(txt|article)$/.test(e.name) && !e.name.endsWith('.annotations.json')) out.push(p);
  }
}

export class UsageError extends Error {}
