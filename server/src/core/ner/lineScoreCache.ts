/** What tagging a line with corrections starts from, which the corrections do not change. */
export interface LineScores {
  /** The line's LEXICAL_SLOTS features (features.ts), the only ones corrections move. */
  lexical: Int32Array;
  /** The shipped model's emission scores, n × NUM_TAGS. */
  shipped: Float32Array;
}

/**
 * Lines' features and shipped scores, least recently used dropped first once they hold more than
 * `maxChars` characters (about 130 bytes each: the open documents, not a corpus).
 */
export class LineScoreCache {
  private readonly lines = new Map<string, LineScores>();
  private chars = 0;

  constructor(readonly maxChars = 200_000) {}

  get(line: string): LineScores | undefined {
    const hit = this.lines.get(line);
    if (hit) {
      this.lines.delete(line);
      this.lines.set(line, hit);
    }
    return hit;
  }

  set(line: string, scores: LineScores): void {
    if (this.lines.has(line)) return;
    this.lines.set(line, scores);
    this.chars += line.length;
    for (const [old] of this.lines) {
      if (this.chars <= this.maxChars) break;
      this.lines.delete(old);
      this.chars -= old.length;
    }
  }

  get size(): number {
    return this.lines.size;
  }
}
