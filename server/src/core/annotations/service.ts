// The annotation service: the annotator's decisions for every open document (AnnotationStores),
// the decision flow (decide, learn, write the sidecar) and imports. The language server creates
// one and its handlers (features/annotations.ts) only translate positions and send notifications;
// tests drive it with plain texts and offsets.
import type { Entity, EntityLabel } from '../types';
import { ENTITY_LABELS } from '../types';
import { labelForTag } from '../export';
import { readTextFile } from '../io/safeFiles';
import { decide, type Decision } from './decisions';
import { matchImported, placeSpans, readImportFile, type MatchedBy } from './importMatching';
import type { LabelledSpan } from './learning';
import { AnnotationStores, articlePathOf, loadSidecar, saveSidecar, type ContentChange, type Reporter } from './stores';
import type { AnnotationStore } from './store';

/** What the service needs from its host (the server's analysis, or a test's fakes). */
export interface AnnotationHost {
  /** Automatic entities of a document whose current text is `text` ([] when it is not analysed). */
  automatic(uri: string, text: string): readonly Entity[];
  /**
   * Teaches the workspace's model the decision at `offset` (the entities in force after it
   * against the automatic ones before); says what was learned, undefined when nothing was.
   */
  learn?(uri: string, text: string, offset: number, effective: readonly LabelledSpan[], automatic: readonly LabelledSpan[]): string | undefined;
  /** The editor's text of an open document, undefined when it is not open. */
  openText(uri: string): string | undefined;
  /** Warnings and errors for the user (a corrupt sidecar, orphans found on load). */
  reporter: Reporter;
  log(message: string): void;
}

/** The answer to one decision; the same shape as protocol.ts' AnnotateResult. */
export interface AnnotateOutcome {
  ok: boolean;
  message: string;
  manual: number;
  rejected: number;
  sidecar?: string;
  learned?: string;
  /** Whether decisions changed (even when the sidecar write then failed). */
  changed: boolean;
}

/** The answer to an import; the same shape as protocol.ts' ImportAnnotationsResult. */
export interface ImportSummary {
  imported: { uri: string; spans: number; kept: number; merged: number; refused: number; matchedBy: MatchedBy; sidecar: string }[];
  unmatched: string[];
  warnings: string[];
}

const MAX_NAMED_REFUSALS = 20;

export class AnnotationService {
  readonly stores: AnnotationStores;

  constructor(private readonly host: AnnotationHost) {
    this.stores = new AnnotationStores(host.reporter);
  }

  /** A document was opened: its sidecar is loaded (reanchored when the article changed). */
  open(uri: string, text: string): void {
    this.stores.open(uri, text);
  }

  close(uri: string): void {
    this.stores.close(uri);
  }

  /** Editor changes, in the order the client sent them: spans move exactly as the text moved. */
  applyChanges(uri: string, changes: readonly ContentChange[]): void {
    this.reportOrphans(uri, this.stores.applyChanges(uri, changes));
  }

  /** Catches a store up with `text` when it missed a change (a full-text sync). */
  sync(uri: string, text: string): void {
    this.reportOrphans(uri, this.stores.sync(uri, text));
  }

  /** Writes the sidecar of a saved document (when its decisions changed). */
  save(uri: string, text: string): string | undefined {
    this.stores.sync(uri, text);
    return this.stores.save(uri);
  }

  store(uri: string): AnnotationStore | undefined {
    return this.stores.store(uri);
  }

  /** Automatic entities merged with the document's decisions. */
  effective(uri: string, automatic: readonly Entity[]): Entity[] {
    return this.stores.effective(uri, automatic);
  }

  /** Manual spans use the entity types, by name or by tag (PER, LOC, ORG…). */
  resolveLabel(raw: string): EntityLabel | { error: string } {
    const label = labelForTag(raw ?? '');
    return label ?? { error: `Unknown label "${raw}". Manual spans use the entity types: ${ENTITY_LABELS.join(', ')} (or their tags PER, LOC, ORG…).` };
  }

  /** Applies one decision to the open document whose editor text is `text`, learns from it and writes the sidecar. */
  annotate(uri: string, text: string, d: Decision): AnnotateOutcome {
    const store = this.stores.store(uri);
    const fail = (message: string): AnnotateOutcome => ({ ok: false, message, manual: store?.manual.length ?? 0, rejected: store?.rejected.length ?? 0, changed: false });
    const broken = this.stores.error(uri);
    if (broken) return fail(broken);
    if (!store) return fail('The document is not open.');
    this.stores.sync(uri, text);
    const automaticBefore = this.host.automatic(uri, text);
    const outcome = decide(store, text, d, () => automaticBefore, (raw) => this.resolveLabel(raw));
    if (!outcome.message) return fail(outcome.error ?? 'Nothing changed.');
    const at = 'offset' in d ? d.offset : d.start;
    // An accepted rejection is in force again although the analysis (taught by the rejection) lacks it.
    const effective = [...this.effective(uri, automaticBefore), ...(outcome.restored ? [outcome.restored] : [])];
    const learned = this.learn(uri, text, at, effective, automaticBefore);
    let sidecar: string | undefined;
    try {
      sidecar = this.stores.save(uri);
    } catch (err) {
      // Not ok: a decision that is not on disk is lost when the editor closes. It stays in memory
      // (the next save retries the write), and the user is told so.
      const why = (err as Error).message;
      return {
        ...fail(`${outcome.message} But the annotation file could not be written (${why}); the change is kept only until the editor closes unless a later save succeeds.`),
        learned,
        changed: true,
      };
    }
    return { ok: true, message: outcome.message, manual: store.manual.length, rejected: store.rejected.length, sidecar, learned, changed: true };
  }

