import { ENTITY_LABELS, Entity } from './types';
import { LineIndex } from './offsets';

// The semantic-token legend is declared here once; package.json's semanticTokenTypes must list
// the same names (a unit test compares them).
// Custom labels (articleAnnotator.labels) share one type: the legend is fixed when the client
// starts, and the labels can change afterwards; the hover names the label.
export const CUSTOM_LABEL_TOKEN = 'customLabel';
export const TOKEN_TYPES: readonly string[] = [...ENTITY_LABELS, CUSTOM_LABEL_TOKEN];
export const TOKEN_MODIFIERS = ['automatic', 'manual'] as const;

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const CUSTOM_INDEX = TYPE_INDEX.get(CUSTOM_LABEL_TOKEN)!;
const typeOf = (label: string): number => TYPE_INDEX.get(label) ?? CUSTOM_INDEX;

/**
 * Encodes entities as LSP semantic-token data (five integers per token, positions relative to
 * the previous token, UTF-16 columns). Spans crossing a line break are cut at the line end, since
 * clients without multiline-token support drop them.
 */
export function encodeSemanticTokens(entities: readonly Entity[], lines: LineIndex, range?: { start: number; end: number }): number[] {
  const writer = new TokenWriter(lines);
  for (const e of inOrder(entities)) {
    if (range && (e.end <= range.start || e.start >= range.end)) continue;
    writer.add(e);
  }
  return writer.data;
}

/** Entities by position; an analysis gives them in order already, and then they are not copied. */
function inOrder(entities: readonly Entity[]): readonly Entity[] {
  // Sorting a copy of 100,000 entities on every keystroke of a long document was the largest part
  // of answering for its tokens.
  let ordered = true;
  for (let i = 1; i < entities.length && ordered; i++) ordered = byPosition(entities[i - 1], entities[i]) <= 0;
  return ordered ? entities : [...entities].sort(byPosition);
}

const byPosition = (a: Entity, b: Entity) => a.start - b.start || a.end - b.end;

/** Appends tokens to semantic-token data, each relative to the one before. */
class TokenWriter {
  prevLine = 0;
  prevChar = 0;
  lastEnd = -1;

  constructor(
    private readonly lines: LineIndex,
    readonly data: number[] = [],
  ) {}

  add(e: Entity): void {
    const type = typeOf(e.label);
    if (e.start < this.lastEnd) return;
    const { lines } = this;
    const pos = lines.positionAt(e.start);
    const lineEnd = pos.line + 1 < lines.lineCount ? lines.lineStart(pos.line + 1) : lines.text.length;
    const end = Math.min(e.end, lineEnd);
    let length = end - e.start;
    // Never leave a line terminator inside a token.
    while (length > 0 && isBreak(lines.text.charCodeAt(e.start + length - 1))) length--;
    if (length <= 0) return;
    this.push(pos.line, pos.character, length, type, 1 << (e.source === 'manual' ? 1 : 0));
    this.lastEnd = e.start + length;
  }

  push(line: number, character: number, length: number, type: number, modifiers: number): void {
    this.data.push(line - this.prevLine, line === this.prevLine ? character - this.prevChar : character, length, type, modifiers);
    this.prevLine = line;
    this.prevChar = character;
    this.lastEnd = this.lines.lineStart(line) + character + length;
  }
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** What semantic-token data was encoded from, for encoding the next version from it. */
export interface EncodedTokens {
  data: Uint32Array;
  lines: LineIndex;
}

/**
 * The token data of `entities` when they differ from those `before` was encoded from only by an
 * edit (AnalysisEdit of core/analyzer.ts: entities outside [lo, hiNew) are the old ones, those
 * after it moved): the old tokens of the lines before the region are kept, the region's entities
 * encoded, and the old tokens after it kept too, since each is relative to the one before; only
 * the first of those is written again, relative to its new predecessor and on its moved line. The
 * result equals encodeSemanticTokens(entities, lines); the work is the region's entities plus a
 * pass over integers, not a position lookup per entity of the document. Typed arrays: copying a
 * JavaScript array of 300,000 numbers cost more than all the rest.
 */
export function encodeAfterEdit(
  before: EncodedTokens,
  regionEntities: readonly Entity[],
  lines: LineIndex,
  edit: { lo: number; hiOld: number; hiNew: number },
): Uint32Array {
  const old = before.data;
  const count = old.length / 5;
  const loLine = lines.positionAt(edit.lo).line;
  // The old line where the moved part starts (the region reaches the end: nothing is moved).
  const tailLine = edit.hiNew < lines.text.length ? before.lines.positionAt(edit.hiOld).line : Infinity;
  let line = 0;
  let character = 0;
  let k = 0;
  const step = () => {
    line += old[5 * k];
    character = old[5 * k] === 0 ? character + old[5 * k + 1] : old[5 * k + 1];
  };
  for (; k < count && line + old[5 * k] < loLine; k++) step();
  const head = k;
  const writer = new TokenWriter(lines);
  if (head > 0) {
    writer.prevLine = line;
    writer.prevChar = character;
    writer.lastEnd = lines.lineStart(line) + character + old[5 * k - 3];
  }
  for (; k < count && line + old[5 * k] < tailLine; k++) step();
  for (const e of inOrder(regionEntities)) writer.add(e);
  if (k < count) {
    step();
    writer.push(line + lines.lineCount - before.lines.lineCount, character, old[5 * k + 2], old[5 * k + 3], old[5 * k + 4]);
    k++;
  }
  const middle = writer.data;
  const out = new Uint32Array(5 * head + middle.length + old.length - 5 * k);
  out.set(old.subarray(0, 5 * head));
  out.set(middle, 5 * head);
  out.set(old.subarray(5 * k), 5 * head + middle.length);
  return out;
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
export function tokenDataEdits(before: ArrayLike<number>, after: ArrayLike<number>): TokenDataEdit[] {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  prefix -= prefix % 5;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  suffix -= suffix % 5;
  if (prefix === before.length && prefix === after.length) return [];
  return [{ start: prefix, deleteCount: before.length - prefix - suffix, data: Array.prototype.slice.call(after, prefix, after.length - suffix) as number[] }];
}
