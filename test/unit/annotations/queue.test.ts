// Document queue state: the queue file (done marks), statuses, the next document, lazy counts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  comparePaths,
  nextNotDone,
  parseQueue,
  QueueCounter,
  QueueFileError,
  queueFileOf,
  queueStatus,
  readQueueFile,
  serializeQueue,
  updateQueueFile,
  type FileCounts,
  type FileStamp,
} from '../../../server/src/core/annotations/queue';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'zh-queue-'));

test('queue file: round trip, sorted with numbers as numbers, unknown content refused', () => {
  const json = serializeQueue(['b/10.txt', 'b/9.txt', 'a.txt', 'a.txt']);
  assert.deepEqual(JSON.parse(json).done, ['a.txt', 'b/9.txt', 'b/10.txt']);
  assert.deepEqual([...parseQueue(json)], ['a.txt', 'b/9.txt', 'b/10.txt']);
  assert.throws(() => parseQueue('{"done": ['), QueueFileError);
  assert.throws(() => parseQueue('{"format":"other","version":1,"done":[]}'), /not a zh-article-queue/);
  assert.throws(() => parseQueue('{"format":"zh-article-queue","version":2,"done":[]}'), /version 2/);
  assert.throws(() => parseQueue('{"format":"zh-article-queue","version":1,"done":[3]}'), /no list/);
});

test('queue file: marks are written atomically beside the learning history and re-read before each write', () => {
  const ws = tmp();
  const file = queueFileOf(ws);
  assert.equal(file, path.join(ws, '.zh-article', 'queue.json'));
  assert.deepEqual([...readQueueFile(file)], []);
  updateQueueFile(file, ['a.txt', 'b.txt'], true);
  // Another window marks c.txt meanwhile: this window's next write keeps it.
  fs.writeFileSync(file, serializeQueue(['a.txt', 'b.txt', 'c.txt']));
  assert.deepEqual([...updateQueueFile(file, ['a.txt'], false)].sort(), ['b.txt', 'c.txt']);
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).done, ['b.txt', 'c.txt']);
});

test('queue file: a corrupt file is reported with its path and never overwritten', () => {
  const ws = tmp();
  const file = queueFileOf(ws);
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, '{"done": ["a.txt"');
  assert.throws(() => readQueueFile(file), (err: Error) => err instanceof QueueFileError && err.message.includes(file) && /left untouched/.test(err.message));
  assert.throws(() => updateQueueFile(file, ['b.txt'], true), QueueFileError);
  assert.equal(fs.readFileSync(file, 'utf8'), '{"done": ["a.txt"');
  // A folder where the file should be is refused too, not replaced.
  const ws2 = tmp();
  fs.mkdirSync(queueFileOf(ws2), { recursive: true });
  assert.throws(() => updateQueueFile(queueFileOf(ws2), ['a.txt'], true), QueueFileError);
});

test('status and next document', () => {
  assert.equal(queueStatus(false, 0), 'new');
  assert.equal(queueStatus(false, 3), 'inProgress');
  assert.equal(queueStatus(true, 0), 'done');
  const items = [{ status: 'done' as const }, { status: 'new' as const }, { status: 'done' as const }, { status: 'inProgress' as const }];
  assert.equal(nextNotDone(items, 1), items[3]);
  assert.equal(nextNotDone(items, 3), items[1]);
  assert.equal(nextNotDone(items, -1), items[1]);
  assert.equal(nextNotDone([{ status: 'done' as const }], 0), undefined);
  assert.ok(comparePaths('a/2.txt', 'a/10.txt') < 0);
});

