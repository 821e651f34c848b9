// Phase timings printed at the end of a run, so a slow step is visible without a profiler.
const phases = [];

export async function phase(name, fn) {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    const ms = performance.now() - t0;
    phases.push({ name, ms });
    console.log(`# [e2e] ${name}: ${(ms / 1000).toFixed(1)} s`);
  }
}

export function timingReport() {
  const total = phases.reduce((s, p) => s + p.ms, 0);
  return phases
    .map((p) => `${p.name.padEnd(40)} ${(p.ms / 1000).toFixed(1).padStart(7)} s`)
    .concat(`${'total (phases)'.padEnd(40)} ${(total / 1000).toFixed(1).padStart(7)} s`)
    .join('\n');
}
