// Worker thread of the CLI: analyses the articles the main thread sends, one message each, or
// serves batches of JSONL records when the batch pool started it (workerData.kind 'batch').
import { parentPort, workerData } from 'worker_threads';
import { serveBatches } from './batchWorker';
import { createExportJobRunner, type ExportJob } from './exportJob';

if (workerData?.kind === 'batch') serveBatches(workerData);
else {
  const run = createExportJobRunner();
  parentPort?.on('message', (job: ExportJob) => parentPort!.postMessage(run(job)));
}
