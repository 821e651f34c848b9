import { ENTITY_LABELS, Entity } from './types';
import { LineIndex } from './offsets';

// The semantic-token legend is declared here once; package.json's semanticTokenTypes must list
// the same names (a unit test compares them).
export const TOKEN_TYPES: readonly string[] = ENTITY_LABELS;
export const TOKEN_MODIFIERS = ['automatic', 'manual'] as const;

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));

/**
 * Encodes entities as LSP semantic-token data (five integers per token, positions relative to
 * the previous token, UTF-16 columns). Spans crossing a line break are cut at the line end, since
 * clients without multiline-token support drop them.
 */
export function encodeSemanticTokens(entities: readonly Entity[], lines: LineIndex, range?: { start: number; end: number }): number[] {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const sorted = [...entities].sort((a, b) => a.start - b.start || a.end - b.end);
  let lastEnd = -1;
  for (const e of sorted) {
    if (range && (e.end <= range.start || e.start >= range.end)) continue;
    const type = TYPE_INDEX.get(e.label);
    if (type === undefined || e.start < lastEnd) continue;
    const pos = lines.positionAt(e.start);
    const lineEnd = pos.line + 1 < lines.lineCount ? lines.lineStart(pos.line + 1) : lines.text.length;
    const end = Math.min(e.end, lineEnd);
    let length = end - e.start;
    // Never leave a line terminator inside a token.
    while (length > 0 && /[\r\n]/.test(lines.text[e.start + length - 1])) length--;
    if (length <= 0) continue;
    const modifiers = 1 << (e.source === 'manual' ? 1 : 0);
    data.push(pos.line - prevLine, pos.line === prevLine ? pos.character - prevChar : pos.character, length, type, modifiers);
    prevLine = pos.line;
    prevChar = pos.character;
    lastEnd = e.start + length;
  }
  return data;
}
