/**
 * Traditional characters that OpenCC never writes when it converts simplified text (standard,
 * Taiwan or Hong Kong forms, by character or by phrase): variant forms such as 墰 and 壜 beside
 * 壇, or 産 beside 產. The character model scores the simplified form of a character, so it cannot
 * tell 論墰 from 論壇; news is written with the usual forms. Derived from opencc-js's tables
 * (OpenCC, Apache-2.0); test/unit/artifacts/variantForms.test.ts derives the list again from them.
 */
export const UNUSUAL_VARIANTS: ReadonlySet<string> = new Set('凈勛卽厠厤嚙垻埰塤墰墻壜奬嵗彫慤挱擡敎旂旣査棊欅殻氂泝灧獃琱璿産畵瘺眞碕竪箚簑絶綳緑緔縧纍罎舘蒓袷襇謚謡謭賫贋贜踰遡遶鈅鈡鉆銹録鎚鎭鎲鎸鐝陞頽顔飱駡鮝鰐鳬鶿鷄鷴麫麯麽𡻕');
