// Rule-based entity recognition on clean simplified text (offsets are UTF-16 within that text).
// Numeric rules (dates, times, money, percentages, quantities, ordinals, 《titles》) and
// name rules (person, organization, location) that back up and correct the statistical model.
import type { Entity, Token } from '../types';
import { recognizeAmounts } from '../values/amounts';
import { recognizeTimex, type Anchor } from '../values/timex';
import { recognizeWorks } from './works';
import { recognizeNames } from './names';
import { resolveOverlaps } from './spans';

export { parseChineseNumber } from './chineseNumber';
export { formatNormalized } from './format';
export { findAnchor } from '../values/anchor';
export type { Anchor } from '../values/timex';

export interface RuleContext {
  /** The article's own date (its dateline); completes 9月14日 and resolves 去年, 上周三. */
  anchor?: Anchor;
  /** A year alone, when only that is known. */
  year?: number;
  /** The currency of a plain 元 when the article's is not the renminbi. */
  yuan?: 'TWD';
}

/**
 * Dates, times, numbers, quantities, money, percentages and works, non-overlapping and sorted.
 * Relative and partial dates are completed from ctx.anchor only (never from other dates in text).
 * tokens (optional) enable Chinese-numeral quantities (两个, 三十名), which must sit on word
 * boundaries; without them only Arabic-digit quantities are produced.
 */
export function recognizeNumericEntities(text: string, ctx?: RuleContext, tokens?: readonly Token[]): Entity[] {
  return resolveOverlaps(numericCandidates(text, ctx, tokens));
}

/** Person, organization and location spans from word lists, suffix rules and context. */
export function recognizeNameEntities(text: string, tokens: Token[]): Entity[] {
  return resolveOverlaps(recognizeNames(text, tokens));
}

/** Everything the rules find, non-overlapping (longest span first) and sorted by position. */
export function recognizeRuleEntities(text: string, tokens: Token[], ctx?: RuleContext): Entity[] {
  // Numeric and name candidates compete in one pass so a 《title》 swallows the organisation
  // inside it and 2022年 beats a surname-shaped guess.
  return resolveOverlaps([...numericCandidates(text, ctx, tokens), ...recognizeNames(text, tokens)]);
}

function numericCandidates(text: string, ctx: RuleContext | undefined, tokens?: readonly Token[]): Entity[] {
  const anchor = ctx?.anchor ?? (ctx?.year !== undefined ? { year: ctx.year, source: 'the given year' } : undefined);
  return [...recognizeWorks(text), ...recognizeTimex(text, anchor), ...recognizeAmounts(text, tokens, ctx?.yuan)];
}
