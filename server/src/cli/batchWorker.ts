// The worker-process side of `annotate --jsonl` / `fix --jsonl` (the pool forks dist/worker.js with
// BATCH_PROCESS_FLAG): one analyzer per process, loaded before the process says it is ready, so
// start-up is not counted against the first batches. A process, not a thread: a worker that runs
// out of memory (or crashes) inside nodejieba's native code takes only itself down, where a thread
// took the whole CLI with it (the addon throws a C++ exception into the dying environment).
import { createBatchAnalyzer, warmUp, type BatchWorkerData, type BatchWorkerMessage, type WorkerUsage } from './batchPool';
import { encodeOutput, processBatch } from './batchRecords';
import type { LineBatch } from './lineBatches';
import { injectedFault } from './testFault';

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
      injectedFault(batch.bytes);
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
