// The annotation service: the annotator's decisions for every open document (AnnotationStores),
// the decision flow (decide, learn, write the sidecar) and imports. The language server creates
// one and its handlers (features/annotations.ts) only translate positions and send notifications;
// tests drive it with plain texts and offsets.
import type { Entity, Label } from '../types';
import { readTextFile } from '../io/safeFiles';
import { decide, spanAt, unrejected, type Decision } from './decisions';
import { resolveLabel } from './labels';
import { applyOccurrences, cloneStore, contextLine, countByLabel, findOccurrences, type EverywhereAction, type EverywhereDecision } from './everywhere';
import { matchImported, placeSpans, readImportFile, type MatchedBy } from './importMatching';
import { sentenceAround, type DecidedSpan } from './learning';
import { LineIndex } from '../offsets';
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
  learn?(uri: string, text: string, offset: number, effective: readonly DecidedSpan[], automatic: readonly DecidedSpan[]): string | undefined;
  /** Custom labels declared in the settings (articleAnnotator.labels), as written; none when absent. */
  customLabels?(): readonly string[];
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

/** A line/character range (UTF-16 characters, as LSP counts them). */
export interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A decision everywhere, before anything changes; the same shape as protocol.ts' EverywherePreviewResult files. */
export interface EverywherePreview {
  decision: EverywhereDecision;
  files: {
    uri: string;
    open: boolean;
    occurrences: { range: PlainRange; now: 'automatic' | 'manual' | 'rejected'; context: string }[];
    /** Effective entities per label before and after the decision. */
    before: Record<string, number>;
    after: Record<string, number>;
  }[];
  /** Articles looked at (read and analysed). */
  scanned: number;
  errors: { uri: string; message: string }[];
}

