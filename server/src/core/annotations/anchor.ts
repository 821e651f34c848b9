// Finding spans again by their text after the article changed outside the editor. Offsets are
// UTF-16. Each span goes to the occurrence of its text nearest to a hint position; spans are
// placed nearest-first so two spans with the same text do not claim the same occurrence.

export interface AnchorRequest {
  text: string;
  /** Where the span is expected in the new text (its old start, mapped if possible). */
  hint: number;
}

export type AnchorResult = { start: number; end: number } | { reason: string };

/** The common prefix and suffix lengths of two texts (not overlapping in either). */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/**
 * Places each request at the nearest free occurrence of its text in newText. `occupied` holds
 * ranges already in use (spans that did not move) and grows as requests are placed. A range is
 * free when it overlaps nothing in use (`exclusive`, for manual spans, which never overlap) or
 * merely differs from every range in use (for rejections).
 */
export function anchorByText(
  requests: readonly AnchorRequest[],
  newText: string,
  occupied: Array<[number, number]> = [],
  exclusive = true,
): AnchorResult[] {
  const cache = new Map<string, number[]>();
  const found = (t: string): number[] => {
    let o = cache.get(t);
    if (!o) cache.set(t, (o = occurrences(newText, t)));
    return o;
  };
  const free = (s: number, e: number): boolean =>
    !occupied.some(([a, b]) => (exclusive ? a < e && s < b : a === s && b === e));
  // Place the requests with the closest candidate first, so a nearby match is not stolen by a
  // span that merely happens to come earlier.
  const order = requests.map((r, i) => {
    const occ = found(r.text);
    const best = occ.reduce((d, o) => Math.min(d, Math.abs(o - r.hint)), Infinity);
    return { i, best };
  });
  order.sort((a, b) => a.best - b.best || a.i - b.i);
  const results: AnchorResult[] = new Array(requests.length);
  for (const { i } of order) {
    const r = requests[i];
    const occ = found(r.text);
    if (occ.length === 0) {
      results[i] = { reason: `text ${JSON.stringify(r.text)} no longer occurs in the article` };
      continue;
    }
    let pick = -1;
    for (const o of occ) {
      if (!free(o, o + r.text.length)) continue;
      // Ties go to the earlier occurrence (occ is ascending and only a strictly closer one wins).
      if (pick < 0 || Math.abs(o - r.hint) < Math.abs(pick - r.hint)) pick = o;
    }
    if (pick < 0) {
      results[i] = { reason: `every occurrence of ${JSON.stringify(r.text)} already carries or overlaps another span` };
      continue;
    }
    occupied.push([pick, pick + r.text.length]);
    results[i] = { start: pick, end: pick + r.text.length };
  }
  return results;
}
