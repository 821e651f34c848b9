// Annotator decisions: the sidecar file format and the per-document store.
export * from './sidecar';
export * from './store';
export { anchorByText, commonEnds, type AnchorRequest, type AnchorResult } from './anchor';
