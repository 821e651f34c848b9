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
    // A correction written as the editor writes it: 华宝 is an organisation (the shipped model says person).
    const correction = { text: '华宝今年的业绩不错。', entities: [{ start: 0, end: 2, label: 'organization' }], at: 0 };
    fs.writeFileSync(path.join(ws, '.zh-article', 'learning.jsonl'), `${JSON.stringify(correction)}\nnot json\n`);
    const article = path.join(ws, 'a.txt');
    fs.writeFileSync(article, '投资者看好华宝的新基金。\n');
    const labelOf = (stdout: string) => JSON.parse(stdout.trim()).entities.find((e: { text: string }) => e.text === '华宝')?.label;

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
