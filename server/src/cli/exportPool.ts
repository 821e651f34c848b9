// Runs the articles of `zh-article export` on worker processes (dist/worker.js beside the CLI with
// EXPORT_PROCESS_FLAG), or inline when one job is asked for or the bundled worker is absent
// (running from sources). Processes, not threads, for the reason batch mode uses them
// (batchWorker.ts): a worker that runs out of memory or crashes inside nodejieba takes only itself
// down, where a thread took the whole export with it. Results come back in job order.
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { workersFor } from './batchPool';
import { onExitAfterStderr } from './childExit';
import { createExportJobRunner, type ExportJob, type ExportJobResult } from './exportJob';
import { WorkerLog } from './workerLog';

/** The argument that makes dist/worker.js serve export jobs over its IPC channel. */
export const EXPORT_PROCESS_FLAG = '--zh-article-export-worker';

export const EXPORT_WORKER_SCRIPT = path.join(__dirname, 'worker.js');

export async function runExportJobs(
  jobs: readonly ExportJob[],
  maxWorkers: number | undefined,
  progress?: (done: number, total: number, file: string) => void,
  script = EXPORT_WORKER_SCRIPT,
): Promise<ExportJobResult[]> {
  const results: ExportJobResult[] = new Array(jobs.length);
  let done = 0;
  const finish = (r: ExportJobResult): void => {
    results[r.id] = r;
    progress?.(++done, jobs.length, r.file);
  };
  const count = Math.min(workersFor(maxWorkers ?? os.availableParallelism(), inputBytes(jobs)), jobs.length);
  if (!fs.existsSync(script) || count <= 1) {
    const run = createExportJobRunner();
    for (const job of jobs) finish(run(job));
    return results;
  }
  const queue = jobs.map((job) => ({ job, crashes: 0 }));
  await new Promise<void>((resolve) => {
    let live = 0;
    const spawn = (): void => {
      const next = queue.shift();
      if (!next) {
        if (live === 0) resolve();
        return;
      }
      live++;
      let current: { job: ExportJob; crashes: number } | undefined = next;
      const child = fork(script, [EXPORT_PROCESS_FLAG], {
        serialization: 'advanced',
        // A worker writes no output file: whatever it prints is a log line, for stderr.
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      const log = new WorkerLog();
      child.stdout!.on('data', (d: Buffer) => log.write(d));
      child.stderr!.on('data', (d: Buffer) => log.write(d));
      child.on('message', (r: ExportJobResult) => {
        finish(r);
        const more = queue.shift();
        if (more) {
          current = more;
          child.send(more.job);
        } else {
          current = undefined;
          child.disconnect();
        }
      });
      // A process that could not be started at all (no exit follows): its article and the rest run here.
      child.on('error', (err) => {
        if (child.pid !== undefined) return;
        process.stderr.write(`zh-article: a worker process could not be run (${err.message}); analysing here\n`);
        const run = createExportJobRunner();
        for (const q of [...(current ? [current] : []), ...queue.splice(0)]) finish(run(q.job));
        current = undefined;
        if (--live === 0) resolve();
      });
      const exited = (code: number | null, signal: NodeJS.Signals | null): void => {
        live--;
        if (current) {
          // Once per article, a crash costs a new process (the machine, a fault that does not
          // recur); a second one on the same article fails that article, and the rest go on.
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          if (current.crashes === 0) {
            process.stderr.write(`zh-article: a worker process ${how} on ${current.job.file}; retrying it on a new one\n`);
            queue.unshift({ job: current.job, crashes: 1 });
          } else {
            process.stderr.write(log.held);
            finish({ id: current.job.id, file: current.job.file, error: `the worker process analysing it ${how} twice` });
          }
        }
        if (queue.length) spawn();
        else if (live === 0) resolve();
      };
      onExitAfterStderr(child, exited);
      child.send(next.job);
    };
    for (let i = 0; i < count; i++) spawn();
  });
  return results;
}

/** The articles' size on disk (standard input's as read); an unreadable file counts nothing. */
function inputBytes(jobs: readonly ExportJob[]): number {
  let total = 0;
  for (const job of jobs) total += job.text !== undefined ? Buffer.byteLength(job.text) : (fs.statSync(job.file, { throwIfNoEntry: false })?.size ?? 0);
  return total;
}
