import { splitChunks } from '../chunks';
import { detectBoilerplate, detectDuplicateParagraphs, isBoilerplate, type BoilerplateVerdict, type Line } from './boilerplate';
import { detectExtraCommas } from './extraComma';
import { checkFixAll } from './fixAllLimit';
import { detectHtmlResidue } from './htmlResidue';
import { detectInvisibleChars } from './invisibleChars';
import { detectLatin1Mojibake } from './latin1Mojibake';
import { detectLostCharacters, type LostCharacterMemo } from './lostCharacter';
import { detectMisalignedPinyin } from './misalignedPinyin';
import { detectPinyinAnnotations } from './pinyinAnnotation';
import { ARTIFACT_KINDS, type Artifact, type ArtifactKind, type DetectOptions } from './types';
import { compileUserPatterns } from './userPatterns';
import { detectUtf8AsGbk } from './utf8AsGbk';
import { lineRanges } from '../offsets';

// Entry point of crawl-artifact detection and repair. Local kinds look no further than their
// own line and are detected chunk by chunk (core/chunks.ts, the analyzer's chunks), so a
// paragraph gives the same artifacts alone as inside its document and an editor can cache them
// per chunk (incremental.ts); line kinds (boilerplate, repeated paragraphs) need the whole
// document and win over local artifacts inside the lines they remove.

export { ARTIFACT_KINDS };
export type { Artifact, ArtifactKind, DetectOptions };
export { setWordFrequency } from './wordList';
export { RecoveryMemo } from './misalignedPinyin';
export { LostCharacterMemo } from './lostCharacter';
export type { WordFrequency } from './types';

/** When two detections overlap, the earlier kind here wins (the more specific explanation). */
const PRIORITY: readonly ArtifactKind[] = [
  'boilerplate_line',
  'duplicate_paragraph',
  'misaligned_pinyin',
  'pinyin_annotation',
  'utf8_as_latin1',
  'gbk_as_latin1',
  'utf8_as_gbk',
  'html_tag',
  'html_entity',
  'extra_comma',
  'replacement_char',
  'question_mark_gap',
  'zero_width',
  'private_use',
  'control_char',
];
const RANK = new Map(PRIORITY.map((k, i) => [k, i]));

type Detector = { kinds: readonly ArtifactKind[]; run: (text: string, options?: DetectOptions) => Artifact[] };

const LOCAL_DETECTORS: readonly Detector[] = [
  { kinds: ['misaligned_pinyin'], run: (t, o) => detectMisalignedPinyin(t, undefined, o?.recoveryMemo) },
  { kinds: ['pinyin_annotation'], run: detectPinyinAnnotations },
  { kinds: ['extra_comma'], run: detectExtraCommas },
  { kinds: ['utf8_as_latin1', 'gbk_as_latin1'], run: detectLatin1Mojibake },
  { kinds: ['utf8_as_gbk'], run: detectUtf8AsGbk },
  { kinds: ['html_entity', 'html_tag'], run: detectHtmlResidue },
  { kinds: ['replacement_char', 'question_mark_gap'], run: (t) => detectLostCharacters(t) },
  { kinds: ['zero_width', 'private_use', 'control_char'], run: detectInvisibleChars },
];

/** Every artifact kind that needs no context beyond its own line. */
export function detectLocalArtifacts(text: string, options?: DetectOptions): Artifact[] {
  const disabled = new Set(options?.disabled ?? []);
  const found: Artifact[] = [];
  for (const d of LOCAL_DETECTORS) {
    if (d.kinds.every((k) => disabled.has(k))) continue;
    for (const a of d.run(text, options)) if (!disabled.has(a.kind)) found.push(a);
  }
  return resolveOverlaps(found);
}

/** All kinds over a whole document: sorted by start, non-overlapping. */
export function detectArtifacts(text: string, options?: DetectOptions): Artifact[] {
  const local: Artifact[] = [];
  for (const chunk of splitChunks(text)) {
    for (const a of detectLocalArtifacts(chunk.text, options)) local.push(shiftArtifact(a, chunk.start));
  }
  const user = options?.userPatterns ?? compileUserPatterns(options?.boilerplatePatterns).patterns;
  return detectLineArtifacts(text, local, options, (clean) => isBoilerplate(clean, user));
}

/** A copy of an artifact found in a chunk, with document offsets. */
export function shiftArtifact(a: Artifact, by: number): Artifact {
  // Spelled out rather than spread: an editor runs this for every artifact on every edit.
  const out: Artifact = { kind: a.kind, start: a.start + by, end: a.end + by, candidates: a.candidates, autoFix: a.autoFix, explanation: a.explanation };
  if (a.detail !== undefined) out.detail = a.detail;
  return out;
}

/**
 * Adds the line kinds to the local artifacts of a whole document (sorted by start, as chunk
 * order gives them); `verdict` says which lines are boilerplate (a caller may cache it per line).
 */
export function detectLineArtifacts(
  text: string,
  local: Artifact[],
  options: DetectOptions | undefined,
  verdict: (clean: string) => BoilerplateVerdict,
  lostMemo?: LostCharacterMemo,
): Artifact[] {
  const disabled = new Set(options?.disabled ?? []);
  // Lost characters are judged against the whole document (another mention of the same name).
  local = withDocumentLostCharacters(text, local, disabled, lostMemo);
  const wantBoilerplate = !disabled.has('boilerplate_line');
  const wantDuplicates = !disabled.has('duplicate_paragraph');
  if (!wantBoilerplate && !wantDuplicates) return local;

  const lines = splitLines(text, local);
  const lineArtifacts: Artifact[] = [];
  const removed = new Set<number>();
  if (wantBoilerplate) {
    // A line removed as boilerplate is not reported again as a repeat.
    lineArtifacts.push(...detectBoilerplate(text, lines, verdict, removed));
  }
  if (wantDuplicates) lineArtifacts.push(...detectDuplicateParagraphs(text, lines, removed));
  if (lineArtifacts.length === 0) return local;
  return mergeLineArtifacts(resolveOverlaps(lineArtifacts), local);
}

