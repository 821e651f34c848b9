// The worker-process side of `zh-article export` (exportPool.ts forks dist/worker.js with
// EXPORT_PROCESS_FLAG): one analyzer per process, one article per message, the result sent back.
import { createExportJobRunner, type ExportJob } from './exportJob';
import { injectedFault } from './testFault';

export function serveExportJobs(): void {
  // The CLI gone (finished, killed, crashed) means nobody reads the answers: no orphans.
  process.on('disconnect', () => process.exit(0));
  const run = createExportJobRunner(injectedFault);
  process.on('message', (job: ExportJob) => process.send!(run(job)));
}
