import type { Entity, EntityLabel, Token } from '../types';
import { TokenIndex } from '../entities/spans';
import { ARABIC, CHINESE, MIXED, NUMERAL, NumValue, parseNumeral, scaleValue } from './numerals';
import { alternation, PREFIX_WORDS, qualifierOf, SUFFIX_WORDS } from './qualifiers';

// Money, percentages, measured quantities, counts (number + measure word), ordinals and bare
// numbers, with OntoNotes 5 span conventions: qualifiers (约, 余, 多, 左右, 以上) inside the span,
// PERCENT with 个百分点, ORDINAL as 第N without its measure word, ranges as one span.
//
// Chinese numerals are also everyday morphemes (一线, 一起, 统一, 十分, 千方百计), so outside
// money and percent a Chinese numeral must sit on jieba word boundaries, and a lone 一 before a
// measure word is an article ('一名党员'), never a count.

const CURRENCIES: [string, string][] = [
  ['元人民币', 'CNY'], ['元新台币', 'TWD'], ['元台币', 'TWD'], ['元港币', 'HKD'],
  ['人民币', 'CNY'], ['块钱', 'CNY'], ['元', 'CNY'], ['毛钱', 'CNY'], ['角钱', 'CNY'],
  ['美元', 'USD'], ['美金', 'USD'], ['欧元', 'EUR'], ['日元', 'JPY'], ['英镑', 'GBP'], ['港元', 'HKD'], ['港币', 'HKD'],
  ['新台币', 'TWD'], ['台币', 'TWD'], ['韩元', 'KRW'], ['澳元', 'AUD'], ['加元', 'CAD'], ['卢布', 'RUB'],
  ['瑞士法郎', 'CHF'], ['法郎', 'FRF'], ['马克', 'DEM'], ['卢比', 'INR'], ['新加坡元', 'SGD'], ['泰铢', 'THB'],
  ['越南盾', 'VND'], ['澳门元', 'MOP'], ['新西兰元', 'NZD'], ['里拉', 'ITL'], ['比索', ''], ['第纳尔', ''], ['兰特', 'ZAR'],
  ['芬兰马克', 'FIM'], ['德国马克', 'DEM'], ['法国法郎', 'FRF'], ['比利时法郎', 'BEF'], ['荷兰盾', 'NLG'], ['奥地利先令', 'ATS'],
  ['瑞典克朗', 'SEK'], ['挪威克朗', 'NOK'], ['丹麦克朗', 'DKK'], ['克朗', ''], ['意大利里拉', 'ITL'], ['西班牙比塞塔', 'ESP'],
  ['美分', 'USD'], ['欧分', 'EUR'], ['新元', 'SGD'], ['林吉特', 'MYR'], ['里亚尔', ''], ['迪拉姆', 'AED'],
  // Currencies named with their country (ISO 4217), as news writes them where the bare name is shared.
  ['印度卢比', 'INR'], ['巴基斯坦卢比', 'PKR'], ['印尼盾', 'IDR'], ['墨西哥比索', 'MXN'], ['阿根廷比索', 'ARS'],
  ['菲律宾比索', 'PHP'], ['巴西雷亚尔', 'BRL'], ['雷亚尔', 'BRL'], ['土耳其里拉', 'TRY'], ['南非兰特', 'ZAR'],
  ['沙特里亚尔', 'SAR'], ['伊朗里亚尔', 'IRR'], ['马来西亚林吉特', 'MYR'], ['澳大利亚元', 'AUD'], ['加拿大元', 'CAD'],
  ['日圆', 'JPY'], ['韩圆', 'KRW'], ['朝鲜元', 'KPW'], ['埃及镑', 'EGP'], ['以色列新谢克尔', 'ILS'], ['谢克尔', 'ILS'],
];
const CURRENCY_OF = new Map(CURRENCIES);
/** Units that name no country: the article's own currency (the renminbi unless localYuan says otherwise). */
const PLAIN_YUAN = new Set(['元', '块钱', '毛钱', '角钱']);
/** Units worth a fraction of their currency's: 5美分 is 0.05 USD, 5毛钱 0.5 yuan. */
const FRACTION_UNITS: Record<string, number> = { 美分: 0.01, 欧分: 0.01, 毛钱: 0.1, 角钱: 0.1 };
// 3块5, 3块5毛: three and a half yuan, as people say prices (3块 alone may be three pieces).
const KUAI_RE = /(?<![0-9０-９.．])([0-9０-９]{1,6})块([0-9０-９])(毛钱?)?(?![0-9０-９.．个件只张块])/gu;
// Symbols and codes written before Arabic digits ($100, US$5,000, €20, HK$10, RMB 300, ￥500): in
// Chinese text ¥ and ￥ are the yuan.
const SYMBOL_CURRENCY: Record<string, string> = {
  US$: 'USD', HK$: 'HKD', NT$: 'TWD', S$: 'SGD', A$: 'AUD', C$: 'CAD', $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY', '￥': 'CNY',
  'JP¥': 'JPY', RMB: 'CNY', USD: 'USD', EUR: 'EUR', GBP: 'GBP', JPY: 'JPY', HKD: 'HKD', CNY: 'CNY',
};
const SYMBOL_MONEY_RE = new RegExp(
  `(?<![A-Za-z0-9$])(${alternation(Object.keys(SYMBOL_CURRENCY)).replace(/\$/g, '\\$')})\\s?([0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?)(?![0-9])([万亿])?`,
  'giu',
);
const CURRENCY_PREFIX = ['人民币', '新台币', '美金', '港币'];
const MONEY_UNITS = alternation(CURRENCIES.map(([w]) => w));

