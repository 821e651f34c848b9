// core/io/exportOutput.ts: an export replaces only the files it wrote (its manifest says which,
// with their hashes), leaves identical files alone, and otherwise writes nothing unless forced.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXPORT_MANIFEST, planOutput, writeOutput } from '../../../server/src/core/io/exportOutput';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'zh-out-'));
const ARTICLE = '本报讯 市图书馆周末延长开放时间。\n';

test('a folder holding articles: an identical copy is left alone, a different one is a conflict and nothing is written', () => {
  const dir = tmp();
  const article = path.join(dir, 'a.txt');
  fs.writeFileSync(article, ARTICLE);
  const same = planOutput(dir, [{ name: 'a.txt', content: ARTICLE }, { name: 'a.ann', content: 'T1\tORG 0 3\t本报讯\n' }]);
  assert.deepEqual(same.conflicts, []);
  assert.deepEqual(same.files.map((f) => f.action), ['unchanged', 'create']);
  writeOutput(same);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, EXPORT_MANIFEST), 'utf8'));
  assert.deepEqual(Object.keys(manifest.files), ['a.ann'], 'an identical file found in place does not become the export\'s');

  const repaired = planOutput(dir, [{ name: 'a.txt', content: '本报讯 市图书馆周末延长开放时间\n' }]);
  assert.equal(repaired.conflicts.length, 1);
  assert.match(repaired.conflicts[0].reason, /not written by an export/);
  assert.throws(() => writeOutput(repaired), /would be overwritten/);
  assert.equal(fs.readFileSync(article, 'utf8'), ARTICLE);
});

test('files an export wrote are replaced; one edited since is not; --force replaces anything atomically', () => {
  const dir = path.join(tmp(), 'new', 'out');
  writeOutput(planOutput(dir, [{ name: 'annotations.jsonl', content: '{"a":1}\n' }]));
  const second = planOutput(dir, [{ name: 'annotations.jsonl', content: '{"a":2}\n' }]);
  assert.deepEqual(second.files.map((f) => f.action), ['replace']);
  writeOutput(second);
  assert.equal(fs.readFileSync(path.join(dir, 'annotations.jsonl'), 'utf8'), '{"a":2}\n');

  fs.appendFileSync(path.join(dir, 'annotations.jsonl'), '{"mine":true}\n');
  const edited = planOutput(dir, [{ name: 'annotations.jsonl', content: '{"a":3}\n' }]);
  assert.match(edited.conflicts[0]?.reason ?? '', /changed after an export wrote it/);
  const forced = planOutput(dir, [{ name: 'annotations.jsonl', content: '{"a":3}\n' }], { force: true });
  assert.deepEqual(forced.files.map((f) => f.action), ['overwrite']);
  writeOutput(forced);
  assert.equal(fs.readFileSync(path.join(dir, 'annotations.jsonl'), 'utf8'), '{"a":3}\n');
  assert.deepEqual(fs.readdirSync(dir).sort(), [EXPORT_MANIFEST, 'annotations.jsonl']);
});

test('a symbolic link at an output name is never written through; forced, the link itself is replaced', () => {
  const dir = tmp();
  const victim = path.join(dir, 'victim.txt');
  fs.writeFileSync(victim, ARTICLE);
  fs.symlinkSync(victim, path.join(dir, 'annotations.jsonl'));
  const plan = planOutput(dir, [{ name: 'annotations.jsonl', content: '{}\n' }]);
  assert.match(plan.conflicts[0]?.reason ?? '', /symbolic link/);
  writeOutput(planOutput(dir, [{ name: 'annotations.jsonl', content: '{}\n' }], { force: true }));
  assert.equal(fs.readFileSync(victim, 'utf8'), ARTICLE);
  assert.ok(fs.lstatSync(path.join(dir, 'annotations.jsonl')).isFile());
});

test('export names cannot leave the folder or replace the manifest', () => {
  const dir = tmp();
  assert.throws(() => planOutput(dir, [{ name: '../x.txt', content: '' }]), /may not be named/);
  assert.throws(() => planOutput(dir, [{ name: EXPORT_MANIFEST, content: '' }]), /may not be named/);
});

test('the temporary file of an export killed mid-write is removed by the next export into the folder', () => {
  const dir = tmp();
  const pid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
  const stray = path.join(dir, `.annotations.jsonl.${pid}-1a2b3c.tmp`);
  fs.writeFileSync(stray, '{"half":');
  writeOutput(planOutput(dir, [{ name: 'annotations.jsonl', content: '{}\n' }]));
  assert.deepEqual(fs.readdirSync(dir).sort(), [EXPORT_MANIFEST, 'annotations.jsonl']);
});