/**
 * Line kinds outrank every local kind, so a local artifact survives unless it overlaps a kept
 * line artifact. Both lists are sorted and disjoint: one linear merge, not a sort of everything
 * (a damaged 1M-character document has ~50,000 local artifacts, re-merged on every edit).
 */
function mergeLineArtifacts(lineKept: readonly Artifact[], local: readonly Artifact[]): Artifact[] {
  const out: Artifact[] = [];
  let j = 0;
  for (const a of local) {
    while (j < lineKept.length && lineKept[j].end <= a.start) out.push(lineKept[j++]);
    if (j < lineKept.length && lineKept[j].start < a.end) continue;
    out.push(a);
  }
  while (j < lineKept.length) out.push(lineKept[j++]);
  return out;
}

/**
 * Applies candidates[0] of every autoFix artifact, as the editor's fix-all does: unless that would
 * delete more than half of the text's Chinese characters (fixAllLimit.ts), in which case nothing is
 * applied and `refused` says why.
 */
export function repairText(text: string, options?: DetectOptions): { text: string; applied: Artifact[]; refused?: string } {
  const applied = detectArtifacts(text, options).filter((a) => a.autoFix && a.candidates.length > 0);
  const check = checkFixAll(text, applied);
  if (!check.allowed) return { text, applied: [], refused: check.reason };
  return { text: applyArtifacts(text, applied), applied };
}

/** Replaces each artifact's span by its first candidate; artifacts must be sorted and disjoint. */
export function applyArtifacts(text: string, artifacts: readonly Artifact[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const a of artifacts) {
    parts.push(text.slice(at, a.start), a.candidates[0] ?? '');
    at = a.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function summarizeArtifacts(artifacts: readonly Artifact[]): Record<ArtifactKind, number> {
  const counts = Object.fromEntries(ARTIFACT_KINDS.map((k) => [k, 0])) as Record<ArtifactKind, number>;
  for (const a of artifacts) counts[a.kind]++;
  return counts;
}

/** Sorted by start; where spans overlap the higher-priority kind (then the longer span) is kept. */
function resolveOverlaps(found: Artifact[]): Artifact[] {
  const better = (a: Artifact, b: Artifact): boolean => {
    const ra = RANK.get(a.kind)!;
    const rb = RANK.get(b.kind)!;
    return ra !== rb ? ra < rb : a.end - a.start > b.end - b.start;
  };
  found.sort((a, b) => a.start - b.start || RANK.get(a.kind)! - RANK.get(b.kind)!);
  const out: Artifact[] = [];
  for (const a of found) {
    // Drop everything already kept that a better artifact overlaps; keep a only if nothing better overlaps it.
    let i = out.length - 1;
    let blocked = false;
    const losers: number[] = [];
    while (i >= 0 && out[i].end > a.start) {
      if (better(out[i], a)) blocked = true;
      else losers.push(i);
      i--;
    }
    if (blocked) continue;
    for (const l of losers) out.splice(l, 1);
    out.push(a);
  }
  return out;
}

/** Lines with their repaired, trimmed text (for matching boilerplate and repeats). */
function splitLines(text: string, local: readonly Artifact[]): Line[] {
  const lines: Line[] = [];
  let k = 0;
  for (const { start, end, next } of lineRanges(text)) {
    while (k < local.length && local[k].end <= start) k++;
    let clean = '';
    let at = start;
    for (let j = k; j < local.length && local[j].start < end; j++) {
      const a = local[j];
      if (!a.autoFix || a.end > end) continue;
      clean += text.slice(at, a.start) + (a.candidates[0] ?? '');
      at = a.end;
    }
    clean += text.slice(at, end);
    lines.push({ start, end, next, clean: clean.trim() });
  }
  return lines;
}

const LOST_KINDS: ReadonlySet<ArtifactKind> = new Set(['replacement_char', 'question_mark_gap']);

/**
 * Replaces the chunk-local lost-character findings by the document's: a `?` in a name is
 * repaired from, or flagged because of, mentions in other paragraphs.
 */
function withDocumentLostCharacters(text: string, local: Artifact[], disabled: ReadonlySet<ArtifactKind>, memo?: LostCharacterMemo): Artifact[] {
  if (text.indexOf('?') < 0 && text.indexOf('\uFFFD') < 0) return local;
  const others = local.filter((a) => !LOST_KINDS.has(a.kind));
  const lost = detectLostCharacters(text, undefined, memo).filter((a) => !disabled.has(a.kind));
  if (lost.length === 0) return others;
  const out: Artifact[] = [];
  let k = 0;
  for (const a of others) {
    while (k < lost.length && lost[k].end <= a.start) out.push(lost[k++]);
    // A lost character overlapping another artifact belongs to it (e.g. `?pinyin)`).
    while (k < lost.length && lost[k].start < a.end) k++;
    out.push(a);
  }
  while (k < lost.length) out.push(lost[k++]);
  return out;
}
