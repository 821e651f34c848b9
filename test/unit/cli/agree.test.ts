// `zh-article agree`: two annotators' sidecars for one article (the bundled CLI; build first).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../protocol/lspClient';
import { hashText, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION, type SidecarSpan } from '../../../server/src/core/annotations/sidecar';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const agree = (...args: string[]) => spawnSync(process.execPath, [CLI, 'agree', ...args], { encoding: 'utf8', timeout: 60_000 });

test('agree reports F1 and kappa per label from two sidecars, and refuses a sidecar of another text', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-agree-'));
  try {
    // 𠀀 is one code point: offsets after it are code points, as sidecars store them.
    const text = '𠀀张三在北京工作。';
    const article = path.join(dir, 'a.txt');
    fs.writeFileSync(article, text);
    const side = (file: string, spans: SidecarSpan[], hash = hashText(text)) => {
      fs.writeFileSync(path.join(dir, file), serializeSidecar({ format: SIDECAR_FORMAT, version: SIDECAR_VERSION, textHash: hash, offsets: 'codepoint', spans, rejected: [] }));
      return path.join(dir, file);
    };
    const a = side('alice.json', [{ start: 1, end: 3, label: 'person', text: '张三', source: 'manual' }, { start: 4, end: 6, label: 'location', text: '北京', source: 'manual' }]);
    const b = side('bob.json', [{ start: 1, end: 3, label: 'person', text: '张三', source: 'manual' }, { start: 4, end: 6, label: 'organization', text: '北京', source: 'manual' }]);
    const r = agree(article, a, b, '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const person = report.labels.find((l: { label: string }) => l.label === 'person');
    assert.equal(person.f1, 1);
    assert.equal(person.kappa, 1);
    assert.equal(report.overall.both, 1);
    assert.equal(report.disagreements.length, 1);
    assert.deepEqual([report.disagreements[0].start, report.disagreements[0].end], [4, 6]);

    const table = agree(article, a, b);
    assert.match(table.stdout, /^person\s+1\s+1\s+1\s+1\.000\s+100\.00$/m);

    const stale = side('old.json', [], hashText('another text'));
    const refused = agree(article, a, stale);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /another version/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
