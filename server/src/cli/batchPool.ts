// Runs batches of JSONL lines on N worker threads (dist/worker.js beside the CLI), or on the
// main thread when N is 1 or the bundled worker is absent (running from sources). Results come
// back as promises; the caller awaits them in submission order, which keeps the output in input
// order while the workers run ahead.
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { Worker } from 'worker_threads';
import type { ArticleAnalyzer, ReferenceDate } from '../core/analyzer';
import { createDefaultAnalyzer } from '../core/pipeline';
import { warmReadingIndex } from '../core/artifacts/shiftedRun';
import { wordFrequency } from '../core/artifacts/wordList';
import { createCoreResources } from '../core/resources';
import { encodeOutput, processBatch, processText, type BatchMode, type EncodedOutput } from './batchRecords';
import { learnedOptions } from './learned';
import type { LineBatch } from './lineBatches';

/** What every record of a run is analysed with: `annotate`'s --date and --learned. */
export interface BatchSettings {
  reference?: ReferenceDate;
  /** A learning history file (already checked to exist). */
  learningFile?: string;
}

export interface BatchWorkerData extends BatchSettings {
  kind: 'batch';
  mode: BatchMode;
  maxLineBytes: number;
  /** Only the first thread says what it learned, not each of them. */
  logLearning?: boolean;
}

export type BatchWorkerMessage = { ready: true } | { seq: number; output: EncodedOutput } | { seq: number; error: string };

/**
 * Chunk results a batch analyzer keeps. The editor's default (50,000 chunks) would grow a long
 * run's memory by hundreds of MB; a few thousand still catch boilerplate lines shared by articles.
 */
const BATCH_CACHE_ENTRIES = 2_000;

export function createBatchAnalyzer(settings: BatchSettings = {}, logLearning = true): ArticleAnalyzer {
  const log = (m: string) => console.error(m);
  // Batch runs (annotate/fix --jsonl) wait for LAC's tags; the editor does not (see resources.ts).
  const resources = createCoreResources({ log, lac: true });
  const learned = settings.learningFile ? learnedOptions(resources, settings.learningFile, logLearning ? log : undefined) : {};
  return createDefaultAnalyzer(resources, { ...learned, cacheEntries: BATCH_CACHE_ENTRIES });
}

/**
 * Runs one small damaged article through both modes before a thread says it is ready, so what
 * loads lazily (jieba's word list for pinyin recovery, the character model for shifted runs) is
 * loaded at start-up, in parallel on every thread, not in the middle of the first batches.
 */
export function warmUp(analyzer: ArticleAnalyzer): void {
  // Pinyin after characters GBK cannot round-trip, a lost character, a doubled comma, a date.
  const sample = '長(cháng)沙市委老幹(gàn)部局2020年3月發佈通知，，李華說：「徐若?的新片上映了。」';
  processText('fix', analyzer, sample);
  processText('annotate', analyzer, sample);
  // Pinyin injected in the middle of a character (rare, so no short sample is sure to have one)
  // is recovered with two tables built on first use: jieba's word list, which ranks candidates,
  // and GBK's characters by reading. Without this each thread built them in its first batches.
  wordFrequency();
  warmReadingIndex();
}

export interface BatchRunner {
  readonly threads: number;
  run(batch: LineBatch): Promise<EncodedOutput>;
  close(): Promise<void>;
}

export const BATCH_WORKER_SCRIPT = path.join(__dirname, 'worker.js');

/** How a run's worker threads are sized, and where they say what they had to change. */
export interface PoolOptions {
  /**
   * Each thread's old-generation heap, MB. Left unbounded, V8 lets an idle-rich heap grow for as
   * long as a run lasts, so a long run peaked far above a short one on the same records; bounded,
   * it collects earlier and memory stays flat. A batch that needs more is retried on a thread with
   * twice the heap, up to the main thread's own limit.
   */
  heapMb?: number;
  notice?: (message: string) => void;
}

