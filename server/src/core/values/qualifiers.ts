// Approximations and bounds around a number, reported with TIMEX3's mod vocabulary so numbers and
// dates share one set of names. They are kept inside the span as OntoNotes does, which leaves
// only 近 and 逾 before a number outside (amounts.ts).

export type Qualifier = 'APPROX' | 'MORE_THAN' | 'LESS_THAN' | 'EQUAL_OR_MORE' | 'EQUAL_OR_LESS' | 'START' | 'MID' | 'END';

/** Words before a number: '约30人', '近百个', '将近两个小时'. */
export const PREFIX_WORDS = ['大约', '将近', '接近', '约', '近', '逾', '超过', '不到', '不足', '至少', '最少', '不少于', '最多', '至多', '不超过', '约为', '大约为', '约有'];
/** Words right after a number or its unit: '30人左右', '一百吨以上'. */
export const SUFFIX_WORDS = ['左右', '以上', '以下', '之多', '上下'];

const MEANING: Record<string, Qualifier> = {
  大约: 'APPROX',
  约: 'APPROX',
  约为: 'APPROX',
  大约为: 'APPROX',
  约有: 'APPROX',
  左右: 'APPROX',
  上下: 'APPROX',
  来: 'APPROX',
  将近: 'LESS_THAN',
  接近: 'LESS_THAN',
  近: 'LESS_THAN',
  逾: 'MORE_THAN',
  超过: 'MORE_THAN',
  不到: 'LESS_THAN',
  不足: 'LESS_THAN',
  余: 'MORE_THAN',
  多: 'MORE_THAN',
  之多: 'MORE_THAN',
  以上: 'EQUAL_OR_MORE',
  至少: 'EQUAL_OR_MORE',
  最少: 'EQUAL_OR_MORE',
  不少于: 'EQUAL_OR_MORE',
  最多: 'EQUAL_OR_LESS',
  至多: 'EQUAL_OR_LESS',
  不超过: 'EQUAL_OR_LESS',
  以下: 'EQUAL_OR_LESS',
};

/** The qualifier of the first word that has one (suffix words are the more specific: pass them first). */
export function qualifierOf(...words: (string | undefined)[]): Qualifier | undefined {
  for (const w of words) if (w && MEANING[w]) return MEANING[w];
  return undefined;
}

export const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');
