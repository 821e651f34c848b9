import { ENTITY_TYPES, NUM_TAGS, Part, tagOf } from './labels';

/** Far below any real score, yet finite: marginals subtract the row's maximum. */
const FORBIDDEN = -1e6;

/**
 * Keeps names from running across a layout space the tagger never sees (compactLine drops the
 * spaces between Chinese characters). Typesetting pads a two-character name to the width of three
 * (王 芳), so one character each side may still be one name; anything longer is two words that
 * met only because the space went: a byline's "赵永莉 特约记者" must not give the person 赵永莉特.
 * No sentence of the training or development files has a name across a space (CLUENER's mentions
 * included), so this decides only text laid out with them.
 *
 * at[k] is the text offset of line character k: a jump of more than one is a dropped space. The
 * characters either side of it may not be inside a name (I): with BIOES transitions that leaves
 * a name ending before the gap, starting after it, or exactly the two characters around it.
 */
export function forbidNamesAcrossGaps(at: ArrayLike<number>, n: number, emit: Float32Array): void {
  for (let k = 0; k + 1 < n; k++) {
    if (at[k + 1] - at[k] <= 1) continue;
    for (let t = 0; t < ENTITY_TYPES.length; t++) {
      const inside = tagOf(t, Part.I);
      emit[k * NUM_TAGS + inside] = FORBIDDEN;
      emit[(k + 1) * NUM_TAGS + inside] = FORBIDDEN;
    }
  }
}
