// The worker-process side of `zh-article export` (exportPool.ts forks dist/worker.js with
// EXPORT_PROCESS_FLAG): one analyzer per process, one article per message, the result sent back.
import * as fs from 'fs';
import { createExportJobRunner, type ExportJob } from './exportJob';
import { STDIN } from './files';
import { injectedFault } from './testFault';

export function serveExportJobs(): void {
  // The CLI gone (finished, killed, crashed) means nobody reads the answers: no orphans.
  process.on('disconnect', () => process.exit(0));
  const run = createExportJobRunner();
  process.on('message', (job: ExportJob) => {
    if (process.env.ZH_ARTICLE_TEST_FAULT) injectedFault(job.text ?? (job.file === STDIN ? '' : readQuietly(job.file)));
    process.send!(run(job));
  });
}

function readQuietly(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
