// `zh-article annotate --jsonl` and `zh-article fix --jsonl`: a stream of JSONL records in (stdin
// or files), one result line per record out, in input order, on N worker processes. Memory stays
// flat: at most a window of batches is in flight, reading waits while it is full, and writing
// waits for stdout to drain, so a slow reader of the output slows the reading of the input.
import * as fs from 'fs';
import * as os from 'os';
import { parseArgs } from 'util';
import type { Readable, Writable } from 'stream';
import { DEFAULT_WORKER_HEAP_MB, startBatchRunner, workersFor, type BatchRunner } from './batchPool';
import { BatchProgress, type BatchStats, type ProgressStream } from './batchProgress';
import type { BatchMode, EncodedOutput } from './batchRecords';
import { UsageError } from './files';
import { learningFileFrom, parseReferenceDate } from './learned';
import { DEFAULT_LIMITS, fileSource, knownInputSize, lineBatches, stdinSource } from './lineBatches';

export const BATCH_USAGE = `  annotate --jsonl [files… | -] [--jobs N] [--fail-fast] [--quiet] [--max-record-mb N]
                 [--worker-heap-mb N] [--date YYYY-MM-DD] [--learned WORKSPACE|FILE]
  fix --jsonl [files… | -] [same options]
                               stream JSONL records {"id", "text", …} (stdin when no file or -)
                               to one result line each on stdout, in input order: the record with
                               "entities" (annotate), or with the repaired "text", its "repairs",
                               the artifacts left for "review" and the repaired text's "entities"
                               (fix); a bad record gives {"line": N, "error": …} in its place`;

export interface BatchIO {
  stdin: Readable;
  stdout: Writable;
  stderr: ProgressStream;
}

/** Whether a command line asks for the batch mode (--jsonl before any -- that ends the options). */
export function wantsJsonl(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const at = args.indexOf('--jsonl');
  return at !== -1 && (end === -1 || at < end);
}

/**
 * Exit status of a run that stopped before the end of its input for another reason than a bad
 * record (a read error, a crashed worker, the output closed): distinct from 1 (bad records, error
 * lines in the output) so that an engine's wrapper can accept the one and not the other.
 */
export const STOPPED = 3;

/**
 * Batches in flight per worker. Output is written in input order, so a slow batch (a long or badly
 * damaged article) holds back the results of every batch after it; the window lets the other
 * workers run that far ahead of it instead of idling, and bounds the memory those results take.
 */
const WINDOW_PER_WORKER = 6;

