import type { ChildProcess } from 'child_process';

/**
 * Calls `exited` once a worker process has exited and its stderr has closed (it may still hold
 * the process's last lines, such as V8's out-of-heap report), or 200 ms after the exit at the
 * latest. The stream may close before the exit event as well as after it. The timer is not
 * unref'd: when every worker has died, it is all that keeps the main process alive until they
 * are replaced (unref'd, a batch whose workers all died while starting ended with exit 0 and no
 * output).
 */
export function onExitAfterStderr(child: ChildProcess, exited: (code: number | null, signal: NodeJS.Signals | null) => void): void {
  child.on('exit', (code, signal) => {
    let done = false;
    const settle = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      exited(code, signal);
    };
    const timer = setTimeout(settle, 200);
    if (!child.stderr || child.stderr.closed) settle();
    else child.stderr.once('close', settle);
  });
}
