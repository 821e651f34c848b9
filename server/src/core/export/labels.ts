// The one mapping between core labels and the upper-case tags every export format writes.
import { CUSTOM_LABEL_PATTERN, ENTITY_LABELS, isEntityLabel, type EntityLabel, type Label } from '../types';

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

/** The tag an export writes: PER, LOC… for the entity types, a custom label's own name (EVENT). */
export function tagForLabel(label: Label): string {
  return isEntityLabel(label) ? LABEL_TAGS[label] : label;
}

/**
 * Whether a label may stand in a sidecar or an export: an entity type, or a custom name matching
 * CUSTOM_LABEL_PATTERN that is no entity tag or alias (WORK, GPE… mean entity types, never custom ones).
 */
export function isWellFormedLabel(label: string): label is Label {
  return isEntityLabel(label) || (CUSTOM_LABEL_PATTERN.test(label) && !labelForTag(label));
}

/**
 * The label an export filter or an import names: an entity type (by name, tag or alias), else a
 * well-formed custom name as written; undefined for anything else.
 */
export function exportLabelOf(tag: string): Label | undefined {
  return labelForTag(tag) ?? (CUSTOM_LABEL_PATTERN.test(tag.trim()) ? tag.trim() : undefined);
}

/**
 * The label an imported span's tag names: an entity type, else a custom label the user declared
 * (articleAnnotator.labels; case-insensitive, stored as declared); undefined for anything else.
 */
export function importLabelOf(tag: string, declared: readonly string[]): Label | undefined {
  const known = labelForTag(tag);
  if (known) return known;
  const custom = declaredLabel(tag, declared);
  return custom !== undefined && CUSTOM_LABEL_PATTERN.test(custom) && !labelForTag(custom) ? custom : undefined;
}

/**
 * The declaration in articleAnnotator.labels that `name` names, as declared (trimmed): names match
 * regardless of case, so one label is one name. Whether it is usable is the caller's question.
 */
export function declaredLabel(name: string, declared: readonly string[]): string | undefined {
  const key = name.trim().toLowerCase();
  return declared.find((d) => d.trim().toLowerCase() === key)?.trim();
}

/** Why an imported span's tag was skipped. */
export function unknownImportLabel(tag: string): string {
  return CUSTOM_LABEL_PATTERN.test(tag.trim())
    ? `unknown label ${JSON.stringify(tag)} (declare it in the setting articleAnnotator.labels to import it)`
    : `unknown label ${JSON.stringify(tag)}`;
}

/** Core label for a tag, a core label or a common alias (case-insensitive); undefined if unknown. */
export function labelForTag(tag: string): EntityLabel | undefined {
  return BY_TAG.get(tag.trim().toUpperCase());
}

/** Labels whose normalized value is a number (others carry ISO strings). */
export const NUMERIC_LABELS: ReadonlySet<Label> = new Set<Label>(['number', 'ordinal', 'quantity', 'money', 'percent']);
