import type { Entity, Token } from '../types';
import { parseChineseNumber } from './chineseNumber';
import { entity, TokenIndex } from './spans';

// Money, percentages, quantities, ordinals and bare numbers.
//
// Policy for Chinese numerals, which are also everyday morphemes (一线, 一起, 统一, 十分, 千方百计):
// - a Chinese numeral counts only inside a date/time/percent/money span, or before a unit word;
// - a lone 一 is an article ('一名党员' = 'a party member'), never highlighted on its own;
// - with jieba tokens, the numeral must start a token and the unit must end one, so words that
//   merely begin with a numeral (千家万户, 一个个) are skipped;
// - without tokens, Chinese-numeral quantities are not produced at all (too risky).
// Ordinals (第十一次, 总第97期) are label 'number' with the ordinal as value and the counter word
// as unit; 第一 is treated as idiomatic (第一时间, 第一线) and skipped.

const AR = '[0-9０-９]+(?:[.．][0-9０-９]+)?[十百千万亿萬億]*';
const CN = '[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]+';
const NUM = `(?:(${AR})|(${CN}))`;
const APPROX = '(余|多|来)?';
const NOT_AFTER = '(?<![0-9０-９.．A-Za-z〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億第])';

const MONEY_UNITS = ['美元', '欧元', '港元', '港币', '日元', '英镑', '人民币', '块钱', '元'];
const QUANTITY_UNITS = [
  '平方公里', '平方米', '立方米', '个百分点', '人次', '户次', '架次', '批次', '车次', '个月', '小时', '分钟',
  '公里', '千米', '厘米', '毫米', '公斤', '千克', '毫升', '公顷', '周岁', '余人',
  '人', '名', '个', '位', '户', '家', '次', '天', '周', '年', '岁', '米', '克', '吨', '斤', '升', '亩', '份', '双',
  '只', '件', '条', '张', '本', '辆', '台', '套', '箱', '袋', '瓶', '盒', '顶', '支', '座', '所', '栋', '间', '层',
  '项', '种', '类', '批', '期', '届', '轮', '场', '篇', '部', '枚', '株', '棵', '头', '匹', '处', '段', '例', '剂',
  '针', '起', '倍', '秒',
];
const ORDINAL_UNITS = ['季度', '次', '期', '届', '批', '轮', '个', '名', '位', '天', '年', '章', '条', '款', '项', '节', '课', '页', '号', '季', '场', '步', '代', '任', '版', '卷', '集', '站', '棒'];

// The lookahead names the possible first characters before the costly lookbehind runs, so the
// regex engine can skip the (many) positions where no number starts; it does not change matches.
const NUM_FIRST = '(?=[0-9０-９〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億])';
const PERCENT_FIRST = '(?=[0-9０-９百千])';
const alt = (xs: string[]): string => [...xs].sort((a, b) => b.length - a.length).join('|');
const MONEY_RE = new RegExp(`${NUM_FIRST}${NOT_AFTER}${NUM}${APPROX}(${alt(MONEY_UNITS)})`, 'gu');
const PERCENT_RE = new RegExp(`${PERCENT_FIRST}${NOT_AFTER}(?:(${AR})[%％]|([百千])分之(${AR}|${CN}))`, 'gu');
const QUANTITY_RE = new RegExp(`${NUM_FIRST}${NOT_AFTER}${NUM}${APPROX}(${alt(QUANTITY_UNITS)})`, 'gu');
const ORDINAL_RE = new RegExp(`(总?第)${NUM}(${alt(ORDINAL_UNITS)})?`, 'gu');
const BARE_RE = new RegExp(`(?=[0-9０-９])(?<![0-9０-９.．A-Za-z+\\-/_])(${AR})(?![0-9０-９A-Za-z+_])`, 'gu');
const WORK_RE = /《([^《》\n]{1,80})》/g;

export function recognizeCounts(text: string, tokens?: readonly Token[]): Entity[] {
  // Built only when a Chinese numeral needs its word boundaries checked (rare).
  let index: TokenIndex | undefined;
  const out: Entity[] = [];
  // Chinese numerals must sit on token boundaries (see the policy above).
  const cnOk = (m: RegExpMatchArray, cn: string): boolean => {
    if (!tokens) return false;
    if (cn === '一' || cn === '壹') return false;
    index ??= new TokenIndex(tokens);
    const start = m.index!;
    return index.starts.has(start) && index.ends.has(start + m[0].length);
  };

  for (const m of text.matchAll(MONEY_RE)) {
    const [, ar, cn, , unit] = m;
    if (cn && !cnOk(m, cn)) continue;
    const v = parseChineseNumber(ar ?? cn);
    if (v === undefined) continue;
    out.push(entity(text, m.index!, m.index! + m[0].length, 'money', 'rule', { value: v, unit: unit === '块钱' ? '元' : unit === '人民币' ? '元' : unit }));
  }
  for (const m of text.matchAll(PERCENT_RE)) {
    const v = m[1] !== undefined ? parseChineseNumber(m[1]) : parseChineseNumber(m[3]);
    if (v === undefined) continue;
    const value = m[2] === '千' ? v / 10 : v;
    out.push(entity(text, m.index!, m.index! + m[0].length, 'percent', 'rule', { value }));
  }
  for (const m of text.matchAll(QUANTITY_RE)) {
    const [, ar, cn, , unit] = m;
    if (cn && !cnOk(m, cn)) continue;
    const v = parseChineseNumber(ar ?? cn);
    if (v === undefined) continue;
    out.push(entity(text, m.index!, m.index! + m[0].length, 'quantity', 'rule', { value: v, unit: unit === '余人' ? '人' : unit }));
  }
  for (const m of text.matchAll(ORDINAL_RE)) {
    const [, , ar, cn, unit] = m;
    if (cn && (cn === '一' || cn === '壹' || !unit)) continue;
    const v = parseChineseNumber(ar ?? cn);
    if (v === undefined) continue;
    out.push(entity(text, m.index!, m.index! + m[0].length, 'number', 'rule', unit ? { value: v, unit } : { value: v }));
  }
  for (const m of text.matchAll(BARE_RE)) {
    const v = parseChineseNumber(m[1]);
    if (v === undefined) continue;
    out.push(entity(text, m.index!, m.index! + m[0].length, 'number', 'rule', { value: v }));
  }
  return out;
}

export function recognizeWorks(text: string): Entity[] {
  return [...text.matchAll(WORK_RE)].map((m) =>
    entity(text, m.index!, m.index! + m[0].length, 'work', 'rule', { value: m[1] }),
  );
}
