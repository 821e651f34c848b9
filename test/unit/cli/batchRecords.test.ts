// The pieces of the JSONL batch mode below the command: cutting input into batches of whole lines,
// and turning one batch into result and error lines.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createBatchAnalyzer } from '../../../server/src/cli/batchPool';
import { processBatch, parseRecord } from '../../../server/src/cli/batchRecords';
import { lineBatches, type InputSource, type LineBatch } from '../../../server/src/cli/lineBatches';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A source that hands out its bytes in pieces of `piece` bytes (lines cut anywhere, even inside a character). */
function source(content: string | Uint8Array, piece: number, name?: string): InputSource {
  const bytes = typeof content === 'string' ? enc.encode(content) : content;
  return {
    name,
    open: () =>
      Readable.from(
        (function* () {
          for (let i = 0; i < bytes.length; i += piece) yield Buffer.from(bytes.subarray(i, i + piece));
        })(),
      ),
  };
}

async function collect(sources: InputSource[], limits = { batchBytes: 16, batchLines: 3, maxLineBytes: 40 }): Promise<LineBatch[]> {
  const out: LineBatch[] = [];
  for await (const b of lineBatches(sources, limits)) out.push(b);
  return out;
}

/** The lines of a batch as (line number, text), oversize ones marked. */
function linesOf(b: LineBatch): [string | undefined, number, string][] {
  const text = dec.decode(b.bytes);
  const parts = text.split('\n');
  if (text.endsWith('\n')) parts.pop();
  assert.equal(parts.length, b.lines, 'one piece per counted line');
  return parts.map((p, i) => [b.source, b.firstLine + i, b.oversize.includes(i) ? '<oversize>' : p]);
}

describe('lineBatches', () => {
  test('whole lines, numbered per source, however the input is cut', async () => {
    const a = ['{"id":1,"text":"甲乙"}', '', '{"id":2,"text":"丙丁"}', 'x', 'y', 'z'].join('\n') + '\n';
    const b = 'first\r\nlast without newline';
    for (const piece of [1, 2, 5, 7, 1000]) {
      const batches = await collect([source(a, piece, 'a.jsonl'), source(b, piece, 'b.jsonl')]);
      const lines = batches.flatMap(linesOf);
      assert.deepEqual(lines, [
        ['a.jsonl', 1, '{"id":1,"text":"甲乙"}'],
        ['a.jsonl', 2, ''],
        ['a.jsonl', 3, '{"id":2,"text":"丙丁"}'],
        ['a.jsonl', 4, 'x'],
        ['a.jsonl', 5, 'y'],
        ['a.jsonl', 6, 'z'],
        ['b.jsonl', 1, 'first\r'],
        ['b.jsonl', 2, 'last without newline'],
      ], `pieces of ${piece} bytes`);
      assert.ok(batches.every((x) => x.lines <= 3), 'a batch holds at most batchLines lines');
      assert.ok(batches.length >= 3, 'cut into several batches');
    }
  });

  test('a line over the limit is dropped, not buffered, and marked in its place', async () => {
    const long = 'L'.repeat(100);
    for (const piece of [3, 64, 1000]) {
      const lines = (await collect([source(`ok1\n${long}\nok2\n${long}`, piece)])).flatMap(linesOf);
      assert.deepEqual(lines, [
        [undefined, 1, 'ok1'],
        [undefined, 2, '<oversize>'],
        [undefined, 3, 'ok2'],
        [undefined, 4, '<oversize>'],
      ]);
    }
  });
});

