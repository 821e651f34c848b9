import type { Token } from '../types';

/** The token whose `edge` (start or end) is at offset, by binary search over tokens in text order. */
export function tokenWith(tokens: readonly Token[], edge: 'start' | 'end', offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid][edge] < offset) lo = mid + 1;
    else if (tokens[mid][edge] > offset) hi = mid - 1;
    else return tokens[mid];
  }
  return undefined;
}
