import * as fs from 'fs';
import { WorkspaceLearning } from '../core/annotations/learning';
import { learningFileOf, replayLearningFile } from '../core/annotations/learningFile';
import type { ReferenceDate } from '../core/analyzer';
import { NerTagger } from '../core/ner/tagger';
import { weighWithAnalysis, type PipelineOptions } from '../core/pipeline';
import type { CoreResources } from '../core/resources';
import { UsageError } from './files';

// The options `annotate` shares between files and `--jsonl` records: the articles' date and a
// workspace's learning history, checked the same way in both.

/** --date as a reference date (articles without a dateline take it), or a usage error. */
export function parseReferenceDate(date: string | undefined): ReferenceDate | undefined {
  if (date === undefined) return undefined;
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(date)) throw new UsageError('--date needs YYYY, YYYY-MM or YYYY-MM-DD');
  return { date, source: 'the --date option' };
}

/** The learning history file --learned names (a workspace folder or the file), or a usage error. */
export function learningFileFrom(from: string | undefined): string | undefined {
  if (from === undefined) return undefined;
  if (!from) throw new UsageError('--learned needs a workspace folder or a learning.jsonl file');
  const file = fs.statSync(from, { throwIfNoEntry: false })?.isDirectory() ? learningFileOf(from) : from;
  if (!fs.existsSync(file)) throw new UsageError(`no learning history at ${file}`);
  return file;
}

/** The analyzer options that apply a learning history (see core/annotations/learning.ts). */
export function learnedOptions(resources: CoreResources, file: string, log?: (m: string) => void): PipelineOptions {
  const model = resources.nerModel();
  const learning = new WorkspaceLearning(resources.segmenter(), model instanceof NerTagger ? model : undefined);
  // Replayed as the editor learned it, so the CLI applies the same gates.
  weighWithAnalysis(learning, resources);
  const { learned, badLines } = replayLearningFile(learning, file);
  log?.(`learned from ${learned} correction(s) in ${file}${badLines.length ? ` (unreadable lines left out: ${badLines.slice(0, 20).join(', ')})` : ''}`);
  return { model: learning.adapter ? learning : undefined, learned: learning };
}
