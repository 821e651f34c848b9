// `zh-article annotate --learned`: the CLI applies what a workspace learned from corrections
// (the bundled CLI; run `node scripts/build.mjs` first).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../protocol/lspClient';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function annotate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, 'annotate', ...args], { encoding: 'utf8', timeout: 120_000 });
}

test('--learned applies a workspace learning history; without it the shipped behaviour stays', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-learned-'));
  try {
    fs.mkdirSync(path.join(ws, '.zh-article'));
    // A correction written as the editor writes it: 银华 is an organisation (the shipped model calls it a place).
    const correction = { text: '银华今年的业绩不错。', entities: [{ start: 0, end: 2, label: 'organization' }], at: 0 };
    fs.writeFileSync(path.join(ws, '.zh-article', 'learning.jsonl'), `${JSON.stringify(correction)}\nnot json\n`);
    const article = path.join(ws, 'a.txt');
    fs.writeFileSync(article, '投资者看好银华的新基金。\n');
    const labelOf = (stdout: string) => JSON.parse(stdout.trim()).entities.find((e: { text: string }) => e.text === '银华')?.label;

    const plain = annotate(article, '--json');
    assert.equal(plain.status, 0, plain.stderr);
    assert.notEqual(labelOf(plain.stdout), 'organization');

    const learned = annotate(article, '--json', '--learned', ws);
    assert.equal(learned.status, 0, learned.stderr);
    assert.equal(labelOf(learned.stdout), 'organization');
    assert.match(learned.stderr, /learned from 1 correction\(s\).*unreadable lines left out: 2/);

    const missing = annotate(article, '--learned', path.join(ws, 'nowhere'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no learning history/);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('annotate --jsonl takes --date and --learned as annotate does for files, on one thread and on two', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-learned-jsonl-'));
  try {
    fs.mkdirSync(path.join(ws, '.zh-article'));
    const correction = { text: '银华今年的业绩不错。', entities: [{ start: 0, end: 2, label: 'organization' }], at: 0 };
    fs.writeFileSync(path.join(ws, '.zh-article', 'learning.jsonl'), `${JSON.stringify(correction)}\n`);
    const input = path.join(ws, 'in.jsonl');
    // Enough records for two threads to share them.
    const records = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: i, text: i % 2 ? '投资者看好银华的新基金。' : '代表团于9月14日抵达会场。' }));
    fs.writeFileSync(input, `${records.join('\n')}\n`);
    const run = (...args: string[]) => {
      const r = annotate('--jsonl', input, ...args);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; entities: { text: string; label: string; value?: unknown }[] });
    };
    const dateOf = (rows: ReturnType<typeof run>) => rows[0].entities.find((e) => e.label === 'date')?.value;
    const labelOf = (rows: ReturnType<typeof run>) => rows[1].entities.find((e) => e.text === '银华')?.label;
    for (const jobs of ['1', '2']) {
      const plain = run('--jobs', jobs);
      assert.equal(dateOf(plain), 'XXXX-09-14');
      assert.notEqual(labelOf(plain), 'organization');
      const set = run('--jobs', jobs, '--date', '2020-09-01', '--learned', ws);
      assert.equal(dateOf(set), '2020-09-14');
      assert.equal(labelOf(set), 'organization');
      assert.ok(set.every((r, i) => r.id === i), 'records stay in input order');
    }
    assert.equal(annotate('--jsonl', input, '--date', '14/9/2020').status, 2);
    const missing = annotate('--jsonl', input, '--learned', path.join(ws, 'nowhere'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no learning history/);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