describe('processBatch', () => {
  const analyzer = createBatchAnalyzer();
  const batchOf = (lines: string[] | Uint8Array, firstLine = 1, source?: string): LineBatch => {
    const bytes = lines instanceof Uint8Array ? lines : enc.encode(lines.join('\n') + '\n');
    let n = 0;
    for (const b of bytes) if (b === 0x0a) n++;
    return { source, firstLine, bytes, lines: n, oversize: [] };
  };

  test('bad records become error lines in their place; good ones keep their fields', () => {
    const input = [
      JSON.stringify({ id: 'a', text: '王小明昨天到上海参加会议。', lang: 'zh', meta: { n: 1 } }),
      '{"id": "b", "text": ',
      '',
      '["not", "an", "object"]',
      JSON.stringify({ id: 'c', body: '没有正文字段' }),
      JSON.stringify({ id: 'd', text: 42 }),
      JSON.stringify({ text: '张华在广州工作。' }),
    ];
    const out = processBatch('annotate', analyzer, batchOf(input, 10, 'in.jsonl'), 1000);
    const rows = out.lines.map((l) => JSON.parse(l));
    assert.equal(rows.length, 6, 'the blank line gives no output');
    assert.deepEqual(out.errors, [1, 2, 3, 4]);
    assert.equal(out.records, 2);
    assert.deepEqual(rows.slice(1, 5).map((r) => [r.line, r.file, r.id]), [
      [11, 'in.jsonl', undefined],
      [13, 'in.jsonl', undefined],
      [14, 'in.jsonl', 'c'],
      [15, 'in.jsonl', 'd'],
    ]);
    assert.match(rows[1].error, /not valid JSON/);
    assert.match(rows[2].error, /expected a JSON object, got an array/);
    assert.match(rows[3].error, /missing "text"/);
    assert.match(rows[4].error, /"text" is a number, not a string/);
    assert.deepEqual(Object.keys(rows[0]), ['id', 'text', 'lang', 'meta', 'entities'], 'fields kept in order, entities added');
    assert.deepEqual(rows[0].meta, { n: 1 });
    assert.ok(rows[0].entities.some((e: { text: string; label: string }) => e.text === '上海' && e.label === 'location'));
    assert.equal(rows[5].id, undefined, 'a record without an id is still annotated');
    assert.ok(rows[5].entities.length > 0);
  });

  test('offsets are code points: a character outside the BMP counts once', () => {
    const text = '𠀀𠀁李华说，2021年3月5日北京下了雪。';
    const [line] = processBatch('annotate', analyzer, batchOf([JSON.stringify({ id: 1, text })]), 1000).lines;
    const { entities } = JSON.parse(line) as { entities: { start: number; end: number; text: string; label: string; value?: unknown }[] };
    const cps = [...text];
    assert.ok(entities.length >= 2);
    for (const e of entities) assert.equal(cps.slice(e.start, e.end).join(''), e.text, `${e.label} ${e.text} at [${e.start}, ${e.end})`);
    const date = entities.find((e) => e.label === 'date');
    assert.ok(date && date.value !== undefined, 'a date carries its normalized value');
  });

  test('invalid UTF-8 is an error for its own line only', () => {
    const good = enc.encode(`${JSON.stringify({ id: 2, text: '上海' })}\n`);
    const bytes = new Uint8Array([...enc.encode('{"id":1,"text":"'), 0xff, 0xfe, ...enc.encode('"}\n'), ...good]);
    const out = processBatch('annotate', analyzer, batchOf(bytes), 1000);
    assert.deepEqual(out.errors, [0]);
    assert.deepEqual(JSON.parse(out.lines[0]), { line: 1, error: 'not valid UTF-8' });
    assert.equal(JSON.parse(out.lines[1]).id, 2);
  });

  test('fix mode repairs the text and annotates the repaired text', () => {
    const damaged = '記者從長(zhǎng)沙市獲悉,,今年共有3萬(wàn)人參加。';
    const [line] = processBatch('fix', analyzer, batchOf([JSON.stringify({ id: 'f', text: damaged })]), 1000).lines;
    const r = JSON.parse(line) as { id: string; text: string; repairs: { start: number; end: number; kind: string; text: string; replacement: string }[]; entities: { start: number; end: number; text: string }[] };
    assert.equal(r.id, 'f');
    assert.ok(!r.text.includes('(zhǎng)') && !r.text.includes(',,'), r.text);
    assert.ok(r.repairs.length >= 2);
    for (const a of r.repairs) assert.equal([...damaged].slice(a.start, a.end).join(''), a.text, 'repairs point into the original text');
    for (const e of r.entities) assert.equal([...r.text].slice(e.start, e.end).join(''), e.text, 'entities point into the repaired text');
  });

  test('fix mode keeps the editor\'s limit: a repair deleting most of the Chinese text is not made, and says why', () => {
    const para = '市图书馆周末延长开放时间，读者可以在晚上九点前借还图书，馆方表示这一安排将持续到年底。';
    const text = [para, para, para, para].join('\n');
    const [line] = processBatch('fix', analyzer, batchOf([JSON.stringify({ id: 'r', text })]), 10_000).lines;
    const r = JSON.parse(line) as { text: string; refused?: string; repairs: unknown[]; review: { kind: string }[] };
    assert.equal(r.text, text);
    assert.deepEqual(r.repairs, []);
    assert.match(r.refused ?? '', /would delete 120 of the 160 Chinese characters/);
    assert.equal(r.review.filter((a) => a.kind === 'duplicate_paragraph').length, 3, 'the repeats are left for review');
  });

  test('parseRecord accepts a BOM and CRLF line ends', () => {
    const parsed = parseRecord(enc.encode('\uFEFF{"id":1,"text":"好"}\r'));
    assert.ok('text' in parsed && parsed.text === '好');
  });
});
