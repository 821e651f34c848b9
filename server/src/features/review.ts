// Review mode on the server: answers ReviewRequest (the document's review order and where a move
// leads) and ReviewBoundaryRequest, and adds the review line to the hover of documents in review.
// The order and the moves are core/annotations/review.ts; decisions stay AnnotateRequest's.
import type { Connection, Hover, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { adjustBoundary, moveInOrder, reviewCounts, reviewHoverLine, reviewOrder, type ReviewItem } from '../core/annotations/review';
import type { ManualSpan, RejectedSpan } from '../core/annotations/store';
import { ReviewBoundaryParams, ReviewBoundaryRequest, ReviewBoundaryResult, ReviewParams, ReviewRequest, ReviewResult, type LspRange } from '../protocol';

type Guard = <T>(name: string, fallback: T, fn: () => T) => T;

/** The document's decisions, as the annotation feature keeps them. */
export interface DecisionSource {
  store(uri: string): { manual: readonly ManualSpan[]; rejected: readonly RejectedSpan[] } | undefined;
}

export interface ReviewFeature {
  /** The hover with a line saying where its span stands in the walk, for documents in review. */
  decorateHover(doc: TextDocument, hover: Hover | null): Hover | null;
}

export function registerReviewFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: AnalysisService, decisions: DecisionSource, guard: Guard): ReviewFeature {
  const reviewing = new Set<string>();
  documents.onDidClose((e) => reviewing.delete(e.document.uri));

  const orderOf = (doc: TextDocument): ReviewItem[] | undefined => {
    // The annotator reviews what exports will hold: the refine pass completed, not a first paint
    // whose spans the pass may still move under a decision.
    const state = service.settled(() => service.get(doc));
    if (!state) return undefined;
    const store = decisions.store(doc.uri);
    return reviewOrder(state.analysis.entities, store?.manual ?? [], store?.rejected ?? []);
  };
  const offsetsOf = (doc: TextDocument, r: LspRange) => ({ start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) });
  const rangeOf = (doc: TextDocument, s: { start: number; end: number }): LspRange => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });

  connection.onRequest(ReviewRequest.method, (p: ReviewParams): ReviewResult => {
    const empty: ReviewResult = { served: false, active: false, items: [], index: -1, counts: { total: 0, reviewed: 0, unreviewed: 0 } };
    const doc = documents.get(p.uri);
    if (!doc) return empty;
    return guard('review', empty, () => {
      if (p.action === 'start') reviewing.add(p.uri);
      if (p.action === 'stop') reviewing.delete(p.uri);
      const order = orderOf(doc);
      if (!order) return { ...empty, active: reviewing.has(p.uri) };
      const index = moveInOrder(order, p.at ? offsetsOf(doc, p.at) : undefined, p.move ?? 'current');
      const items = order.map((i) => {
        const info: ReviewResult['items'][number] = { range: rangeOf(doc, i), label: i.label, text: i.text, source: i.source, priority: i.priority, state: i.state };
        if (i.confidence !== undefined) info.confidence = i.confidence;
        return info;
      });
      return { served: true, active: reviewing.has(p.uri), items, index, counts: reviewCounts(order) };
    });
  });

  connection.onRequest(ReviewBoundaryRequest.method, (p: ReviewBoundaryParams): ReviewBoundaryResult => {
    const doc = documents.get(p.uri);
    if (!doc) return { error: 'The document is not open.' };
    return guard('review boundary', { error: 'The boundary could not be moved; see the output log.' }, () => {
      const { start, end } = offsetsOf(doc, p.at);
      const r = adjustBoundary(doc.getText(), start, end, p.edge, p.grow);
      return 'error' in r ? { error: r.error } : { range: rangeOf(doc, r) };
    });
  });

  return {
    decorateHover(doc, hover) {
      if (!hover || !hover.range || !reviewing.has(doc.uri)) return hover;
      const contents = hover.contents;
      if (typeof contents !== 'object' || !('kind' in contents) || contents.kind !== 'markdown') return hover;
      const order = orderOf(doc);
      if (!order) return hover;
      const { start, end } = offsetsOf(doc, hover.range);
      const line = reviewHoverLine(order, order.findIndex((i) => i.start === start && i.end === end));
      return line ? { ...hover, contents: { kind: 'markdown', value: `${contents.value}\n\n${line}` } } : hover;
    },
  };
}
