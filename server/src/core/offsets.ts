// The one place that converts offsets. Everything inside the core works in UTF-16 code units
// (what JavaScript strings and LSP use); exports speak code points, and derived text views
// (repaired, simplified) are linked to the original by EditMaps built here.

/** Converts between UTF-16 offsets and code-point offsets of one text. */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogate of every surrogate pair, ascending. */
  private readonly pairs: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.pairs.push(i);
          i++;
        }
      }
    }
  }

  get codePointLength(): number {
    return this.text.length - this.pairs.length;
  }

  /** Code-point offset of a UTF-16 offset; an offset inside a pair counts as after its start. */
  toCodePoint(u16: number): number {
    const clamped = Math.max(0, Math.min(u16, this.text.length));
    // Pairs whose high surrogate lies strictly before clamped-1 are complete before it.
    const before = lowerBound(this.pairs, clamped - 1);
    return clamped - before;
  }

  /** UTF-16 offset of a code-point offset. */
  toUtf16(cp: number): number {
    const clamped = Math.max(0, Math.min(cp, this.codePointLength));
    // Find how many pairs start before the resulting u16 offset: u16 = cp + k where k pairs precede.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // pair mid starts at code point pairs[mid] - mid
      if (this.pairs[mid] - mid < clamped) lo = mid + 1;
      else hi = mid;
    }
    return clamped + lo;
  }
}

