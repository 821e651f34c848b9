import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { SEEDS_DIR } from '../../sharedDir';
import {
  SidecarError,
  hashText,
  isSidecarPath,
  parseSidecar,
  serializeSidecar,
  sidecarPathFor,
  type Sidecar,
} from '../../../server/src/core/annotations';

const seed = fs.readFileSync(`${SEEDS_DIR}/000_7e16d8b1ec49b37b.txt`, 'utf8');

const sample: Sidecar = {
  format: 'zh-article-annotations',
  version: 1,
  textHash: hashText(seed),
  offsets: 'codepoint',
  spans: [
    { start: 13, end: 20, label: 'organization', text: '長沙市委老干部局', source: 'manual', note: 'whole bureau' },
    { start: 0, end: 4, label: 'work', text: '聚力同心', source: 'manual' },
  ],
  rejected: [{ start: 13, end: 15, label: 'location', text: '長沙' }],
};

test('hashText is sha256 of the UTF-8 bytes', () => {
  assert.equal(hashText(''), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  // sha256sum of the four UTF-8 bytes F0 A0 80 80 (not of the two UTF-16 code units).
  assert.equal(hashText('𠀀'), 'sha256:b7f1d99f1b642c1c4d9aa82cc46b4f180698f0c85b3c4064acd12adbef9b0590');
  assert.match(hashText(seed), /^sha256:[0-9a-f]{64}$/);
  assert.notEqual(hashText(seed), hashText(seed + ' '));
});

test('sidecarPathFor puts the file next to the article, replacing the extension', () => {
  assert.equal(sidecarPathFor('/work/shared/seeds/000_7e16d8b1ec49b37b.txt'), '/work/shared/seeds/000_7e16d8b1ec49b37b.annotations.json');
  assert.equal(sidecarPathFor('C:\\news\\長沙.txt'), 'C:\\news\\長沙.annotations.json');
  assert.equal(sidecarPathFor('dir.v2/README'), 'dir.v2/README.annotations.json');
  assert.equal(sidecarPathFor('dir/.hidden'), 'dir/.hidden.annotations.json');
  assert.ok(isSidecarPath(sidecarPathFor('a/b.txt')));
  assert.ok(!isSidecarPath('a/b.txt'));
});

test('serializeSidecar is stable: sorted, fixed key order, one item per line, parse round-trips', () => {
  const out = serializeSidecar(sample);
  const lines = out.split('\n');
  assert.equal(lines[0], '{');
  assert.equal(lines[1], '  "format": "zh-article-annotations",');
  assert.equal(lines[6], '    {"start":0,"end":4,"label":"work","text":"聚力同心","source":"manual"},');
  assert.equal(lines[7], '    {"start":13,"end":20,"label":"organization","text":"長沙市委老干部局","source":"manual","note":"whole bureau"}');
  assert.ok(out.endsWith('}\n'));
  const back = parseSidecar(out);
  assert.deepEqual(back.spans.map((s) => s.start), [0, 13]);
  assert.equal(serializeSidecar(back), out);
  assert.equal(serializeSidecar({ ...sample, spans: [...sample.spans].reverse() }), out);
});

function kindOf(json: string): string {
  try {
    parseSidecar(json);
  } catch (e) {
    assert.ok(e instanceof SidecarError);
    return `${e.kind}: ${e.message}`;
  }
  return 'parsed';
}

test('a corrupt, foreign or newer sidecar throws SidecarError with a clear message', () => {
  const good = serializeSidecar(sample);
  assert.match(kindOf(good.slice(0, 60)), /^corrupt: annotation file is corrupt: not valid JSON/);
  assert.match(kindOf('[]'), /^wrong-format: not an annotation file/);
  assert.match(kindOf(JSON.stringify({ format: 'doccano' })), /^wrong-format: .*"format" is "doccano"/);
  assert.match(kindOf(good.replace('"version": 1', '"version": 2')), /^newer-version: annotation file has version 2, written by a newer version/);
  assert.match(kindOf(good.replace('"start":13,"end":20', '"start":13,"end":13')), /^corrupt: .*spans\[1\]\.end must be an integer greater than start/);
  assert.match(kindOf(good.replace('"label":"work"', '"label":"WORK"')), /^corrupt: .*spans\[0\]\.label must be one of person/);
  assert.match(kindOf(good.replace('"source":"manual"}', '"source":"model"}')), /^corrupt: .*source must be "manual"/);
  assert.match(kindOf(good.replace(/"textHash": "[^"]+"/, '"textHash": "md5:00"')), /^corrupt: .*"textHash"/);
  assert.match(kindOf(good.replace(/"rejected": \[[^\]]*\]/, '"rejected": {}')), /^corrupt: .*"rejected" must be an array/);
  assert.equal(kindOf(good), 'parsed');
});
