// How traditional text writes each simplified character, for the character model's `forms`
// table (charModel.ts): the training text converted by OpenCC's standard, Taiwan and Hong Kong
// phrase converters (the way eval:repair makes its traditional articles), counted form by form.
// The model scores simplified text, so without this a repair read as 曏魔獸 (向魔兽 to the model)
// cost no more than 會在魔獸, and a simplified-only 体 inside traditional text little more than 體.
import * as OpenCC from 'opencc-js';
import { toSimplified } from '../server/src/core/artifacts/wordList';

/** Characters seen fewer times than this (all three conversions together) get no entries: too little evidence. */
const MIN_SEEN = 10;
/** Forms at least this probable cost (almost) nothing and are left out: the table keeps the rare ones. */
const KEEP_BELOW = 0.9;
const BLOCK = 200;
/** Han blocks whose characters are enumerated as possible forms: Extension A and the Unified block. */
const HAN_RANGES: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];

/**
 * log10 P(form | simplified character) for the forms traditional text rarely writes, by the form's
 * code point. Every form of a character seen at least MIN_SEEN times gets one: those the
 * conversions produced by their counts, those they never produced (曏, or 体 itself) by add-½
 * smoothing, so never is unlikely but not impossible (real text mixes forms now and then).
 */
export function traditionalFormTable(simplifiedTexts: readonly string[]): Map<number, number> {
  const converters = (['t', 'tw', 'hk'] as const).map((to) => OpenCC.Converter({ from: 'cn', to }));
  const written = new Map<string, number>();
  const ofSimple = new Map<string, number>();
  // Converted a block at a time: one call per sentence costs several times more.
  const blocks: { text: string; length: number }[] = [];
  for (let i = 0; i < simplifiedTexts.length; i += BLOCK) {
    const text = simplifiedTexts.slice(i, i + BLOCK).join('\n');
    blocks.push({ text, length: Array.from(text).length });
  }
  for (const convert of converters) {
    for (const { text, length } of blocks) {
      const to = Array.from(convert(text));
      // Phrases convert length for length; a text that does not is skipped rather than misaligned.
      if (to.length !== length) continue;
      for (const ch of to) {
        written.set(ch, (written.get(ch) ?? 0) + 1);
        const s = toSimplified(ch);
        ofSimple.set(s, (ofSimple.get(s) ?? 0) + 1);
      }
    }
  }
  // Every character of the Han blocks is a possible form of its simplified character.
  const forms = new Map<string, string[]>();
  for (const [lo, hi] of HAN_RANGES) {
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      const s = toSimplified(ch);
      if (Array.from(s).length !== 1) continue;
      const list = forms.get(s) ?? [];
      list.push(ch);
      forms.set(s, list);
    }
  }
  const table = new Map<number, number>();
  for (const [s, list] of forms) {
    const n = ofSimple.get(s) ?? 0;
    if (n < MIN_SEEN) continue;
    for (const form of list) {
      const p = ((written.get(form) ?? 0) + 0.5) / (n + 1);
      if (p < KEEP_BELOW) table.set(form.codePointAt(0)!, Math.log10(p));
    }
  }
  return table;
}
