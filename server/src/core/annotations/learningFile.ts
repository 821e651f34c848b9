// The workspace's learning history: .zh-article/learning.jsonl under the workspace folder, one
// correction a line (offsets are UTF-16 units of the line's `text`, which is stored with it). It is
// append-only, so a crash loses at most the line being written, and it holds the corrections, not
// weights: the adapted model is rebuilt by replaying them on top of whatever model ships, and
// deleting the file restores the shipped behaviour exactly.
import * as fs from 'fs';
import * as path from 'path';
import { ENTITY_LABELS } from '../types';
import { ensureDir, readRegularFile } from '../io/safeFiles';
import type { Correction, WorkspaceLearning } from './learning';

export const LEARNING_DIR = '.zh-article';
export const LEARNING_FILE = 'learning.jsonl';

export function learningFileOf(workspaceFolder: string): string {
  return path.join(workspaceFolder, LEARNING_DIR, LEARNING_FILE);
}

const LABELS = new Set<string>(ENTITY_LABELS);

function validSpans(x: unknown, length: number): boolean {
  return (
    Array.isArray(x) &&
    x.every(
      (s) =>
        s && typeof s === 'object' && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= length && LABELS.has(s.label),
    )
  );
}

/** Parses one line; undefined when it is not a correction this version understands. */
export function parseCorrection(line: string): Correction | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const c = v as Correction;
  if (typeof c.text !== 'string' || !validSpans(c.entities, c.text.length)) return undefined;
  if (c.rejected !== undefined && !validSpans(c.rejected, c.text.length)) return undefined;
  if (c.replaced !== undefined && !validSpans(c.replaced, c.text.length)) return undefined;
  return c;
}

/**
 * Reads a learning file: the corrections it holds, in order, and the 1-based numbers of lines it
 * could not read (kept in the file, reported, never used). A missing file is an empty history; a
 * file that is not a regular file is refused.
 */
export function readLearningFile(file: string): { corrections: Correction[]; badLines: number[] } {
  if (!fs.existsSync(file)) return { corrections: [], badLines: [] };
  // Regular files only, size-limited (a FIFO or /dev/zero behind the name must not hang the server).
  const content = readRegularFile(file).toString('utf8');
  const corrections: Correction[] = [];
  const badLines: number[] = [];
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const c = parseCorrection(line);
    if (c) corrections.push(c);
    else badLines.push(i + 1);
  });
  return { corrections, badLines };
}

/** Appends one correction (creating the folder and file when missing). */
export function appendCorrection(file: string, c: Correction): void {
  ensureDir(path.dirname(file));
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (st && !st.isFile()) throw new Error(`${file} is not a regular file; not writing through it`);
  const record: Correction = { text: c.text, entities: c.entities, ...(c.rejected?.length ? { rejected: c.rejected } : {}), ...(c.replaced?.length ? { replaced: c.replaced } : {}), ...(c.source ? { source: c.source } : {}), at: c.at ?? Date.now() };
  // A file that ended without a newline (a crash mid-line) must not glue this line onto that one.
  const glue = st && st.size > 0 && !endsWithNewline(file, st.size) ? '\n' : '';
  fs.appendFileSync(file, `${glue}${JSON.stringify(record)}\n`, 'utf8');
}

function endsWithNewline(file: string, size: number): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Moves the history aside (learning.jsonl → learning.<time>.jsonl.bak) rather than deleting it: a
 * reset forgets what the model learned but never destroys the annotator's work. Returns the
 * backup's path, or undefined when there was nothing to move.
 */
export function archiveLearningFile(file: string, now = new Date()): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const backup = path.join(path.dirname(file), `learning.${stamp}.jsonl.bak`);
  fs.renameSync(file, backup);
  return backup;
}

/** Learns again from a history file; returns how many corrections it held and the lines it could not read. */
export function replayLearningFile(learning: WorkspaceLearning, file: string): { learned: number; badLines: number[] } {
  const { corrections, badLines } = readLearningFile(file);
  for (const c of corrections) learning.learn(c);
  return { learned: corrections.length, badLines };
}
