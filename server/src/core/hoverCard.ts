import type { CedictEntry } from './dictionary/cedict';
import { numberedToMarked } from './dictionary/cedict';
import type { Artifact } from './artifacts';
import { kindInfo } from './artifactPresentation';
import type { Entity } from './types';

/** How the hover says where a span came from (a manual label was not "found"). */
const SOURCE_PHRASES: Partial<Record<string, string>> = {
  manual: 'labelled by you',
  model: 'found by the model',
  rule: 'found by a rule',
  dictionary: 'found in a word list',
  tagger: "found by jieba's tagger",
};

/** What the hover card is about: a word of the text, and the entity there if any. */
export interface HoverSubject {
  /** The text as written in the document (may be traditional or damaged). */
  original: string;
  /** Its simplified, repaired form. */
  simplified: string;
  entity?: Entity;
  /** Mentions of the same entity (same label, same simplified text) in the document. */
  mentions?: number;
  /** Readable form of the entity's normalized value. */
  normalized?: string;
}

export interface HoverDeps {
  pinyin: (simplified: string) => string;
  lookup: (word: string) => CedictEntry[];
  edition?: string;
}

const LABEL_NAMES: Record<string, string> = {
  person: 'person',
  location: 'location',
  organization: 'organization',
  date: 'date',
  time: 'time',
  number: 'number',
  quantity: 'quantity',
  money: 'money',
  percent: 'percentage',
  work: 'title of a work',
  ordinal: 'ordinal number',
};

const MAX_DEFINITIONS = 6;

/** Builds the markdown of a hover card; returns undefined when there is nothing worth showing. */
export function buildHoverCard(subject: HoverSubject, deps: HoverDeps): string | undefined {
  const { original, simplified, entity } = subject;
  const lookupWord = entity?.label === 'work' ? simplified.replace(/^《|》$/g, '') : simplified;
  const entries = uniqueEntries([...deps.lookup(original), ...deps.lookup(lookupWord)]);
  if (!entity && entries.length === 0 && !/\p{Script=Han}/u.test(simplified)) return undefined;

  const lines: string[] = [];
  const heading = [`**${escapeMd(original)}**`];
  if (simplified !== original) heading.push(`simplified ${escapeMd(simplified)}`);
  const reading = readingOf(entries, lookupWord, deps);
  if (reading) heading.push(`*${reading}*`);
  lines.push(heading.join(' · '));

  if (entity) {
    const facts = [`**${LABEL_NAMES[entity.label] ?? entity.label}**`];
    if (subject.normalized) facts.push(`value ${escapeMd(subject.normalized)}`);
    if (subject.mentions && subject.mentions > 0) {
      facts.push(subject.mentions === 1 ? 'mentioned once in this document' : `mentioned ${subject.mentions} times in this document`);
    }
    facts.push(SOURCE_PHRASES[entity.source] ?? `found by ${entity.source}`);
    if (entity.confidence !== undefined) facts.push(`confidence ${(entity.confidence * 100).toFixed(0)}%`);
    lines.push('', facts.join(' · '));
  }

  if (entries.length > 0) {
    lines.push('');
    for (const e of entries.slice(0, 3)) {
      const defs = e.definitions.slice(0, MAX_DEFINITIONS).map(escapeMd).join('; ');
      lines.push(`- ${escapeMd(e.simplified)} *${numberedToMarked(e.pinyin)}*: ${defs}`);
    }
    lines.push('', `*CC-CEDICT${deps.edition ? ` ${deps.edition}` : ''}, CC BY-SA 4.0*`);
  } else if (!entity) {
    lines.push('', '*No CC-CEDICT entry.*');
  }
  return lines.join('\n');
}

function readingOf(entries: CedictEntry[], word: string, deps: HoverDeps): string {
  // pinyin-pro reads in context (多音字), which CEDICT's per-entry readings cannot do for a name.
  const spoken = deps.pinyin(word);
  if (spoken) return spoken;
  return entries[0] ? numberedToMarked(entries[0].pinyin) : '';
}

function uniqueEntries(entries: CedictEntry[]): CedictEntry[] {
  const seen = new Set<CedictEntry>();
  return entries.filter((e) => (seen.has(e) ? false : (seen.add(e), true)));
}

function escapeMd(s: string): string {
  // Only what would change the rendering inside a line; dates like 2022-09-16 stay readable raw.
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** The card over a crawl artifact: what it is, how it arose (byte by byte) and what repairs it. */
export function artifactCard(a: Artifact, broken: string): string {
  const lines = [`**Crawl artifact: ${kindInfo(a.kind).singular}** \`${escapeMd(JSON.stringify(broken).slice(1, -1))}\``, '', escapeMd(a.explanation)];
  if (a.candidates.length > 0) {
    const shown = a.candidates.slice(0, 5).map((c, i) => `${i === 0 ? '**' : ''}${c === '' ? '(remove)' : escapeMd(c)}${i === 0 ? '**' : ''}`);
    lines.push('', `${a.autoFix ? 'Repair' : 'Possible repairs (check before applying)'}: ${shown.join(' · ')} — quick fix with Ctrl+.`);
  } else {
    lines.push('', 'No safe repair: the original text is lost.');
  }
  return lines.join('\n');
}