const MEASURE_UNITS = [
  '平方公里', '平方千米', '平方米', '平方英里', '平方英尺', '立方米', '立方厘米', '公里', '千米', '英里', '海里', '公尺',
  '厘米', '毫米', '微米', '纳米', '米', '英尺', '英寸', '公顷', '亩', '吨', '公斤', '千克', '毫克', '克', '公两', '斤', '磅',
  '盎司', '毫升', '升', '加仑', '桶', '千瓦时', '千瓦', '兆瓦', '瓦', '千伏', '伏', '摄氏度', '华氏度', '℃', '℉', '°C', '°F', '马力', '分贝',
  '赫兹', '兆赫', '卡路里', '千卡', '基点',
  // Batteries, power, pressure, radiation, energy: units of product, weather and science news.
  '毫安时', '毫安', '安培', '瓦时', '兆瓦时', '吉瓦时', '吉瓦', '百帕', '千帕', '兆帕', '光年', '平方厘米', '公升', '英亩',
  '毫西弗', '微西弗', '焦耳', '千焦', '大卡', '毫米汞柱',
];
const COUNT_WORDS = [
  '人次', '户次', '架次', '车次', '批次', '个', '家', '人', '名', '位', '项', '次', '条', '台', '艘', '座', '架', '辆', '所',
  '间', '门', '件', '种', '批', '支', '只', '头', '匹', '部', '本', '张', '篇', '首', '场', '倍', '例', '起', '宗', '户',
  '块', '片', '颗', '枚', '株', '棵', '套', '份', '对', '双', '组', '队', '段', '层', '栋', '幢', '处', '股', '把', '封',
  '届', '期', '轮', '类', '款', '扇', '根', '道', '桩', '笔', '具', '尊', '口', '所', '节', '集', '幅', '册', '卷', '票',
];

const PRE = `(${alternation(PREFIX_WORDS)})?`;
const POST = `(${alternation(SUFFIX_WORDS)})?`;
const DASH = '(?:至|到|—|－|-|~|～|－－|——)';
/** Verbs of change right before an amount (上涨, 下调了, 增加): see the money loop. */
const CHANGE_BEFORE = /(?:涨|跌|升|降|增|减|提高|降低|上调|下调|回落|攀升)了?$/u;
// A numeral may be followed by 余/多/来 and then a scale ('二十多亿', '3万余').
const AMOUNT = `(${NUMERAL})(余|多|来)?([十百千万亿]*)`;
const NOT_AFTER = '(?<![0-9０-９.．A-Za-z〇零一二两三四五六七八九十百千万亿第])';
// The possible first characters, tested before the costly lookbehind so the regex engine skips the
// many positions where no amount starts; it does not change matches.
const FIRST =
  '(?=[0-9０-９〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億几数上成约大将接近逾人新美港超不至最])' +
  '(?=[0-9０-９〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億几数约逾]|[上成][十百千万亿]|大约|将近|接近|近|超过|不到|不足|至少|最少|不少于|最多|至多|不超过|人民币|新台币|美金|港币)';

