// Manual annotation in the server: decisions arrive as AnnotateRequest, live in the document's
// AnnotationStore, follow every edit, and are written to the sidecar after each decision and on
// save. Also answers EntitiesRequest (the Entities view) and ImportAnnotationsRequest.
import * as fs from 'fs';
import * as path from 'path';
import { DidSaveTextDocumentNotification, MessageType, ShowMessageNotification, type Connection, type DidChangeTextDocumentParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { AnnotationStores, articlePathOf, loadSidecar, saveSidecar, sharedStores } from '../annotationStores';
import { anchorByText, type AnnotationStore } from '../core/annotations';
import { readTextFile } from '../core/io/safeFiles';
import { baseName } from '../core/export/common';
import { importBrat, importJsonl, labelForTag, type ImportedDocument } from '../core/export';
import { ENTITY_LABELS, type Entity, type EntityLabel } from '../core/types';
import {
  AnnotateParams,
  AnnotateRequest,
  AnnotateResult,
  EntitiesParams,
  EntitiesRequest,
  EntitiesResult,
  ImportAnnotationsParams,
  ImportAnnotationsRequest,
  ImportAnnotationsResult,
  AnnotationsChangedNotification,
  LearningParams,
  LearningRequest,
  LearningResult,
} from '../protocol';

type Guard = <T>(name: string, fallback: T, fn: () => T) => T;

/** Everything of issue 4 on the server; call before documents.listen(connection). */
export function registerAnnotationFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService, guard: Guard): AnnotationStores {
  const stores = sharedStores({
    // Plain window/showMessage notifications: nothing to answer, nothing to wait for.
    warn: (m) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: m }),
    error: (m) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: m }),
  });
  const log = (m: string) => connection.console.log(m);

  // TextDocuments owns the didChange handler and only reports the resulting text; the change
  // ranges are taken here, on the way in, so spans move exactly as the editor moved the text.
  const original = connection.onDidChangeTextDocument.bind(connection);
  connection.onDidChangeTextDocument = (handler) =>
    original((p: DidChangeTextDocumentParams) => {
      guard('annotation shift', undefined, () => reportOrphans(p.textDocument.uri, stores.applyChanges(p.textDocument.uri, p.contentChanges)));
      return handler(p);
    });

  // server.ts declares didSave (includeText false) in its sync capability, so saves reach us.
  documents.onDidOpen((e) => {
    guard('loading annotations', undefined, () => stores.open(e.document.uri, e.document.getText()));
  });
  // A safety net: a store that missed a change (or a full-text sync) catches up by diff.
  documents.onDidChangeContent((e) => guard('annotation sync', undefined, () => reportOrphans(e.document.uri, stores.sync(e.document.uri, e.document.getText()))));
  documents.onDidSave((e) =>
    guard('saving annotations', undefined, () => {
      stores.sync(e.document.uri, e.document.getText());
      const file = stores.save(e.document.uri);
      if (file) log(`annotations saved to ${file}`);
    }),
  );
  documents.onDidClose((e) => stores.close(e.document.uri));

  function reportOrphans(uri: string, orphans: readonly { label: string; text: string }[]): void {
    if (orphans.length) log(`${uri}: ${orphans.map((o) => `${o.label} "${o.text}"`).join(', ')} lost their text; kept as orphans in the sidecar`);
  }

  connection.onRequest(AnnotateRequest.method, (p: AnnotateParams): AnnotateResult =>
    guard('annotate', { ok: false, message: 'The annotation failed; see the output log.', manual: 0, rejected: 0 }, () => annotate(p)),
  );

  function annotate(p: AnnotateParams): AnnotateResult {
    const doc = documents.get(p.uri);
    const store = stores.store(p.uri);
    const fail = (message: string): AnnotateResult => ({ ok: false, message, manual: store?.manual.length ?? 0, rejected: store?.rejected.length ?? 0 });
    if (!doc) return fail('The document is not open.');
    const broken = stores.error(p.uri);
    if (broken) return fail(broken);
    if (!store) return fail('The document is not open.');
    stores.sync(p.uri, doc.getText());
    const automaticBefore = service.get(doc)?.analysis.entities ?? [];
    restored = undefined;
    const outcome = decide(p, doc, store);
    if (typeof outcome !== 'string' || !outcome) return fail(typeof outcome === 'string' ? 'Nothing changed.' : outcome.error);
    const learned = guard('learning', undefined, () => {
      const at = doc.offsetAt('range' in p ? p.range.start : p.position);
      // An accepted rejection is in force again although the analysis (taught by the rejection) lacks it.
      const effective = [...stores.effective(p.uri, automaticBefore), ...(restored ? [restored] : [])];
      const c = service.learnFromDecision(doc, at, effective, automaticBefore);
      return c ? `learned from "${c.text.length > 24 ? `${c.text.slice(0, 24)}…` : c.text}"` : undefined;
    });
    let sidecar: string | undefined;
    let saveError: string | undefined;
    try {
      sidecar = stores.save(p.uri);
    } catch (err) {
      saveError = (err as Error).message;
    }
    void connection.languages.semanticTokens.refresh().catch(() => undefined);
    // Learning may have changed other documents' entities too.
    void connection.sendNotification(AnnotationsChangedNotification.method, learned ? {} : { uri: p.uri });
    // Not ok: a decision that is not on disk is lost when the editor closes. It stays in memory
    // (the next save retries the write), and the user is told so.
    if (saveError !== undefined) {
      return { ...fail(`${outcome} But the annotation file could not be written (${saveError}); the change is kept only until the editor closes unless a later save succeeds.`), learned };
    }
    return { ok: true, message: outcome, manual: store.manual.length, rejected: store.rejected.length, sidecar, learned };
  }

  /** The rejected automatic span the current decision restored (accept), for learning. */
  let restored: { start: number; end: number; label: EntityLabel } | undefined;

  /** Applies one decision; a message on success or { error } saying why nothing changed. */
  function decide(p: AnnotateParams, doc: TextDocument, store: AnnotationStore): string | { error: string } {
    const automatic = (): readonly Entity[] => service.get(doc)?.analysis.entities ?? [];
    if (p.action === 'label' || p.action === 'labelAll') {
      const label = resolveLabel(p.label);
      if (typeof label !== 'string') return label;
      const start = doc.offsetAt(p.range.start);
      const end = doc.offsetAt(p.range.end);
      if (end <= start) return { error: 'Select the text to label first.' };
      const text = doc.getText().slice(start, end);
      if (p.action === 'labelAll') {
        const r = store.labelAllOccurrences(text, label);
        if (r.added.length === 0 && r.relabelled === 0) return { error: `Every occurrence of "${text}" already is a ${label} or overlaps another manual span (${r.skipped}).` };
        return `Labelled ${r.added.length} occurrence(s) of "${text}" as ${label}${r.relabelled ? `, relabelled ${r.relabelled}` : ''}${r.skipped ? `, skipped ${r.skipped} overlapping a manual span` : ''}.`;
      }
      try {
        const { replaced } = store.addManual(start, end, label);
        return `Labelled "${text}" as ${label}${replaced.length ? ` (replacing ${replaced.map((r) => `"${r.text}"`).join(', ')})` : ''}.`;
      } catch (err) {
        return { error: `Cannot label this selection: ${(err as Error).message}` };
      }
    }
    const offset = doc.offsetAt(p.position);
    const manual = spanAt(store.manual, offset);
    switch (p.action) {
      case 'remove':
        if (!manual) return { error: 'There is no manual annotation under the cursor.' };
        store.removeManual(manual.start, manual.end);
        return `Removed the manual ${manual.label} "${manual.text}".`;
      case 'relabel': {
        const label = resolveLabel(p.label);
        if (typeof label !== 'string') return label;
        if (manual) {
          if (manual.label === label) return { error: `"${manual.text}" already is a ${label}.` };
          store.relabel(manual.start, manual.end, label);
          return `Relabelled "${manual.text}" as ${label}.`;
        }
        const auto = spanAt(automatic(), offset);
        if (!auto) return { error: 'There is no annotation under the cursor.' };
        store.addManual(auto.start, auto.end, label);
        return `Relabelled "${auto.text}" as ${label} (now a manual span).`;
      }
      case 'reject': {
        if (manual) return { error: `"${manual.text}" is a manual annotation; remove it instead.` };
        const rejected = new Set(store.rejected.map((r) => `${r.start}:${r.end}:${r.label}`));
        const auto = spanAt(automatic().filter((e) => !rejected.has(`${e.start}:${e.end}:${e.label}`)), offset);
        if (!auto) return { error: 'There is no automatic entity under the cursor.' };
        store.reject(auto);
        return `Rejected the automatic ${auto.label} "${auto.text}".`;
      }
      case 'accept': {
        const rejected = spanAt(store.rejected, offset);
        if (rejected) {
          store.accept(rejected);
          restored = rejected;
          return `Restored the automatic ${rejected.label} "${rejected.text}".`;
        }
        if (manual) return { error: `"${manual.text}" already is a manual ${manual.label}.` };
        const auto = spanAt(automatic(), offset);
        if (!auto) return { error: 'There is no automatic entity under the cursor.' };
        store.addManual(auto.start, auto.end, auto.label);
        return `Accepted "${auto.text}" as ${auto.label} (now a manual span).`;
      }
    }
    return { error: `Unknown action ${JSON.stringify((p as { action: unknown }).action)}.` };
  }

  connection.onRequest(LearningRequest.method, (p: LearningParams): LearningResult =>
    guard<LearningResult>('learning', { sentences: 0, features: 0, rejected: [], confirmed: [] }, () => {
      const backup = p.action === 'reset' ? service.resetLearning().backup : undefined;
      if (p.action === 'reset') {
        void connection.languages.semanticTokens.refresh().catch(() => undefined);
        void connection.sendNotification(AnnotationsChangedNotification.method, {});
      }
      return { ...service.learning.summary(), file: service.learningFile, backup };
    }),
  );

  connection.onRequest(EntitiesRequest.method, (p: EntitiesParams): EntitiesResult => {
    const empty: EntitiesResult = { served: false, entities: [], rejected: 0, orphaned: 0 };
    const doc = documents.get(p.uri);
    if (!doc) return empty;
    return guard('entities', empty, () => {
      const state = service.get(doc);
      const store = stores.store(p.uri);
      const orphans = (store?.orphaned ?? []).slice(0, 500).map((o) => {
        const at = doc.positionAt(Math.min(o.start, doc.getText().length));
        return { kind: o.kind, label: o.label, text: o.text, reason: o.reason, range: { start: at, end: at } };
      });
      const base = { rejected: store?.rejected.length ?? 0, orphaned: store?.orphaned.length ?? 0, orphans, sidecarError: stores.error(p.uri) };
      if (!state) return { ...empty, ...base };
      const entities = stores.effective(p.uri, state.analysis.entities).map((e) => ({
        label: e.label,
        text: e.text,
        source: e.source,
        range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
      }));
      return { served: true, entities, ...base };
    });
  });

  connection.onRequest(ImportAnnotationsRequest.method, (p: ImportAnnotationsParams): ImportAnnotationsResult => {
    const result: ImportAnnotationsResult = { imported: [], unmatched: [], warnings: [] };
    try {
      importInto(p, result);
    } catch (err) {
      result.warnings.push(`${p.file}: ${(err as Error).message}`);
    }
    if (result.imported.some((i) => i.kept > 0)) {
      void connection.languages.semanticTokens.refresh().catch(() => undefined);
      void connection.sendNotification(AnnotationsChangedNotification.method, {});
    }
    return result;
  });

  function importInto(p: ImportAnnotationsParams, result: ImportAnnotationsResult): void {
    const imported = readImportFile(p.file, p.offsets ?? 'codepoint');
    const candidates = p.candidates.map((uri) => ({ uri, file: articlePathOf(uri) }));
    const textOf = (c: { uri: string; file?: string }): string | undefined => {
      const open = documents.get(c.uri);
      if (open) return open.getText();
      try {
        return c.file ? readTextFile(c.file).text : undefined;
      } catch {
        return undefined;
      }
    };
    for (const doc of imported) {
      result.warnings.push(...doc.warnings);
      const label = doc.path ?? JSON.stringify(doc.text.slice(0, 20));
      // Same text (what equal text hashes mean) first; then the same file name, reanchoring by text.
      let match: { uri: string; file?: string; text: string; by: 'hash' | 'name' } | undefined;
      for (const c of candidates) {
        const t = textOf(c);
        if (t === doc.text) {
          match = { ...c, text: t, by: 'hash' };
          break;
        }
      }
      if (!match && doc.path) {
        const stem = baseName(doc.path);
        for (const c of candidates) {
          if (!c.file || baseName(c.file) !== stem) continue;
          const t = textOf(c);
          if (t !== undefined) match = { ...c, text: t, by: 'name' };
          break;
        }
      }
      if (!match) {
        result.unmatched.push(label);
        continue;
      }
      const notPlaced: string[] = [];
      const spans = placeSpans(doc, match.text, match.by, notPlaced);
      const open = documents.get(match.uri) ? stores.store(match.uri) : undefined;
      if (documents.get(match.uri) && stores.error(match.uri)) {
        result.warnings.push(stores.error(match.uri)!);
        continue;
      }
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
      const sidecar = outcome.kept === 0 ? (stores.sidecarPath(match.uri) ?? '') : open ? (stores.save(match.uri, true) ?? stores.sidecarPath(match.uri) ?? '') : saveSidecar(match.file!, store);
      result.imported.push({ uri: match.uri, spans: outcome.kept, kept: outcome.kept, merged: outcome.merged, refused, matchedBy: match.by, sidecar });
    }
  }

  return stores;
}

