import type { Artifact, ArtifactKind } from './artifacts';

// How artifacts are named and weighted for people. Pure data, shared by diagnostics, code
// actions, the CLI and the summary line.

export type Weight = 'faded' | 'info' | 'warning';

interface KindInfo {
  /** Plural noun for counts ("553 pinyin annotations"). */
  plural: string;
  singular: string;
  weight: Weight;
}

export const KIND_INFO: Record<ArtifactKind, KindInfo> = {
  pinyin_annotation: { singular: 'pinyin annotation', plural: 'pinyin annotations', weight: 'faded' },
  extra_comma: { singular: 'injected comma', plural: 'injected commas', weight: 'faded' },
  misaligned_pinyin: { singular: 'broken character cluster', plural: 'broken character clusters', weight: 'warning' },
  boilerplate_line: { singular: 'boilerplate line', plural: 'boilerplate lines', weight: 'faded' },
  duplicate_paragraph: { singular: 'repeated paragraph', plural: 'repeated paragraphs', weight: 'faded' },
  replacement_char: { singular: 'lost character (U+FFFD)', plural: 'lost characters (U+FFFD)', weight: 'warning' },
  question_mark_gap: { singular: 'lost character (?)', plural: 'lost characters (?)', weight: 'warning' },
  utf8_as_gbk: { singular: 'UTF-8 text read as GBK', plural: 'UTF-8 runs read as GBK', weight: 'warning' },
  utf8_as_latin1: { singular: 'UTF-8 text read as Latin-1', plural: 'UTF-8 runs read as Latin-1', weight: 'warning' },
  gbk_as_latin1: { singular: 'GBK text read as Latin-1', plural: 'GBK runs read as Latin-1', weight: 'warning' },
  html_entity: { singular: 'HTML entity', plural: 'HTML entities', weight: 'info' },
  html_tag: { singular: 'HTML tag', plural: 'HTML tags', weight: 'info' },
  zero_width: { singular: 'invisible character', plural: 'invisible characters', weight: 'info' },
  private_use: { singular: 'private-use character', plural: 'private-use characters', weight: 'info' },
  control_char: { singular: 'control character', plural: 'control characters', weight: 'info' },
};

export function kindInfo(kind: string): KindInfo {
  return KIND_INFO[kind as ArtifactKind] ?? { singular: kind.replace(/_/g, ' '), plural: kind.replace(/_/g, ' '), weight: 'info' };
}

/** "553 pinyin annotations, 6 broken character clusters" — most frequent first. */
export function summarize(artifacts: readonly Artifact[]): string {
  const counts = new Map<string, number>();
  for (const a of artifacts) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${n === 1 ? kindInfo(k).singular : kindInfo(k).plural}`)
    .join(', ');
}

/** Title of the quick fix applying one candidate. */
export function fixTitle(a: Artifact, candidate: string, brokenText: string): string {
  const what = kindInfo(a.kind).singular;
  const shown = brokenText.length > 24 ? `${brokenText.slice(0, 24)}…` : brokenText;
  const visible = JSON.stringify(shown).slice(1, -1);
  if (candidate === '') return `Remove ${what} “${visible}”`;
  return `Repair ${what}: “${visible}” → “${candidate}”`;
}