const MONEY_RE = new RegExp(
  `${FIRST}${NOT_AFTER}${PRE}(${alternation(CURRENCY_PREFIX)})?${AMOUNT}(?:(${MONEY_UNITS})?${DASH}${AMOUNT})?(${MONEY_UNITS})(${alternation(['人民币', '新台币', '台币', '美金'])})?${POST}`,
  'gu',
);
const PERCENT_RE = new RegExp(
  `${FIRST}${NOT_AFTER}${PRE}(?:` +
    `(${NUMERAL})(多)?(?:[%％]?${DASH}(${NUMERAL}))?([%％]|个百分点)` +
    `|([百千万])分之(${NUMERAL})(?:${DASH}(?:[百千万]分之)?(${NUMERAL}))?` +
    // A fraction's denominator is a plain numeral: in '完成百分之八十', 成百 is not one.
    `|(${MIXED}|${CHINESE})分之(${NUMERAL})` +
    // 七成五 is 75 %; 一成 only where it is no idiom (一成不变).
    `|([一二三四五六七八][二三四五六七八九]|[一二三四五六七八九两]|[1-9１-９])成(?:([一二三四五六七八九])(?![十百千万亿个人名位成]))?(?![为员立功本交长就果绩熟型效份分都了千百万])(?<!一成(?=不变))` +
    // A fraction with a slash, as 分之 writes one (1/4的人口); not a part of a date (2025/1/4).
    `|(?<![/／])([1-9１-９][0-9０-９]?)[/／]([1-9１-９][0-9０-９]{0,2})(?![0-9０-９/／.．%％])` +
    `)${POST}`,
  'gu',
);
const MEASURE_RE = new RegExp(`${FIRST}${NOT_AFTER}${PRE}${AMOUNT}(?:${DASH}${AMOUNT})?(?!(?<=[千毫])(?:克|米|瓦|伏|卡|升))(?:个)?(${alternation(MEASURE_UNITS)})${POST}`, 'gu');
const COUNT_RE = new RegExp(`${FIRST}${NOT_AFTER}${PRE}${AMOUNT}(?:${DASH}${AMOUNT})?(${alternation(COUNT_WORDS)})(多)?${POST}`, 'gu');
// 度 alone is also an angle, a kilowatt-hour or a degree of a scale; after 零下 or 摄氏 it is a temperature.
const DEGREES_RE = new RegExp(`(?<=零下|摄氏|攝氏)(${NUMERAL})度`, 'gu');
// An index's points (上证指数收于3245.6点, 大涨逾400点): a decimal or three digits or more before 点
// cannot be a clock's hour, nor can a number of 万 (道指报3.4万点), and a count of points as in 3点建议 has fewer.
const INDEX_POINTS_RE = new RegExp(
  `${NOT_AFTER}${PRE}([0-9]{1,3}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]{3,}(?:[.．][0-9０-９]+)?|[0-9０-９]+[.．][0-9０-９]+|[0-9０-９]+(?:[.．][0-9０-９]+)?万)(多)?点(?![钟半整])${POST}`,
  'gu',
);
// Units written in Latin letters, as technology, sport and health news write them (16GB, 3nm,
// 75kg, 180kW). Case matters: 5G and 4G are network generations, 2.0T an engine.
const ASCII_UNITS = ['nm', 'μm', 'mm', 'cm', 'km', 'm', 'kg', 'mg', 'g', 'KB', 'kB', 'MB', 'GB', 'TB', 'PB', 'Mb', 'Gb', 'kW', 'MW', 'GW', 'W', 'kWh', 'MWh', 'GWh', 'mAh', 'Hz', 'kHz', 'MHz', 'GHz', 'ml', 'mL', 'L', 'km/h', 'm/s', 'Mbps', 'Gbps'];
const ASCII_MEASURE_RE = new RegExp(`(?<![0-9０-９.．A-Za-z_])([0-9]+(?:\\.[0-9]+)?)\\s?(${alternation(ASCII_UNITS).replace(/\//g, '\\/')})(?![A-Za-z0-9_])`, 'gu');
// An earthquake's magnitude or a wind's force: 5.2级地震, 里氏6.8级, 最大风力12级, 5级以上地震 (级
// alone is any level: 三级警报, 二级教授).
const LEVEL = '([0-9０-９]{1,2}(?:[.．][0-9０-９])?)级(以上|左右)?';
const SCALE_LEVEL_RE = new RegExp(`(?<![0-9０-９.．])${LEVEL}(?=(?:地震|余震|强震|强余震|大风|阵风|台风|风))|(?<=(?:里氏|震级|风力|阵风)(?:达到|可达|达|为)?)${LEVEL}`, 'gu');
// A height or a jump as sport writes it: 1米85 is 1.85 m (not 1 m and the number 85).
const METRES_CM_RE = /(?<![0-9０-９.．])([1-3１-３])米([0-9０-９]{2})(?![0-9０-９.．%％厘分毫])/gu;
// 一米八五, 一米七: the same in Chinese numerals, tenths and hundredths of a metre.
const METRES_CN_RE = /(?<![〇零一二两三四五六七八九十百千万亿几])([一两二])米([一二三四五六七八九])([〇零一二三四五六七八九])?(?![〇零一二三四五六七八九十百千万亿厘分毫])/gu;
const ORDINAL_RE = new RegExp(`总?第(${NUMERAL})`, 'gu');
const ORDINAL_IDIOMS = /^(?:时间|线|手|把手|桶金|夫人|世界)/;
// Not a version after a Latin name (iPhone 15, Windows 10), nor the number of a stock index's name
// (日经225, 沪深300, 标普500, 富时100).
const BARE_ARABIC_RE = new RegExp(
  `(?<![0-9０-９.．,A-Za-z+\\-/_])(?<![０-９]，)(?<![A-Za-z][ \u00a0])(?<!日经|沪深|标普|富时|中证|上证|深证|恒生|道琼斯|纳斯达克)${ARABIC}(?:[多余](?=[万亿]))?[万亿]*(?![0-9０-９A-Za-z+_%％])(?![.．][0-9０-９])`,
  'gu',
);
const CN_NUMERAL_RE = /[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九]+[万亿]*)?/gu;
// Chinese numerals that are words of their own.
const NUMERAL_WORDS = new Set(['十分', '万一', '千万', '万万', '一一', '百万', '一再', '一万', '三三两两', '千千万万']);

