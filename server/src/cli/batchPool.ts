// Runs batches of JSONL lines on N worker threads (dist/worker.js beside the CLI), or on the
// main thread when N is 1 or the bundled worker is absent (running from sources). Results come
// back as promises; the caller awaits them in submission order, which keeps the output in input
// order while the workers run ahead.
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ArticleAnalyzer, ReferenceDate } from '../core/analyzer';
import { createDefaultAnalyzer } from '../core/pipeline';
import { createCoreResources } from '../core/resources';
import { processBatch, type BatchMode, type BatchOutput } from './batchRecords';
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

export type BatchWorkerMessage = { ready: true } | { seq: number; output: BatchOutput } | { seq: number; error: string };

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

export interface BatchRunner {
  readonly threads: number;
  run(batch: LineBatch): Promise<BatchOutput>;
  close(): Promise<void>;
}

export const BATCH_WORKER_SCRIPT = path.join(__dirname, 'worker.js');

export async function startBatchRunner(mode: BatchMode, jobs: number, maxLineBytes: number, script = BATCH_WORKER_SCRIPT, settings: BatchSettings = {}): Promise<BatchRunner> {
  if (jobs <= 1 || !fs.existsSync(script)) return inlineRunner(mode, maxLineBytes, settings);
  const pool = new WorkerPool(script, { kind: 'batch', mode, maxLineBytes, ...settings }, jobs);
  try {
    await pool.ready;
  } catch (err) {
    // The threads that did start would keep the process alive.
    await pool.close();
    throw err;
  }
  return pool;
}

function inlineRunner(mode: BatchMode, maxLineBytes: number, settings: BatchSettings): BatchRunner {
  const analyzer = createBatchAnalyzer(settings);
  analyzer.analyzeDocument('预热。');
  return {
    threads: 1,
    run: async (batch) => processBatch(mode, analyzer, batch, maxLineBytes, settings.reference),
    close: async () => undefined,
  };
}

interface Pending {
  seq: number;
  batch: LineBatch;
  resolve: (o: BatchOutput) => void;
  reject: (e: Error) => void;
}

class WorkerPool implements BatchRunner {
  readonly ready: Promise<void>;
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly workers: Worker[] = [];
  private seq = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(script: string, data: BatchWorkerData, readonly threads: number) {
    const started: Promise<void>[] = [];
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { workerData: { ...data, logLearning: i === 0 } });
      this.workers.push(worker);
      started.push(
        new Promise<void>((resolve, reject) => {
          worker.on('message', (m: BatchWorkerMessage) => {
            if ('ready' in m) {
              this.idle.push(worker);
              resolve();
              this.pump();
              return;
            }
            const job = this.busy.get(worker);
            this.busy.delete(worker);
            this.idle.push(worker);
            if (job) {
              if ('error' in m) job.reject(new Error(m.error));
              else job.resolve(m.output);
            }
            this.pump();
          });
          worker.on('error', (err) => {
            reject(err);
            this.fail(worker, err);
          });
          worker.on('exit', (code) => {
            if (code !== 0 && !this.closing) this.fail(worker, new Error(`worker exited with code ${code}`));
          });
        }),
      );
    }
    this.ready = Promise.all(started).then(() => undefined);
  }

  run(batch: LineBatch): Promise<BatchOutput> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: this.seq++, batch, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.shift()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      // The bytes are transferred, not copied: the batch is the worker's from now on.
      worker.postMessage({ seq: job.seq, batch: job.batch }, [job.batch.bytes.buffer as ArrayBuffer]);
    }
  }

  /** A dead worker fails the run: its batch cannot be answered, and order forbids skipping it. */
  private fail(worker: Worker, err: Error): void {
    this.failure ??= new Error(`a worker thread failed: ${err.message}`);
    this.busy.get(worker)?.reject(this.failure);
    this.busy.delete(worker);
    for (const job of this.queue.splice(0)) job.reject(this.failure);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
