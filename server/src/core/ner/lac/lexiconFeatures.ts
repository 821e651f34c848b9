// What a word list says about each character, as the name network's first layer reads it beside
// the character's embedding (scripts/train-lac-ner.py --lexicon computes the same from the same
// file): SoftLexicon's four sets (Ma et al. 2020, "Simplify the Usage of Lexicon in Chinese NER")
// without word embeddings. For "begins", "is inside" and "ends" a listed word of two or more
// characters, and "is a listed word alone": log10(1 + the words' summed frequencies) / 6, then
// whether there is any. A name the segmenter splits still begins and ends words of the list
// (北京大学, 马刺), and a character that starts many frequent words rarely ends a name.

/** Features per character. */
export const LEX_FEATURES = 8;
/** Longest word looked up, in UTF-16 code units. */
export const LEX_MAX_WORD = 8;

/** A word's frequency in the list, 0 or undefined when it is not listed. */
export type WordLookup = (word: string) => number | undefined;

/** n × LEX_FEATURES features of the code units of text. */
export function lexiconFeatures(text: string, lookup: WordLookup): Float32Array {
  const n = text.length;
  const sums = new Float64Array(n * 4);
  for (let s = 0; s < n; s++) {
    const alone = lookup(text[s]);
    if (alone) sums[s * 4 + 3] += alone;
    const longest = Math.min(LEX_MAX_WORD, n - s);
    for (let len = 2; len <= longest; len++) {
      const f = lookup(text.slice(s, s + len));
      if (!f) continue;
      sums[s * 4] += f;
      for (let i = s + 1; i < s + len - 1; i++) sums[i * 4 + 1] += f;
      sums[(s + len - 1) * 4 + 2] += f;
    }
  }
  const out = new Float32Array(n * LEX_FEATURES);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 4; k++) {
      const v = sums[i * 4 + k];
      out[i * LEX_FEATURES + k] = Math.log10(1 + v) / 6;
      out[i * LEX_FEATURES + 4 + k] = v > 0 ? 1 : 0;
    }
  }
  return out;
}
