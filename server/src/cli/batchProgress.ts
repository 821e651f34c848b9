// Progress and throughput of a batch run on stderr: a bar redrawn in place on a terminal, a plain
// line now and then otherwise (logs of cluster jobs), and one summary line at the end.

export interface BatchStats {
  records: number;
  errors: number;
  /** Input bytes read so far. */
  bytes: number;
  /** Characters of the analysed texts. */
  chars: number;
}

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const MB = 1024 * 1024;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export class BatchProgress {
  private last = 0;
  private drawn = false;
  /** When the analyzers were ready: throughput is counted from here, start-up apart. */
  private startedAt: number;
  /** The run's CPU time (every thread of the CLI and of its worker processes) then, seconds. */
  private cpuAtStart: number;

  constructor(
    private readonly out: ProgressStream,
    private readonly opts: { quiet?: boolean; totalBytes?: number; now?: () => number; cpuSeconds?: () => number; intervalMs?: number } = {},
  ) {
    this.startedAt = this.now();
    this.cpuAtStart = this.cpu();
  }

  private cpu(): number {
    if (this.opts.cpuSeconds) return this.opts.cpuSeconds();
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  started(): void {
    this.startedAt = this.now();
    this.cpuAtStart = this.cpu();
  }

  private rates(s: BatchStats): { seconds: number; mbps: number; cps: number; rps: number } {
    const seconds = Math.max(1e-3, (this.now() - this.startedAt) / 1000);
    return { seconds, mbps: s.bytes / MB / seconds, cps: s.chars / seconds, rps: s.records / seconds };
  }

  update(s: BatchStats): void {
    if (this.opts.quiet) return;
    const tty = !!this.out.isTTY;
    const interval = this.opts.intervalMs ?? (tty ? 200 : 10_000);
    const t = this.now();
    if (t - this.last < interval) return;
    this.last = t;
    const r = this.rates(s);
    const total = this.opts.totalBytes;
    const pct = total ? Math.min(100, (s.bytes / total) * 100) : undefined;
    const counts = `${fmt(s.records)} records${s.errors ? `, ${fmt(s.errors)} errors` : ''}, ${(s.bytes / MB).toFixed(1)} MB read, ${r.mbps.toFixed(2)} MB/s, ${fmt(r.cps)} chars/s`;
    if (!tty) {
      this.out.write(`progress: ${counts}${pct !== undefined ? ` (${pct.toFixed(0)}% of the input)` : ''}\n`);
      return;
    }
    const width = 24;
    const bar = pct !== undefined ? `[${'#'.repeat(Math.round((pct / 100) * width)).padEnd(width, '.')}] ${pct.toFixed(0).padStart(3)}% ` : '';
    const line = `${bar}${counts}`;
    const cols = this.out.columns ?? 100;
    this.out.write(`\r\x1b[K${line.length > cols - 1 ? line.slice(0, cols - 1) : line}`);
    this.drawn = true;
  }

  /** A message of its own line (not dropped when quiet: it says the run changed course). */
  notice(message: string): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
    this.out.write(`zh-article: ${message}\n`);
  }

  /** The summary line (printed unless quiet); returns it for callers that log elsewhere. */
  finish(s: BatchStats, what: string, jobs: number, peakRssMb: number): string {
    const r = this.rates(s);
    // CPU seconds of every thread (the main one, the worker processes', V8's compiler and GC threads) beside
    // the wall clock: on a shared machine the clock also counts other processes, CPU time does not.
    const cpu = Math.max(0, this.cpu() - this.cpuAtStart);
    const line =
      `${what} ${fmt(s.records)} records (${fmt(s.errors)} errors) in ${r.seconds.toFixed(1)} s after start-up, ${jobs} job(s): ` +
      `${fmt(r.rps)} records/s, ${r.mbps.toFixed(2)} MB/s, ${fmt(r.cps)} chars/s; peak RSS ${fmt(peakRssMb)} MB; ` +
      `CPU ${cpu.toFixed(1)} s after start-up (${(cpu / r.seconds).toFixed(2)} cores busy)`;
    if (this.drawn) this.out.write('\r\x1b[K');
    if (!this.opts.quiet) this.out.write(`${line}\n`);
    return line;
  }
}
