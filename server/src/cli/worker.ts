// Worker of the CLI: a thread that analyses the articles of an export, one message each, or a
// process that serves batches of JSONL records when the batch pool forked it (BATCH_PROCESS_FLAG).
import { parentPort } from 'worker_threads';
import { BATCH_PROCESS_FLAG } from './batchPool';
import { serveBatches } from './batchWorker';
import { createExportJobRunner, type ExportJob } from './exportJob';

if (process.argv.includes(BATCH_PROCESS_FLAG) && process.send) serveBatches();
else if (parentPort) {
  const run = createExportJobRunner();
  parentPort.on('message', (job: ExportJob) => parentPort!.postMessage(run(job)));
}
