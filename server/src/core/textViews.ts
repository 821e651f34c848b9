import { EditMap, SameLengthMap, snapSpanToCodePoints, TextEdit } from './offsets';
import { simplify } from './simplify';

/** What the view builder needs of an artifact: where it is and how it is safely repaired. */
export interface MaskableArtifact {
  start: number;
  end: number;
  candidates: string[];
  autoFix: boolean;
}

/**
 * One text, three views: the original, the repaired view (safe repairs applied) and the simplified
 * view of the repaired text. Recognizers run on `simplified`; spans come back through `toOriginal`.
 */
export class TextViews {
  readonly repaired: EditMap;
  readonly simplified: EditMap | SameLengthMap;

  constructor(readonly original: string, artifacts: readonly MaskableArtifact[]) {
    this.repaired = new EditMap(original, repairEdits(artifacts));
    this.simplified = simplify(this.repaired.target);
  }

  get simplifiedText(): string {
    return this.simplified.target;
  }

  /**
   * Maps a span of the simplified view to the original text. Every span a recognizer finds comes
   * back through here, so this is where spans are snapped to whole code points: a model tagging
   * per UTF-16 unit may end a name on half an emoji, and tokens, hover, exports and the CLI would
   * all inherit the broken character.
   */
  toOriginal(start: number, end: number): [number, number] {
    const [rs, re] = this.simplified.spanToSource(start, end);
    const [os, oe] = this.repaired.spanToSource(rs, re);
    return snapSpanToCodePoints(this.original, os, oe);
  }

  /** Maps an original offset into the simplified view. */
  toSimplified(offset: number): number {
    return this.simplified.toTarget(this.repaired.toTarget(offset));
  }
}

function repairEdits(artifacts: readonly MaskableArtifact[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let last = -1;
  for (const a of [...artifacts].sort((x, y) => x.start - y.start)) {
    if (!a.autoFix || a.candidates.length === 0 || a.start < last) continue;
    edits.push({ start: a.start, end: a.end, text: a.candidates[0] });
    last = a.end;
  }
  return edits;
}
