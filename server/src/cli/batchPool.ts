// Runs batches of JSONL lines on N worker processes (dist/worker.js beside the CLI), or on the
// main thread when N is 1 or the bundled worker is absent (running from sources). Results come
// back as promises; the caller awaits them in submission order, which keeps the output in input
// order while the workers run ahead.
import { fork, type ChildProcess } from 'child_process';
import { onExitAfterStderr } from './childExit';
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import type { ArticleAnalyzer, ReferenceDate } from '../core/analyzer';
import { createDefaultAnalyzer } from '../core/pipeline';
import { warmReadingIndex } from '../core/artifacts/shiftedRun';
import { wordFrequency } from '../core/artifacts/wordList';
import { createCoreResources } from '../core/resources';
import { encodeOutput, processBatch, processText, type BatchMode, type EncodedOutput } from './batchRecords';
import { learnedOptions } from './learned';
import type { LineBatch } from './lineBatches';
import { WorkerLog } from './workerLog';

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

/** A worker process's CPU time and peak resident memory so far. */
export interface WorkerUsage {
  cpuSeconds: number;
  peakRssMb: number;
}

export type BatchWorkerMessage = ({ ready: true } | { seq: number; output: EncodedOutput } | { seq: number; error: string }) & { usage: WorkerUsage };

/** The argument that makes dist/worker.js serve batches over its IPC channel. */
export const BATCH_PROCESS_FLAG = '--zh-article-batch-worker';

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
  /** Worker processes, as --jobs counts them (1: the CLI's own thread does the work). */
  readonly jobs: number;
  run(batch: LineBatch): Promise<EncodedOutput>;
  /** What the worker processes used (none for the inline runner): the run's summary adds it to the CLI's own. */
  usage(): WorkerUsage;
  close(): Promise<void>;
}

export const BATCH_WORKER_SCRIPT = path.join(__dirname, 'worker.js');

/** How a run's worker processes are sized, and where they say what they had to change. */
export interface PoolOptions {
  /**
   * Each process's old-generation heap, MB. Left unbounded, V8 lets an idle-rich heap grow for as
   * long as a run lasts, so a long run peaked far above a short one on the same records; bounded,
   * it collects earlier and memory stays flat. A batch that needs more is retried on a process with
   * twice the heap, up to the main thread's own limit.
   */
  heapMb?: number;
  notice?: (message: string) => void;
}

/**
 * The least input worth starting a worker process for: each loads its own analyzer (about a
 * second), which a smaller input does not pay back. Batch runs and exports start no more workers
 * than their input has this many bytes.
 */
export const BYTES_PER_WORKER = 64 * 1024;

/** Worker processes for `bytes` of input when `jobs` are asked for: at least one, no more than it has BYTES_PER_WORKER. */
export function workersFor(jobs: number, bytes: number): number {
  return Math.max(1, Math.min(jobs, Math.ceil(bytes / BYTES_PER_WORKER)));
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
  const workers = new ProcessPool(script, { kind: 'batch', mode, maxLineBytes, ...settings }, jobs, pool);
  try {
    await workers.ready;
  } catch (err) {
    // The workers that did start would keep the process alive.
    await workers.close();
    throw err;
  }
  return workers;
}

function inlineRunner(mode: BatchMode, maxLineBytes: number, settings: BatchSettings): BatchRunner {
  const analyzer = createBatchAnalyzer(settings);
  warmUp(analyzer);
  return {
    jobs: 1,
    run: async (batch) => encodeOutput(processBatch(mode, analyzer, batch, maxLineBytes, settings.reference)),
    usage: () => ({ cpuSeconds: 0, peakRssMb: 0 }),
    close: async () => undefined,
  };
}

interface Pending {
  seq: number;
  batch: LineBatch;
  resolve: (o: EncodedOutput) => void;
  reject: (e: Error) => void;
  /** The heap a process needs to take it: more than one it exhausted. */
  needMb: number;
  /** Worker processes that died on it for another reason than memory. */
  crashes: number;
}

/**
 * Batches handed to a process at once: the one it runs and the next, waiting in its IPC channel, so
 * that it starts the next as soon as it posts a result instead of idling until the main thread,
 * busy writing or reading, gets round to answering.
 */
const PROCESS_DEPTH = 2;

/** The largest heap a replacement process gets: what the main thread may use. */
const maxHeapMb = (): number => Math.floor(v8.getHeapStatistics().heap_size_limit / (1024 * 1024));

/** How V8 says a process ran out of heap, on its stderr before it aborts. */
const OUT_OF_HEAP = /heap out of memory|Reached heap limit/;

interface Worker {
  child: ChildProcess;
  heapMb: number;
  /** The batches it holds, oldest (the one it runs) first: it answers them in this order. */
  held: Pending[];
  ready: boolean;
  usage: WorkerUsage;
  /** Its output, with a fatal-error report held back. */
  log: WorkerLog;
}

class ProcessPool implements BatchRunner {
  readonly ready: Promise<void>;
  private readonly workers = new Set<Worker>();
  private readonly queue: Pending[] = [];
  private seq = 0;
  private failure: Error | undefined;
  private closing = false;
  private readyCount = 0;
  private onReady!: () => void;
  private onStartFailure!: (e: Error) => void;
  /** CPU seconds of worker processes that have exited. */
  private exitedCpu = 0;
  /** The sum of the processes' peak RSS when the pool closed. */
  private closedRssMb: number | undefined;

