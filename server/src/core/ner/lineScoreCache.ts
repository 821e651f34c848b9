import { getFresh } from '../lru';

/** What tagging a line with corrections starts from, which the corrections do not change. */
export interface LineScores {
  /** The line's LEXICAL_SLOTS features (features.ts), the only ones corrections move. */
  lexical: Int32Array;
  /** The shipped model's emission scores, n × NUM_TAGS. */
  shipped: Float32Array;
}

/**
 * Lines' features and shipped scores, least recently used dropped first once they hold more than
 * `maxChars` characters (about 130 bytes each: the open documents, not a corpus). Keys are the
 * tagger's (a line's text and words); `chars` is the line's length.
 */
export class LineScoreCache {
  private readonly lines = new Map<string, LineScores & { chars: number }>();
  private chars = 0;

  constructor(readonly maxChars = 200_000) {}

  get(key: string): LineScores | undefined {
    return getFresh(this.lines, key);
  }

  set(key: string, scores: LineScores, chars: number): void {
    if (this.lines.has(key)) return;
    this.lines.set(key, { ...scores, chars });
    this.chars += chars;
    for (const [old, kept] of this.lines) {
      if (this.chars <= this.maxChars) break;
      this.lines.delete(old);
      this.chars -= kept.chars;
    }
  }

  /** Whether `chars` more characters fit without dropping any line. */
  hasRoomFor(chars: number): boolean {
    return this.chars + chars <= this.maxChars;
  }

  get size(): number {
    return this.lines.size;
  }
}