  /** Learning never blocks a decision: a failure is logged and the decision stands. */
  learn(uri: string, text: string, offset: number, effective: readonly LabelledSpan[], automatic: readonly LabelledSpan[]): string | undefined {
    if (!this.host.learn) return undefined;
    try {
      return this.host.learn(uri, text, offset, effective, automatic);
    } catch (err) {
      this.host.log(`learning failed: ${(err as Error).stack ?? err}`);
      return undefined;
    }
  }

  /**
   * Imports a .jsonl or brat file into the candidate articles it matches: open ones through their
   * store (then saved), closed ones through their sidecar on disk. Never removes a decision.
   */
  importAnnotations(file: string, candidateUris: readonly string[], offsets: 'codepoint' | 'utf16' = 'codepoint'): ImportSummary {
    const result: ImportSummary = { imported: [], unmatched: [], warnings: [] };
    try {
      this.importInto(file, candidateUris, offsets, result);
    } catch (err) {
      result.warnings.push(`${file}: ${(err as Error).message}`);
    }
    return result;
  }

  private importInto(file: string, candidateUris: readonly string[], offsets: 'codepoint' | 'utf16', result: ImportSummary): void {
    const imported = readImportFile(file, offsets);
    const candidates = candidateUris.map((uri) => ({ uri, file: articlePathOf(uri) }));
    const textOf = (c: { uri: string; file?: string }): string | undefined => readArticle(this.host, c.uri, c.file);
    for (const doc of imported) {
      result.warnings.push(...doc.warnings);
      const label = doc.path ?? JSON.stringify(doc.text.slice(0, 20));
      const match = matchImported(doc, candidates, textOf);
      if (!match) {
        result.unmatched.push(label);
        continue;
      }
      const notPlaced: string[] = [];
      const spans = placeSpans(doc, match.text, match.by, notPlaced);
      const isOpen = this.host.openText(match.uri) !== undefined;
      if (isOpen && this.stores.error(match.uri)) {
        result.warnings.push(this.stores.error(match.uri)!);
        continue;
      }
      const open = isOpen ? this.stores.store(match.uri) : undefined;
      let store = open;
      if (!store) {
        if (!match.file) continue;
        const loaded = loadSidecar(match.file, match.text);
        if (loaded.error || !loaded.store) {
          result.warnings.push(loaded.error ?? `${match.file}: cannot load annotations`);
          continue;
        }
        store = loaded.store;
      }
      const outcome = store.importSpans(spans);
      const refused = notPlaced.length + outcome.refused.length;
      // Every refusal is counted; the first few are named (a file may hold 10^5 of them).
      const reasons = [...notPlaced, ...outcome.refused.map((r) => `${label}: ${r.label} "${r.text}" not imported: ${r.reason}`)];
      result.warnings.push(...reasons.slice(0, MAX_NAMED_REFUSALS));
      if (reasons.length > MAX_NAMED_REFUSALS) result.warnings.push(`${label}: ${reasons.length - MAX_NAMED_REFUSALS} more span(s) not imported`);
      const sidecar =
        outcome.kept === 0
          ? (this.stores.sidecarPath(match.uri) ?? '')
          : open
            ? (this.stores.save(match.uri, true) ?? this.stores.sidecarPath(match.uri) ?? '')
            : saveSidecar(match.file!, store);
      result.imported.push({ uri: match.uri, spans: outcome.kept, kept: outcome.kept, merged: outcome.merged, refused, matchedBy: match.by, sidecar });
    }
  }

  private reportOrphans(uri: string, orphans: readonly { label: string; text: string }[]): void {
    if (orphans.length) this.host.log(`${uri}: ${orphans.map((o) => `${o.label} "${o.text}"`).join(', ')} lost their text; kept as orphans in the sidecar`);
  }
}

/** An article's current text: the editor's when it is open, the file's otherwise (undefined when unreadable). */
export function readArticle(host: Pick<AnnotationHost, 'openText'>, uri: string, file = articlePathOf(uri)): string | undefined {
  const open = host.openText(uri);
  if (open !== undefined) return open;
  try {
    return file ? readTextFile(file).text : undefined;
  } catch {
    return undefined;
  }
}
