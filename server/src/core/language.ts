// Deciding whether a plain-text document is a Chinese article worth analysing.
import { isHan } from './entities/chars';

/** Share of Han characters among the non-whitespace characters of the first `sampleLength` characters. */
export function hanRatio(text: string, sampleLength = 10_000): number {
  const sample = text.slice(0, sampleLength);
  let han = 0;
  let other = 0;
  for (const ch of sample) {
    if (/\s/.test(ch)) continue;
    if (isHan(ch)) han++;
    else other++;
  }
  const total = han + other;
  return total === 0 ? 0 : han / total;
}

/**
 * A plain-text document counts as "mostly Chinese" when at least this share of the
 * non-whitespace characters among its first 10,000 characters are Han characters. Crawled articles sit between 0.6 and 0.9 (the
 * damaged seeds carry much ASCII pinyin); English prose with a few Chinese words stays far below.
 */
export const PLAINTEXT_HAN_THRESHOLD = 0.3;

export type PlaintextMode = 'auto' | 'always' | 'never';

export function servesDocument(languageId: string, text: string, mode: PlaintextMode): boolean {
  if (languageId === 'zh-article') return true;
  if (languageId !== 'plaintext') return false;
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return hanRatio(text) >= PLAINTEXT_HAN_THRESHOLD;
}
