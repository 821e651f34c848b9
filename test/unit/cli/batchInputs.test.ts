// The bundled CLI's batch mode on its inputs (dist/cli.js; run `node scripts/build.mjs` first):
// files and stdin in one run, usage errors, empty input, and fix --jsonl on a damaged seed.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GOLD, ROOT, SEEDS, seedPath } from '../../protocol/lspClient';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 240_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, rows: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('zh-article annotate --jsonl / fix --jsonl inputs', () => {
  before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`));

  test('files and - (stdin) in order, errors naming their file; usage errors exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-batch-'));
    const a = path.join(dir, 'a.jsonl');
    const b = path.join(dir, 'b.jsonl');
    fs.writeFileSync(a, `${JSON.stringify({ id: 'a1', text: '上海' })}\n[]\n`);
    fs.writeFileSync(b, JSON.stringify({ id: 'b1', text: '北京' }));
    const r = cli(['annotate', '--jsonl', a, '-', b, '--quiet', '--jobs', '1'], `${JSON.stringify({ id: 's1', text: '广州' })}\n`);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.rows.map((x) => x.id ?? `${x.file}:${x.line}`), ['a1', `${a}:2`, 's1', 'b1']);
    assert.equal(cli(['annotate', '--jsonl', '--jobs', '0'], '').code, 2);
    assert.equal(cli(['annotate', '--jsonl', dir], '').code, 2);
    assert.equal(cli(['fix', '--jsonl', path.join(dir, 'missing.jsonl')], '').code, 2);
    const empty = cli(['annotate', '--jsonl'], '');
    assert.equal(empty.code, 0, 'no records is not an error');
    assert.equal(empty.stdout, '');
    assert.match(empty.stderr, /annotated 0 records \(0 errors\) .* 0 job\(s\)/, 'no worker (no analyzer) started for no input');
  });

  test('fix --jsonl repairs seed 000 to its gold text', () => {
    const name = path.basename(seedPath('000'));
    const input = JSON.stringify({ id: name, text: fs.readFileSync(path.join(SEEDS, name), 'utf8') });
    const r = cli(['fix', '--jsonl', '--quiet', '--jobs', '1'], input);
    assert.equal(r.code, 0, r.stderr);
    const [row] = r.rows as { id: string; text: string; repairs: unknown[]; entities: { start: number; end: number; text: string }[] }[];
    assert.equal(row.id, name);
    assert.equal(row.text, fs.readFileSync(path.join(GOLD, name), 'utf8'));
    assert.ok(row.repairs.length > 100);
    const cps = [...row.text];
    for (const e of row.entities) assert.equal(cps.slice(e.start, e.end).join(''), e.text);
  });
});
