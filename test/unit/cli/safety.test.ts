// The CLI never damages what it reads: exports into the articles' own folder leave them as they
// are, links are not written through, special files and foreign encodings are refused, a bad
// output folder fails at once. Exports run in-process (exportFiles); the command line itself
// (exit status, messages, stdin, --) through the bundled dist/cli.js.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { exportFiles } from '../../../server/src/cli/exportCommand';
import { collectArticleFiles } from '../../../server/src/cli/files';
import { EXPORT_FORMATS } from '../../../server/src/core/export';
import { ROOT, SEEDS } from '../../protocol/lspClient';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const tmp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error?.message.includes('ETIMEDOUT') ?? false };
}

function hashes(dir: string): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => [f, createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]),
  );
}

// An article of our own with a pinyin annotation the repair removes.
const SMALL = '新华社北京电 国务院总理李强今天在人民大会堂会见了来访的代表团。会议由王俏主持，負責(zé)人介绍了情况。\n';

describe('exports never write over the articles', () => {
  test('every format, original and repaired text, into a copy of the seeds folder: the 5 seeds are unchanged', async () => {
    const dir = tmp('zh-seeds-out-');
    for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt'))) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
    const before = hashes(dir);
    assert.equal(before.size, 5);
    const files = collectArticleFiles([dir]);
    for (const repaired of [false, true]) {
      for (const format of EXPORT_FORMATS) {
        const r = await exportFiles(files, { format, outDir: dir, offsets: 'codepoint', repaired });
        assert.deepEqual(r.failed, [], `${format}${repaired ? ' --repaired' : ''}`);
        if (format === 'brat' && repaired) {
          // NAME.txt of the repaired text would replace the crawled original: refused, nothing written.
          assert.ok(r.conflicts.length >= 4, `${r.conflicts.length} conflicts`);
          assert.ok(r.conflicts.every((c) => /\.txt$/.test(c.file) && /not written by an export/.test(c.reason)));
          assert.deepEqual(r.written, []);
        } else {
          assert.deepEqual(r.conflicts, [], `${format}${repaired ? ' --repaired' : ''}`);
          assert.ok(r.written.length > 0);
        }
        assert.deepEqual(hashes(dir), before, `${format}${repaired ? ' --repaired' : ''} changed a seed`);
      }
    }
    assert.ok(fs.existsSync(path.join(dir, '.zh-article-export.json')));
  });

  test('a symlink at an output name (annotations.jsonl → victim.txt) is not written through; --force replaces the link', async () => {
    const dir = tmp('zh-link-out-');
    const article = path.join(dir, 'article.txt');
    fs.writeFileSync(article, SMALL);
    const victim = path.join(tmp('zh-victim-'), 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.symlinkSync(victim, path.join(out, 'annotations.jsonl'));
    const refused = await exportFiles([article], { format: 'jsonl', outDir: out, offsets: 'codepoint' });
    assert.match(refused.conflicts[0]?.reason ?? '', /symbolic link/);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    const forced = await exportFiles([article], { format: 'jsonl', outDir: out, offsets: 'codepoint', force: true });
    assert.deepEqual(forced.conflicts, []);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    assert.ok(fs.lstatSync(path.join(out, 'annotations.jsonl')).isFile());
    assert.match(fs.readFileSync(path.join(out, 'annotations.jsonl'), 'utf8'), /李强/);
    // The export's own file is replaced by the next export without --force.
    const again = await exportFiles([article], { format: 'jsonl', outDir: out, offsets: 'utf16' });
    assert.deepEqual(again.conflicts, []);
    assert.match(fs.readFileSync(path.join(out, 'annotations.jsonl'), 'utf8'), /"offsets":"utf16"/);
  });

  test('an article that is not UTF-8 is refused by export unless --encoding names it', async () => {
    const dir = tmp('zh-gbk-export-');
    const gbk = path.join(dir, 'gbk.txt');
    fs.writeFileSync(gbk, iconv.encode(SMALL, 'gbk'));
    const refused = await exportFiles([gbk], { format: 'jsonl', outDir: path.join(dir, 'out'), offsets: 'codepoint' });
    assert.equal(refused.documents, 0);
    assert.match(refused.failed[0]?.error ?? '', /not UTF-8.*GB18030.*--encoding gb18030/);
    const read = await exportFiles([gbk], { format: 'jsonl', outDir: path.join(dir, 'out'), offsets: 'codepoint', encoding: 'gbk' });
    assert.equal(read.documents, 1);
    assert.match(fs.readFileSync(path.join(dir, 'out', 'annotations.jsonl'), 'utf8'), /李强/);
  });
});

describe('the zh-article command line', () => {
  before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`));

  test('dist/cli.js is executable and starts with a shebang (npx zh-article)', () => {
    assert.ok(fs.statSync(CLI).mode & 0o100, 'the owner may execute dist/cli.js');
    assert.ok(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const r = spawnSync(CLI, ['--help'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr ?? r.error?.message);
    assert.match(r.stdout, /usage: zh-article/);
  });

  test('export refuses to replace an article by its repaired brat copy (exit 1, nothing written), and a bad --out fails at once', () => {
    const dir = tmp('zh-cli-own-');
    const article = path.join(dir, 'a.txt');
    fs.writeFileSync(article, SMALL);
    const r = cli(['export', article, '--format', 'brat', '--repaired', '--out', dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /a\.txt exists and was not written by an export/);
    assert.match(r.stderr, /nothing written: 1 file\(s\).*--force/);
    assert.equal(fs.readFileSync(article, 'utf8'), SMALL);
    assert.deepEqual(fs.readdirSync(dir), ['a.txt']);

    const bad = cli(['export', article, '--format', 'jsonl', '--out', '/proc/1/nope']);
    assert.equal(bad.timedOut, false, 'mkdir did not spin');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /cannot create the folder \/proc\/1\/nope/);
  });

  test('annotate skips special files and foreign encodings with a message, reads - from stdin and honours --', () => {
    const dir = tmp('zh-cli-special-');
    fs.symlinkSync('/dev/zero', path.join(dir, 'a.txt'));
    execFileSync('mkfifo', [path.join(dir, 'b.txt')]);
    fs.writeFileSync(path.join(dir, 'c.txt'), iconv.encode(SMALL, 'gbk'));
    fs.writeFileSync(path.join(dir, 'd.txt'), iconv.encode(SMALL, 'utf-16le', { addBOM: true }));
    fs.writeFileSync(path.join(dir, 'e.txt'), SMALL);
    fs.writeFileSync(path.join(dir, '-x.txt'), SMALL);
    const r = cli(['annotate', '--json', dir]);
    assert.equal(r.timedOut, false, 'neither /dev/zero nor the FIFO held the CLI');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /a\.txt is a character device, not a regular file/);
    assert.match(r.stderr, /b\.txt is a FIFO, not a regular file/);
    assert.match(r.stderr, /c\.txt is not UTF-8 text: it looks like GB18030.*--encoding gb18030/);
    assert.match(r.stderr, /d\.txt is not UTF-8 text: it looks like UTF-16LE/);
    const done = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; entities: { text: string }[] });
    assert.deepEqual(done.map((d) => path.basename(d.file)), ['-x.txt', 'e.txt']);
    assert.ok(done[1].entities.some((e) => e.text === '李强'));

    const decoded = cli(['annotate', '--json', '--encoding', 'auto', path.join(dir, 'c.txt'), path.join(dir, 'd.txt')]);
    assert.equal(decoded.code, 0, decoded.stderr);
    assert.equal(decoded.stdout.trim().split('\n').filter((l) => l.includes('李强')).length, 2);

    const stdin = cli(['annotate', '--json', '--', '-', path.join(dir, '-x.txt')], SMALL);
    assert.equal(stdin.code, 0, stdin.stderr);
    const lines = stdin.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; entities: { text: string }[] });
    assert.deepEqual(lines.map((l) => path.basename(l.file)), ['-', '-x.txt']);
    assert.ok(lines[0].entities.some((e) => e.text === '李强'), 'the article came from standard input');
  });
});
