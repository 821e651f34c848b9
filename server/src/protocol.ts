// Custom requests between client and server, declared once; both sides import this file.
// It has no runtime imports so the client bundle stays free of server code.

export const EXPORT_FORMATS = ['jsonl', 'brat', 'conll', 'labelstudio', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportParams {
  /** Document URIs to export (open documents use their editor text, others are read from disk). */
  uris: string[];
  format: ExportFormat;
  /**
   * Folder the export files are written to (created when missing). A relative path is resolved
   * against the workspace folder holding the first article (or the first workspace folder).
   */
  outDir: string;
  /** Offsets in code points (default) or UTF-16 units. */
  offsets?: 'codepoint' | 'utf16';
  /** Labels to keep; all when absent. */
  labels?: string[];
  /** Export the repaired text (artifacts removed) instead of the original. */
  repaired?: boolean;
  /** Manual annotations only, or automatic and manual (default). */
  manualOnly?: boolean;
  /** Show a cancellable progress notification while exporting. */
  progress?: boolean;
  /**
   * Replace files in outDir that an export did not write (the user confirmed it); they are
   * replaced atomically and a symbolic link is replaced, never written through.
   */
  overwrite?: boolean;
}

export interface ExportResult {
  /** Absolute paths of the files written. */
  written: string[];
  documents: number;
  spans: number;
  cancelled: boolean;
  errors: { uri: string; message: string }[];
  /** Things the user should know about a successful export (manual spans a repair removed). */
  warnings: string[];
  /**
   * Files in outDir the export would overwrite although it did not write them (or a symbolic
   * link). When present nothing was written; send again with `overwrite: true` to replace them.
   */
  conflicts?: { file: string; reason: string }[];
}

export const ExportRequest = { method: 'articleAnnotator/export' } as const;

export interface DocumentStatsParams {
  uri: string;
}
export interface DocumentStatsResult {
  /** Entity counts by label. */
  counts: Record<string, number>;
  artifacts: number;
  served: boolean;
}
export const DocumentStatsRequest = { method: 'articleAnnotator/documentStats' } as const;

// ---- Manual annotation (issue 4). Positions and ranges are LSP (line, UTF-16 character). ----

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/**
 * One annotator decision. `label` labels the range; `labelAll` labels every occurrence of the
 * range's text; `remove` / `relabel` act on the manual span under `position`; `reject` / `accept`
 * on the automatic entity under `position` (accept also undoes an earlier reject there).
 */
export type AnnotateParams =
  | { uri: string; action: 'label'; range: LspRange; label: string }
  | { uri: string; action: 'labelAll'; range: LspRange; label: string }
  | { uri: string; action: 'remove'; position: LspPosition }
  | { uri: string; action: 'reject'; position: LspPosition }
  | { uri: string; action: 'accept'; position: LspPosition }
  | { uri: string; action: 'relabel'; position: LspPosition; label: string };

export interface AnnotateResult {
  /** False when nothing changed or the change could not be written to the sidecar; `message` says why. */
  ok: boolean;
  message: string;
  /** Manual spans and rejected automatic spans after the change. */
  manual: number;
  rejected: number;
  /** The sidecar written, when it was. */
  sidecar?: string;
  /** What the decision taught the workspace's model, when it taught something. */
  learned?: string;
}
export const AnnotateRequest = { method: 'articleAnnotator/annotate' } as const;

export interface EntitiesParams {
  uri: string;
}
export interface EntityItem {
  label: string;
  text: string;
  /** 'manual' for hand-made spans, otherwise the recognizer that found it. */
  source: string;
  range: LspRange;
}
/** A decision whose text is gone from the article: kept, shown, and re-attached if its text comes back. */
export interface OrphanItem {
  kind: 'manual' | 'rejected';
  label: string;
  text: string;
  reason: string;
  /** Its last known place (an empty range). */
  range: LspRange;
}
export interface EntitiesResult {
  served: boolean;
  /** Effective entities (automatic merged with manual decisions), by position. */
  entities: EntityItem[];
  rejected: number;
  orphaned: number;
  /** The orphans themselves (the Entities view lists them), at most 500. */
  orphans?: OrphanItem[];
  /** Set when the sidecar could not be read; manual annotation is disabled for the document. */
  sidecarError?: string;
}
export const EntitiesRequest = { method: 'articleAnnotator/entities' } as const;

export interface ImportAnnotationsParams {
  /** A .jsonl (doccano / Prodigy / this extension's export) or brat .ann file (its .txt next to it). */
  file: string;
  /** Article URIs an imported document may belong to (matched by text hash, then file name). */
  candidates: string[];
  /** Offset unit of the imported file when it does not declare one (default code points). */
  offsets?: 'codepoint' | 'utf16';
}
export interface ImportAnnotationsResult {
  /**
   * One entry per imported document that found its article. Of the spans the document held,
   * `kept` became manual spans, `merged` were already there (same range and label), `refused`
   * were left out (conflicts with your manual spans, overlaps, text not found; see warnings).
   * `spans` equals `kept`. An import never removes or changes an existing manual span.
   */
  imported: { uri: string; spans: number; kept: number; merged: number; refused: number; matchedBy: 'hash' | 'name'; sidecar: string }[];
  /** Imported documents without a matching article (their path or first characters). */
  unmatched: string[];
  warnings: string[];
}
export const ImportAnnotationsRequest = { method: 'articleAnnotator/importAnnotations' } as const;

// Repair all artifacts in the workspace: the server computes the edits, the client shows the
// counts per file and applies them only after the user agrees.
export interface RepairPreviewParams {
  uris: string[];
}
export interface RepairPreviewFile {
  uri: string;
  /** Artifacts that will be repaired, by kind. */
  counts: Record<string, number>;
  edits: { range: LspRange; newText: string }[];
}
export interface RepairPreviewResult {
  files: RepairPreviewFile[];
  errors: { uri: string; message: string }[];
}
export const RepairPreviewRequest = { method: 'articleAnnotator/repairPreview' } as const;

// Learning from corrections: every decision teaches the workspace's model (issue 14).
export interface LearningParams {
  action: 'summary' | 'reset';
}
export interface LearningResult {
  /** Corrected sentences learned from, and model features they moved. */
  sentences: number;
  features: number;
  rejected: { text: string; label: string; times: number }[];
  confirmed: { text: string; label: string; times: number }[];
  /** Learned joins: a name of label `from` followed by words ending in `tail` is one name of label `to`. */
  extensions: { from: string; tail: string; to: string; joined: number; kept: number }[];
  /** Span shapes weighed most for (weight > 0) or against (< 0) a label, strongest first. */
  habits: { feature: string; label: string; weight: number }[];
  /** Strength at which the model's lessons are applied (1, 0.5 or 0), from how they did on the latest corrected sentences. */
  modelStrength?: number;
  /** Learners switched off because tagging without them agreed more with the latest corrections. */
  switchedOff?: string[];
  /** Lines of corrected sentences the name network's output layer learned from (absent: the model has no network). */
  networkLines?: number;
  /** The workspace's learning history (absent: kept in memory only, no workspace folder). */
  file?: string;
  /** After a reset: where the old history was moved. */
  backup?: string;
}
export const LearningRequest = { method: 'articleAnnotator/learning' } as const;

/**
 * Sent by the server after decisions, imports or a learning reset changed what the effective
 * entities are without an edit of the text, so views that count them (status bar, Entities view)
 * ask again. `uri` absent: any document may have changed.
 */
export interface AnnotationsChangedParams {
  uri?: string;
}
export const AnnotationsChangedNotification = { method: 'articleAnnotator/annotationsChanged' } as const;

/** The labels a manual span may carry (the core's ENTITY_LABELS; repeated here to keep this file free of runtime imports). */
export const ANNOTATION_LABELS = ['person', 'location', 'organization', 'date', 'time', 'number', 'quantity', 'money', 'percent', 'work', 'ordinal'] as const;

// ---- Keyboard-first review (issue 14.3). ----

export type ReviewState = 'unreviewed' | 'accepted' | 'relabelled' | 'adjusted' | 'rejected' | 'labelled';
export type ReviewMove = 'current' | 'next' | 'previous' | 'nextUnreviewed' | 'first';

export interface ReviewParams {
  uri: string;
  /**
   * 'start' / 'stop' turn review mode on or off for the document (while on, the hover says where
   * a span stands in the walk); 'order' only answers.
   */
  action: 'start' | 'stop' | 'order';
  /** The item the client is on, as it last saw its range; `move` goes from there. */
  at?: LspRange;
  move?: ReviewMove;
}
export interface ReviewItemInfo {
  range: LspRange;
  label: string;
  text: string;
  /** What found the automatic span ('manual' for a span made by hand only). */
  source: string;
  confidence?: number;
  /** Rank used for the order, in [0, 1]: the model's confidence or the prior of the span's source. */
  priority: number;
  state: ReviewState;
}
export interface ReviewResult {
  served: boolean;
  /** Whether review mode is on for the document (after the action). */
  active: boolean;
  /** Every entity of the document, least trusted first (see core/annotations/review.ts). */
  items: ReviewItemInfo[];
  /** The item `move` led to; -1 when there is none (no entities, or no unreviewed one left). */
  index: number;
  counts: { total: number; reviewed: number; unreviewed: number };
}
export const ReviewRequest = { method: 'articleAnnotator/review' } as const;

/** The range of the span at `at` with one edge moved one character out (`grow`) or in. */
export interface ReviewBoundaryParams {
  uri: string;
  at: LspRange;
  edge: 'start' | 'end';
  grow: boolean;
}
export interface ReviewBoundaryResult {
  /** The new range (then label it with AnnotateRequest), or why there is none. */
  range?: LspRange;
  error?: string;
}
export const ReviewBoundaryRequest = { method: 'articleAnnotator/reviewBoundary' } as const;

// ---- The document queue (issue 14.4). ----

export type QueueStatus = 'new' | 'inProgress' | 'done';

export interface QueueParams {
  /** The workspace's candidate articles (.txt/.article); .txt files that are not articles are left out. */
  uris: string[];
  /** The active article: `next` is the first not done after it. */
  current?: string;
  /** Count every closed file again. */
  recount?: boolean;
}
export interface QueueItem {
  uri: string;
  status: QueueStatus;
  /** Manual spans and rejections in the article's sidecar. */
  decisions: number;
  /** Effective entities and crawl artifacts; absent while a closed file waits to be counted. */
  entities?: number;
  artifacts?: number;
  /** Why the file could not be counted or marked. */
  error?: string;
}
export interface QueueResult {
  items: QueueItem[];
  /** Articles marked done, of `total`. */
  done: number;
  total: number;
  /** Closed files still to be counted (the server counts them a few at a time and sends QueueChangedNotification). */
  pending: number;
  /** The next article not done after `current` (wrapping), if any. */
  next?: string;
  /** A queue file that cannot be used (marks are then read as none and never written). */
  error?: string;
}
export const QueueRequest = { method: 'articleAnnotator/queue' } as const;

export interface QueueMarkParams {
  uris: string[];
  done: boolean;
}
export interface QueueMarkResult {
  ok: boolean;
  message: string;
  /** The queue files written. */
  written: string[];
}
export const QueueMarkRequest = { method: 'articleAnnotator/queueMark' } as const;

/** Sent while closed files are being counted and when marks change, so the queue view asks again. */
export interface QueueChangedParams {
  pending: number;
}
export const QueueChangedNotification = { method: 'articleAnnotator/queueChanged' } as const;

// Decisions that carry (issue 14): accept, reject or relabel the entity under the cursor in every
// occurrence, in this file or in every article of the workspace. Preview first (nothing changes),
// then apply exactly the previewed occurrences the user kept.
export interface EverywherePreviewParams {
  /** The open document and position of the entity the decision starts from. */
  uri: string;
  position: LspPosition;
  action: 'accept' | 'reject' | 'relabel';
  /** relabel: the new label. */
  label?: string;
  /** The articles to look in: [uri] for this file only, or the workspace's articles (open or not). */
  uris: string[];
}
/**
 * Every occurrence of `label` "`text`": reject rejects the automatic ones, accept makes them (and
 * rejected ones) manual spans of the label, relabel makes them manual `newLabel` spans. Manual
 * spans of another range are never overridden.
 */
export interface EverywhereDecisionItem {
  action: 'accept' | 'reject' | 'relabel';
  text: string;
  label: string;
  newLabel?: string;
}
export interface EverywhereOccurrence {
  range: LspRange;
  /** What is there now. */
  now: 'automatic' | 'manual' | 'rejected';
  /** The span in its line, shortened. */
  context: string;
}
export interface EverywherePreviewFile {
  uri: string;
  /** False: a closed article; applying writes its annotation file. */
  open: boolean;
  occurrences: EverywhereOccurrence[];
  /** Effective entities per label, now and after the decision. */
  before: Record<string, number>;
  after: Record<string, number>;
}
export interface EverywherePreviewResult {
  /** False when there is no entity under the cursor (or the label is unknown); `message` says why. */
  ok: boolean;
  message?: string;
  /** What to send back to apply. */
  decision?: EverywhereDecisionItem;
  /** Articles with at least one occurrence. */
  files: EverywherePreviewFile[];
  scanned: number;
  errors: { uri: string; message: string }[];
}
export const EverywherePreviewRequest = { method: 'articleAnnotator/everywherePreview' } as const;

export interface EverywhereApplyParams {
  decision: EverywhereDecisionItem;
  /** The previewed occurrences to change, by file; nothing else changes. */
  files: { uri: string; ranges: LspRange[] }[];
}
export interface EverywhereApplyResult {
  /** Per file: occurrences changed, and the ones left alone with the reason (the text moved…). */
  files: { uri: string; applied: number; skipped: { range: LspRange; reason: string }[]; sidecar?: string }[];
  errors: { uri: string; message: string }[];
  /** What the decisions taught the workspace's model. */
  learned: string[];
}
export const EverywhereApplyRequest = { method: 'articleAnnotator/everywhereApply' } as const;

// Adjudication in the editor (issue 14.5): two annotators' sidecars for the open article are
// compared and their disagreements decided one by one into the article's own annotations.
export interface AdjudicationParams {
  uri: string;
  /** The two annotators' sidecar files (code-point offsets, made for this exact text). */
  a: string;
  b: string;
  /** Decide one disagreement (its range as last returned) before answering. */
  choice?: { range: LspRange; choice: 'a' | 'b' | 'neither' };
}
export interface AdjudicationResult {
  ok: boolean;
  message: string;
  /** Spans both annotators made identically (taken as they are). */
  agreed: number;
  disagreements: number;
  decided: number;
  /** Undecided disagreements in text order, each with both sides described. */
  pending: { range: LspRange; a: string; b: string }[];
  /** Spans not taken because the article holds an overlapping span of its own. */
  conflicts: string[];
}
export const AdjudicationRequest = { method: 'articleAnnotator/adjudication' } as const;
