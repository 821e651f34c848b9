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

/** 1 at every offset where a token, or one of `spans`, starts or ends (and at both ends of the text). */
export function wordEdges(length: number, tokens: readonly Token[], spans: readonly { start: number; end: number }[] = []): Uint8Array {
  const edges = new Uint8Array(length + 1);
  edges[0] = edges[length] = 1;
  for (const list of [tokens, spans]) {
    for (const t of list) {
      edges[t.start] = 1;
      if (t.end <= length) edges[t.end] = 1;
    }
  }
  return edges;
}
