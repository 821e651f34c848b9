// Position arithmetic for checking editor results against files on disk. LSP/VS Code positions
// count UTF-16 units, which is what JS string indices are.

export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

export function offsetAt(text, pos, starts = lineStarts(text)) {
  return starts[pos.line] + pos.character;
}

export function textOf(text, range) {
  const starts = lineStarts(text);
  return text.slice(offsetAt(text, range.start, starts), offsetAt(text, range.end, starts));
}

/** Applies non-overlapping {range, newText} edits (all positions relative to `text`). */
export function applyEdits(text, edits) {
  const starts = lineStarts(text);
  const abs = edits
    .map((e) => ({ s: offsetAt(text, e.range.start, starts), e: offsetAt(text, e.range.end, starts), t: e.newText }))
    .sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const x of abs) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}
