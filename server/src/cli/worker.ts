// Worker process of the CLI, forked with a flag that says what it serves: batches of JSONL records
// (batchPool.ts) or the articles of an export (exportPool.ts).
import { BATCH_PROCESS_FLAG } from './batchPool';
import { serveBatches } from './batchWorker';
import { EXPORT_PROCESS_FLAG } from './exportPool';
import { serveExportJobs } from './exportWorker';

if (process.send && process.argv.includes(BATCH_PROCESS_FLAG)) serveBatches();
else if (process.send && process.argv.includes(EXPORT_PROCESS_FLAG)) serveExportJobs();
