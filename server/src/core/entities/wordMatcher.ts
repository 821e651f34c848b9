/** All occurrences of the words, longest first where they overlap at one start. */
export function buildMatcher(words: readonly string[]): (text: string) => { start: number; end: number }[] {
  const byFirst = new Map<number, string[]>();
  for (const w of words) {
    const list = byFirst.get(w.charCodeAt(0)) ?? [];
    list.push(w);
    byFirst.set(w.charCodeAt(0), list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return (text) => {
    const hits: { start: number; end: number }[] = [];
    for (let i = 0; i < text.length; i++) {
      const list = byFirst.get(text.charCodeAt(i));
      const w = list?.find((x) => text.startsWith(x, i));
      if (w) {
        hits.push({ start: i, end: i + w.length });
        i += w.length - 1;
      }
    }
    return hits;
  };
}
