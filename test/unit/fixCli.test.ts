import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFix } from '../../server/src/cli/fix';
import { UsageError } from '../../server/src/cli/files';
import { GOLD, seedPath } from '../protocol/lspClient';

test('zh-article fix --check lists artifacts and fails; fix repairs to gold with a backup', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-fix-'));
  const name = path.basename(seedPath('000'));
  const file = path.join(dir, name);
  fs.copyFileSync(seedPath('000'), file);
  const original = fs.readFileSync(file, 'utf8');

  let out = '';
  assert.equal(runFix([dir, '--check'], (s) => (out += s)), 1);
  assert.match(out, new RegExp(`${name}:2:\\d+ extra_comma: `));
  assert.match(out, /262 artifacts in 1 files/);
  assert.equal(fs.readFileSync(file, 'utf8'), original, '--check writes nothing');

  out = '';
  assert.equal(runFix([file], (s) => (out += s)), 0);
  assert.equal(fs.readFileSync(file, 'utf8'), fs.readFileSync(path.join(GOLD, name), 'utf8'));
  assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), original);
  assert.match(out, /repaired 136 pinyin annotations, 123 injected commas, 2 broken character clusters, 1 boilerplate line/);

  out = '';
  assert.equal(runFix([file, '--check'], (s) => (out += s)), 0);
  assert.match(out, /no artifacts in 1 files/);
  fs.writeFileSync(file, original);
  assert.throws(() => runFix([file], () => undefined), UsageError, 'refuses to overwrite an existing backup');
  assert.equal(fs.readFileSync(file, 'utf8'), original);
  assert.throws(() => runFix([path.join(dir, 'missing.txt')], () => undefined), UsageError);
  assert.throws(() => runFix([file, '--bogus'], () => undefined), UsageError);
});
