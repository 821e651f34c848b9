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
  // An analysis gives its entities in order already: sorting a copy of 100,000 of them on every
  // keystroke of a long document was the largest part of answering for its tokens.
  const byPosition = (a: Entity, b: Entity) => a.start - b.start || a.end - b.end;
  let ordered = true;
  for (let i = 1; i < entities.length && ordered; i++) ordered = byPosition(entities[i - 1], entities[i]) <= 0;
  const sorted = ordered ? entities : [...entities].sort(byPosition);
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

/** One edit of semantic-token data (LSP SemanticTokensEdit): replace deleteCount integers at start. */
export interface TokenDataEdit {
  start: number;
  deleteCount: number;
  data: number[];
}

/**
 * The edits that turn one token array into another: the integers between their common prefix and
 * suffix, kept whole tokens (multiples of five) so a client never sees half a token. A keystroke
 * changes a few tokens of a long document; the client gets those instead of all of them again.
 */
export function tokenDataEdits(before: readonly number[], after: readonly number[]): TokenDataEdit[] {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  prefix -= prefix % 5;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  suffix -= suffix % 5;
  if (prefix === before.length && prefix === after.length) return [];
  return [{ start: prefix, deleteCount: before.length - prefix - suffix, data: after.slice(prefix, after.length - suffix) }];
}