// OntoNotes leaves 近 ('nearly') and 逾 ('over') before a number out of the span (近百万吨 → 百万吨)
// but keeps 约 and 大约 in; the qualifier is reported either way. 超过, 不到 and 不足 are verbs
// before the number ('more than', 'less than'), and 至少, 最多 and their kin adverbs: outside too.
// 约为 and 约有 bound the number too, but 为 and 有 are verbs: the span starts at the number.
const OUTSIDE = new Set(['近', '将近', '接近', '逾', '超过', '不到', '不足', '至少', '最少', '不少于', '最多', '至多', '不超过', '约为', '大约为', '约有']);
const PREFIX_WORDS_LONGEST = [...PREFIX_WORDS].sort((a, b) => b.length - a.length);
const outside = (pre: string | undefined): number => (pre && OUTSIDE.has(pre) ? pre.length : 0);

interface Parsed {
  value: NumValue;
  qualifier?: string;
}

function amount(num: string, approx: string | undefined, scale: string): NumValue | undefined {
  const v = parseNumeral(num);
  if (v === undefined) return undefined;
  if (!scale) return v;
  const k = parseNumeral(`1${scale}`);
  return typeof k === 'number' ? scaleValue(v, k) : undefined;
}

/** Value of 'A(余)(scale)' or 'A—B', where a bare first end takes the second's scale ('3至5万'). */
function rangeValue(a: string, aq: string | undefined, as: string, b: string | undefined, bq: string | undefined, bs: string): NumValue | undefined {
  const lo = amount(a, aq, as);
  if (lo === undefined) return undefined;
  if (b === undefined) return lo;
  const hi = amount(b, bq, bs);
  if (hi === undefined || typeof lo !== 'number' || typeof hi !== 'number') return undefined;
  const trailing = /[十百千万亿]+$/.exec(b)?.[0] ?? '';
  let low = lo;
  if (!as && !/[十百千万亿]/.test(a) && (trailing || bs)) {
    const k = parseNumeral(`1${trailing}${bs}`);
    if (typeof k === 'number' && lo * k <= hi) low = lo * k;
  }
  if (low > hi) return undefined;
  return [Math.round(low * 1e6) / 1e6, hi];
}

