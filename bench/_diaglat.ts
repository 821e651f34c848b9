import { LspSession, SEEDS } from '../test/protocol/lspClient';
import { seedCorpus } from './corpus';

async function measure(size: number, edits: number): Promise<void> {
  const s = await LspSession.start();
  const got = new Map<number, number>();
  let waiting: { version: number; resolve: () => void } | undefined;
  s.connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
    if (p.version !== undefined) got.set(p.version, performance.now());
    if (waiting && p.version !== undefined && p.version >= waiting.version) waiting.resolve();
  });
  const wait = (version: number) => new Promise<void>((resolve) => (got.has(version) ? resolve() : (waiting = { version, resolve })));
  const text = seedCorpus(SEEDS, size);
  const uri = `file:///tmp/diaglat-${size}.txt`;
  const t0 = performance.now();
  s.open(uri, text, 'plaintext', 1);
  await wait(1);
  const first = performance.now() - t0;
  const lines = text.split('\n');
  const samples: number[] = [];
  let version = 1;
  for (let i = 0; i < edits; i++) {
    const line = Math.floor(((i * 7919) % lines.length));
    const ch = Math.floor(lines[line].length / 2);
    version++;
    const start = performance.now();
    void s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: `新${i}` }],
    });
    await wait(version);
    samples.push(got.get(version)! - start);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  console.log(`${size} chars: first diagnostics ${first.toFixed(0)} ms; edit -> diagnostics p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (${edits} edits)`);
  await s.stop();
}

(async () => {
  await measure(10_000, 60);
  await measure(1_000_000, 30);
})();
