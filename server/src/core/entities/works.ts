import type { Entity } from '../types';
import { entity } from './spans';

const WORK_RE = /《([^《》\n]{1,80})》/g;

export function recognizeWorks(text: string): Entity[] {
  return [...text.matchAll(WORK_RE)].map((m) =>
    entity(text, m.index!, m.index! + m[0].length, 'work', 'rule', { value: m[1] }),
  );
}
