// opencc-js ships its dictionaries as modules without type declarations.
declare module 'opencc-js/dict/STCharacters' {
  /** "simplified traditional…|…" pairs, OpenCC's STCharacters table. */
  const dict: string;
  export default dict;
}
