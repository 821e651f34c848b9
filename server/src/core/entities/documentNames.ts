import type { Entity } from '../types';

// Label consistency across an article (Krishnan & Manning 2006): a person named in full in one
// paragraph is the same person where the model cut the name short or missed it in another (赵明录
// read as 赵明 once, 施一公 missed in a list). The names the analysis found are carried to their
// other mentions. eval:ner names micro F1, each sentence alone → every 20 sentences read as one
// article (--article 20): msra_dev 86.26 → 86.32 → 86.49, OntoNotes bn 77.85 → 77.92 → 78.13, nw
// 81.70 → 81.70 → 81.76; CLUENER (sentences alone) 61.25 → 61.23, Weibo 59.70 → 60.05. A
// simulation that also carried names into 《》 titles gained more on msra_dev (MSRA marks persons
// inside book titles), but a title is one work span here, and spans do not nest. Carrying places
// and organisations too (same simulation, bn) added 33 spans of which 18 right, and precision fell
// 77.46 → 77.05: only persons go.

/** Person names of an article, by the code point they start with, longest first. */
export interface NameSources {
  readonly byFirst: ReadonlyMap<number, readonly NameSource[]>;
}

interface NameSource {
  text: string;
  simplified?: string;
}

/** One character is a surname or a word far more often than a name of its own. */
const MIN_NAME_CHARS = 2;

export const NO_NAMES: NameSources = { byFirst: new Map() };

/** The automatic person names among `entities` that can be carried (text → simplified form). */
export function carriedNames(entities: readonly Entity[]): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const e of entities) {
    if (e.label !== 'person' || e.source === 'manual' || found.has(e.text)) continue;
    if (Array.from(e.text).length < MIN_NAME_CHARS || !/^\p{Script=Han}/u.test(e.text)) continue;
    found.set(e.text, e.simplified);
  }
  return found;
}

/** Propagation sources from names (text → simplified form). */
export function sourcesOf(names: ReadonlyMap<string, string | undefined>): NameSources {
  if (names.size === 0) return NO_NAMES;
  const byFirst = new Map<number, NameSource[]>();
  for (const [text, simplified] of names) {
    const first = text.codePointAt(0)!;
    let list = byFirst.get(first);
    if (!list) byFirst.set(first, (list = []));
    list.push({ text, simplified });
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
  return { byFirst };
}

/** The automatic person names among `lists` (each one paragraph's entities), as propagation sources. */
export function nameSources(lists: Iterable<readonly Entity[]>): NameSources {
  const all = new Map<string, string | undefined>();
  for (const list of lists) for (const [text, simplified] of carriedNames(list)) if (!all.has(text)) all.set(text, simplified);
  return sourcesOf(all);
}

/**
 * `entities` of one paragraph (`text`, offsets in it) with the article's names carried over: a
 * person that is the start of a longer name written out right there becomes that name, and a
 * mention of a name that no entity touches becomes a person. Returns `entities` itself when
 * nothing changes.
 */
export function propagateNames(text: string, entities: readonly Entity[], sources: NameSources): readonly Entity[] {
  if (sources.byFirst.size === 0) return entities;
  let out: Entity[] | undefined;
  // Looked up at every character of the article: by code point, no string made.
  const at = (i: number) => sources.byFirst.get(text.codePointAt(i)!);
  const longestAt = (i: number, longerThan: number) => at(i)?.find((s) => s.text.length > longerThan && text.startsWith(s.text, i));

  entities.forEach((e, k) => {
    if (e.label !== 'person' || e.source === 'manual') return;
    const full = longestAt(e.start, e.end - e.start);
    if (!full) return;
    const end = e.start + full.text.length;
    // Only into characters no other entity holds.
    if (entities.some((o) => o !== e && o.start < end && e.end < o.end)) return;
    out ??= [...entities];
    // The article's rule made the longer span: the model's confidence was in the shorter one.
    const { confidence: _cut, ...rest } = e;
    out[k] = { ...rest, end, text: full.text, simplified: full.simplified, source: 'rule' };
  });

  const list = out ?? entities;
  const added: Entity[] = [];
  let next = 0;
  const sorted = [...list].sort((a, b) => a.start - b.start);
  let covered = 0;
  for (let i = 0; i < text.length; i++) {
    while (next < sorted.length && sorted[next].start <= i) covered = Math.max(covered, sorted[next++].end);
    if (i < covered) continue;
    const candidates = at(i);
    if (!candidates) continue;
    for (const s of candidates) {
      const end = i + s.text.length;
      if (!text.startsWith(s.text, i)) continue;
      if (next < sorted.length && sorted[next].start < end) continue;
      added.push({ start: i, end, label: 'person', text: s.text, simplified: s.simplified, source: 'rule' });
      covered = end;
      break;
    }
  }
  if (added.length === 0) return list;
  return [...list, ...added].sort((a, b) => a.start - b.start || b.end - a.end);
}
