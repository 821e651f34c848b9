// Where an export may write. The output folder is often the articles' own folder (the editor's
// folder dialog starts there), and brat's NAME.txt is named like the article it copies, so an
// export must know which files in the folder are its own. It keeps a manifest,
// `.zh-article-export.json`, of the files it wrote there with the SHA-256 of what it wrote:
//  - a missing name is created;
//  - a file with exactly the content to write is left alone (and does not become the tool's);
//  - a file the manifest lists with its current hash is the tool's and is replaced;
//  - anything else (a file the tool did not write, one edited since, a symbolic link) is a
//    conflict: nothing is written unless the caller forces it, and then atomically (a link is
//    replaced, never written through).
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ensureDir, readRegularFile, removeStaleTemps, writeFileAtomic } from './safeFiles';

export const EXPORT_MANIFEST = '.zh-article-export.json';
const MANIFEST_FORMAT = 'zh-article-export-manifest';

export interface OutputFile {
  name: string;
  content: string;
}

export interface OutputConflict {
  file: string;
  reason: string;
}

type Action = 'create' | 'replace' | 'unchanged' | 'overwrite';

export interface OutputPlan {
  dir: string;
  files: { path: string; name: string; content: Buffer; hash: string; action: Action }[];
  /** Files that would be written over without being the tool's; empty when forced. */
  conflicts: OutputConflict[];
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The manifest's entries; a missing, unreadable or foreign one owns nothing. */
function readManifest(dir: string): Record<string, string> {
  const file = path.join(dir, EXPORT_MANIFEST);
  try {
    if (!fs.lstatSync(file).isFile()) return {};
    const root = JSON.parse(readRegularFile(file, 16 * 1024 * 1024).toString('utf8')) as { format?: unknown; files?: unknown };
    if (root.format !== MANIFEST_FORMAT || typeof root.files !== 'object' || root.files === null) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(root.files)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

function checkName(name: string): void {
  if (!name || name === '.' || name === '..' || name.includes('/') || name.includes('\\') || name.includes('\0') || name === EXPORT_MANIFEST) {
    throw new Error(`an export file may not be named ${JSON.stringify(name)}`);
  }
}

/** Decides, without writing anything, what each export file would do to the folder. */
export function planOutput(dir: string, files: readonly OutputFile[], opts: { force?: boolean } = {}): OutputPlan {
  const abs = path.resolve(dir);
  const owned = fs.existsSync(abs) ? readManifest(abs) : {};
  const plan: OutputPlan = { dir: abs, files: [], conflicts: [] };
  const seen = new Set<string>();
  for (const f of files) {
    checkName(f.name);
    if (seen.has(f.name)) throw new Error(`the export names two files ${f.name}`);
    seen.add(f.name);
    const p = path.join(abs, f.name);
    const content = Buffer.from(f.content, 'utf8');
    const hash = sha256(content);
    const entry = { path: p, name: f.name, content, hash };
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (!st) {
      plan.files.push({ ...entry, action: 'create' });
      continue;
    }
    let reason: string;
    if (st.isSymbolicLink()) reason = 'is a symbolic link (an export never writes through one)';
    else if (!st.isFile()) {
      plan.conflicts.push({ file: p, reason: 'exists and is not a regular file' });
      continue;
    } else {
      let current: string | undefined;
      try {
        current = sha256(readRegularFile(p));
      } catch {
        current = undefined;
      }
      if (current === hash) {
        plan.files.push({ ...entry, action: 'unchanged' });
        continue;
      }
      if (current !== undefined && owned[f.name] === current) {
        plan.files.push({ ...entry, action: 'replace' });
        continue;
      }
      reason = owned[f.name] ? 'was changed after an export wrote it' : 'exists and was not written by an export';
    }
    if (opts.force) plan.files.push({ ...entry, action: 'overwrite' });
    else plan.conflicts.push({ file: p, reason });
  }
  return plan;
}

/**
 * Writes a plan without conflicts (each file atomically) and records the files written in the
 * folder's manifest. Returns the paths of all the export's files, the unchanged ones included.
 */
export function writeOutput(plan: OutputPlan): string[] {
  if (plan.conflicts.length) throw new Error(`${plan.conflicts.length} file(s) in ${plan.dir} would be overwritten: ${describeConflicts(plan.conflicts)}`);
  ensureDir(plan.dir);
  // Temporary files of an export killed mid-write are not left in the folder forever.
  for (const f of [...plan.files.map((x) => x.path), path.join(plan.dir, EXPORT_MANIFEST)]) removeStaleTemps(f);
  const writes = plan.files.filter((f) => f.action !== 'unchanged');
  if (writes.length) {
    // Recorded before the files are written: a file the manifest claims but that an interrupted
    // run never wrote is merely not found, while an unrecorded one would later look foreign.
    const owned = readManifest(plan.dir);
    for (const f of writes) owned[f.name] = f.hash;
    const sorted = Object.fromEntries(Object.entries(owned).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileAtomic(path.join(plan.dir, EXPORT_MANIFEST), JSON.stringify({ format: MANIFEST_FORMAT, version: 1, files: sorted }, null, 1) + '\n', { symlink: 'replace' });
    for (const f of writes) writeFileAtomic(f.path, f.content, { symlink: 'replace' });
  }
  return plan.files.map((f) => f.path);
}

export function describeConflicts(conflicts: readonly OutputConflict[], max = 5): string {
  const shown = conflicts.slice(0, max).map((c) => `${c.file} ${c.reason}`);
  return shown.join('; ') + (conflicts.length > max ? `; and ${conflicts.length - max} more` : '');
}
