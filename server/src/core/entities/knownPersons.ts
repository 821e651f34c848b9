import type { Entity, Token } from '../types';
import { CEDICT_PERSONS } from './cedictPersonList';
import { entity } from './spans';
import { wordEdges } from './tokenSearch';
import { buildMatcher } from './wordMatcher';

let matcher: ReturnType<typeof buildMatcher> | undefined;

/**
 * Mentions of people CC-CEDICT knows (拜登, 邓小平, 莫言) that nothing else covers become persons,
 * where they are a word or a run of words in jieba's reading: the model misses some well-known names
 * in some contexts (拜登与…), while a list name inside a longer word (邓小平理论) is no mention.
 * Places and organisations from the same glosses were measured too and lost F1 (README).
 */
export function fillKnownPersons(text: string, tokens: readonly Token[], entities: readonly Entity[]): Entity[] {
  matcher ??= buildMatcher(CEDICT_PERSONS.split('|'));
  const hits = matcher(text);
  if (hits.length === 0) return entities as Entity[];
  const edges = wordEdges(text.length, tokens);
  const added = hits
    .filter((h) => edges[h.start] && edges[h.end] && !entities.some((e) => e.start < h.end && h.start < e.end))
    .map((h) => entity(text, h.start, h.end, 'person', 'dictionary'));
  if (added.length === 0) return entities as Entity[];
  return [...entities, ...added].sort((a, b) => a.start - b.start || b.end - a.end);
}