export interface EverywhereApplied {
  files: { uri: string; applied: number; skipped: { range: PlainRange; reason: string }[]; sidecar?: string }[];
  errors: { uri: string; message: string }[];
  learned: string[];
}

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

  /** Whether effective() may differ from the automatic entities. */
  affects(uri: string): boolean {
    return this.stores.affects(uri);
  }

  /** Manual spans use the entity types, by name or by tag (PER, LOC, ORG…), or a custom label declared in the settings. */
  resolveLabel(raw: string): Label | { error: string } {
    return resolveLabel(raw, this.host.customLabels?.() ?? []);
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
  learn(uri: string, text: string, offset: number, effective: readonly DecidedSpan[], automatic: readonly DecidedSpan[]): string | undefined {
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
    const imported = readImportFile(file, offsets, this.host.customLabels?.() ?? []);
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

  /**
   * The entity a decision "everywhere" starts from: under `offset` of the open document, the
   * automatic entity (reject), the automatic entity or a rejected one (accept), or either a
   * manual span or an automatic entity (relabel).
   */
  entityAt(uri: string, text: string, offset: number, action: EverywhereAction): { text: string; label: Label } | { error: string } {
    const broken = this.stores.error(uri);
    if (broken) return { error: broken };
    const store = this.stores.store(uri);
    if (!store) return { error: 'The document is not open.' };
    this.stores.sync(uri, text);
    const automatic = unrejected(store, this.host.automatic(uri, text)).filter((e) => !store.manual.some((m) => m.start < e.end && e.start < m.end));
    const found =
      action === 'reject'
        ? spanAt(automatic, offset)
        : action === 'accept'
          ? (spanAt(store.rejected, offset) ?? spanAt(automatic, offset))
          : (spanAt(store.manual, offset) ?? spanAt(automatic, offset));
    if (!found) return { error: action === 'relabel' ? 'There is no annotation under the cursor.' : 'There is no automatic entity under the cursor.' };
    return { text: found.text, label: found.label };
  }

  /** An article's text and decisions: the editor's and its store when open, the file and its sidecar otherwise. */
  private articleOf(uri: string): { text: string; store: AnnotationStore; open: boolean; file?: string } | { error: string } {
    const openText = this.host.openText(uri);
    if (openText !== undefined) {
      const broken = this.stores.error(uri);
      if (broken) return { error: broken };
      const store = this.stores.store(uri);
      if (!store) return { error: 'the document is open but its annotations are not loaded' };
      this.stores.sync(uri, openText);
      return { text: openText, store, open: true, file: articlePathOf(uri) };
    }
    const file = articlePathOf(uri);
    if (!file) return { error: 'not a file on disk and not open' };
    let text: string;
    try {
      text = readTextFile(file).text;
    } catch (err) {
      return { error: `cannot be read (${(err as Error).message})` };
    }
    const loaded = loadSidecar(file, text);
    if (loaded.error || !loaded.store) return { error: loaded.error ?? 'cannot load its annotations' };
    return { text, store: loaded.store, open: false, file };
  }

  /**
   * What the decision would change in each article: the occurrences (with line and context) and
   * the effective entities per label before and after. Nothing is changed; articles without an
   * occurrence are left out of `files`.
   */
  previewEverywhere(d: EverywhereDecision, uris: readonly string[]): EverywherePreview {
    const preview: EverywherePreview = { decision: d, files: [], scanned: 0, errors: [] };
    for (const uri of new Set(uris)) {
      const article = this.articleOf(uri);
      if ('error' in article) {
        preview.errors.push({ uri, message: article.error });
        continue;
      }
      preview.scanned++;
      const automatic = this.host.automatic(uri, article.text);
      const occurrences = findOccurrences(article.store, automatic, d);
      if (!occurrences.length) continue;
      const trial = cloneStore(article.store);
      applyOccurrences(trial, occurrences, d);
      const lines = new LineIndex(article.text);
      preview.files.push({
        uri,
        open: article.open,
        occurrences: occurrences.map((o) => ({
          range: { start: lines.positionAt(o.start), end: lines.positionAt(o.end) },
          now: o.now,
          context: contextLine(article.text, o.start, o.end),
        })),
        before: countByLabel(article.store.merge(automatic)),
        after: countByLabel(trial.merge(automatic)),
      });
    }
    return preview;
  }

  /**
   * Applies the decision to exactly the given spans (ranges of a preview) and writes each changed
   * article's sidecar; learning sees each changed sentence once, as after a single decision.
   * Applying the same set again changes nothing.
   */
  applyEverywhere(d: EverywhereDecision, files: readonly { uri: string; ranges: readonly PlainRange[] }[]): EverywhereApplied {
    const result: EverywhereApplied = { files: [], errors: [], learned: [] };
    if (d.action === 'relabel' && !d.newLabel) return { ...result, errors: [{ uri: '', message: 'Relabel everywhere needs the new label.' }] };
    for (const f of files) {
      const article = this.articleOf(f.uri);
      if ('error' in article) {
        result.errors.push({ uri: f.uri, message: article.error });
        continue;
      }
      const lines = new LineIndex(article.text);
      const spans = f.ranges.map((r) => ({ start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) }));
      const automaticBefore = this.host.automatic(f.uri, article.text);
      const outcome = applyOccurrences(article.store, spans, d);
      const entry: EverywhereApplied['files'][number] = {
        uri: f.uri,
        applied: outcome.applied.length,
        skipped: outcome.skipped.map((s) => ({ range: { start: lines.positionAt(s.start), end: lines.positionAt(s.end) }, reason: s.reason })),
      };
      result.files.push(entry);
      if (!outcome.applied.length) continue;
      try {
        entry.sidecar = article.open ? this.stores.save(f.uri) : article.file ? saveSidecar(article.file, article.store) : undefined;
      } catch (err) {
        result.errors.push({ uri: f.uri, message: `the decisions were made but the annotation file could not be written (${(err as Error).message})` });
      }
      const effective = article.store.merge(automaticBefore);
      const sentences = new Set<number>();
      for (const o of outcome.applied) {
        const [start] = sentenceAround(article.text, o.start);
        if (sentences.has(start)) continue;
        sentences.add(start);
        const learned = this.learn(f.uri, article.text, o.start, effective, automaticBefore);
        if (learned) result.learned.push(learned);
      }
    }
    return result;
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
