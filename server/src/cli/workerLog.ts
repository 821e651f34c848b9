/** Where V8's report of a fatal error begins: from here a worker's output is held back. */
const FATAL_REPORT = /^<--- Last few GCs --->|^FATAL ERROR:|^#\s*Fatal error|^----- Native stack trace/;

/**
 * A worker process's stdout and stderr, line by line: log lines go on to the CLI's stderr (never
 * stdout, the run's output); V8's fatal-error report is held back until the worker's exit says
 * what it was (a crash that a retry mends makes it noise).
 */
export class WorkerLog {
  private report = '';
  private partial = '';

  write(d: Buffer): void {
    const lines = (this.partial + d.toString('utf8')).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) {
      if (this.report || FATAL_REPORT.test(line)) this.report += line + '\n';
      // V8 opens its report with an empty line, before anything says it is one.
      else if (line.trim()) process.stderr.write(line + '\n');
    }
  }

  /** What was held back, with any last line not ended by a newline. */
  get held(): string {
    return this.report + this.partial;
  }
}
