// core/io/safeFiles.ts: regular files only, UTF-8 unless asked, atomic writes that never go
// through a symbolic link by accident, stale temporary files cleaned, folders made without looping.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import {
  decodeText,
  detectEncoding,
  encodeText,
  ensureDir,
  FileSafetyError,
  firstNonUtf8Byte,
  readRegularFile,
  removeStaleTemps,
  STALE_TEMP_AGE_MS,
  tempPathFor,
  writeFileAtomic,
} from '../../../server/src/core/io/safeFiles';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'zh-safe-'));
const TEXT = '记者今天从市政府获悉，新的公园将于下月开放。\n';

function deadPid(): number {
  // A child that has exited and been reaped: its pid is free (reuse within the test is unlikely).
  const out = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(out);
}

test('only regular files are read: a FIFO, /dev/zero behind a symlink and a folder are refused at once', () => {
  const dir = tmp();
  const fifo = path.join(dir, 'pipe.txt');
  execFileSync('mkfifo', [fifo]);
  const zero = path.join(dir, 'zero.txt');
  fs.symlinkSync('/dev/zero', zero);
  const t0 = Date.now();
  assert.throws(() => readRegularFile(fifo), (e: unknown) => e instanceof FileSafetyError && e.code === 'not-regular' && /FIFO/.test(e.message));
  assert.throws(() => readRegularFile(zero), (e: unknown) => e instanceof FileSafetyError && /character device/.test(e.message));
  assert.throws(() => readRegularFile(dir), (e: unknown) => e instanceof FileSafetyError && /folder/.test(e.message));
  assert.ok(Date.now() - t0 < 2000, 'nothing blocked');

  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, TEXT);
  const link = path.join(dir, 'link.txt');
  fs.symlinkSync(file, link);
  assert.equal(readRegularFile(link).toString('utf8'), TEXT, 'a link to a regular file is read');
  assert.throws(() => readRegularFile(file, 10), (e: unknown) => e instanceof FileSafetyError && e.code === 'too-large');
});

test('UTF-8 is read as is (a BOM dropped); GBK and UTF-16 are refused unless an encoding is given', () => {
  const utf8 = Buffer.from(TEXT, 'utf8');
  assert.deepEqual(decodeText(utf8, 'a'), { text: TEXT, encoding: 'utf-8', bom: false });
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'a'), { text: TEXT, encoding: 'utf-8', bom: true });

  const gbk = iconv.encode(TEXT, 'gbk');
  assert.equal(detectEncoding(gbk).encoding, 'gb18030');
  assert.throws(() => decodeText(gbk, 'g.txt'), (e: unknown) => e instanceof FileSafetyError && e.code === 'encoding' && /g\.txt is not UTF-8.*GB18030/.test(e.message));
  assert.equal(decodeText(gbk, 'g.txt', { encoding: 'gbk' }).text, TEXT);
  assert.equal(decodeText(gbk, 'g.txt', { encoding: 'auto' }).text, TEXT);

  const utf16 = iconv.encode(TEXT, 'utf-16le', { addBOM: true });
  assert.deepEqual(detectEncoding(utf16), { encoding: 'utf-16le', bom: true });
  assert.throws(() => decodeText(utf16, 'u.txt'), /UTF-16LE \(it starts with a byte-order mark\)/);
  // The BOM is authoritative whatever encoding was named for BOM-less files.
  assert.deepEqual(decodeText(utf16, 'u.txt', { encoding: 'gbk' }), { text: TEXT, encoding: 'utf-16le', bom: true });
  assert.deepEqual(encodeText(TEXT, 'utf-16le', true), utf16);
  assert.throws(() => decodeText(Buffer.from([0x41, 0xff, 0xfe, 0xfd, 0x80]), 'x', { encoding: 'auto' }), /could not be recognized/);
});

test('a file with a UTF-8 mark and a line in another encoding is refused with that line, or read with U+FFFD when UTF-8 is asked for', () => {
  const mixed = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('第一行\n第二行\n', 'utf8'), iconv.encode('第三行', 'gbk'), Buffer.from('\n', 'utf8')]);
  assert.equal(detectEncoding(mixed).firstNonUtf8Line, 3);
  assert.throws(
    () => decodeText(mixed, 'm.txt'),
    (e: unknown) => e instanceof FileSafetyError && e.code === 'encoding' && /m\.txt mixes UTF-8 and GBK: line 3 is GBK; --encoding auto reads each line/.test(e.message),
  );
  // A named encoding for BOM-less files does not override the mark.
  assert.throws(() => decodeText(mixed, 'm.txt', { encoding: 'gbk' }), /line 3/);
  // A foreign line that GBK cannot read either: refused with its line, or read as U+FFFD on request.
  const broken = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('第一行\n', 'utf8'), Buffer.from([0x41, 0xff, 0x0a])]);
  assert.throws(() => decodeText(broken, 'b.txt', { encoding: 'auto' }), /b\.txt starts with a UTF-8 byte-order mark but line 2 has bytes that are not UTF-8/);
  assert.equal(decodeText(broken, 'b.txt', { encoding: 'utf-8' }).text, '第一行\nA\ufffd\n');
  const lossy = decodeText(mixed, 'm.txt', { encoding: 'utf-8' });
  assert.equal(lossy.gbkLines, undefined);
  assert.equal(lossy.bom, true);
  assert.ok(lossy.text.startsWith('第一行\n第二行\n') && lossy.text.includes('\ufffd'));
  // Every foreign line reads cleanly as GBK: --encoding auto reads each line in its own encoding.
  assert.deepEqual(detectEncoding(mixed).gbkLines, [3]);
  assert.deepEqual(decodeText(mixed, 'm.txt', { encoding: 'auto' }), { text: '第一行\n第二行\n第三行\n', encoding: 'utf-8', bom: true, gbkLines: [3] });
  const noBom = Buffer.concat([iconv.encode('甲乙丙\r\n', 'gbk'), Buffer.from('丁戊\n', 'utf8'), iconv.encode('己庚辛', 'gbk')]);
  assert.deepEqual(decodeText(noBom, 'n.txt', { encoding: 'auto' }), { text: '甲乙丙\r\n丁戊\n己庚辛', encoding: 'utf-8', bom: false, gbkLines: [1, 3] });
  // Without a mark: where the first non-UTF-8 byte is.
  const noMark = Buffer.concat([Buffer.from('abc\n', 'utf8'), Buffer.from([0xff, 0xfe, 0x41])]);
  assert.throws(() => decodeText(noMark, 'n.txt'), /could not be recognized \(line 2 is the first with bytes that are not UTF-8\)/);
});

