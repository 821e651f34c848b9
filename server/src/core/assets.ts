import * as fs from 'fs';
import * as path from 'path';

// Data files (CEDICT, the NER model, word lists) live in dist/data when bundled and in the
// repository's data folders during development. Both are found from the running file upwards.

let cachedRoot: string | undefined;

/** The folder holding package.json above the running code (the extension or the repo root). */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'server'))) {
        return (cachedRoot = dir);
      }
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'dist', 'server.js'))) {
        return (cachedRoot = dir);
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return (cachedRoot = process.cwd());
}

/**
 * Path of a data file: data/NAME beside the running bundle (the extension, dist/*.js); in a
 * checkout, the first of the given repo-relative sources that exists, and only then dist/data's
 * copy, which is derived from them and may be stale (a model trained since the last build).
 * Returns undefined when none exists; callers decide how to degrade.
 */
export function findAsset(name: string, ...devFallbacks: string[]): string | undefined {
  const root = projectRoot();
  const candidates = [path.join(__dirname, 'data', name), ...devFallbacks.map((f) => path.join(root, f)), path.join(root, 'dist', 'data', name)];
  return candidates.find((c) => fs.existsSync(c));
}
