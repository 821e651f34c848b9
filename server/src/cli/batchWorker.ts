// The worker-thread side of `annotate --jsonl` / `fix --jsonl` (dist/worker.js runs it when the
// pool starts it with batch workerData): one analyzer per thread, loaded before the thread says it
// is ready, so start-up is not counted against the first batches.
import { parentPort } from 'worker_threads';
import { createBatchAnalyzer, warmUp, type BatchWorkerData, type BatchWorkerMessage } from './batchPool';
import { encodeOutput, processBatch } from './batchRecords';
import type { LineBatch } from './lineBatches';

export function serveBatches(data: BatchWorkerData): void {
  const analyzer = createBatchAnalyzer(data, !!data.logLearning);
  warmUp(analyzer);
  const post = (m: BatchWorkerMessage): void => parentPort!.postMessage(m);
  parentPort!.on('message', ({ seq, batch }: { seq: number; batch: LineBatch }) => {
    try {
      const output = encodeOutput(processBatch(data.mode, analyzer, batch, data.maxLineBytes, data.reference));
      parentPort!.postMessage({ seq, output } satisfies BatchWorkerMessage, [output.bytes.buffer as ArrayBuffer]);
    } catch (err) {
      post({ seq, error: (err as Error).message });
    }
  });
  post({ ready: true });
}
