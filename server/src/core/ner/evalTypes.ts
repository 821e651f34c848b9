import type { EntityLabel } from '../types';
import { defaultTypeMap } from './bio';
import { ENTITY_TYPES, EntityType, PRODUCT_LABEL, typeOfLabel } from './labels';

// Types an evaluation scores besides the model's names: OntoNotes 5's value types. The product's
// rules produce them; the NER model does not (its tag set stays PER/LOC/ORG).
export const VALUE_TYPES = ['DATE', 'TIME', 'MONEY', 'PERCENT', 'CARDINAL', 'ORDINAL', 'QUANTITY'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export type EvalType = EntityType | ValueType;

const LABEL_OF_VALUE_TYPE: Record<ValueType, EntityLabel> = {
  DATE: 'date',
  TIME: 'time',
  MONEY: 'money',
  PERCENT: 'percent',
  CARDINAL: 'number',
  ORDINAL: 'ordinal',
  QUANTITY: 'quantity',
};

/** A gold file's tag name as an evaluation type: names as defaultTypeMap reads them, value types as they are. */
export function evalTypeMap(raw: string): EvalType | undefined {
  const name = defaultTypeMap(raw);
  if (name) return name;
  const upper = raw.toUpperCase();
  return (VALUE_TYPES as readonly string[]).includes(upper) ? (upper as ValueType) : undefined;
}

/** The evaluation type of a product label (number → CARDINAL), or undefined (work). */
export function evalTypeOfLabel(label: EntityLabel): EvalType | undefined {
  const name = typeOfLabel(label);
  if (name) return name;
  return VALUE_TYPES.find((t) => LABEL_OF_VALUE_TYPE[t] === label);
}

/** The product label of an evaluation type (PER → person, CARDINAL → number), or undefined. */
export function labelOfEvalType(type: string): EntityLabel | undefined {
  const name = (ENTITY_TYPES as readonly string[]).includes(type) ? PRODUCT_LABEL[type as EntityType] : undefined;
  return name ?? LABEL_OF_VALUE_TYPE[type as ValueType];
}

/** The value types that occur in gold spans, in VALUE_TYPES order (rows to score). */
export function valueTypesIn(gold: readonly (readonly { type: string }[])[]): ValueType[] {
  const seen = new Set<string>();
  for (const spans of gold) for (const s of spans) seen.add(s.type);
  return VALUE_TYPES.filter((t) => seen.has(t));
}
