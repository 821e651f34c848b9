import type { RecoveryMemo } from './misalignedPinyin';
import type { UserPattern } from './userPatterns';

// Shapes shared by every artifact detector. Offsets are UTF-16 code units in the text passed in.

export type ArtifactKind =
  | 'pinyin_annotation'
  | 'misaligned_pinyin'
  | 'extra_comma'
  | 'boilerplate_line'
  | 'duplicate_paragraph'
  | 'replacement_char'
  | 'question_mark_gap'
  | 'utf8_as_gbk'
  | 'utf8_as_latin1'
  | 'gbk_as_latin1'
  | 'html_entity'
  | 'html_tag'
  | 'zero_width'
  | 'private_use'
  | 'control_char';

export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  'pinyin_annotation',
  'misaligned_pinyin',
  'extra_comma',
  'boilerplate_line',
  'duplicate_paragraph',
  'replacement_char',
  'question_mark_gap',
  'utf8_as_gbk',
  'utf8_as_latin1',
  'gbk_as_latin1',
  'html_entity',
  'html_tag',
  'zero_width',
  'private_use',
  'control_char',
];

export interface Artifact {
  kind: ArtifactKind;
  /** UTF-16 offsets in the text passed in. */
  start: number;
  end: number;
  /** Replacement texts, best first ('' = delete); [] = no safe repair, suggest only. */
  candidates: string[];
  /** Safe to apply in "fix all". */
  autoFix: boolean;
  /** One or two sentences for a person. */
  explanation: string;
  detail?: Record<string, unknown>;
}

export interface DetectOptions {
  disabled?: ArtifactKind[];
  /** Extra boilerplate line patterns (regular-expression sources, matched against the trimmed line). */
  boilerplatePatterns?: string[];
  /** The same patterns already compiled (userPatterns.ts); wins over boilerplatePatterns. */
  userPatterns?: readonly UserPattern[];
  /** Where misaligned-pinyin recoveries are remembered between calls (core/resources.ts). */
  recoveryMemo?: RecoveryMemo;
}

/** Maps a word (simplified Chinese) to its corpus frequency; 0 when unknown. */
export type WordFrequency = (word: string) => number;
