import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { runFix } from '../../server/src/cli/fix';
import { repairText } from '../../server/src/core/artifacts';
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

// Our own damaged sentence: an injected pinyin annotation that fix removes.
const DAMAGED = '市政府負責(zé)人今天表示，新公园将于下月开放。\n';
const REPAIRED = '市政府負責人今天表示，新公园将于下月开放。\n';

test('zh-article fix refuses GBK and UTF-16 files (exit 1, file untouched) unless --encoding names theirs; then writes UTF-8', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-fix-enc-'));
  const gbk = path.join(dir, 'gbk.txt');
  const gbkBytes = iconv.encode(DAMAGED, 'gbk');
  fs.writeFileSync(gbk, gbkBytes);
  const utf16 = path.join(dir, 'utf16.txt');
  const utf16Bytes = iconv.encode(DAMAGED, 'utf-16le', { addBOM: true });
  fs.writeFileSync(utf16, utf16Bytes);

  let out = '';
  let err = '';
  assert.equal(runFix([dir], (s) => (out += s), { err: (s) => (err += s) }), 1);
  assert.match(err, /gbk\.txt is not UTF-8 text: it looks like GB18030.*--encoding gb18030/);
  assert.match(err, /utf16\.txt is not UTF-8 text: it looks like UTF-16LE \(it starts with a byte-order mark\)/);
  assert.deepEqual(fs.readFileSync(gbk), gbkBytes);
  assert.deepEqual(fs.readFileSync(utf16), utf16Bytes);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['gbk.txt', 'utf16.txt'], 'no backup, no temporary file');

  out = '';
  assert.equal(runFix([dir, '--encoding', 'auto'], (s) => (out += s), { err: (s) => (err += s) }), 0);
  assert.equal(fs.readFileSync(gbk, 'utf8'), REPAIRED);
  assert.equal(fs.readFileSync(utf16, 'utf8'), REPAIRED);
  assert.deepEqual(fs.readFileSync(`${gbk}.bak`), gbkBytes, 'the backup holds the original bytes');
  assert.deepEqual(fs.readFileSync(`${utf16}.bak`), utf16Bytes);
  assert.match(out, /gbk\.txt: repaired 1 pinyin annotation; converted from GB18030 to UTF-8/);
});

test('zh-article fix refuses a file of UTF-8 and GBK lines, naming them; with --encoding auto it reads each line in its own encoding and writes UTF-8', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-fix-mixed-'));
  const file = path.join(dir, 'mixed.txt');
  const bytes = Buffer.concat([Buffer.from('记者今天从市政府获悉，\n', 'utf8'), iconv.encode('新的公园将于下月开放。\n', 'gbk'), Buffer.from('市民可免费入园。\n', 'utf8')]);
  fs.writeFileSync(file, bytes);
  let out = '';
  let err = '';
  assert.equal(runFix([file], (s) => (out += s), { err: (s) => (err += s) }), 1);
  assert.match(err, /mixed\.txt mixes UTF-8 and GBK: line 2 is GBK; --encoding auto reads each line in its own encoding; nothing was read or written/);
  assert.deepEqual(fs.readFileSync(file), bytes);
  assert.equal(runFix([file, '--encoding', 'auto'], (s) => (out += s), { err: (s) => (err += s) }), 0);
  assert.equal(fs.readFileSync(file, 'utf8'), '记者今天从市政府获悉，\n新的公园将于下月开放。\n市民可免费入园。\n');
  assert.deepEqual(fs.readFileSync(`${file}.bak`), bytes);
  assert.match(out, /mixed\.txt: clean; converted from GBK on line 2 to UTF-8/);
});

test('zh-article fix --force never overwrites a backup: it writes the next numbered one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-fix-bak-'));
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, DAMAGED);
  fs.writeFileSync(`${file}.bak`, 'the first original');
  fs.writeFileSync(`${file}.bak.1`, 'the second original');
  assert.throws(() => runFix([file], () => undefined), UsageError);
  assert.equal(fs.readFileSync(file, 'utf8'), DAMAGED);
  assert.equal(runFix([file, '--force'], () => undefined), 0);
  assert.equal(fs.readFileSync(file, 'utf8'), REPAIRED);
  assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), 'the first original');
  assert.equal(fs.readFileSync(`${file}.bak.1`, 'utf8'), 'the second original');
  assert.equal(fs.readFileSync(`${file}.bak.2`, 'utf8'), DAMAGED);
});

test('zh-article fix - repairs standard input to standard output; a UTF-8 BOM is kept; -- ends the options', () => {
  let data = Buffer.alloc(0);
  let err = '';
  const io = { stdin: () => Buffer.from('\ufeff' + DAMAGED, 'utf8'), data: (b: Uint8Array) => (data = Buffer.concat([data, b])), err: (s: string) => (err += s) };
  assert.equal(runFix(['-'], () => undefined, io), 0);
  assert.equal(data.toString('utf8'), '\ufeff' + REPAIRED);
  assert.match(err, /-: repaired 1 pinyin annotation/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-fix-dash-'));
  const odd = path.join(dir, '--check.txt');
  fs.writeFileSync(odd, DAMAGED);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    // Without --, "--check.txt" would be the option --check.txt.
    assert.equal(runFix(['--', '--check.txt'], () => undefined), 0);
  } finally {
    process.chdir(cwd);
  }
  assert.equal(fs.readFileSync(odd, 'utf8'), REPAIRED);
});

test('zh-article fix never calls a file with unrepairable artifacts clean; --check sums up per file; --strict fails on leftovers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-fix-left-'));
  const file = path.join(dir, 'lost.txt');
  // A name whose last character was lost everywhere, and one injected comma.
  const text = '記者見到林書?,她說很好,,大家都來了。\n林書?笑了。\n';
  fs.writeFileSync(file, text);

  let out = '';
  assert.equal(runFix([file, '--check'], (s) => (out += s)), 1);
  assert.match(out, /lost\.txt: would repair extra_comma 1; left question_mark_gap 2; confidence 1\.000/);
  assert.equal(fs.readFileSync(file, 'utf8'), text);

  out = '';
  assert.equal(runFix([file, '--strict'], (s) => (out += s)), 1);
  assert.match(out, /repaired 1 injected comma; 2 left for review/);
  assert.doesNotMatch(out, /clean/);

  out = '';
  assert.equal(runFix([file, '--force'], (s) => (out += s)), 0, 'without --strict leftovers are reported, not failed');
  assert.match(out, /nothing repaired; 2 left for review/);
});

test('zh-article fix and repairText keep the editor\'s limit: a fix-all deleting most of the Chinese text is not made', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-fix-limit-'));
  try {
    // Our own paragraph, written four times: three later copies are "repeats" worth 75 % of the text.
    const para = '市图书馆周末延长开放时间，读者可以在晚上九点前借还图书，馆方表示这一安排将持续到年底。';
    const text = `${[para, para, para, para].join('\n')}\n`;
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, text);
    let out = '';
    let errors = '';
    assert.equal(runFix([file], (s) => (out += s), { err: (s) => (errors += s) }), 1);
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'the file is left as it was');
    assert.ok(!fs.existsSync(`${file}.bak`));
    assert.match(errors, /nothing repaired: fixing all would delete 120 of the 160 Chinese characters/);
    const repaired = repairText(text);
    assert.equal(repaired.text, text);
    assert.deepEqual(repaired.applied, []);
    assert.match(repaired.refused ?? '', /120 of the 160/);
    // Two copies: half of the text, within the limit, repaired as before.
    const two = `${para}\n${para}\n`;
    assert.equal(repairText(two).text, `${para}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
