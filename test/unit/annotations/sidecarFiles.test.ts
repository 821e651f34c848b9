// The sidecar on disk (annotationStores.ts loadSidecar/saveSidecar): a BOM is not corruption, a
// symbolic link stays a link, special files are refused without blocking, and the temporary file
// of a killed write does not stay forever.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSidecar, saveSidecar } from '../../../server/src/core/annotations';
import { AnnotationStore, serializeSidecar, sidecarPathFor } from '../../../server/src/core/annotations';

const TEXT = '据新华社报道，张伟昨天抵达成都。\n';

function article(): { dir: string; file: string; sidecar: string; json: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-sidecar-io-'));
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, TEXT);
  const store = new AnnotationStore(TEXT);
  const at = TEXT.indexOf('张伟');
  store.addManual(at, at + 2, 'person');
  return { dir, file, sidecar: sidecarPathFor(file), json: serializeSidecar(store.toSidecar()) };
}

test('a sidecar starting with a UTF-8 BOM loads', () => {
  const a = article();
  fs.writeFileSync(a.sidecar, '\ufeff' + a.json);
  const loaded = loadSidecar(a.file, TEXT);
  assert.equal(loaded.error, undefined);
  assert.deepEqual(loaded.store?.manual.map((m) => m.text), ['张伟']);
});

test('a sidecar that is a symbolic link: its target is written atomically and the link kept; a dangling one is refused', () => {
  const a = article();
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-sidecar-target-'));
  const target = path.join(shared, 'a.json');
  fs.writeFileSync(target, a.json);
  fs.symlinkSync(target, a.sidecar);
  const loaded = loadSidecar(a.file, TEXT);
  assert.equal(loaded.error, undefined);
  const at = TEXT.indexOf('成都');
  loaded.store!.addManual(at, at + 2, 'location');
  saveSidecar(a.file, loaded.store!);
  assert.ok(fs.lstatSync(a.sidecar).isSymbolicLink(), 'the link was not replaced by a file');
  assert.match(fs.readFileSync(target, 'utf8'), /成都/);
  assert.deepEqual(fs.readdirSync(shared), ['a.json'], 'no temporary file left beside the target');

  const b = article();
  fs.symlinkSync(path.join(b.dir, 'missing', 'x.json'), b.sidecar);
  const empty = loadSidecar(b.file, TEXT);
  assert.throws(() => saveSidecar(b.file, empty.store!), /symbolic link to a missing file/);
  assert.ok(fs.lstatSync(b.sidecar).isSymbolicLink());
});

test('a sidecar linked to /dev/zero or a FIFO is refused at once and left alone', () => {
  const a = article();
  fs.symlinkSync('/dev/zero', a.sidecar);
  const t0 = Date.now();
  const zero = loadSidecar(a.file, TEXT);
  assert.match(zero.error ?? '', /character device, not a regular file/);
  const b = article();
  execFileSync('mkfifo', [b.sidecar]);
  const fifo = loadSidecar(b.file, TEXT);
  assert.match(fifo.error ?? '', /FIFO, not a regular file/);
  assert.ok(Date.now() - t0 < 2000, 'nothing blocked or grew');
  assert.ok(fs.lstatSync(a.sidecar).isSymbolicLink() && fs.lstatSync(b.sidecar).isFIFO());
});

test('the temporary file a killed write left is removed when the sidecar is next loaded', () => {
  const a = article();
  fs.writeFileSync(a.sidecar, a.json);
  // What a SIGKILL between write and rename leaves: the writer's pid is gone.
  const pid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
  const stray = path.join(a.dir, `.a.annotations.json.${pid}.m3x9k2.tmp`);
  fs.writeFileSync(stray, a.json.slice(0, 20));
  const loaded = loadSidecar(a.file, TEXT);
  assert.equal(loaded.error, undefined);
  assert.equal(fs.existsSync(stray), false);
});
