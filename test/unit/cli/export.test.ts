// The bundled CLI (dist/cli.js + dist/worker.js; run `node scripts/build.mjs` first) exporting the
// seeds in every format, with a sidecar's manual decisions, and failing clearly on bad input.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, serializeSidecar, sidecarPathFor } from '../../../server/src/core/annotations';
import { EXPORT_FORMATS } from '../../../server/src/core/export';
import { checkExportFolder } from './exportChecks';
import { GOLD, ROOT, SEEDS } from '../../protocol/lspClient';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const seeds = new Map(fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => [f.replace(/\.txt$/, ''), fs.readFileSync(path.join(SEEDS, f), 'utf8')]));

describe('zh-article export', () => {
  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'worker.js')), 'dist/worker.js is bundled next to the CLI');
  });

  for (const format of EXPORT_FORMATS) {
    test(`exports the five seeds as ${format}`, () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), `zh-cli-${format}-`));
      const r = cli('export', SEEDS, '--format', format, '--out', out);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /\[5\/5\]/, 'progress on stderr');
      const spans = checkExportFolder(format, out, seeds);
      assert.ok(spans.length > 100, `${spans.length} spans`);
      // 長沙 (seed 000) and 蒲建宇 (seed 002) are found in every format.
      assert.ok(spans.some((s) => s.text.includes('長沙') && /LOC|ORG/.test(s.label)));
      assert.ok(spans.some((s) => s.text === '蒲建宇' && s.label === 'PER'));
    });
  }

  test('utf16 offsets, a label filter, and manual decisions from the sidecar', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-cli-sidecar-'));
    const name = [...seeds.keys()].find((k) => k.startsWith('002'))!;
    const text = seeds.get(name)!;
    const file = path.join(dir, `${name}.txt`);
    fs.writeFileSync(file, text);
    const store = new AnnotationStore(text);
    const at = text.indexOf('政工简讯');
    store.addManual(at, at + 4, 'work');
    const p = text.indexOf('蒲建宇');
    store.reject({ start: p, end: p + 3, label: 'person', text: '蒲建宇' });
    fs.writeFileSync(sidecarPathFor(file), serializeSidecar(store.toSidecar()));

    const out = path.join(dir, 'out');
    const r = cli('export', file, '--format', 'jsonl', '--out', out, '--offsets', 'utf16', '--labels', 'PER,WORK');
    assert.equal(r.code, 0, r.stderr);
    const spans = checkExportFolder('jsonl', out, new Map([[name, text]]), 'utf16');
    assert.deepEqual([...new Set(spans.map((s) => s.label))].sort(), ['PER', 'WORK']);
    assert.ok(spans.some((s) => s.start === at && s.text === '政工简讯' && s.source === 'manual'));
    assert.ok(!spans.some((s) => s.start === p && s.text === '蒲建宇'), 'the rejected automatic span is not exported');
    assert.doesNotMatch(r.stderr, /no entity type/);
    // A typo of an entity type is a well-formed custom label name: exported as asked, but said.
    const typo = cli('export', file, '--format', 'jsonl', '--out', path.join(dir, 'typo'), '--labels', 'LOCATON');
    assert.equal(typo.code, 0, typo.stderr);
    assert.match(typo.stderr, /"LOCATON" in --labels is no entity type \(PER, LOC, ORG/);

    const manualOut = path.join(dir, 'manual');
    assert.equal(cli('export', file, '--format', 'csv', '--out', manualOut, '--manual-only').code, 0);
    const manual = checkExportFolder('csv', manualOut, new Map([[name, text]]));
    assert.deepEqual(manual.map((s) => [s.label, s.text, s.source]), [['WORK', '政工简讯', 'manual']]);
  });

  test('--repaired exports the repaired text of seed 000 (the gold text)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-cli-repaired-'));
    const seed = path.join(SEEDS, [...seeds.keys()].find((k) => k.startsWith('000'))! + '.txt');
    const r = cli('export', seed, '--format', 'brat', '--out', out, '--repaired');
    assert.equal(r.code, 0, r.stderr);
    const gold = fs.readFileSync(path.join(GOLD, path.basename(seed)), 'utf8');
    const stem = path.basename(seed, '.txt');
    assert.equal(fs.readFileSync(path.join(out, `${stem}.txt`), 'utf8'), gold);
    checkExportFolder('brat', out, new Map([[stem, gold]]));
  });

  test('bad input: unknown format, missing file, missing --out, corrupt sidecar', () => {
    const unknown = cli('export', SEEDS, '--format', 'xml', '--out', os.tmpdir());
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown format "xml"; expected one of jsonl, brat, conll, labelstudio, csv/);
    const missing = cli('export', '/nonexistent/article.txt', '--format', 'jsonl', '--out', os.tmpdir());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: \/nonexistent\/article.txt/);
    const noOut = cli('export', SEEDS, '--format', 'jsonl');
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out PATH is required/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-cli-corrupt-'));
    const [a, b] = [...seeds.keys()].slice(0, 2);
    fs.writeFileSync(path.join(dir, `${a}.txt`), seeds.get(a)!);
    fs.writeFileSync(path.join(dir, `${b}.txt`), seeds.get(b)!);
    fs.writeFileSync(path.join(dir, `${a}.annotations.json`), '{ broken');
    const r = cli('export', dir, '--format', 'jsonl', '--out', path.join(dir, 'out'));
    assert.equal(r.code, 1, 'one article failed');
    assert.match(r.stderr, /annotations\.json: annotation file is corrupt/);
    // The other article is still exported, and the corrupt file is untouched.
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'annotations.jsonl'), 'utf8').trimEnd().split('\n').length, 1);
    assert.equal(fs.readFileSync(path.join(dir, `${a}.annotations.json`), 'utf8'), '{ broken');
  });

  test('a worker process that crashes on an article is replaced and the article retried once; a second crash fails that article only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-export-fault-'));
    const fault = path.join(dir, 'fault');
    const articles = path.join(dir, 'articles');
    fs.mkdirSync(articles);
    // Two copies of the seeds: over 64 KB, so that the export starts two workers (it starts no
    // more than its input has 64 KB).
    for (const copy of ['a', 'b']) for (const [name, text] of seeds) fs.writeFileSync(path.join(articles, `${copy}-${name}.txt`), text);
    fs.writeFileSync(path.join(articles, 'zz-crash.txt'), '此处崩溃。记者在北京采访了张明。\n');
    const lines = (out: string) => fs.readFileSync(path.join(out, 'annotations.jsonl'), 'utf8').trimEnd().split('\n');
    const clean = cli('export', articles, '--format', 'jsonl', '--out', path.join(dir, 'clean'), '--jobs', '1');
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(lines(path.join(dir, 'clean')).length, 2 * seeds.size + 1);

    fs.writeFileSync(fault, '此处崩溃');
    const once = cliWith({ ZH_ARTICLE_TEST_FAULT: fault }, 'export', articles, '--format', 'jsonl', '--out', path.join(dir, 'once'), '--jobs', '2');
    assert.ok(!fs.existsSync(fault), 'the fault happened');
    assert.equal(once.code, 0, once.stderr);
    assert.match(once.stderr, /a worker process was killed by SIGABRT on .*zz-crash\.txt; retrying it on a new one/);
    assert.deepEqual(lines(path.join(dir, 'once')), lines(path.join(dir, 'clean')), 'nothing lost, in the same order');

    fs.writeFileSync(fault, 'always 此处崩溃');
    const twice = cliWith({ ZH_ARTICLE_TEST_FAULT: fault }, 'export', articles, '--format', 'jsonl', '--out', path.join(dir, 'twice'), '--jobs', '2');
    assert.equal(twice.code, 1, twice.stderr);
    assert.match(twice.stderr, /zz-crash\.txt: the worker process analysing it was killed by SIGABRT twice/);
    assert.deepEqual(lines(path.join(dir, 'twice')), lines(path.join(dir, 'clean')).slice(0, 2 * seeds.size), 'the other articles exported');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
