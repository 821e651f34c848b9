// The document queue (issue 14.4): which of a workspace's articles are done, their status, the
// next one to open, and the per-file counts computed lazily for closed files. "Done" is the one
// thing the queue adds to the workspace: .zh-article/queue.json, a list of workspace-relative
// paths, written atomically; a file that cannot be read as that list is reported and never
// overwritten, so a hand edit or another tool's file is not lost.
import * as path from 'path';
import { ensureDir, readTextFile, writeFileAtomic } from '../io/safeFiles';
import { LEARNING_DIR } from './learningFile';

export const QUEUE_FORMAT = 'zh-article-queue';
export const QUEUE_VERSION = 1;
export const QUEUE_FILE = 'queue.json';

export function queueFileOf(workspaceFolder: string): string {
  return path.join(workspaceFolder, LEARNING_DIR, QUEUE_FILE);
}

export class QueueFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueFileError';
  }
}

/** The paths (relative to the workspace folder, '/'-separated) marked done. */
export function parseQueue(json: string): Set<string> {
  let v: unknown;
  try {
    v = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new QueueFileError(`is not valid JSON (${(err as Error).message})`);
  }
  const q = v as { format?: unknown; version?: unknown; done?: unknown };
  if (!q || typeof q !== 'object' || q.format !== QUEUE_FORMAT) throw new QueueFileError(`is not a ${QUEUE_FORMAT} file`);
  if (typeof q.version !== 'number' || q.version > QUEUE_VERSION) throw new QueueFileError(`has version ${String(q.version)}, which this version of the extension does not know`);
  if (!Array.isArray(q.done) || !q.done.every((p) => typeof p === 'string' && p !== '')) throw new QueueFileError('has no list of done paths');
  return new Set(q.done as string[]);
}

export function serializeQueue(done: Iterable<string>): string {
  const sorted = [...new Set(done)].sort(comparePaths);
  return `${JSON.stringify({ format: QUEUE_FORMAT, version: QUEUE_VERSION, done: sorted }, null, 1)}\n`;
}

/** Reads a workspace's queue file: no file is an empty queue; an unusable one throws QueueFileError with the path. */
export function readQueueFile(file: string): Set<string> {
  let json: string;
  try {
    json = readTextFile(file).text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new QueueFileError(`${file} cannot be read (${(err as Error).message}); the queue's "done" marks are off until it is fixed or removed`);
  }
  try {
    return parseQueue(json);
  } catch (err) {
    throw new QueueFileError(`${file} ${(err as Error).message}; it was left untouched: fix or remove it to mark documents done`);
  }
}

/**
 * Marks (or unmarks) `relPaths` done, reading the file again first so a change another window
 * made is kept. An unusable file throws and is not written.
 */
export function updateQueueFile(file: string, relPaths: readonly string[], done: boolean): Set<string> {
  const set = readQueueFile(file);
  for (const p of relPaths) {
    if (done) set.add(p);
    else set.delete(p);
  }
  ensureDir(path.dirname(file));
  writeFileAtomic(file, serializeQueue(set));
  return set;
}

export type QueueStatus = 'new' | 'inProgress' | 'done';

/** Done when marked; otherwise in progress as soon as the article carries one decision. */
export function queueStatus(done: boolean, decisions: number): QueueStatus {
  return done ? 'done' : decisions > 0 ? 'inProgress' : 'new';
}

// One collator: localeCompare with options builds one per call (sorting 1,000 paths: 64 ms against 1 ms).
const collator = new Intl.Collator('en', { numeric: true });