const LENGTH_UNITS = new Set(['公里', '千米', '英里', '海里', '米', '公尺']);
/** 时速350公里, 每秒12米: a length after a word of speed is a speed (公里/小时, 米/秒); the span stays the number's. */
function speedUnit(text: string, start: number, unit: string): string {
  if (!LENGTH_UNITS.has(unit)) return unit;
  const before = text.slice(Math.max(0, start - 3), start);
  if (/(?:时速|每小时)$/.test(before)) return `${unit}/小时`;
  if (/(?:秒速|每秒|每秒钟)$/.test(before)) return `${unit}/秒`;
  return unit;
}

/**
 * A minus right before a number: 1 for 负 or a minus sign or hyphen that no digit, letter or
 * closing bracket precedes (3-5 is a range), 2 for 零下 ('below zero'), else 0.
 */
function signBefore(text: string, start: number): number {
  if (text.slice(start - 2, start) === '零下') return 2;
  const c = text[start - 1];
  if (c === '负') return text[start - 2] === '正' ? 0 : 1; // 正负3% is ±3 %, not −3 %.
  if (c === '-' || c === '\u2212' || c === '－') return /[0-9０-９A-Za-zＡ-Ｚａ-ｚ.．)）\]】%％]/.test(text[start - 2] ?? '') ? 0 : 1;
  return 0;
}