const MAX_NAMED_REFUSALS = 20;

/**
 * Spans of an imported document placed in the article text: as they are, or found by their text.
 * Repeated spans are placed once and all come back (importSpans then counts them as merged);
 * different spans do not block each other here, overlaps are importSpans' business.
 */
function placeSpans(doc: ImportedDocument, text: string, by: 'hash' | 'name', warnings: string[]): Entity[] {
  if (by === 'hash') return doc.spans;
  const unique = new Map<string, number>();
  const first: Entity[] = [];
  const slot = doc.spans.map((s) => {
    const k = `${s.start}:${s.end}:${s.text}`;
    let i = unique.get(k);
    if (i === undefined) {
      unique.set(k, (i = first.length));
      first.push(s);
    }
    return i;
  });
  const placed = anchorByText(first.map((s) => ({ text: s.text, hint: s.start })), text, [], false);
  const out: Entity[] = [];
  doc.spans.forEach((s, n) => {
    const r = placed[slot[n]];
    if ('reason' in r) warnings.push(`${doc.path}: ${s.label} "${s.text}" not imported: ${r.reason}`);
    else out.push({ ...s, start: r.start, end: r.end });
  });
  return out;
}

function readImportFile(file: string, offsets: 'codepoint' | 'utf16'): ImportedDocument[] {
  if (file.endsWith('.ann')) {
    const txt = file.slice(0, -4) + '.txt';
    if (!fs.existsSync(txt)) throw new Error(`a brat .ann file needs its .txt next to it (${path.basename(txt)} is missing)`);
    return [{ ...importBrat(readTextFile(txt).text, readTextFile(file).text, offsets), path: txt }];
  }
  if (/\.jsonl?$/.test(file)) return importJsonl(readTextFile(file).text);
  throw new Error('expected a .jsonl file or a brat .ann file');
}

function resolveLabel(raw: string): EntityLabel | { error: string } {
  const label = labelForTag(raw ?? '');
  return label ?? { error: `Unknown label "${raw}". Manual spans use the entity types: ${ENTITY_LABELS.join(', ')} (or their tags PER, LOC, ORG…).` };
}

function spanAt<T extends { start: number; end: number }>(spans: readonly T[], offset: number): T | undefined {
  // A cursor right after a span (the usual place after selecting a word) counts as on it.
  return spans.find((s) => s.start <= offset && offset < s.end) ?? spans.find((s) => s.end === offset);
}
