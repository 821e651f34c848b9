import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as OpenCC from 'opencc-js';
import { SHARED_DIR } from '../../sharedDir';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { defaultModelPath, loadNerModel, NerModel } from '../../../server/src/core/ner/index';
import type { Entity } from '../../../server/src/core/types';

// The committed model on the real articles: names and bodies the product must find.

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

let model: NerModel | undefined;
function tag(text: string): Entity[] {
  if (!model) {
    const file = defaultModelPath();
    assert.ok(file, 'models/ner-model.bin is missing (npm run train:ner writes it)');
    model = loadNerModel(file);
  }
  return model.tag(text, JiebaSegmenter.load().tag(text));
}

/** The line of a file containing `needle`. */
function lineWith(file: string, needle: string, convert = false): string {
  const text = fs.readFileSync(path.join(SHARED_DIR, file), 'utf8');
  const line = (convert ? toSimplified(text) : text).split('\n').find((l) => l.includes(needle));
  assert.ok(line, `${needle} not in ${file}`);
  return line;
}

function labelsOf(entities: Entity[], name: string): string[] {
  return entities.filter((e) => e.text === name).map((e) => e.label);
}

test('王俏 in the repaired seed 000 (converted to simplified) is a person', () => {
  const line = lineWith('gold/000_7e16d8b1ec49b37b.txt', '王俏', true);
  assert.ok(line.includes('老干部局局长王俏'));
  const entities = tag(line);
  assert.deepEqual(labelsOf(entities, '王俏'), ['person']);
  const e = entities.find((x) => x.text === '王俏')!;
  assert.equal(line.slice(e.start, e.end), '王俏');
  assert.equal(e.source, 'model');
  assert.ok(e.confidence! > 0 && e.confidence! <= 1);
});

test('方建荣 in seed 001 (traditional, converted) is a person despite the crawl damage around it', () => {
  const line = lineWith('seeds/001_cf9c1c919220be17.txt', '方建荣', true);
  assert.deepEqual(labelsOf(tag(line), '方建荣'), ['person']);
});

test('蒲建宇 and 焦雁琦 in seed 002 are persons', () => {
  const first = lineWith('seeds/002_6201b8ef51ea4b4f.txt', '综合处党员蒲建宇');
  const mentions = first.split('蒲建宇').length - 1;
  assert.ok(mentions >= 2);
  assert.deepEqual(labelsOf(tag(first), '蒲建宇'), Array(mentions).fill('person'));
  const second = lineWith('seeds/002_6201b8ef51ea4b4f.txt', '党委书记焦雁琦');
  const entities = tag(second);
  assert.ok(labelsOf(entities, '焦雁琦').length >= 1);
  assert.deepEqual([...new Set(labelsOf(entities, '焦雁琦'))], ['person']);
});

test('四川省地方志工作办公室 in seed 002 is one organization', () => {
  const line = lineWith('seeds/002_6201b8ef51ea4b4f.txt', '来源:四川省地方志工作办公室');
  const entities = tag(line);
  assert.deepEqual(labelsOf(entities, '四川省地方志工作办公室'), ['organization']);
  // Not split into a place and a remainder.
  assert.deepEqual(labelsOf(entities, '四川省'), []);
});

test('spaces between Chinese characters do not split names; offsets stay those of the text', () => {
  const line = '河南商报记者 宋红胜 通讯员\n记者　王 俏 报道 Hong Kong';
  const persons = tag(line).filter((e) => e.label === 'person');
  assert.deepEqual(
    persons.map((e) => [e.text, line.slice(e.start, e.end)]),
    [['宋红胜', '宋红胜'], ['王 俏', '王 俏']],
  );
});