/** Number of elements of a sorted array that are < value. */
export function lowerBound(arr: readonly number[], value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether UTF-16 offset o sits between the two halves of a surrogate pair. */
export function splitsPair(text: string, o: number): boolean {
  if (o <= 0 || o >= text.length) return false;
  const hi = text.charCodeAt(o - 1);
  const lo = text.charCodeAt(o);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** Moves an offset off the middle of a surrogate pair (backwards). */
export function snapToCodePoint(text: string, u16: number): number {
  return splitsPair(text, u16) ? u16 - 1 : u16;
}

/**
 * A span moved off the middles of surrogate pairs, so it never holds half a character. A boundary
 * cutting a letter (an Extension B ideograph) takes the whole letter in, since a recognizer that
 * tagged half of it meant the character; one cutting anything else (an emoji) leaves it out.
 * May return an empty span (start === end) when nothing whole is left.
 */
export function snapSpanToCodePoints(text: string, start: number, end: number): [number, number] {
  const letterAt = (o: number): boolean => /\p{L}/u.test(String.fromCodePoint(text.codePointAt(o) ?? 0));
  let s = start;
  let e = end;
  if (splitsPair(text, s)) s = letterAt(s - 1) ? s - 1 : s + 1;
  if (splitsPair(text, e)) e = letterAt(e - 1) ? e + 1 : e - 1;
  return [s, Math.max(s, e)];
}

/** A replacement of source[start, end) by text; offsets are UTF-16 in the source. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The result of applying non-overlapping edits to a source text, with offset maps both ways.
 * Offsets inside a replaced range map to its start ("left" bias) or its end ("right" bias), so a
 * span [s, e) maps with toSource(s, 'left') and toSource(e, 'right') and keeps what was removed
 * inside it.
 */
export class EditMap {
  readonly target: string;
  // Parallel arrays, one entry per edit: where it sits in source and in target.
  private readonly srcStart: number[] = [];
  private readonly srcEnd: number[] = [];
  private readonly tgtStart: number[] = [];
  private readonly tgtEnd: number[] = [];

  constructor(readonly source: string, edits: readonly TextEdit[]) {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const parts: string[] = [];
    let pos = 0;
    let tgt = 0;
    for (const e of sorted) {
      if (e.start < pos || e.end < e.start || e.end > source.length) {
        throw new RangeError(`overlapping or out-of-range edit [${e.start}, ${e.end}) after ${pos}`);
      }
      parts.push(source.slice(pos, e.start));
      tgt += e.start - pos;
      this.srcStart.push(e.start);
      this.srcEnd.push(e.end);
      this.tgtStart.push(tgt);
      parts.push(e.text);
      tgt += e.text.length;
      this.tgtEnd.push(tgt);
      pos = e.end;
    }
    parts.push(source.slice(pos));
    this.target = parts.join('');
  }

  get editCount(): number {
    return this.srcStart.length;
  }

  /** Maps a target offset to the source. */
  toSource(t: number, bias: 'left' | 'right' = 'left'): number {
    return mapThrough(t, bias, this.tgtStart, this.tgtEnd, this.srcStart, this.srcEnd);
  }

  /** Maps a source offset to the target. */
  toTarget(s: number, bias: 'left' | 'right' = 'left'): number {
    return mapThrough(s, bias, this.srcStart, this.srcEnd, this.tgtStart, this.tgtEnd);
  }

  /**
   * Maps a target span to the source: edits inside the span stay inside it, a replaced range the
   * span cuts into is taken whole, and text removed right at either boundary stays outside.
   */
  spanToSource(start: number, end: number): [number, number] {
    const s = mapThrough(start, 'left', this.tgtStart, this.tgtEnd, this.srcStart, this.srcEnd, true);
    const e = mapThrough(end, 'right', this.tgtStart, this.tgtEnd, this.srcStart, this.srcEnd, false);
    return [s, Math.max(s, e)];
  }

  spanToTarget(start: number, end: number): [number, number] {
    const s = mapThrough(start, 'left', this.srcStart, this.srcEnd, this.tgtStart, this.tgtEnd, true);
    const e = mapThrough(end, 'right', this.srcStart, this.srcEnd, this.tgtStart, this.tgtEnd, false);
    return [s, Math.max(s, e)];
  }
}

function mapThrough(
  x: number,
  bias: 'left' | 'right',
  fromStart: number[],
  fromEnd: number[],
  toStart: number[],
  toEnd: number[],
  includeInsertions = bias === 'right',
): number {
  // i = last edit starting strictly before x.
  let lo = 0;
  let hi = fromStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fromStart[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i >= 0 && x < fromEnd[i]) return bias === 'left' ? toStart[i] : toEnd[i];
  let mapped = i < 0 ? x : toEnd[i] + (x - fromEnd[i]);
  // Pure insertions sitting exactly at x are taken only when asked for (a cursor after them).
  for (let j = i + 1; j < fromStart.length && fromStart[j] === x && fromEnd[j] === x; j++) {
    if (includeInsertions) mapped = toEnd[j];
  }
  return mapped;
}

/** The map between a text and a same-length rewrite of it (OpenCC's usual case): offsets agree. */
export class SameLengthMap {
  constructor(readonly source: string, readonly target: string) {
    if (source.length !== target.length) throw new RangeError('SameLengthMap needs texts of equal length');
  }
  toSource(t: number): number {
    return t;
  }
  toTarget(s: number): number {
    return s;
  }
  spanToSource(start: number, end: number): [number, number] {
    return [start, end];
  }
  spanToTarget(start: number, end: number): [number, number] {
    return [start, end];
  }
}

/** One line of a text: [start, end) is its content, `next` where the following line starts. */
export interface LineRange {
  start: number;
  end: number;
  /** end plus the length of the line break (0 for the last line, 1 for \n or \r, 2 for \r\n). */
  next: number;
}

/**
 * The text's lines as LSP and VS Code count them: \n, \r\n and a lone \r each end a line (crawled
 * pages saved on old Macs use bare \r). Every line-based part of the product uses this one model,
 * so a position means the same line everywhere.
 */
export function lineRanges(text: string): LineRange[] {
  const out: LineRange[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    out.push({ start, end: i, next });
    start = next;
    i = next - 1;
  }
  out.push({ start, end: text.length, next: text.length });
  return out;
}

/**
 * LineIndex.offsetAt without indexing the whole text: scans only up to the position's line, for
 * one-off conversions on large texts (an edit near the top of a 1 MB article stays cheap).
 */
export function offsetAtPosition(text: string, pos: { line: number; character: number }): number {
  if (pos.line < 0) return 0;
  let start = 0;
  // Line breaks are found with indexOf, which scans far faster than a loop over char codes: every
  // keystroke in a long article moves its annotations through here.
  let cr = text.indexOf('\r');
  for (let line = 0; line < pos.line; line++) {
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    const lf = text.indexOf('\n', start);
    const i = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    if (i < 0) return text.length;
    start = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  let end = start;
  while (end < text.length && end - start < pos.character) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  return Math.max(start, end);
}

/** Line/character positions (UTF-16, as LSP uses) of a text. */
export class LineIndex {
  private readonly starts: number[];
  private readonly ends: number[];
  constructor(
    readonly text: string,
    lines?: { starts: number[]; ends: number[] },
  ) {
    if (lines) {
      this.starts = lines.starts;
      this.ends = lines.ends;
      return;
    }
    const ranges = lineRanges(text);
    this.starts = ranges.map((l) => l.start);
    this.ends = ranges.map((l) => l.end);
  }

  /**
   * The index of `text`, which is `prev.text` with [lo, hiOld) replaced by [lo, hiNew) (a region
   * as core/chunks.ts's changedRegion gives it: lo and hiNew are line starts of text, hiOld the same
   * line start in the old text, or the texts' ends). Only the region's characters are scanned: the
   * lines before it are the same and those after it are moved, so an edit of a long document
   * costs its own lines plus a copy of two arrays of numbers.
   */
  static afterEdit(prev: LineIndex, text: string, region: { lo: number; hiOld: number; hiNew: number }): LineIndex {
    const { lo, hiOld, hiNew } = region;
    const starts: number[] = [];
    const ends: number[] = [];
    let i = 0;
    for (; i < prev.starts.length && prev.starts[i] < lo; i++) {
      starts.push(prev.starts[i]);
      ends.push(prev.ends[i]);
    }
    // The lines of the region, scanned as lineRanges does; from hiNew on, the old lines moved.
    const tail = hiNew < text.length;
    let start = lo;
    for (let at = lo; at < text.length && !(tail && start === hiNew); at++) {
      const c = text.charCodeAt(at);
      if (c !== 10 && c !== 13) continue;
      const next = c === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
      starts.push(start);
      ends.push(at);
      start = next;
      at = next - 1;
    }
    if (!tail) {
      starts.push(start);
      ends.push(text.length);
      return new LineIndex(text, { starts, ends });
    }
    const shift = hiNew - hiOld;
    for (let j = lowerBound(prev.starts, hiOld); j < prev.starts.length; j++) {
      starts.push(prev.starts[j] + shift);
      ends.push(prev.ends[j] + shift);
    }
    return new LineIndex(text, { starts, ends });
  }
  get lineCount(): number {
    return this.starts.length;
  }
  positionAt(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lowerBound(this.starts, o + 1) - 1;
    // An offset between \r and \n is at the end of its line, as in LSP's TextDocument.
    return { line, character: Math.min(o, this.ends[line]) - this.starts[line] };
  }
  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    // A character past the line's end means its end (LSP), never a place inside its line break.
    const start = this.starts[pos.line];
    return Math.max(start, Math.min(start + pos.character, this.ends[pos.line]));
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}
