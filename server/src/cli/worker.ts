// Worker thread of the CLI: analyses the articles the main thread sends, one message each.
import { parentPort } from 'worker_threads';
import { runExportJob, type ExportJob } from './exportJob';

parentPort?.on('message', (job: ExportJob) => parentPort!.postMessage(runExportJob(job)));
