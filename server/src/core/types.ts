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

/**
 * A label the user declared in the articleAnnotator.labels setting (EVENT, PRODUCT…): a name
 * matching CUSTOM_LABEL_PATTERN that is not one of ENTITY_LABELS or their tags. Only manual spans
 * carry one; recognizers and learning never do.
 */
export type CustomLabel = string & { readonly customLabel?: never };
export type Label = EntityLabel | CustomLabel;
export const CUSTOM_LABEL_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export function isEntityLabel(label: string): label is EntityLabel {
  return (ENTITY_LABELS as readonly string[]).includes(label);
}


/** Where a span came from, so users and exports can tell pre-annotation from decisions. */
export type EntitySource = 'dictionary' | 'rule' | 'tagger' | 'model' | 'manual';

export interface Entity {
  start: number;
  end: number;
  /** One of ENTITY_LABELS, or a custom label on a manual span. */
  label: Label;
  text: string;
  /** Simplified, repaired form of the text (what the recognizers saw). */
  simplified?: string;
  source: EntitySource;
  /**
   * Normalized value: a number for number/ordinal/quantity/money/percent (money in units of its
   * currency, percent as the number of percent), both ends [low, high] for a range ('3—5人'), a
   * TIMEX3 string for dates and times ('2020-09-14', 'P3Y', '198X', '1991/1995' for a range).
   */
  value?: number | string | [number, number];
  /** Unit for quantities, counts and money (e.g. 元, 人次, 公里). */
  unit?: string;
  /** ISO 4217 code of money (CNY, USD …). */
  currency?: string;
  /** Approximation or bound kept in the span, TIMEX3 mod names: APPROX, MORE_THAN, EQUAL_OR_MORE, START, END … */
  qualifier?: string;
  /** How a date's value was completed: '去年 → 2019, from the dateline 2020-09-14'. */
  resolution?: string;
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
