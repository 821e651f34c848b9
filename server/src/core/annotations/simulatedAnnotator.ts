import type { Span } from '../ner/bio';
import { labelOfEvalType, type ValueType } from '../ner/evalTypes';
import type { EntityLabel } from '../types';
import { rejectedSpans, replacedSpans, type Correction, type DecidedSpan, type LabelledSpan } from './learning';

/** The product labels a gold file annotates: the names, and the value types it has (valueTypesIn). */
export function annotatedLabels(valueTypes: readonly ValueType[]): Set<EntityLabel> {
  return new Set<EntityLabel>(['person', 'location', 'organization', ...valueTypes.flatMap((t) => labelOfEvalType(t) ?? [])]);
}

/**
 * The correction an annotator who follows a gold file makes to one sentence (eval:ner --adapt):
 * its gold spans are confirmed, and the automatic spans of labels the file annotates that
 * disagree are rejected or replaced. Labels it does not annotate (values in a names-only file,
 * works everywhere) are left alone, as an annotator of names leaves them: counting them as
 * rejections taught the string memory to drop every date and number seen while adapting.
 */
export function simulatedCorrection(text: string, gold: readonly Span<string>[], predicted: readonly DecidedSpan[], annotated: ReadonlySet<EntityLabel>): Correction {
  const entities: LabelledSpan[] = gold.flatMap((s) => {
    const label = labelOfEvalType(s.type);
    return label && annotated.has(label) ? [{ start: s.start, end: s.end, label }] : [];
  });
  const judged = predicted.filter((p) => annotated.has(p.label as EntityLabel));
  return { text, entities, rejected: rejectedSpans(entities, judged), replaced: replacedSpans(entities, judged) };
}