const defaultIO = (): BatchIO => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export async function batchCommand(mode: BatchMode, args: string[], io: BatchIO = defaultIO()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        jsonl: { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        'fail-fast': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        'max-record-mb': { type: 'string' },
        'worker-heap-mb': { type: 'string' },
        date: { type: 'string' },
        learned: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(`${mode} --jsonl: ${(err as Error).message}`);
  }
  const v = parsed.values;
  const jobs = v.jobs === undefined ? os.availableParallelism() : Number(v.jobs);
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a positive integer, not "${v.jobs}"`);
  const maxMb = v['max-record-mb'] === undefined ? DEFAULT_LIMITS.maxLineBytes / (1024 * 1024) : Number(v['max-record-mb']);
  if (!(maxMb > 0)) throw new UsageError(`--max-record-mb must be a positive number, not "${v['max-record-mb']}"`);
  const heapMb = v['worker-heap-mb'] === undefined ? DEFAULT_WORKER_HEAP_MB : Number(v['worker-heap-mb']);
  if (!(Number.isInteger(heapMb) && heapMb >= 16)) throw new UsageError(`--worker-heap-mb must be an integer of at least 16, not "${v['worker-heap-mb']}"`);
  const limits = { ...DEFAULT_LIMITS, maxLineBytes: Math.round(maxMb * 1024 * 1024) };
  // As for files: the articles' date when they have no dateline, and a workspace's learning.
  const settings = { reference: parseReferenceDate(v.date), learningFile: learningFileFrom(v.learned) };
  const files = parsed.positionals;
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('- (stdin) can be given only once');
  for (const f of files) {
    if (f === '-') continue;
    if (!fs.existsSync(f)) throw new UsageError(`no such file: ${f}`);
    if (fs.statSync(f).isDirectory()) throw new UsageError(`${f} is a folder; --jsonl reads JSONL files (or stdin)`);
  }
  const sources = files.length ? files.map((f) => (f === '-' ? stdinSource(io.stdin) : fileSource(f))) : [stdinSource(io.stdin)];
  const totalBytes = files.includes('-') ? undefined : knownInputSize(files);

  // Started at the first batch, so an empty input loads no analyzer at all.
  let runner: BatchRunner | undefined;
  // CPU time of this process and of the worker processes: what the run cost.
  const cpuSeconds = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6 + (runner?.usage().cpuSeconds ?? 0);
  };
  const progress = new BatchProgress(io.stderr, { quiet: v.quiet, totalBytes, cpuSeconds });
  // No more workers than the input has 64 KB, when its size is known (workersFor).
  const workers = totalBytes === undefined ? jobs : workersFor(jobs, totalBytes);
  const stats: BatchStats = { records: 0, errors: 0, bytes: 0, chars: 0 };
  const out = new OrderedWriter(io.stdout);
  let window = 0;
  const inflight: Promise<EncodedOutput>[] = [];
  let stopped: 'fail-fast' | 'output closed' | undefined;
  let fatal: Error | undefined;

  const emit = async (o: EncodedOutput): Promise<void> => {
    let bytes = o.bytes;
    if (v['fail-fast'] && o.errors.length) {
      // Up to and including the first error line.
      bytes = bytes.subarray(0, o.ends[o.errors[0]]);
      stopped = 'fail-fast';
      stats.errors++;
      stats.records += o.errors[0];
    } else {
      stats.errors += o.errors.length;
      stats.records += o.records;
    }
    stats.chars += o.chars;
    if (bytes.length && !(await out.write(bytes))) stopped ??= 'output closed';
    progress.update(stats);
  };

  try {
    for await (const batch of lineBatches(sources, limits, (n) => (stats.bytes += n))) {
      if (!runner) {
        runner = await startBatchRunner(mode, workers, limits.maxLineBytes, undefined, settings, { heapMb, notice: (m) => progress.notice(m) });
        window = runner.jobs * WINDOW_PER_WORKER;
        progress.started();
      }
      inflight.push(runner.run(batch));
      // Reading waits here while the window is full: memory does not grow with the input.
      while (inflight.length >= window && !stopped) await emit(await inflight.shift()!);
      if (stopped) break;
    }
    while (inflight.length && !stopped) await emit(await inflight.shift()!);
  } catch (err) {
    fatal = err as Error;
  } finally {
    // Batches still in flight after a stop are dropped; their promises must not go unhandled.
    for (const p of inflight.splice(0)) p.catch(() => undefined);
    await runner?.close();
    if (stopped && sources.some((s) => s.shared)) io.stdin.destroy();
  }

  const what = mode === 'annotate' ? 'annotated' : 'repaired';
  // Each process's own peak, summed: an upper bound of the run's (the peaks need not coincide).
  progress.finish(stats, what, runner?.jobs ?? 0, process.resourceUsage().maxRSS / 1024 + (runner?.usage().peakRssMb ?? 0));
  if (fatal) {
    io.stderr.write(`zh-article: ${fatal.message}; the output stops after ${stats.records + stats.errors} record(s)\n`);
    return STOPPED;
  }
  if (stopped === 'output closed') {
    io.stderr.write(`zh-article: the output was closed after ${stats.records + stats.errors} record(s)\n`);
    return STOPPED;
  }
  if (stats.errors) {
    io.stderr.write(
      stopped === 'fail-fast'
        ? `zh-article: stopped at the first bad record (--fail-fast); see the error line at the end of the output\n`
        : `zh-article: ${stats.errors} bad record(s) among ${stats.records + stats.errors}; their error lines are in the output\n`,
    );
    return 1;
  }
  return 0;
}

/** Writes to a stream, waiting for it to drain; reports false once the reader has gone (EPIPE). */
class OrderedWriter {
  private closed = false;

  constructor(private readonly stream: Writable) {
    stream.on('error', () => {
      this.closed = true;
    });
  }

  async write(s: string | Uint8Array): Promise<boolean> {
    if (this.closed) return false;
    if (!this.stream.write(s)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
        this.stream.on('close', done);
      });
    }
    return !this.closed;
  }
}
