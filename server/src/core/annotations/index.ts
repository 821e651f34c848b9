// Annotator decisions: the sidecar file format, the per-document store, the decision state
// machine, import matching and the service the server creates around them.
export * from './sidecar';
export * from './store';
export { anchorByText, commonEnds, contextAt, type AnchorContext, type AnchorRequest, type AnchorResult, type AnchorStats } from './anchor';
export { decide, spanAt, unrejected, type Decision, type DecisionOutcome, type LabelResolver } from './decisions';
export { matchImported, placeSpans, readImportFile, type ImportCandidate, type MatchedBy } from './importMatching';
export { AnnotationStores, articlePathOf, loadSidecar, saveSidecar, type ContentChange, type LoadedSidecar, type Reporter } from './stores';
export { AnnotationService, readArticle, type AnnotateOutcome, type AnnotationHost, type EverywhereApplied, type EverywherePreview, type ImportSummary, type PlainRange } from './service';
export { applyOccurrences, findOccurrences, type EverywhereAction, type EverywhereDecision, type Occurrence } from './everywhere';
export { resolveLabel } from './labels';
