import * as OpenCC from 'opencc-js';
import { EditMap, SameLengthMap } from './offsets';

type Convert = (s: string) => string;
let toSimplified: Convert | undefined;

function converter(): Convert {
  // 't' (OpenCC standard traditional) also covers the Taiwan/Hong Kong forms met in the seeds.
  if (!toSimplified) toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  return toSimplified;
}

/**
 * The simplified view of a text and its map back. OpenCC converts phrase by phrase and a phrase
 * may change length; then the text is converted one code point at a time so offsets stay exact.
 */
export function simplify(text: string): EditMap | SameLengthMap {
  const convert = converter();
  const whole = convert(text);
  if (whole.length === text.length) return new SameLengthMap(text, whole);
  const edits = [];
  let i = 0;
  for (const ch of text) {
    const s = convert(ch);
    if (s !== ch) edits.push({ start: i, end: i + ch.length, text: s });
    i += ch.length;
  }
  return new EditMap(text, edits);
}

/** Simplified form of a short string (hover, exports). */
export function toSimplifiedText(s: string): string {
  return converter()(s);
}
