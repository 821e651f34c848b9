// The one mapping between core labels and the upper-case tags every export format writes.
import { ENTITY_LABELS, type EntityLabel } from '../types';

export const LABEL_TAGS: Readonly<Record<EntityLabel, string>> = Object.freeze({
  person: 'PER',
  location: 'LOC',
  organization: 'ORG',
  date: 'DATE',
  time: 'TIME',
  number: 'NUM',
  quantity: 'QUANTITY',
  money: 'MONEY',
  percent: 'PERCENT',
  work: 'WORK',
  ordinal: 'ORDINAL',
});

/** All export tags, in legend order. */
export const EXPORT_TAGS: readonly string[] = ENTITY_LABELS.map((l) => LABEL_TAGS[l]);

// Names other tools commonly use for the same classes, so imports from them are not dropped.
const ALIASES: Readonly<Record<string, EntityLabel>> = {
  PERSON: 'person',
  LOCATION: 'location',
  GPE: 'location',
  ORGANIZATION: 'organization',
  ORGANISATION: 'organization',
  NUMBER: 'number',
  CARDINAL: 'number',
  WORK_OF_ART: 'work',
};

const BY_TAG = new Map<string, EntityLabel>();
for (const l of ENTITY_LABELS) {
  BY_TAG.set(LABEL_TAGS[l], l);
  BY_TAG.set(l.toUpperCase(), l);
}
for (const [k, v] of Object.entries(ALIASES)) BY_TAG.set(k, v);

export function tagForLabel(label: EntityLabel): string {
  return LABEL_TAGS[label];
}

/** Core label for a tag, a core label or a common alias (case-insensitive); undefined if unknown. */
export function labelForTag(tag: string): EntityLabel | undefined {
  return BY_TAG.get(tag.trim().toUpperCase());
}

/** Labels whose normalized value is a number (others carry ISO strings). */
export const NUMERIC_LABELS: ReadonlySet<EntityLabel> = new Set<EntityLabel>(['number', 'ordinal', 'quantity', 'money', 'percent']);
