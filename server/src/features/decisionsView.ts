import type { Entity } from '../core/types';

/**
 * How features see the annotator's decisions: automatic entities in, effective entities out
 * (the server passes its AnnotationService; without one, features show automatic entities).
 */
export interface Decisions {
  effective(uri: string, automatic: readonly Entity[]): Entity[];
  /** Whether effective() may differ from the automatic entities (unknown when absent: assume it may). */
  affects?(uri: string): boolean;
}

export const NO_DECISIONS: Decisions = { effective: (_uri, automatic) => automatic as Entity[], affects: () => false };