/** Twice the analyzer's live heap after start (about 60 MB) plus room for a few large records. */
export const DEFAULT_WORKER_HEAP_MB = 256;

export async function startBatchRunner(
  mode: BatchMode,
  jobs: number,
  maxLineBytes: number,
  script = BATCH_WORKER_SCRIPT,
  settings: BatchSettings = {},
  pool: PoolOptions = {},
): Promise<BatchRunner> {
  if (jobs <= 1 || !fs.existsSync(script)) return inlineRunner(mode, maxLineBytes, settings);
  const workers = new WorkerPool(script, { kind: 'batch', mode, maxLineBytes, ...settings }, jobs, pool);
  try {
    await workers.ready;
  } catch (err) {
    // The threads that did start would keep the process alive.
    await workers.close();
    throw err;
  }
  return workers;
}

function inlineRunner(mode: BatchMode, maxLineBytes: number, settings: BatchSettings): BatchRunner {
  const analyzer = createBatchAnalyzer(settings);
  warmUp(analyzer);
  return {
    threads: 1,
    run: async (batch) => encodeOutput(processBatch(mode, analyzer, batch, maxLineBytes, settings.reference)),
    close: async () => undefined,
  };
}

interface Pending {
  seq: number;
  batch: LineBatch;
  resolve: (o: EncodedOutput) => void;
  reject: (e: Error) => void;
  /** The heap a thread needs to take it: more than one it exhausted. */
  needMb: number;
}

/** How long closing waits for a thread to finish its batch before terminating it anyway. */
const CLOSE_GRACE_MS = 60_000;

/**
 * Batches handed to a thread at once: the one it runs and the next, waiting in its message port, so
 * that it starts the next as soon as it posts a result instead of idling until the main thread,
 * busy writing or reading, gets round to answering.
 */
const THREAD_DEPTH = 2;

/** The largest heap a replacement thread gets: what the main thread may use. */
const maxHeapMb = (): number => Math.floor(v8.getHeapStatistics().heap_size_limit / (1024 * 1024));

class WorkerPool implements BatchRunner {
  readonly ready: Promise<void>;
  /** Ready threads, in the order they said so. */
  private readonly live: Worker[] = [];
  private readonly queue: Pending[] = [];
  /** The batches each thread holds, oldest (the one it runs) first: it answers them in this order. */
  private readonly busy = new Map<Worker, Pending[]>();
  /** Live threads and their heap limits, MB. */
  private readonly workers = new Map<Worker, number>();
  private seq = 0;
  private failure: Error | undefined;
  private closing = false;
  private readyCount = 0;
  private onReady!: () => void;
  private onStartFailure!: (e: Error) => void;
  /** Threads that have not said they are ready: they may be inside the segmenter's native loader. */
  private readonly starting = new Set<Worker>();
  /** Called whenever a thread leaves native work (answers, starts, exits), while closing. */
  private onSettled: (() => void) | undefined;

