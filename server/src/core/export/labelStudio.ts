// Label Studio tasks JSON. Manual spans become a completed annotation, automatic spans a
// prediction (with their confidence as score), so reviewers see the pre-annotation as such.
//
// Offsets: Label Studio stores code points (its Python backend; the frontend converts since
// label-studio-frontend#308, 2022). Releases before that used JS string indices (UTF-16) and show
// shifted highlights after an emoji or 𠀀 when given code points; export with offsets 'utf16' for
// those. data.offsets records the unit used.
import type { Entity } from '../types';
import { OffsetConverter, selectSpans, tagOf } from './common';
import type { ExportDocument, ExportFile, ExportOptions } from './types';

export const LABEL_STUDIO_FILE_NAME = 'label-studio-tasks.json';
export const LABEL_STUDIO_MODEL_VERSION = 'zh-article-annotator';

interface LsResult {
  id: string;
  from_name: 'label';
  to_name: 'text';
  type: 'labels';
  value: { start: number; end: number; text: string; labels: string[] };
  score?: number;
}

function results(spans: Entity[], conv: OffsetConverter, prefix: string): LsResult[] {
  return spans.map((s, k) => {
    const r: LsResult = {
      id: `${prefix}${k + 1}`,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: conv.out(s.start), end: conv.out(s.end), text: s.text, labels: [tagOf(s)] },
    };
    if (s.confidence !== undefined) r.score = s.confidence;
    return r;
  });
}

export function exportLabelStudio(docs: ExportDocument[], opts: ExportOptions): ExportFile[] {
  const tasks = docs.map((doc) => {
    const conv = new OffsetConverter(doc.text, opts.offsets);
    const spans = selectSpans(doc, opts);
    const manual = spans.filter((s) => s.source === 'manual');
    const auto = spans.filter((s) => s.source !== 'manual');
    const task: Record<string, unknown> = { data: { text: doc.text, file: doc.path, offsets: opts.offsets } };
    // An empty annotation would mark the task as done in Label Studio, so it is left out.
    if (manual.length) task.annotations = [{ result: results(manual, conv, 'm') }];
    if (auto.length) task.predictions = [{ model_version: LABEL_STUDIO_MODEL_VERSION, result: results(auto, conv, 'p') }];
    return task;
  });
  return [{ name: LABEL_STUDIO_FILE_NAME, content: JSON.stringify(tasks, null, 2) + '\n' }];
}
