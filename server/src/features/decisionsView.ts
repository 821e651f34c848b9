import type { Entity } from '../core/types';

/**
 * How features see the annotator's decisions: automatic entities in, effective entities out
 * (the server passes its AnnotationService; without one, features show automatic entities).
 */
export interface Decisions {
  effective(uri: string, automatic: readonly Entity[]): Entity[];
}

export const NO_DECISIONS: Decisions = { effective: (_uri, automatic) => automatic as Entity[] };
