// Annotator decisions: the sidecar file format and the per-document store.
export * from './sidecar';
export * from './store';
export { anchorByText, commonEnds, contextAt, type AnchorContext, type AnchorRequest, type AnchorResult, type AnchorStats } from './anchor';