test('counter: counts on demand a budget at a time, step by step, cached until the article or its sidecar changes', () => {
  let clock = 0;
  const stamps = new Map<string, FileStamp>();
  const steps: string[] = [];
  for (const f of ['a', 'bb', 'c']) stamps.set(f, { size: 10, mtimeMs: 1, sidecarSize: 0, sidecarMtimeMs: 0 });
  const counter = new QueueCounter(
    (f) => stamps.get(f),
    function* (f): Generator<void, FileCounts, void> {
      // Each file costs two 20 ms steps (c fails in its second).
      steps.push(`${f}1`);
      clock += 20;
      yield;
      steps.push(`${f}2`);
      clock += 20;
      if (f === 'c') throw new Error('unreadable');
      return { served: true, entities: f.length, artifacts: 0, decisions: 0 };
    },
    () => clock,
  );
  assert.equal(counter.get('a'), undefined);
  assert.equal(counter.get('bb'), undefined);
  assert.equal(counter.get('a'), undefined); // asked twice, queued once
  assert.equal(counter.get('c'), undefined);
  assert.equal(counter.pendingCount, 3);
  // A 30 ms budget stops after the step that used it up.
  assert.equal(counter.work(30), 2);
  assert.deepEqual(steps, ['a1', 'a2']);
  assert.equal(counter.work(10), 2, 'bb paused between its steps is still pending');
  assert.deepEqual(steps, ['a1', 'a2', 'bb1']);
  assert.equal(counter.work(10), 1);
  assert.deepEqual(steps, ['a1', 'a2', 'bb1', 'bb2']);
  assert.equal(counter.get('bb')?.entities, 2);
  assert.equal(counter.work(1000), 0);
  assert.deepEqual(counter.get('a'), { served: true, entities: 1, artifacts: 0, decisions: 0 });
  assert.equal(counter.get('c')?.error, 'unreadable');
  // A decision rewrote bb's sidecar: bb is counted again, a is not.
  stamps.set('bb', { size: 10, mtimeMs: 1, sidecarSize: 120, sidecarMtimeMs: 5 });
  assert.equal(counter.get('bb'), undefined);
  assert.ok(counter.get('a'));
  counter.work(1000);
  assert.deepEqual(steps.filter((x) => x.endsWith('1')), ['a1', 'bb1', 'c1', 'bb1']);
  stamps.delete('a');
  assert.equal(counter.get('a')?.error, 'the file is gone');
});

test('counter: after a learning change (a new epoch) the old counts are shown while each file is counted again', () => {
  let epoch = 1;
  let entities = 5;
  const stamp: FileStamp = { size: 10, mtimeMs: 1, sidecarSize: 0, sidecarMtimeMs: 0 };
  let counted = 0;
  const counter = new QueueCounter(
    () => stamp,
    function* (): Generator<void, FileCounts, void> {
      counted++;
      yield;
      return { served: true, entities, artifacts: 0, decisions: 0 };
    },
    () => 0,
    () => epoch,
  );
  assert.equal(counter.get('a'), undefined);
  counter.work(1000);
  assert.equal(counter.get('a')?.entities, 5);
  assert.equal(counted, 1);
  // A correction taught the model: one more entity in the same text.
  epoch = 2;
  entities = 6;
  assert.equal(counter.get('a')?.entities, 5, 'the last counts meanwhile, not a blank row');
  assert.equal(counter.isCurrent('a'), false);
  assert.equal(counter.pendingCount, 1);
  assert.equal(counter.get('a')?.entities, 5, 'asked twice, queued once');
  assert.equal(counter.pendingCount, 1);
  counter.work(1000);
  assert.equal(counter.get('a')?.entities, 6);
  assert.equal(counter.isCurrent('a'), true);
  assert.equal(counted, 2);
  // A count that started before the change is stamped with its own epoch and redone.
  assert.equal(counter.get('b'), undefined);
  counter.work(0); // one step: b is half counted
  epoch = 3;
  counter.work(1000);
  assert.equal(counter.isCurrent('b'), false, 'its count is of epoch 2');
  assert.ok(counter.get('b'));
  counter.work(1000);
  assert.equal(counter.isCurrent('b'), true);
});
