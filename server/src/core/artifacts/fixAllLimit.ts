import { commonAffixes } from '../chunks';
import type { Artifact } from './types';

// Fix-all runs unattended (on save, workspace repair). Whatever the detectors or the user's
// patterns say, an unattended fix must not take the article with it: a fix that would remove more
// than half of the document's Chinese text is refused and reported instead.

export const MAX_HAN_REMOVED_SHARE = 0.5;

export interface FixAllCheck {
  allowed: boolean;
  /** Han characters the fix would remove (net of what it writes back) and the document holds. */
  removedHan: number;
  totalHan: number;
  /** Why the fix is refused, for a diagnostic or a message. */
  reason?: string;
}

/**
 * Han characters in text[start, end): the CJK blocks, compatibility ideographs and (through their
 * high surrogates) the supplementary ideograph planes. A code loop, not a regular expression: it
 * runs over the whole document whenever diagnostics are published.
 */
export function countHan(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd840 && c <= 0xd8bf && i + 1 < end)) n++;
  }
  return n;
}

/**
 * countHan(text) from countHan(old) = oldCount, counting only the characters that differ (plus
 * one on each side, so that a surrogate pair at either edge of the change counts as in a whole
 * count: the edge characters are common to both texts and count the same in both).
 */
export function countHanAfterEdit(old: string, oldCount: number, text: string): number {
  const { prefix, suffix } = commonAffixes(old, text);
  const from = Math.max(0, prefix - 1);
  const end = (t: string) => (suffix > 0 ? t.length - suffix + 1 : t.length);
  return oldCount - countHan(old, from, end(old)) + countHan(text, from, end(text));
}

/**
 * Whether applying candidates[0] of these artifacts keeps most of the document's Chinese text.
 * `total` gives countHan(text) when a caller knows it cheaper (an editor, from the last version).
 */
export function checkFixAll(text: string, artifacts: readonly Artifact[], total: () => number = () => countHan(text)): FixAllCheck {
  let removed = 0;
  for (const a of artifacts) {
    if (!a.autoFix || a.candidates.length === 0) continue;
    removed += countHan(text, a.start, a.end) - countHan(a.candidates[0]);
  }
  if (removed <= 0) return { allowed: true, removedHan: Math.max(0, removed), totalHan: -1 };
  return withTotal(removed, total());
}

function withTotal(removed: number, total: number): FixAllCheck {
  if (removed <= total * MAX_HAN_REMOVED_SHARE) return { allowed: true, removedHan: removed, totalHan: total };
  const share = Math.round((100 * removed) / Math.max(1, total));
  return {
    allowed: false,
    removedHan: removed,
    totalHan: total,
    reason: `fixing all would delete ${removed} of the ${total} Chinese characters (${share} %), which looks like the article, not crawl damage; check articleAnnotator.artifacts.boilerplatePatterns and fix lines one by one`,
  };
}
