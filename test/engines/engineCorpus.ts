// What both engine tests share: the corpus (records from the seeds), the single-process
// reference output, and the skip-or-fail rule for a missing engine. The engines come from Debian
// (`parallel`, `python3-distributed`; .ci/run installs them): a developer machine without them
// skips with the install line, CI (CI=true) fails.
import type { TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, SEEDS } from '../protocol/lspClient';

export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The map step: one CLI process, one thread (the engine runs several of them). */
export const ANNOTATE = [process.execPath, CLI, 'annotate', '--jsonl', '--jobs', '1', '--quiet'];

/** Whether the engine is there; if not, skips the test (or fails it in CI) with the install line. */
export function need(t: TestContext, what: string, found: boolean, apt: string): boolean {
  if (found) return true;
  const msg = `${what} is not installed: apt-get install -y ${apt}`;
  if (process.env.CI === 'true') assert.fail(`${msg} (CI must run this test)`);
  t.skip(msg);
  return false;
}

/** Records from the seeds: every paragraph, and every whole article. */
function corpusLines(): string[] {
  const lines: string[] = [];
  for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt')).sort()) {
    const text = fs.readFileSync(path.join(SEEDS, f), 'utf8');
    text.split('\n').forEach((p, i) => {
      if (p.trim()) lines.push(JSON.stringify({ id: `${f}#${i}`, seed: f, text: p }));
    });
    lines.push(JSON.stringify({ id: f, seed: f, text }));
  }
  return lines;
}

export const rows = (s: string): unknown[] => s.split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** A folder with corpus.jsonl, and the CLI's output for it in one process. */
export function corpusAndReference(): { dir: string; corpus: string; lines: string[]; reference: unknown[] } {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-engines-'));
  const corpus = path.join(dir, 'corpus.jsonl');
  const lines = corpusLines();
  fs.writeFileSync(corpus, lines.join('\n') + '\n');
  const r = spawnSync(ANNOTATE[0], [...ANNOTATE.slice(1), corpus], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  const reference = rows(r.stdout);
  assert.equal(reference.length, lines.length);
  return { dir, corpus, lines, reference };
}