/** Path order with numbers compared as numbers (article 9 before article 10). */
export function comparePaths(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The next article to open: the first not done after `current` in queue order, wrapping around;
 * without `current` (or when it is not in the queue) the first not done. Undefined when all are done.
 */
export function nextNotDone<T extends { status: QueueStatus }>(items: readonly T[], current: number): T | undefined {
  for (let k = 1; k <= items.length; k++) {
    const i = (Math.max(current, -1) + k) % items.length;
    if (items[i].status !== 'done') return items[i];
  }
  return undefined;
}

/** What a closed file holds, as last counted. */
export interface FileCounts {
  /** False for a .txt file that is not an article (not mostly Chinese, see articleAnnotator.plaintext). */
  served: boolean;
  entities: number;
  artifacts: number;
  decisions: number;
  error?: string;
}

/** What identifies a version of a file without reading it: its article's and its sidecar's size and time. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  sidecarSize: number;
  sidecarMtimeMs: number;
}

const sameStamp = (a: FileStamp, b: FileStamp) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.sidecarSize === b.sidecarSize && a.sidecarMtimeMs === b.sidecarMtimeMs;

/**
 * Counts of closed files, kept while neither the article nor its sidecar changed, and computed a
 * step at a time: a file's count is a generator that yields between pieces of work (the server's
 * yields after each chunk of artifact detection), and `work(budgetMs)` runs steps until the budget
 * is spent and says how many files are left, so the caller can give the event loop a turn between
 * slices (a 1,000-file workspace, or one badly damaged article, never holds the server for long).
 * The clock and the file system come in.
 */
export class QueueCounter {
  private readonly cache = new Map<string, { stamp: FileStamp; epoch: number; counts: FileCounts }>();
  private pending: string[] = [];
  private readonly wanted = new Set<string>();
  /** The file being counted, paused between steps. */
  private current: { file: string; stamp: FileStamp; epoch: number; steps: Generator<void, FileCounts, void> } | undefined;

  /**
   * `epoch` names the version of what recognition depends on besides the files (the workspace's
   * learning): counts of an older epoch are still shown while the file is counted again.
   */
  constructor(
    private readonly stampOf: (file: string) => FileStamp | undefined,
    private readonly count: (file: string) => Generator<void, FileCounts, void>,
    private readonly now: () => number = Date.now,
    private readonly epoch: () => number = () => 0,
  ) {}

  /**
   * The counts of `file` if they are known for its current version; otherwise undefined, and
   * the file is queued for counting. Counts from before a learning change are returned (the
   * file's text is the same, the entity count may be off by a few) and the file is recounted.
   */
  get(file: string): FileCounts | undefined {
    const stamp = this.stampOf(file);
    const known = this.cache.get(file);
    if (!stamp) return { served: false, entities: 0, artifacts: 0, decisions: 0, error: 'the file is gone' };
    const fresh = known && sameStamp(known.stamp, stamp);
    if (fresh && known.epoch === this.epoch()) return known.counts;
    if (!this.wanted.has(file)) {
      this.wanted.add(file);
      this.pending.push(file);
    }
    return fresh ? known.counts : undefined;
  }

  /** Whether `file`'s counts are of its current version and epoch (not being recounted). */
  isCurrent(file: string): boolean {
    const known = this.cache.get(file);
    return !this.wanted.has(file) && known !== undefined && known.epoch === this.epoch();
  }

  get pendingCount(): number {
    return this.pending.length + (this.current ? 1 : 0);
  }

  /** Forgets every count (after what recognition finds changed: settings, learning reset). */
  clear(): void {
    this.cache.clear();
  }

  /** Runs counting steps for about `budgetMs` (at least one); returns how many files are still pending. */
  work(budgetMs: number): number {
    const started = this.now();
    while (this.current || this.pending.length) {
      if (!this.current) {
        const file = this.pending.shift()!;
        const stamp = this.stampOf(file);
        if (!stamp) {
          this.wanted.delete(file);
          continue;
        }
        this.current = { file, stamp, epoch: this.epoch(), steps: this.count(file) };
      }
      const c = this.current;
      let counts: FileCounts | undefined;
      try {
        const r = c.steps.next();
        if (r.done) counts = r.value;
      } catch (err) {
        counts = { served: true, entities: 0, artifacts: 0, decisions: 0, error: (err as Error).message };
      }
      if (counts) {
        // Stamped as before counting: a file that changed meanwhile is counted again next time.
        this.cache.set(c.file, { stamp: c.stamp, epoch: c.epoch, counts });
        this.wanted.delete(c.file);
        this.current = undefined;
      }
      if (this.now() - started >= budgetMs) break;
    }
    return this.pendingCount;
  }
}
