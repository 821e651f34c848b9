import type { Entity } from '../types';
import { entity } from './spans';

const WORK_RE = /《([^《》\n]{1,80})》/g;

/**
 * A newspaper or periodical by the way its name ends: …日报, …时报, …周刊, …杂志, …文摘, …学报.
 * MSRA annotates the name inside the brackets as an organization (《人民日报》: 113 of 115 such
 * titles in its training text that are not part of a longer name), where a book or a film stays a
 * work. CLUENER calls them books: one more convention the workspace learns when its annotator
 * rejects them.
 */
const PERIODICAL_END = /(?:报|刊|杂志|文摘)$/u;
/** Names of documents that end like a paper: a communiqué, a bulletin, a forecast, an annual report (but 青年报). */
const DOCUMENT_END = /(?:公报|通报|简报|情报|电报|海报|警报|预报|汇报|喜报|捷报|(?<!青)年报|财报|季报|战报|申报|举报|回报|谍报|副刊|专刊|特刊|增刊|创刊|停刊|期刊)$/u;

export function isPeriodicalName(name: string): boolean {
  return Array.from(name).length >= 2 && PERIODICAL_END.test(name) && !DOCUMENT_END.test(name);
}

/** 《titles》 as works, except newspapers and periodicals: their names (without the brackets) as organizations. */
export function recognizeWorks(text: string): Entity[] {
  return [...text.matchAll(WORK_RE)].map((m) => {
    const start = m.index!;
    const end = start + m[0].length;
    if (isPeriodicalName(m[1])) return entity(text, start + 1, end - 1, 'organization', 'rule');
    return entity(text, start, end, 'work', 'rule', { value: m[1] });
  });
}

/** A periodical's name found by recognizeWorks: like a work, it stands whole over what the model found inside it. */
export function isTitledPeriodical(e: Entity): boolean {
  return e.label === 'organization' && e.source === 'rule' && isPeriodicalName(e.text);
}