/** yuan: the currency of a plain 元 (or 块钱) in this article, when not the renminbi (localYuan.ts). */
export function recognizeAmounts(text: string, tokens?: readonly Token[], yuan?: string): Entity[] {
  const currencyOf = (unit: string): string | undefined => (yuan && PLAIN_YUAN.has(unit) ? yuan : CURRENCY_OF.get(unit) || undefined);
  let index: TokenIndex | undefined;
  const boundary = (start: number, end?: number): boolean => {
    if (!tokens) return false;
    index ??= new TokenIndex(tokens);
    return index.starts.has(start) && (end === undefined || index.ends.has(end));
  };
  // Money and percent units are unambiguous enough that, without tokens, their numerals are kept.
  const softBoundary = (start: number): boolean => !tokens || boundary(start);
  const out: Entity[] = [];
  const push = (start: number, end: number, label: EntityLabel, p: Parsed, extra: Partial<Entity> = {}) => {
    let value = p.value;
    // 负1.2亿元, 每股收益-0.35元, 零下5摄氏度: the sign is part of the amount (not a range's dash).
    const sign = typeof value === 'number' ? signBefore(text, start) : 0;
    if (sign && (sign === 1 || /度|℃|℉|°C|°F/.test(extra.unit ?? ''))) {
      start -= sign === 1 ? 1 : 2;
      value = -(value as number);
    }
    const e: Entity = { start, end, label, text: text.slice(start, end), source: 'rule', value, ...extra };
    if (p.qualifier) e.qualifier = p.qualifier;
    out.push(e);
  };
  // Where the numeral starts (after a qualifier or currency prefix) and whether it is Arabic.
  const numStart = (m: RegExpMatchArray, skip: number): number => m.index! + skip;

  for (const m of text.matchAll(SYMBOL_MONEY_RE)) {
    const [all, symbol, digits, scale] = m;
    const v = parseNumeral(digits.replace(/,/g, '') + (scale ?? ''));
    if (typeof v !== 'number') continue;
    push(m.index!, m.index! + all.length, 'money', { value: v }, { unit: symbol, currency: SYMBOL_CURRENCY[symbol.toUpperCase()] });
  }

  for (const m of text.matchAll(MONEY_RE)) {
    const [all, pre, cur1, a, aq, as, unit1, b, bq, bs, unit, cur2, post] = m;
    const at = numStart(m, (pre?.length ?? 0) + (cur1?.length ?? 0));
    // A currency word is unambiguous, so no word-boundary test (jieba joins 达八亿 and the like).
    if (a === '一' && unit === '元' && /^[化论次]/.test(text.slice(m.index! + all.length))) continue;
    if (unit1 && unit1 !== unit) continue;
    const raw = rangeValue(a, aq, as, b, bq, bs);
    if (raw === undefined) continue;
    // Money is valued in units of its currency: 5美分 is 0.05 USD.
    const fraction = FRACTION_UNITS[unit];
    const inUnits = <V extends NumValue>(v: V): V => (fraction ? (scaleValue(v, fraction) as V) : v);
    const currency = CURRENCY_OF.get(cur2 ?? '') || CURRENCY_OF.get(cur1 ?? '') || currencyOf(unit);
    const extra = { unit, ...(currency ? { currency } : {}) };
    // 上涨2美元至85.5美元 is a change by 2 and a level of 85.5, not a range from 2 to 85.5: after a verb
    // of change, with the unit written twice and the second far above the first. (增长2.7%至2.9%,
    // 削减10%至30%, the same verbs before percentages, are ranges: percentages are not split.)
    const [by, level] = [amount(a, aq, as), b === undefined ? undefined : amount(b, bq, bs)];
    // (…不等 after it: 'from … to …', a range whatever comes before.)
    const ranging = /^(?:不等|之间)/.test(text.slice(m.index! + all.length, m.index! + all.length + 2));
    if (unit1 && !ranging && typeof by === 'number' && typeof level === 'number' && level > 3 * by && CHANGE_BEFORE.test(text.slice(Math.max(0, m.index! - 3), m.index! + outside(pre)))) {
      const split = m.index! + all.indexOf(unit1, at - m.index! + a.length) + unit1.length;
      push(m.index! + outside(pre), split, 'money', { value: inUnits(by), qualifier: qualifierOf(aq, pre) }, extra);
      const second = split + /^(?:至|到)/.exec(text.slice(split, split + 1))![0].length;
      push(second, m.index! + all.length, 'money', { value: inUnits(level), qualifier: qualifierOf(post, bq) }, extra);
      continue;
    }
    push(m.index! + outside(pre), m.index! + all.length, 'money', { value: inUnits(raw), qualifier: qualifierOf(post, aq ?? bq, pre) }, extra);
  }

  for (const m of text.matchAll(KUAI_RE)) {
    const [a, b] = [parseNumeral(m[1]), parseNumeral(m[2])];
    if (typeof a !== 'number' || typeof b !== 'number') continue;
    push(m.index!, m.index! + m[0].length, 'money', { value: round(a + b / 10) }, { unit: '块', currency: currencyOf('块钱') });
  }

  for (const m of text.matchAll(PERCENT_RE)) {
    const [all, pre, pa, pq, pb, sign, base, ca, cb, fd, fn, tenth, hundredth, sn, sd, post] = m;
    const start = m.index!;
    const end = start + all.length;
    let value: NumValue | undefined;
    let unit: string | undefined;
    const at = start + (pre?.length ?? 0);
    if (pa !== undefined) {
      if (!/^[0-9０-９]/.test(pa) && !softBoundary(at)) continue;
      value = rangeValue(pa, undefined, '', pb, undefined, '');
      if (sign === '个百分点') unit = '个百分点';
    } else if (base !== undefined) {
      const div = base === '百' ? 1 : base === '千' ? 10 : 100;
      const lo = parseNumeral(ca);
      const hi = cb !== undefined ? parseNumeral(cb) : undefined;
      if (typeof lo !== 'number' || (cb !== undefined && typeof hi !== 'number')) continue;
      value = hi === undefined ? round(lo / div) : [round(lo / div), round((hi as number) / div)];
    } else if (fd !== undefined) {
      const d = parseNumeral(fd);
      const n = parseNumeral(fn);
      if (typeof d !== 'number' || typeof n !== 'number' || d === 0 || !softBoundary(at)) continue;
      value = round((n / d) * 100);
    } else if (sn !== undefined) {
      const n = parseNumeral(sn);
      const d = parseNumeral(sd);
      if (typeof n !== 'number' || typeof d !== 'number' || n >= d) continue;
      value = round((n / d) * 100);
    } else {
      // A Chinese numeral + 成 must be words of their own at both ends: 一成年人 is 一 + 成年人. A
      // qualifier may begin the word (jieba's 近三成).
      const first = pre && boundary(start) ? start : at;
      if (!/^[0-9０-９]/.test(tenth) && !(softBoundary(first) && (!tokens || boundary(first, end - (post?.length ?? 0))))) continue;
      // 七八成: seventy to eighty percent.
      const pair = tenth.length === 2 ? [parseNumeral(tenth[0]), parseNumeral(tenth[1])] : undefined;
      if (pair) {
        if (typeof pair[0] !== 'number' || pair[1] !== pair[0] + 1 || hundredth !== undefined) continue;
        value = [pair[0] * 10, pair[1] * 10];
      } else {
        const t = parseNumeral(tenth);
        const h = hundredth === undefined ? 0 : parseNumeral(hundredth);
        if (typeof t !== 'number' || typeof h !== 'number') continue;
        value = t * 10 + h;
      }
      // 两成多: more than twenty percent.
      if (!post && text[end] === '多') {
        push(start + outside(pre), end + 1, 'percent', { value, qualifier: 'MORE_THAN' });
        continue;
      }
    }
    if (value === undefined) continue;
    push(start + outside(pre), end, 'percent', { value, qualifier: qualifierOf(post, pq, pre) }, unit ? { unit } : {});
  }

  for (const [re, label] of [[MEASURE_RE, 'quantity'], [COUNT_RE, 'number']] as const) {
    for (const m of text.matchAll(re)) {
      const all = m[0];
      const [pre, a, aq, as, b, bq, bs, unit] = [m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]];
      const more = label === 'number' ? m[9] : undefined;
      const post = label === 'number' ? m[10] : m[9];
      const start = m.index!;
      const at = start + (pre?.length ?? 0);
      const arabic = /^[0-9０-９]/.test(a);
      if (!arabic) {
        if (!tokens || a === '一' || a === '壹') continue;
        // A count's numeral and measure word are one word or two; the span may not cut a word.
        if (!boundary(at, label === 'number' ? start + all.length - (post?.length ?? 0) - (more?.length ?? 0) : undefined)) continue;
        // A lone 百 or 千 counts with a qualifier (百余人, 千余名), not alone (百人 may be a name's part).
        if (/^[十百千万亿]$/.test(a) && !pre && !aq) continue;
      }
      const value = rangeValue(a, aq, as, b, bq, bs);
      if (value === undefined) continue;
      push(start + outside(pre), start + all.length, label, { value, qualifier: qualifierOf(post, aq ?? bq ?? more, pre) }, { unit: label === 'quantity' ? speedUnit(text, start, unit) : unit });
    }
  }

  for (const m of text.matchAll(DEGREES_RE)) {
    const v = parseNumeral(m[1]);
    if (typeof v !== 'number') continue;
    // 摄氏 is part of the unit; 零下 is the sign, which push() takes in.
    const celsius = /[摄攝]氏$/.test(text.slice(0, m.index!));
    push(m.index! - (celsius ? 2 : 0), m.index! + m[0].length, 'quantity', { value: v }, { unit: celsius ? '摄氏度' : '度' });
  }

  for (const m of text.matchAll(INDEX_POINTS_RE)) {
    const [all, pre, num, more, post] = m;
    const v = parseNumeral(num);
    if (typeof v !== 'number') continue;
    push(m.index! + outside(pre), m.index! + all.length, 'quantity', { value: v, qualifier: qualifierOf(post, more, pre) }, { unit: '点' });
  }

  for (const m of text.matchAll(ASCII_MEASURE_RE)) {
    const v = parseNumeral(m[1]);
    if (typeof v !== 'number') continue;
    push(m.index!, m.index! + m[0].length, 'quantity', { value: v }, { unit: m[2] });
  }

  for (const m of text.matchAll(METRES_CM_RE)) {
    const [a, b] = [parseNumeral(m[1]), parseNumeral(m[2])];
    if (typeof a !== 'number' || typeof b !== 'number') continue;
    push(m.index!, m.index! + m[0].length, 'quantity', { value: round(a + b / 100) }, { unit: '米' });
  }

  for (const m of text.matchAll(SCALE_LEVEL_RE)) {
    const v = parseNumeral((m[1] ?? m[3]).normalize('NFKC'));
    if (typeof v !== 'number') continue;
    push(m.index!, m.index! + m[0].length, 'quantity', { value: v, qualifier: qualifierOf(m[2] ?? m[4]) }, { unit: '级' });
  }

  for (const m of text.matchAll(METRES_CN_RE)) {
    const [a, b, c] = [parseNumeral(m[1]), parseNumeral(m[2]), m[3] ? parseNumeral(m[3]) : 0];
    if (typeof a !== 'number' || typeof b !== 'number' || typeof c !== 'number') continue;
    push(m.index!, m.index! + m[0].length, 'quantity', { value: round(a + b / 10 + c / 100) }, { unit: '米' });
  }

  for (const m of text.matchAll(ORDINAL_RE)) {
    const num = m[1];
    const after = text.slice(m.index! + m[0].length);
    if (num === '一' && ORDINAL_IDIOMS.test(after)) continue;
    const v = parseNumeral(num);
    if (typeof v !== 'number') continue;
    push(m.index!, m.index! + m[0].length, 'ordinal', { value: v });
  }

  // A bare number takes the qualifier words around it as a counted one does ('约5万', '3000左右'),
  // each a word of its own where jieba's words are known (最近5天 has no 近 of its own).
  const pushBare = (start: number, end: number, value: NumValue, inner?: string) => {
    const pre = PREFIX_WORDS_LONGEST.find((w) => text.startsWith(w, start - w.length) && (!tokens || boundary(start - w.length)));
    // jieba joins 万左右 into one word: the qualifier after a number needs only to end one.
    const post = SUFFIX_WORDS.find((w) => text.startsWith(w, end) && (!tokens || (index ??= new TokenIndex(tokens)).ends.has(end + w.length)));
    // 5万多, 300余: more than that.
    const more = !post && /^[多余](?![\p{Script=Han}])/u.test(text.slice(end, end + 2)) ? text[end] : undefined;
    push(start - (pre ? pre.length - outside(pre) : 0), end + (post?.length ?? more?.length ?? 0), 'number', { value, qualifier: qualifierOf(post, more, inner, pre) });
  };

  for (const m of text.matchAll(BARE_ARABIC_RE)) {
    if (/[:：]/.test(text[m.index! - 1] ?? '') && !secondOfPair(text, m.index!, m[0])) continue;
    // 1800多万: more than eighteen million (多 or 余 between the digits and their scale).
    const inner = /[多余]/.exec(m[0])?.[0];
    const v = parseNumeral(inner ? m[0].replace(inner, '') : m[0]);
    if (v === undefined) continue;
    pushBare(m.index!, m.index! + m[0].length, v, inner);
  }

  if (tokens) {
    // A Chinese numeral that jieba keeps as one numeral word ('三十二', '一点八三万', '八六三').
    index ??= new TokenIndex(tokens);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.tag !== 'm' || t.word.length < 2) continue;
      // 百万 is a word of its own (百万雄师) unless a qualifier says it counts (逾百万, 近千万).
      if (NUMERAL_WORDS.has(t.word) && !PREFIX_WORDS_LONGEST.some((w) => text.startsWith(w, t.start - w.length))) continue;
      CN_NUMERAL_RE.lastIndex = 0;
      const m = CN_NUMERAL_RE.exec(t.word);
      if (!m || m[0] !== t.word || t.word[0] === '第') continue;
      // jieba may cut the scale off ('三十二' + '万'): the number is 320,000, not 32.
      let end = t.end;
      while (tokens[i + 1]?.start === end && /^[万亿]+$/.test(tokens[i + 1].word)) end = tokens[++i].end;
      const v = parseNumeral(text.slice(t.start, end));
      if (v === undefined) continue;
      pushBare(t.start, end, v);
    }
  }
  return out;
}

/**
 * Whether the number at `start`, after a colon, is the second of a score or ratio (3:2, 1:50000)
 * and not a clock's minutes (10:30) or what follows a word and a colon (记者:12). OntoNotes marks
 * such a pair as two numbers, as it does 12比1.
 */
function secondOfPair(text: string, start: number, digits: string): boolean {
  const first = /(?<![0-9０-９.．:：])([0-9０-９]{1,3})\s?[:：]$/.exec(text.slice(Math.max(0, start - 6), start))?.[1];
  if (first === undefined || /[.．]/.test(digits) || /^[:：]/.test(text.slice(start + digits.length))) return false;
  const [h, m] = [Number(first.normalize('NFKC')), Number(digits.normalize('NFKC'))];
  return !(digits.length === 2 && h <= 24 && m <= 59);
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

