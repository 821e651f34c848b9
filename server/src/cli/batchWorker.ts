// The worker-process side of `annotate --jsonl` / `fix --jsonl` (the pool forks dist/worker.js with
// BATCH_PROCESS_FLAG): one analyzer per process, loaded before the process says it is ready, so
// start-up is not counted against the first batches. A process, not a thread: a worker that runs
// out of memory (or crashes) inside nodejieba's native code takes only itself down, where a thread
// took the whole CLI with it (the addon throws a C++ exception into the dying environment).
import * as fs from 'fs';
import { createBatchAnalyzer, warmUp, type BatchWorkerData, type BatchWorkerMessage, type WorkerUsage } from './batchPool';
import { encodeOutput, processBatch } from './batchRecords';
import type { LineBatch } from './lineBatches';

/** What this process has used so far; each answer carries it, so the CLI's summary counts it. */
function usage(): WorkerUsage {
  const u = process.cpuUsage();
  return { cpuSeconds: (u.user + u.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

export function serveBatches(): void {
  const send = (m: BatchWorkerMessage): void => {
    process.send!(m);
  };
  // The CLI gone (finished, killed, crashed) means nobody reads the answers: no orphans.
  process.on('disconnect', () => process.exit(0));
  process.once('message', (data: BatchWorkerData) => {
    const analyzer = createBatchAnalyzer(data, !!data.logLearning);
    warmUp(analyzer);
    process.on('message', ({ seq, batch }: { seq: number; batch: LineBatch }) => {
      injectedFault(batch);
      try {
        const output = encodeOutput(processBatch(data.mode, analyzer, batch, data.maxLineBytes, data.reference));
        send({ seq, output, usage: usage() });
      } catch (err) {
        send({ seq, error: (err as Error).message, usage: usage() });
      }
    });
    send({ ready: true, usage: usage() });
  });
}

/**
 * For the tests of what a crashed worker costs: with ZH_ARTICLE_TEST_FAULT naming a file, a worker
 * whose batch holds that file's text aborts as a native fault would. The file is removed first, so
 * the fault happens once, unless its text starts with "always ".
 */
function injectedFault(batch: LineBatch): void {
  const file = process.env.ZH_ARTICLE_TEST_FAULT;
  if (!file || !fs.existsSync(file)) return;
  let needle = fs.readFileSync(file, 'utf8');
  const always = needle.startsWith('always ');
  if (always) needle = needle.slice('always '.length);
  if (!needle || !Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength).includes(needle)) return;
  if (!always) fs.rmSync(file, { force: true });
  process.abort();
}