test('firstNonUtf8Byte follows RFC 3629: overlong forms, surrogates, truncated sequences and bytes above U+10FFFF are not UTF-8', () => {
  assert.equal(firstNonUtf8Byte(Buffer.from('中文 ok 😀', 'utf8')), -1);
  assert.equal(firstNonUtf8Byte(Buffer.from([0x41, 0xc0, 0x80])), 1); // overlong NUL
  assert.equal(firstNonUtf8Byte(Buffer.from([0x41, 0xe0, 0x80, 0x80])), 1); // overlong
  assert.equal(firstNonUtf8Byte(Buffer.from([0xed, 0xa0, 0x80])), 0); // a surrogate
  assert.equal(firstNonUtf8Byte(Buffer.from([0x41, 0x42, 0xe4, 0xb8])), 2); // cut short
  assert.equal(firstNonUtf8Byte(Buffer.from([0xf4, 0x90, 0x80, 0x80])), 0); // above U+10FFFF
  for (const s of ['a', '中', '😀', 'é€']) {
    const b = Buffer.from(s, 'utf8');
    assert.equal(firstNonUtf8Byte(b), -1, s);
  }
});

test('ensureDir fails at once where a parent cannot hold folders, and makes nested folders', () => {
  const t0 = Date.now();
  assert.throws(() => ensureDir('/proc/1/nope/deeper'), /cannot create the folder \/proc\/1\/nope/);
  assert.ok(Date.now() - t0 < 2000);
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'file'), '');
  assert.throws(() => ensureDir(path.join(dir, 'file', 'sub')), (e: unknown) => e instanceof FileSafetyError && e.code === 'not-folder');
  ensureDir(path.join(dir, 'a', 'b', 'c'));
  assert.ok(fs.statSync(path.join(dir, 'a', 'b', 'c')).isDirectory());
  ensureDir(path.join(dir, 'a', 'b', 'c'));
});

test('writeFileAtomic: never through a symlink unless told how; keeps the mode; no temp file left', () => {
  const dir = tmp();
  const victim = path.join(dir, 'victim.txt');
  fs.writeFileSync(victim, TEXT);
  const out = path.join(dir, 'out.json');
  fs.symlinkSync(victim, out);
  assert.throws(() => writeFileAtomic(out, 'x'), (e: unknown) => e instanceof FileSafetyError && e.code === 'symlink');
  assert.equal(fs.readFileSync(victim, 'utf8'), TEXT);

  assert.equal(writeFileAtomic(out, 'replaced', { symlink: 'replace' }), out);
  assert.ok(fs.lstatSync(out).isFile(), 'the link itself was replaced');
  assert.equal(fs.readFileSync(victim, 'utf8'), TEXT, 'its target untouched');

  const store = path.join(dir, 'store');
  fs.mkdirSync(store);
  const real = path.join(store, 'real.json');
  fs.writeFileSync(real, 'old');
  fs.chmodSync(real, 0o640);
  const link = path.join(dir, 'link.json');
  fs.symlinkSync(real, link);
  assert.equal(writeFileAtomic(link, 'new', { symlink: 'target' }), real);
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link stays');
  assert.equal(fs.readFileSync(real, 'utf8'), 'new');
  assert.equal(fs.statSync(real).mode & 0o777, 0o640, 'the permissions of the replaced file are kept');

  const dangling = path.join(dir, 'dangling.json');
  fs.symlinkSync(path.join(dir, 'nowhere', 'x.json'), dangling);
  assert.throws(() => writeFileAtomic(dangling, 'x', { symlink: 'target' }), /symbolic link to a missing file/);
  assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
  assert.deepEqual(fs.readdirSync(store).filter((n) => n.endsWith('.tmp')), []);
  assert.notEqual(tempPathFor(real), tempPathFor(real), 'temporary names are unique per write');
});

test('removeStaleTemps takes away the temp files of dead writers and old ones, not live or foreign files', () => {
  const dir = tmp();
  const file = path.join(dir, 'a.annotations.json');
  const dead = path.join(dir, `.a.annotations.json.${deadPid()}-0a1b2c.tmp`);
  const legacy = path.join(dir, `.a.annotations.json.${deadPid()}.lq3k9x.tmp`);
  const live = tempPathFor(file);
  const old = path.join(dir, `.a.annotations.json.${process.pid}-ffff.tmp`);
  const other = path.join(dir, `.b.annotations.json.${deadPid()}-0a1b2c.tmp`);
  for (const f of [dead, legacy, live, old, other]) fs.writeFileSync(f, '{');
  const past = new Date(Date.now() - STALE_TEMP_AGE_MS - 60_000);
  fs.utimesSync(old, past, past);
  assert.deepEqual(removeStaleTemps(file).sort(), [dead, legacy, old].sort());
  assert.ok(fs.existsSync(live) && fs.existsSync(other));
});
