import type { EntityLabel } from '../types';

// The model tags characters with BIOES: Begin, Inside, End of a multi-character span, Single for a
// one-character span, O outside. BIOES rather than BIO lets the decoder learn how spans end, which
// matters for ORG names that end in a suffix (局, 办公室, 大学).

export const ENTITY_TYPES = ['PER', 'LOC', 'ORG'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const PRODUCT_LABEL: Record<EntityType, EntityLabel> = {
  PER: 'person',
  LOC: 'location',
  ORG: 'organization',
};

/** The type of a product label, or undefined for labels the NER model does not produce. */
export function typeOfLabel(label: string): EntityType | undefined {
  for (const t of ENTITY_TYPES) if (PRODUCT_LABEL[t] === label) return t;
  return undefined;
}

export const enum Part {
  B = 0,
  I = 1,
  E = 2,
  S = 3,
}

/** Tag index 0 is O; then B, I, E, S for each type in ENTITY_TYPES order. */
export const TAG_NAMES: readonly string[] = [
  'O',
  ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'E', 'S'].map((p) => `${p}-${t}`)),
];
export const NUM_TAGS = TAG_NAMES.length;
export const TAG_O = 0;

export function tagOf(type: number, part: Part): number {
  return 1 + type * 4 + part;
}

/** Type index of a tag (-1 for O). */
export function tagType(tag: number): number {
  return tag === TAG_O ? -1 : (tag - 1) >> 2;
}

/** Part of a non-O tag. */
export function tagPart(tag: number): Part {
  return ((tag - 1) & 3) as Part;
}

/** Whether tag `to` may follow tag `from` in a well-formed BIOES sequence. */
export function allowedTransition(from: number, to: number): boolean {
  const fromOpen = from !== TAG_O && (tagPart(from) === Part.B || tagPart(from) === Part.I);
  const toContinues = to !== TAG_O && (tagPart(to) === Part.I || tagPart(to) === Part.E);
  if (fromOpen) return toContinues && tagType(from) === tagType(to);
  return !toContinues;
}

export function allowedStart(tag: number): boolean {
  return tag === TAG_O || tagPart(tag) === Part.B || tagPart(tag) === Part.S;
}

export function allowedEnd(tag: number): boolean {
  return tag === TAG_O || tagPart(tag) === Part.E || tagPart(tag) === Part.S;
}
