// A deterministic stand-in for the recognizer (which these tests must not depend on): every
// 《…》 title, a few place and person names, ISO dates and digit runs. Earlier rules win overlaps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../../server/src/core/assets';
import { SEEDS_DIR } from '../../sharedDir';
import type { Entity, EntityLabel, EntitySource } from '../../../server/src/core/types';

const NAMES: Array<[string, EntityLabel]> = [
  ['長沙', 'location'],
  ['长沙', 'location'],
  ['成都', 'location'],
  ['婁底', 'location'],
  ['娄底', 'location'],
  ['淮南', 'location'],
  ['長垣', 'location'],
  ['四川', 'location'],
  ['𠮷田', 'person'],
  ['新華社', 'organization'],
];

export function fakeSpans(text: string): Entity[] {
  const out: Entity[] = [];
  const add = (start: number, end: number, label: EntityLabel, source: EntitySource, value?: number | string): void => {
    if (start >= end || out.some((e) => e.start < end && start < e.end)) return;
    const e: Entity = { start, end, label, text: text.slice(start, end), source };
    if (value !== undefined) e.value = value;
    out.push(e);
  };
  for (const m of text.matchAll(/《([^》]+)》/g)) add(m.index! + 1, m.index! + 1 + m[1].length, 'work', 'rule');
  for (const [name, label] of NAMES) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) add(i, i + name.length, label, 'dictionary');
  }
  for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}/g)) add(m.index!, m.index! + m[0].length, 'date', 'rule', m[0]);
  for (const m of text.matchAll(/\d+/g)) add(m.index!, m.index! + m[0].length, 'number', 'rule', Number(m[0]));
  return out.sort((a, b) => a.start - b.start);
}

export { SEEDS_DIR };

export function seedDocs(): Array<{ path: string; text: string; spans: Entity[] }> {
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8');
      return { path: path.join(SEEDS_DIR, f), text, spans: fakeSpans(text) };
    });
}

export const ASTRAL_FIXTURE = path.join(projectRoot(), 'test/fixtures/export/astral.txt');

/** The fixture with 𠀀, 𠮷, emoji (one a ZWJ sequence) before, inside and after entities. */
export function astralDoc(): { path: string; text: string; spans: Entity[] } {
  const text = fs.readFileSync(ASTRAL_FIXTURE, 'utf8');
  return { path: 'fixtures/astral.txt', text, spans: fakeSpans(text) };
}
