import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { SEEDS_DIR } from '../../sharedDir';
import type { Entity } from '../../../server/src/core/types';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { findAnchor, recognizeRuleEntities } from '../../../server/src/core/entities';

// Real seeds through the real segmenter. Seeds 000/001/004 are traditional and damaged: the test
// converts them and strips the (pinyin) notes and injected commas crudely; the real pipeline
// repairs them properly before recognition.
const SEEDS = SEEDS_DIR;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toSimplified: (s: string) => string = require('opencc-js').Converter({ from: 'hk', to: 'cn' });

function seed(prefix: string): string {
  const file = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  const raw = fs.readFileSync(path.join(SEEDS, file), 'utf8');
  return toSimplified(raw).replace(/\([a-zü\u00e0-\u01dc]+\)/g, '').replace(/,(?=[，。、；,;])/g, '');
}

const cache = new Map<string, { text: string; entities: Entity[] }>();
function run(prefix: string) {
  if (!cache.has(prefix)) {
    const text = seed(prefix);
    const tokens = JiebaSegmenter.load().tag(text);
    cache.set(prefix, { text, entities: recognizeRuleEntities(text, tokens, { anchor: findAnchor(text) }) });
  }
  return cache.get(prefix)!;
}

/** Every occurrence of s in the text is covered by exactly that span with that label. */
function assertEverywhere(prefix: string, s: string, label: string) {
  const { text, entities } = run(prefix);
  let n = 0;
  for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1), n++) {
    const e = entities.find((x) => x.start === at && x.end === at + s.length);
    assert.equal(e?.label, label, `${s} at ${at} in seed ${prefix}`);
  }
  assert.ok(n > 0, `${s} occurs in seed ${prefix}`);
}

function assertSome(prefix: string, s: string, label: string) {
  const { entities } = run(prefix);
  assert.ok(entities.some((e) => e.text === s && e.label === label), `${s} is ${label} somewhere in seed ${prefix}`);
}

test('seed people are persons wherever they occur', () => {
  assertEverywhere('000', '王俏', 'person');
  assertEverywhere('001', '江克美', 'person');
  assertEverywhere('002', '蒲建宇', 'person');
  assertEverywhere('002', '焦雁琦', 'person');
  assertEverywhere('004', '宋红胜', 'person');
});

test('seed organisations and places', () => {
  assertSome('002', '四川省地方志工作办公室', 'organization');
  assertSome('000', '长沙市委老干部局', 'organization');
  assertSome('001', '市直机关工委', 'organization');
  assertSome('000', '长沙', 'location');
  assertSome('001', '娄底', 'location');
  assertSome('003', '潘集区', 'location');
});

test('seed 001 money and seed 000 quantities', () => {
  const money = run('001').entities.find((e) => e.text === '64.2万元');
  assert.deepEqual([money?.label, money?.value, money?.unit], ['money', 642000, '元']);
  const visits = run('000').entities.find((e) => e.text === '2万余人次');
  // A count with its measure word is a number (OntoNotes CARDINAL); 余 is kept as a qualifier.
  assert.deepEqual([visits?.label, visits?.value, visits?.unit, visits?.qualifier], ['number', 20000, '人次', 'MORE_THAN']);
});

test('seed 002 dates carry the article year 2022', () => {
  const { text, entities } = run('002');
  assert.deepEqual(findAnchor(text), { year: 2022, month: 9, day: 16, source: 'the publication date' });
  const dated = entities.filter((e) => e.label === 'date' && /月/.test(e.text));
  assert.deepEqual(
    dated.map((e) => [e.text, e.value]),
    [
      ['9月1日', '2022-09-01'],
      ['9月2日', '2022-09-02'],
      ['9月3日', '2022-09-03'],
    ],
  );
  assert.equal(entities.find((e) => e.text === '9月15日12时')?.value, '2022-09-15T12:00');
  // An evening of a day is a time (OntoNotes TIME), valued with TIMEX3's part-of-day code.
  assert.equal(entities.find((e) => e.text === '9月14日晚')?.value, '2022-09-14TEV');
});

test('no numbers in idiomatic 一 words of the seeds', () => {
  for (const prefix of ['000', '001', '002', '003', '004']) {
    const { text, entities } = run(prefix);
    const numeric = entities.filter((e) => ['number', 'ordinal', 'quantity', 'money', 'percent'].includes(e.label));
    for (const word of ['一线', '第一时间', '一起', '统一', '一刻']) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        const hit = numeric.find((e) => e.start < at + word.length && at < e.end);
        assert.equal(hit, undefined, `${word} at ${at} in seed ${prefix} is not a number`);
      }
    }
  }
});

test('clean seed 003: expected rule entities', () => {
  const { entities } = run('003');
  const of = (label: string) => entities.filter((e) => e.label === label).map((e) => e.text);
  assert.deepEqual(of('person'), ['丁晓东', '赵永莉', '吴传贤', '李莉', '徐春景']);
  assert.deepEqual(of('number').slice(0, 3), ['31个', '59个', '835名']);
  assert.ok(of('organization').includes('区委组织部'));
  assert.ok(of('organization').includes('淮南市潘集区委'));
});
