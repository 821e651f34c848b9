import * as OpenCC from 'opencc-js';
import { EditMap } from './offsets';

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
export function simplify(text: string): EditMap {
  const convert = converter();
  const whole = convert(text);
  if (whole.length === text.length) return new EditMap(text, diffSameLength(text, whole));
  const edits = [];
  let i = 0;
  for (const ch of text) {
    const s = convert(ch);
    if (s !== ch) edits.push({ start: i, end: i + ch.length, text: s });
    i += ch.length;
  }
  return new EditMap(text, edits);
}

/** Same-length conversions need no map; record them as one-for-one replacements anyway. */
function diffSameLength(a: string, b: string) {
  const edits: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) edits.push({ start: i, end: i + 1, text: b[i] });
  }
  return edits;
}

/** Simplified form of a short string (hover, exports). */
export function toSimplifiedText(s: string): string {
  return converter()(s);
}
