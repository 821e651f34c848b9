// Which labels a manual span may carry: the entity types (by name, tag or common alias), or a
// custom label the user declared in articleAnnotator.labels. A custom label is a name matching
// CUSTOM_LABEL_PATTERN that is no entity type; the sidecar stores it by that name and every
// export writes it as its tag (brat type, BIO B-/I- tag, JSONL / Label Studio / CSV label).
import { declaredLabel, labelForTag } from '../export/labels';
import { CUSTOM_LABEL_PATTERN, ENTITY_LABELS, type Label } from '../types';

/** The label `raw` names, given the declared custom labels, or why it is refused. */
export function resolveLabel(raw: string, declared: readonly string[]): Label | { error: string } {
  const name = (raw ?? '').trim();
  const known = labelForTag(name);
  if (known) return known;
  const custom = declaredLabel(name, declared);
  if (custom !== undefined) {
    if (CUSTOM_LABEL_PATTERN.test(custom)) return custom;
    return {
      error: `"${custom}" is in the setting articleAnnotator.labels but is not usable as a label: a custom label starts with a Latin letter and holds only letters, digits, _ or - (at most 32), so that brat, BIO and the other export formats can write it.`,
    };
  }
  const usable = declared.filter((d) => CUSTOM_LABEL_PATTERN.test(d) && !labelForTag(d));
  return {
    error:
      `Unknown label "${raw}". Manual spans use the entity types: ${ENTITY_LABELS.join(', ')} (or their tags PER, LOC, ORG…)` +
      (usable.length ? `, or a custom label of the setting articleAnnotator.labels: ${usable.join(', ')}.` : '; add a custom label to the setting articleAnnotator.labels to use it.'),
  };
}
