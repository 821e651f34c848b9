// `zh-article adjudicate`: two annotators' sidecars into a curated third (the bundled CLI; build first).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../protocol/lspClient';
import { hashText, parseSidecar, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION, type SidecarSpan } from '../../../server/src/core/annotations/sidecar';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (input: string, ...args: string[]) => spawnSync(process.execPath, [CLI, 'adjudicate', ...args], { encoding: 'utf8', input, timeout: 60_000 });

test('adjudicate walks the disagreements, writes each answer at once, and resumes where it stopped', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-adjudicate-'));
  try {
    // 𠀀 is one code point: offsets after it are code points, as sidecars store them.
    const text = '𠀀王明在上海银行工作，李华在北京。';
    const article = path.join(dir, 'news.txt');
    fs.writeFileSync(article, text);
    const span = (start: number, end: number, label: SidecarSpan['label']): SidecarSpan => ({ start, end, label, text: [...text].slice(start, end).join(''), source: 'manual' });
    const side = (file: string, spans: SidecarSpan[]) => {
      fs.writeFileSync(path.join(dir, file), serializeSidecar({ format: SIDECAR_FORMAT, version: SIDECAR_VERSION, textHash: hashText(text), offsets: 'codepoint', spans, rejected: [] }));
      return path.join(dir, file);
    };
    const a = side('alice.json', [span(1, 3, 'person'), span(4, 8, 'organization'), span(14, 16, 'location')]);
    const b = side('bob.json', [span(1, 3, 'person'), span(4, 6, 'location'), span(11, 13, 'person')]);
    const curated = path.join(dir, 'news.annotations.json');

    // First sitting: B for the bank, then quit.
    const first = run('b\nq\n', article, a, b);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /1 agreed span\(s\), 3 disagreement\(s\), 0 already decided/);
    assert.match(first.stdout, /【上海银行】/);
    let s = parseSidecar(fs.readFileSync(curated, 'utf8'));
    assert.deepEqual(s.spans.map((x) => x.text), ['王明', '上海']);
    assert.deepEqual(s.rejected.map((x) => x.text), ['上海银行']);
    assert.match(first.stdout, /2 left \(run again to continue\)/);

    // Second sitting: the bank is not asked again; an unknown answer is asked again.
    const second = run('maybe\nb\nn\n', article, a, b);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /1 already decided/);
    assert.doesNotMatch(second.stdout, /【上海银行】/);
    assert.match(second.stdout, /answer a, b, n, s or q/);
    assert.match(second.stdout, /every disagreement is decided/);
    s = parseSidecar(fs.readFileSync(curated, 'utf8'));
    assert.deepEqual(s.spans.map((x) => x.text), ['王明', '上海', '李华']);
    assert.deepEqual(s.rejected.map((x) => x.text).sort(), ['上海银行', '北京'].sort());

    // The curated file is a third file: never one of the annotators' own.
    const refused = run('', article, a, b, '--out', a);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /third file/);
    assert.equal(fs.readFileSync(a, 'utf8').includes('上海银行'), true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
