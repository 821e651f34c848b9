/** A random text of at least `n` UTF-16 units made of `pieces` (the edits and documents of the incremental-equals-fresh tests). */
export function randomPieces(r: () => number, pieces: readonly string[], n: number): string {
  let s = '';
  while (s.length < n) s += pieces[Math.floor(r() * pieces.length)];
  return s;
}
