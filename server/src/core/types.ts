// Shared vocabulary of the core. Offsets are UTF-16 code units unless a name says otherwise.

/** Entity labels, in the order of the semantic-token legend. */
export const ENTITY_LABELS = [
  'person',
  'location',
  'organization',
  'date',
  'time',
  'number',
  'quantity',
  'money',
  'percent',
  'work',
  'ordinal',
] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

/** Where a span came from, so users and exports can tell pre-annotation from decisions. */
export type EntitySource = 'dictionary' | 'rule' | 'tagger' | 'model' | 'manual';

export interface Entity {
  start: number;
  end: number;
  label: EntityLabel;
  text: string;
  /** Simplified, repaired form of the text (what the recognizers saw). */
  simplified?: string;
  source: EntitySource;
  /** Normalized value: a number for numeric labels, an ISO date/time string for dates/times. */
  value?: number | string;
  /** Unit for quantities and money (e.g. 元, 人次). */
  unit?: string;
  /** Model confidence in [0, 1] for model-made spans. */
  confidence?: number;
}

/** A word with its part-of-speech tag, as a segmenter returns it; offsets in the input text. */
export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}
