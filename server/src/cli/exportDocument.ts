// Turns one article into what the exporters take (text + effective spans), the same way for the
// CLI and the language server: automatic spans merged with the sidecar's decisions, or the manual
// spans alone, on the original text or on the repaired one.
import { AnnotationStore, type ManualSpan, type RejectedSpan } from '../core/annotations';
import { repairText } from '../core/artifacts';
import type { DetectOptions } from '../core/artifacts/types';
import type { ExportDocument } from '../core/export';
import { EditMap } from '../core/offsets';
import type { Entity } from '../core/types';

export interface PrepareOptions {
  manualOnly?: boolean;
  repaired?: boolean;
  /** Automatic entities of a text (the analyzer of the caller). */
  analyze: (text: string) => readonly Entity[];
  /** Automatic entities of the original text when the caller has them already (open documents). */
  automatic?: readonly Entity[];
  artifacts?: DetectOptions;
}

export interface PreparedDocument {
  doc: ExportDocument;
  /** Decisions that could not be carried over to the repaired text. */
  warnings: string[];
}

export function prepareExportDocument(path: string, text: string, store: AnnotationStore | undefined, opts: PrepareOptions): PreparedDocument {
  const decisions = store ?? new AnnotationStore(text);
  if (!opts.repaired) {
    const spans = opts.manualOnly ? manualEntities(decisions) : decisions.merge(opts.automatic ?? opts.analyze(text));
    return { doc: { path, text, spans }, warnings: [] };
  }
  const { text: fixed, applied, refused } = repairText(text, opts.artifacts);
  const map = new EditMap(
    text,
    applied.map((a) => ({ start: a.start, end: a.end, text: a.candidates[0] ?? '' })),
  );
  const warnings: string[] = refused ? [`${path}: exported unrepaired: ${refused}`] : [];
  // Decisions move with the repairs; one whose text the repair removed cannot be carried.
  const carry = <T extends ManualSpan | RejectedSpan>(spans: readonly T[], what: string): T[] => {
    const out: T[] = [];
    for (const s of spans) {
      const [a, b] = map.spanToTarget(s.start, s.end);
      if (b <= a) {
        warnings.push(`${path}: ${what} ${s.label} "${s.text}" disappears in the repaired text`);
        continue;
      }
      out.push({ ...s, start: a, end: b, text: fixed.slice(a, b) });
    }
    return out;
  };
  let moved: AnnotationStore;
  try {
    moved = new AnnotationStore(fixed, { manual: carry(decisions.manual, 'manual span'), rejected: carry(decisions.rejected, 'rejection') });
  } catch (err) {
    warnings.push(`${path}: manual spans could not be mapped to the repaired text (${(err as Error).message})`);
    moved = new AnnotationStore(fixed);
  }
  const spans = opts.manualOnly ? manualEntities(moved) : moved.merge(opts.analyze(fixed));
  return { doc: { path, text: fixed, spans }, warnings };
}

function manualEntities(store: AnnotationStore): Entity[] {
  return store.manual.map((m) => ({ start: m.start, end: m.end, label: m.label, text: m.text, source: 'manual' as const }));
}