  constructor(
    private readonly script: string,
    private readonly data: BatchWorkerData,
    readonly jobs: number,
    private readonly opts: PoolOptions,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.onReady = resolve;
      this.onStartFailure = reject;
    });
    for (let i = 0; i < jobs; i++) this.spawn(opts.heapMb ?? DEFAULT_WORKER_HEAP_MB, i === 0);
  }

  private spawn(heapMb: number, logLearning: boolean): void {
    const child = fork(this.script, [BATCH_PROCESS_FLAG], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      // A worker never writes the run's output: whatever it prints is a log line, for stderr.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const w: Worker = { child, heapMb, held: [], ready: false, usage: { cpuSeconds: 0, peakRssMb: 0 }, log: new WorkerLog() };
    this.workers.add(w);
    child.stdout!.on('data', (d: Buffer) => w.log.write(d));
    child.stderr!.on('data', (d: Buffer) => w.log.write(d));
    child.on('message', (m: BatchWorkerMessage) => {
      w.usage = m.usage;
      if ('ready' in m) {
        w.ready = true;
        if (++this.readyCount === this.jobs) this.onReady();
      } else {
        const job = w.held.shift();
        if (job && 'error' in m) job.reject(new Error(m.error));
        else if (job && 'output' in m) job.resolve(m.output);
      }
      this.pump();
    });
    // Also emitted when a message cannot be sent to a process that has died: its exit says what happened.
    child.on('error', (err) => {
      if (child.pid === undefined) this.lost(w, `could not be run: ${err.message}`);
    });
    onExitAfterStderr(child, (code, signal) => this.exited(w, code, signal));
    child.send({ ...this.data, logLearning } satisfies BatchWorkerData);
  }

  private exited(w: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.workers.delete(w)) return;
    this.exitedCpu += w.usage.cpuSeconds;
    if (this.closing) return;
    const report = w.log.held;
    const held = w.held.splice(0);
    const [job, ...waiting] = held;
    if (OUT_OF_HEAP.test(report) && !this.failure && w.heapMb * 2 <= maxHeapMb()) {
      // The one it ran goes back to the front, in order, for a process with room for it; the
      // batch waiting behind it never started and any process may take it.
      if (job) this.queue.unshift({ ...job, needMb: w.heapMb * 2 }, ...waiting);
      this.opts.notice?.(`a worker process ran out of its ${w.heapMb} MB heap${job ? ' on a batch' : ''}; retrying on one with ${w.heapMb * 2} MB`);
      // One that dies while starting is replaced too; readiness counts the live ones.
      this.spawn(w.heapMb * 2, false);
      return;
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (w.ready && !this.failure && (!job || job.crashes === 0)) {
      // Once per batch: a crash that was not the batch's doing (the machine, a native fault that
      // does not recur) costs a restart, not the run. A second one on the same batch ends it.
      if (report) process.stderr.write(report);
      if (job) this.queue.unshift({ ...job, crashes: 1 }, ...waiting);
      this.opts.notice?.(`a worker process ${how}${job ? ' on a batch; retrying the batch' : '; replacing it'} on a new one`);
      this.spawn(w.heapMb, false);
      return;
    }
    if (report) process.stderr.write(report);
    this.lost(w, how, held);
  }

  /** A worker gone for good fails the run: its batch cannot be answered, and order forbids skipping it. */
  private lost(w: Worker, how: string, held = w.held.splice(0)): void {
    this.workers.delete(w);
    const err = new Error(`a worker process ${how}`);
    this.onStartFailure(err);
    this.failure ??= err;
    for (const job of held) job.reject(this.failure);
    for (const job of this.queue.splice(0)) job.reject(this.failure);
    w.child.kill();
  }

  run(batch: LineBatch): Promise<EncodedOutput> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: this.seq++, batch, resolve, reject, needMb: 0, crashes: 0 });
      this.pump();
    });
  }

  usage(): WorkerUsage {
    let cpuSeconds = this.exitedCpu;
    let peakRssMb = 0;
    for (const w of this.workers) {
      cpuSeconds += w.usage.cpuSeconds;
      peakRssMb += w.usage.peakRssMb;
    }
    return { cpuSeconds, peakRssMb: this.closedRssMb ?? peakRssMb };
  }

  private pump(): void {
    // Least loaded process first, so one that ran dry gets work before one that has some.
    // A batch retried for memory waits for a process with enough heap; the others may pass it.
    while (this.queue.length && !this.failure) {
      let best: { w: Worker; j: number } | undefined;
      for (const w of this.workers) {
        if (!w.ready || !w.child.connected || w.held.length >= PROCESS_DEPTH || (best && w.held.length >= best.w.held.length)) continue;
        const j = this.queue.findIndex((q) => q.needMb <= w.heapMb);
        if (j !== -1) best = { w, j };
      }
      if (!best) return;
      const [job] = this.queue.splice(best.j, 1);
      best.w.held.push(job);
      best.w.child.send({ seq: job.seq, batch: job.batch });
    }
  }

  /**
   * Stops the processes. One still inside a batch (after --fail-fast, or a stop) is killed: a
   * process dies alone, wherever it is, which a thread inside nodejieba did not.
   */
  async close(): Promise<void> {
    // The processes' peaks are what they reported last; once they exit, nothing is left to ask.
    this.closedRssMb = this.usage().peakRssMb;
    this.closing = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the run was stopped'));
    await Promise.all(
      [...this.workers].map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
            w.child.once('exit', () => resolve());
            w.child.kill();
          }),
      ),
    );
  }
}
