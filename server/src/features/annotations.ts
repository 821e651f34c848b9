// Manual annotation requests on the server: thin handlers that turn LSP positions into offsets,
// call the AnnotationService (core/annotations/service.ts) the server created, and tell the
// client what changed. Document sync reaches the service through server.ts.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import type { AnnotationService, Decision } from '../core/annotations';
import type { Label } from '../core/types';
import {
  AnnotateParams,
  AnnotateRequest,
  AnnotateResult,
  EntitiesParams,
  EverywhereApplyParams,
  EverywhereApplyRequest,
  EverywhereApplyResult,
  EverywherePreviewParams,
  EverywherePreviewRequest,
  EverywherePreviewResult,
  type EverywhereDecisionItem,
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

/** The annotation requests (annotate, entities, import, learning); call before documents.listen(connection). */
export function registerAnnotationFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService, annotations: AnnotationService, guard: Guard): void {
  const log = (m: string) => connection.console.log(m);

  // server.ts declares didSave (includeText false) in its sync capability, so saves reach us.
  documents.onDidOpen((e) => guard('loading annotations', undefined, () => annotations.open(e.document.uri, e.document.getText())));
  // A safety net: a store that missed a change (or a full-text sync) catches up by diff.
  documents.onDidChangeContent((e) => guard('annotation sync', undefined, () => annotations.sync(e.document.uri, e.document.getText())));
  documents.onDidSave((e) =>
    guard('saving annotations', undefined, () => {
      const file = annotations.save(e.document.uri, e.document.getText());
      if (file) log(`annotations saved to ${file}`);
    }),
  );
  documents.onDidClose((e) => annotations.close(e.document.uri));

  /** Semantic tokens, counts and views show effective entities: they ask again. */
  const changed = (uri?: string): void => {
    void connection.languages.semanticTokens.refresh().catch(() => undefined);
    void connection.sendNotification(AnnotationsChangedNotification.method, uri ? { uri } : {});
  };

  connection.onRequest(AnnotateRequest.method, (p: AnnotateParams): AnnotateResult =>
    guard('annotate', { ok: false, message: 'The annotation failed; see the output log.', manual: 0, rejected: 0 }, () => {
      const doc = documents.get(p.uri);
      const store = annotations.store(p.uri);
      if (!doc) return { ok: false, message: 'The document is not open.', manual: store?.manual.length ?? 0, rejected: store?.rejected.length ?? 0 };
      const d: Decision =
        p.action === 'label' || p.action === 'labelAll'
          ? { action: p.action, start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end), label: p.label }
          : p.action === 'relabel'
            ? { action: p.action, offset: doc.offsetAt(p.position), label: p.label }
            : { action: p.action, offset: doc.offsetAt(p.position) };
      const { changed: didChange, ...result } = annotations.annotate(p.uri, doc.getText(), d);
      // Learning may have changed other documents' entities too.
      if (didChange) changed(result.learned ? undefined : p.uri);
      return result;
    }),
  );

  connection.onRequest(LearningRequest.method, (p: LearningParams): LearningResult =>
    guard<LearningResult>('learning', { sentences: 0, features: 0, rejected: [], confirmed: [], extensions: [], habits: [] }, () => {
      const backup = p.action === 'reset' ? service.resetLearning().backup : undefined;
      if (p.action === 'reset') changed();
      return { ...service.learning.summary(), file: service.learningFile, backup };
    }),
  );

  connection.onRequest(EntitiesRequest.method, (p: EntitiesParams): EntitiesResult => {
    const empty: EntitiesResult = { served: false, entities: [], rejected: 0, orphaned: 0 };
    const doc = documents.get(p.uri);
    if (!doc) return empty;
    return guard('entities', empty, () => {
      // As exports and the CLI answer: the refine pass completed for this request (see settled).
      const state = service.settled(() => service.get(doc));
      const store = annotations.store(p.uri);
      const orphans = (store?.orphaned ?? []).slice(0, 500).map((o) => {
        const at = doc.positionAt(Math.min(o.start, doc.getText().length));
        return { kind: o.kind, label: o.label, text: o.text, reason: o.reason, range: { start: at, end: at } };
      });
      const base = { rejected: store?.rejected.length ?? 0, orphaned: store?.orphaned.length ?? 0, orphans, sidecarError: annotations.stores.error(p.uri) };
      if (!state) return { ...empty, ...base };
      const entities = annotations.effective(p.uri, state.analysis.entities).map((e) => ({
        label: e.label,
        text: e.text,
        source: e.source,
        range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
      }));
      return { served: true, entities, ...base };
    });
  });

  connection.onRequest(ImportAnnotationsRequest.method, (p: ImportAnnotationsParams): ImportAnnotationsResult => {
    const result = annotations.importAnnotations(p.file, p.candidates, p.offsets ?? 'codepoint');
    if (result.imported.some((i) => i.kept > 0)) changed();
    return result;
  });

  connection.onRequest(EverywherePreviewRequest.method, (p: EverywherePreviewParams): EverywherePreviewResult => {
    const empty: EverywherePreviewResult = { ok: false, files: [], scanned: 0, errors: [] };
    const doc = documents.get(p.uri);
    if (!doc) return { ...empty, message: 'The document is not open.' };
    return guard('preview everywhere', { ...empty, message: 'The preview failed; see the output log.' }, () => {
      let newLabel: EverywhereDecisionItem['label'] | undefined;
      if (p.action === 'relabel') {
        const label = annotations.resolveLabel(p.label ?? '');
        if (typeof label !== 'string') return { ...empty, message: label.error };
        newLabel = label;
      }
      const source = annotations.entityAt(p.uri, doc.getText(), doc.offsetAt(p.position), p.action);
      if ('error' in source) return { ...empty, message: source.error };
      if (newLabel === source.label) return { ...empty, message: `"${source.text}" already is a ${newLabel}.` };
      const preview = annotations.previewEverywhere({ action: p.action, text: source.text, label: source.label, newLabel: newLabel as Label | undefined }, p.uris);
      return { ok: true, ...preview };
    });
  });

  connection.onRequest(EverywhereApplyRequest.method, (p: EverywhereApplyParams): EverywhereApplyResult =>
    guard<EverywhereApplyResult>('apply everywhere', { files: [], errors: [{ uri: '', message: 'The change failed; see the output log.' }], learned: [] }, () => {
      const label = annotations.resolveLabel(p.decision.label);
      const newLabel = p.decision.newLabel === undefined ? undefined : annotations.resolveLabel(p.decision.newLabel);
      const bad = [label, newLabel].find((l): l is { error: string } => typeof l === 'object');
      if (bad) return { files: [], errors: [{ uri: '', message: bad.error }], learned: [] };
      const result = annotations.applyEverywhere({ ...p.decision, label: label as Label, newLabel: newLabel as Label | undefined }, p.files);
      if (result.files.some((f) => f.applied > 0)) changed();
      return result;
    }),
  );
}