  constructor(
    private readonly script: string,
    private readonly data: BatchWorkerData,
    readonly threads: number,
    private readonly opts: PoolOptions,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.onReady = resolve;
      this.onStartFailure = reject;
    });
    for (let i = 0; i < threads; i++) this.spawn(opts.heapMb ?? DEFAULT_WORKER_HEAP_MB, i === 0);
  }

  private spawn(heapMb: number, logLearning: boolean): void {
    const worker = new Worker(this.script, {
      workerData: { ...this.data, logLearning },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    this.workers.set(worker, heapMb);
    this.starting.add(worker);
    let replaced = false;
    worker.on('message', (m: BatchWorkerMessage) => {
      this.starting.delete(worker);
      if ('ready' in m) {
        this.live.push(worker);
        this.busy.set(worker, []);
        if (++this.readyCount === this.threads) this.onReady();
        this.pump();
        this.onSettled?.();
        return;
      }
      const job = this.busy.get(worker)?.shift();
      if (job) {
        if ('error' in m) job.reject(new Error(m.error));
        else job.resolve(m.output);
      }
      this.pump();
      this.onSettled?.();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' && !this.closing && !this.failure && heapMb * 2 <= maxHeapMb()) {
        replaced = true;
        this.forget(worker);
        const [job, ...waiting] = this.busy.get(worker) ?? [];
        this.busy.delete(worker);
        // The one it ran goes back to the front, in order, for a thread with room for it; the
        // batch waiting behind it never started and any thread may take it.
        if (job) this.queue.unshift({ ...job, needMb: heapMb * 2 }, ...waiting);
        this.opts.notice?.(`a worker thread ran out of its ${heapMb} MB heap${job ? ' on a batch' : ''}; retrying on one with ${heapMb * 2} MB`);
        // A thread that dies while starting is replaced too; readiness counts the live ones.
        this.spawn(heapMb * 2, false);
        return;
      }
      this.onStartFailure(err);
      this.fail(worker, err);
    });
    worker.on('exit', (code) => {
      this.forget(worker);
      this.starting.delete(worker);
      // fail() rejects the batches the thread held, so they must still be listed as busy then.
      if (code !== 0 && !this.closing && !replaced) this.fail(worker, new Error(`worker exited with code ${code}`));
      this.busy.delete(worker);
      this.onSettled?.();
    });
  }

  run(batch: LineBatch): Promise<EncodedOutput> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: this.seq++, batch, resolve, reject, needMb: 0 });
      this.pump();
    });
  }

  private forget(worker: Worker): void {
    this.workers.delete(worker);
    const at = this.live.indexOf(worker);
    if (at !== -1) this.live.splice(at, 1);
  }

  /** The held batch count of a live thread (Infinity for one that is not taking batches). */
  private load(worker: Worker): number {
    return this.busy.get(worker)?.length ?? Infinity;
  }

  private pump(): void {
    // Least loaded thread first, so a thread that ran dry gets work before one that has some.
    // A batch retried for memory waits for a thread with enough heap; the others may pass it.
    while (this.queue.length) {
      let best: { worker: Worker; j: number } | undefined;
      for (const worker of this.live) {
        if (this.load(worker) >= THREAD_DEPTH || (best && this.load(worker) >= this.load(best.worker))) continue;
        const heapMb = this.workers.get(worker) ?? 0;
        const j = this.queue.findIndex((q) => q.needMb <= heapMb);
        if (j !== -1) best = { worker, j };
      }
      if (!best) return;
      const [job] = this.queue.splice(best.j, 1);
      this.busy.get(best.worker)!.push(job);
      // Copied, not transferred: a thread that runs out of memory leaves the batch to retry.
      best.worker.postMessage({ seq: job.seq, batch: job.batch });
    }
  }

  /** A dead worker fails the run: its batch cannot be answered, and order forbids skipping it. */
  private fail(worker: Worker, err: Error): void {
    this.failure ??= new Error(`a worker thread failed: ${err.message}`);
    for (const job of this.busy.get(worker) ?? []) job.reject(this.failure);
    this.busy.delete(worker);
    for (const job of this.queue.splice(0)) job.reject(this.failure);
  }

  /**
   * Stops the threads once none is inside a batch or still loading. Terminating a thread in the
   * middle of a nodejieba call makes the addon throw into a dying environment, which aborts the
   * whole process (seen with --fail-fast, which closes while other batches are in flight).
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the run was stopped'));
    const quiet = (): boolean => [...this.busy.values()].every((held) => held.length === 0) && this.starting.size === 0;
    if (!quiet()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_GRACE_MS);
        this.onSettled = () => {
          if (!quiet()) return;
          clearTimeout(timer);
          resolve();
        };
      });
      this.onSettled = undefined;
    }
    await Promise.all([...this.workers.keys()].map((w) => w.terminate()));
  }
}
