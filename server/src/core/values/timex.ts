import type { Entity } from '../types';
import { parseNumeral } from './numerals';
import type { Qualifier } from './qualifiers';
import { lunarFestival, parseLunarDate } from './lunarDates';

// Dates and times with TIMEX3 values (ISO 8601): '2020-09-14', '2020-09', '2019', '198X' (a
// decade), '19' (a century), 'P3Y' (a duration), '2020-09-13T10:30', '2020-09-14TEV' (an evening),
// 'XXXX-04-12' when the year is unknown, '1991/1995' for a range. OntoNotes 5 spans: DATE covers
// relative dates (去年), durations (三年, 6天) and ages (40岁); TIME covers times of day, parts of a
// day (上午, 16日晚) and durations under a day (两个小时).
//
// A relative or partial date is completed from the article's own date (its dateline), never from
// another date in the text: '4月12日' in a 2011 report about a 2008 final is 2011-04-12.
// Words that refer to the story's date (当天, 次日, 同年) are completed later, from the mention they
// refer to (anaphoricDates.ts).

/** The date an article speaks from, and where it was read. */
export interface Anchor {
  /** Unknown for a dateline without a year and nothing else to give one: days and months still resolve (XXXX-11-25). */
  year?: number;
  month?: number;
  day?: number;
  /** 'the dateline', 'the publication date', 'the setting' … (for hovers). */
  source: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const anchorIso = (a: Anchor): string => isoDay(a.year, a.month, a.day);

// Pieces of the grammar as sticky regexes, tried in order at each position.
const Y4 = '(?:[12][0-9]{3}|[１２][０-９]{3}|[一二][〇零一二三四五六七八九０0]{3})';
const Y2 = '(?:[0-9]{2}|[０-９]{2}|[〇零一二三四五六七八九]{2})';
const MON = '(?:1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]?|[一二三四五六七八九])';
const DAYN = '(?:3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９]|三十一?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九])';
const DASH = '(?:至|到|—|－|-|~|～|——)';
const NUM = '(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[〇零一二两三四五六七八九十百千万]+)';

const sticky = (src: string): RegExp => new RegExp(src, 'uy');
const INT = '(?:[0-9０-９]{1,3}|[〇零一二两三四五六七八九十]{1,4})';
const R = {
  // Years of an era: the Republic of China's calendar (民国113年 is 2024) and 公元 / 公元前 (BCE).
  rocYear: sticky('([0-9０-９]{1,3}|[〇零一二三四五六七八九十百]{1,5})年(度)?'),
  eraYear: sticky('(公元前|公元|西元前|西元)([0-9０-９]{1,4}|[〇零一二三四五六七八九十百千]{1,7})年'),
  yearRange: sticky(`(${Y4})年?${DASH}(${Y4})年(度)?`),
  year: sticky(`(${Y4}|${Y2})年(度)?`),
  relYear: sticky('(大前年|前年|去年|上年|上一年|今年|本年|明年|来年|下一年|后年|当年|同年|次年|翌年|第二年)'),
  monthRange: sticky(`(${MON})月?份?${DASH}(${MON})月(份)?`),
  month: sticky(`(${MON})月(份)?`),
  relMonth: sticky('(上个月|上月|本月|这个月|当月|同月|下个月|下月|次月)'),
  yearPart: sticky(
    '(上半年|下半年|年初|年底|年末|年中|[一二三四1-4１-４]季度|第[一二三四1-4１-４]季度|第[一二三四1-4１-４]季(?![度节])|前三季度|(?:头|前)([一二三四五六七八九十两]{1,2}|[0-9０-９]{1,2})个(月|季度)|(春|夏|秋|冬)(季|天))',
  ),
  // 2027年底, 2020年初: the year's end or start (年底 after 去年 is yearPart's). Not 初步, 初次 ….
  yearEdge: sticky('(初|底|末)(?![步次级中审选赛稿见始心期班日线])'),
  // A quarter or half of a year named without the year: the article's year (二季度; 两个季度 is a length).
  // 年初, 年底 alone: the article's year too (not 年中, as in 每年中秋).
  yearPartAlone: sticky('(上半年|下半年|前三季度|第?([一二三四1-4１-４])季度|年初|年底|年末)'),
  dayRange: sticky(`(${DAYN})[日号]?${DASH}(?:(${MON})月)?(${DAYN})[日号]`),
  day: sticky(`(${DAYN})[日号]`),
  monthPart: sticky('(上中旬|中下旬|上旬|中旬|下旬|初|底|末|中)'),
  relDay: sticky('(大前天|前天|昨天|昨日|今天|今日|明天|明日|后天|大后天|当天|当日|次日|翌日|第二天|第二日|同日|同一天|前一天)'),
  relDayTime: sticky('(今晚|今早|今晨|今夜|昨晚|昨夜|明晚|明早|当晚|当夜|整晚)'),
  weekday: sticky('(上个|下个|上|下|本|这个|这)?(星期|礼拜|周)([一二三四五六日天1-7１-７])'),
  // Not 这周边 (these surroundings), 本周刊, 上周期, 五周年.
  week: sticky('(上个|下个|这个|上|下|本|这)(星期|礼拜|周)(末|初)?(?![边围期刊年岁])'),
  weekend: sticky('周末'),
  todayTomorrow: sticky('今明两?(天|日|年)'),
  // Taiwan's wire style: 今（28）日, 昨(27)日 — the day of the month in brackets.
  bracketDay: sticky('(今|昨|明)[（(]([0-9０-９]{1,2})[）)]日'),
  period: sticky('(?:的)?(凌晨|白天|清晨|早晨|早上|上午|中午|正午|午间|下午|傍晚|晚上|晚间|夜间|夜里|深夜|半夜|午夜|早些时候|稍晚)'),
  periodShort: sticky('(晚|早|夜)'),
  clock: sticky(
    `(?:的)?([0-9０-９]{1,2}|[零一二三四五六七八九十两]{1,3})(?:(时|点)(?:([0-9０-９]{1,2}|[零一二三四五六七八九十]{1,3})分|(半)|(整)|(一刻)|(三刻))?(?:([0-9０-９]{1,2})秒)?|[:：]([0-9０-９]{2})(?![0-9０-９])(?:[:：]([0-9０-９]{2})(?![0-9０-９]))?(?:分)?)`,
  ),
  decade: sticky(`(?:(上|本)个?世纪|(?:二十|20|２０|19|１９|十九)世纪)?([0-9０-９]{2}|[一二三四五六七八]?[一二三四五六七八九]十|[12１２][0-9０-９]{3})年代(初期|初|中期|中叶|末期|末|后期|前期)?`),
  century: sticky('(?:(上|本|下)个?|(新))?(?:([0-9０-９]{1,2}|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])世纪|世纪)(初|中叶|中期|末|末期)?'),
  // A race's time: 分 after 小时, or before 秒, is minutes; digits right after 秒 are its fraction
  // (9秒58 is 9.58 s). 时 alone is a clock's hour (3时15分), not a duration.
  raceTime: sticky(
    `(?:(${INT})小时(${INT})分(?:钟)?(?:(${INT})秒(?:钟)?)?|(${INT})分(${INT})秒(?:钟)?|(${INT})秒)(?<=秒|分|钟)([0-9０-９]{1,3}(?![0-9０-９.．年月日号米个元%％万亿千百十次名位人家件分秒公里]))?`,
  ),
  duration: sticky(
    `(大约|约|近|将近|过去|未来)?(${NUM}|半|几|数|多|十几|几十)(多|余|来)?(个)?(半)?(多)?(年|个月|月|天|日|周|星期|礼拜|季度|小时|钟头|分钟|秒钟|秒)(半)?(多)?(前|后|之后|以后|左右|之久)?`,
  ),
  age: sticky(`(${NUM}|半)(多)?(周岁|岁)(半)?(左右|以上|以下)?`),
  anniversary: sticky(`(${NUM})周年`),
  // 80后, 九零后, 85后: the people born in those years (a generation, not "after 80").
  generation: sticky('([5-9５-９][05０５]|[0０1１][05０５]|[五六七八九零〇][零〇五])后(?![面来期续边头半者代裔勤卫方台])'),
  // 2025财年, 第四财季: a company's or a government's fiscal year and its quarters, which need not be
  // the calendar's (TIMEX3's FY values).
  fiscalYear: sticky(`(${Y4})(?:财年|财政年度|会计年度)(?:第([一二三四1-4１-４])(?:财季|财政季度))?`),
  fiscalQuarter: sticky('第([一二三四1-4１-４])(?:财季|财政季度)'),
  // “十四五”, 九五期间: a Five-Year Plan's years, in quotes or before a word of the plan.
  fiveYearPlan: sticky('([六七八九]|十[一二三四五六七])五(?=[”"’」』]|规划|计划|期间|时期|开局|收官|以来)'),
  // 七旬老人, 年近六旬: an age by tens of years.
  ageDecades: sticky('([五六七八九])旬(开外|以上|左右)?'),
  since: sticky('(以来|来)'),
  fixed: sticky(
    '(日前|近日|连日来|近年来|近年|近几年来|近几年|这几天|前几天|近几天|多年来|这些年|这么多年|全年|元旦|春节|除夕|元宵节|清明节|端午节|中秋节|重阳节|国庆节|劳动节|五一劳动节|国庆|双十一|双11|双十二|双12|五一(?=[”"’」』]?(?:假期|小长假|黄金周|长假|期间|前夕))|十一(?=[”"’」』]?(?:假期|小长假|黄金周|长假))|新年|圣诞节|情人节|儿童节|教师节|妇女节|建军节|七夕|新春佳节|新春)',
  ),
  zodiacYear: sticky('(鼠|牛|虎|兔|龙|蛇|马|羊|猴|鸡|狗|猪)年'),
  dynasty: sticky('(夏|商|西周|东周|周|秦|西汉|东汉|汉|三国|西晋|东晋|晋|南北|隋|唐|五代|北宋|南宋|宋|元|明|清)(朝|代)'),
};
// Dynasties as ISO intervals (negative years BCE, as ISO 8601's expanded years write them).
const DYNASTY: Record<string, string> = {
  秦: '-0221/-0207', 西汉: '-0202/0008', 东汉: '0025/0220', 汉: '-0202/0220', 隋: '0581/0618', 唐: '0618/0907',
  北宋: '0960/1127', 南宋: '1127/1279', 宋: '0960/1279', 元: '1271/1368', 明: '1368/1644', 清: '1644/1912',
};
const FIXED_DATES: Record<string, string> = { 双十一: '11-11', 双11: '11-11', 双十二: '12-12', 双12: '12-12', 五一: '05-01', 十一: '10-01', 元旦: '01-01', 圣诞节: '12-25', 国庆节: '10-01', 国庆: '10-01', 劳动节: '05-01', 五一劳动节: '05-01', 情人节: '02-14', 儿童节: '06-01', 教师节: '09-10', 妇女节: '03-08', 建军节: '08-01', 新年: '01-01' };
const PERIOD_CODE: Record<string, string> = {
  凌晨: 'TNI', 白天: 'TDT', 清晨: 'TMO', 早晨: 'TMO', 早上: 'TMO', 上午: 'TMO', 中午: 'TMI', 正午: 'TMI', 午间: 'TMI', 下午: 'TAF', 傍晚: 'TEV', 晚上: 'TEV',
  晚间: 'TEV', 夜间: 'TNI', 夜里: 'TNI', 深夜: 'TNI', 半夜: 'TNI', 午夜: 'TNI', 晚: 'TEV', 早: 'TMO', 夜: 'TNI', 今晚: 'TEV',
  今早: 'TMO', 今晨: 'TMO', 今夜: 'TNI', 昨晚: 'TEV', 昨夜: 'TNI', 明晚: 'TEV', 明早: 'TMO', 当晚: 'TEV', 当夜: 'TNI', 整晚: 'TNI',
};
const REL_YEAR: Record<string, number> = { 大前年: -3, 前年: -2, 去年: -1, 上年: -1, 上一年: -1, 今年: 0, 本年: 0, 明年: 1, 来年: 1, 下一年: 1, 后年: 2 };
const REL_DAY: Record<string, number> = { 大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3, 昨晚: -1, 昨夜: -1, 今晚: 0, 今早: 0, 今晨: 0, 今夜: 0, 明晚: 1, 明早: 1 };
const REL_MONTH: Record<string, number> = { 上个月: -1, 上月: -1, 本月: 0, 这个月: 0, 下个月: 1, 下月: 1 };
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const DUR_UNIT: Record<string, string> = { 年: 'Y', 个月: 'M', 月: 'M', 天: 'D', 日: 'D', 周: 'W', 星期: 'W', 礼拜: 'W', 季度: 'Q', 小时: 'H', 钟头: 'H', 分钟: 'MIN', 秒钟: 'S', 秒: 'S' };
const PART_MOD: Record<string, Qualifier> = { 初: 'START', 初期: 'START', 上旬: 'START', 前期: 'START', 年初: 'START', 中: 'MID', 中旬: 'MID', 上中旬: 'START', 中下旬: 'END', 中期: 'MID', 中叶: 'MID', 年中: 'MID', 底: 'END', 末: 'END', 末期: 'END', 后期: 'END', 下旬: 'END', 年底: 'END', 年末: 'END' };

// 每一季度, 上一季度, 连续三季度: a quarter counted or pointed at, not named.
const QUARTER_NOT_AFTER = /(?:[每上下这那该同本近逐]|连续|持续|连)$/;
// Characters where a date or time expression can start; other positions are skipped cheaply.
const STARTS = new Set([
  ...'0123456789０１２３４５６７８９〇零一二两三四五六七八九十百千万几数多半大约近将过未今最前去上本明来下后当同昨次翌星礼周这头春夏秋冬凌清早中午傍晚夜深日连元除国劳五圣情儿教妇建新整稍全第年正',
  ...R.fixed.source.replace(/[()]/g, '').split('|').map((w) => w[0]),
  ...'鼠牛虎兔龙蛇马羊猴鸡狗猪夏商西东周秦汉三晋南隋唐五北宋元明清公',
  ...'农阴闰腊白',
]);
const KEYS = new Set([...'年月日号天周星期礼拜时点分秒岁世代季晚早夜午晨节朝旬底初末前后来今昨明去小钟旦夕庆春:：-/五'].map((c) => c.charCodeAt(0)));
// The longest stretch before such a character: '一千九百九十九年', '大前天', '上个星期'.
const KEY_REACH = 12;
const NOT_BEFORE = /[0-9０-９.．〇零一二两三四五六七八九十百千万第]/;

const num = (s: string): number | undefined => {
  const v = parseNumeral(s);
  return typeof v === 'number' ? v : undefined;
};

/** Year of a year numeral: four digits as written, two digits in the century of the anchor (九七年 → 1997). */
function yearOf(s: string, anchor: Anchor | undefined): number | undefined {
  const digits = [...s].map((c) => ('〇零'.includes(c) ? '0' : /[０-９]/.test(c) ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : /[0-9]/.test(c) ? c : String('〇一二三四五六七八九'.indexOf(c)))).join('');
  if (!/^\d+$/.test(digits)) return undefined;
  const n = Number(digits);
  if (digits.length === 4) return n >= 1000 && n <= 2200 ? n : undefined;
  if (digits.length !== 2) return undefined;
  const now = anchor?.year ?? 2030;
  return 2000 + n <= now + 5 ? 2000 + n : 1900 + n;
}

interface Found {
  end: number;
  label: 'date' | 'time';
  value: string;
  qualifier?: Qualifier;
  /** Value depends on the anchor. */
  relative?: boolean;
  /** How the value was found, when not simply from the anchor (a lunar date's conversion). */
  resolution?: string;
}

/**
 * The day k days after y-m-d. With the year unknown, the month and day when a leap year and a
 * common one agree on them, or undefined (the end of February lies between).
 */
export function addDays(y: number | undefined, m: number, d: number, k: number): [number | undefined, number, number] | undefined {
  const shift = (year: number): [number, number, number] => {
    const t = new Date(Date.UTC(year, m - 1, d + k));
    return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  };
  if (y !== undefined) return shift(y);
  const [leap, common] = [shift(2000), shift(2001)];
  return leap[1] === common[1] && leap[2] === common[2] ? [undefined, leap[1], leap[2]] : undefined;
}

/**
 * The month k months after y-m; with the year unknown, the month alone (the year it falls in
 * cannot be told).
 */
export function addMonths(y: number | undefined, m: number, k: number): [number | undefined, number] {
  const t = new Date(Date.UTC(y ?? 2001, m - 1 + k, 1));
  return [y === undefined ? undefined : t.getUTCFullYear(), t.getUTCMonth() + 1];
}

export function isoDay(y: number | undefined, m: number | undefined, d: number | undefined): string {
  const ys = y === undefined ? 'XXXX' : pad(y, 4);
  if (m === undefined) return ys;
  if (d === undefined) return `${ys}-${pad(m)}`;
  return `${ys}-${pad(m)}-${pad(d)}`;
}

/** isoDay, where a day without its month is still that day of an unknown month (XXXX-XX-29). */
function someDay(y: number | undefined, m: number | undefined, d: number | undefined): string {
  return m === undefined && d !== undefined ? `XXXX-XX-${pad(d)}` : isoDay(y, m, d);
}

/** The ISO 8601 week (its year may differ from the day's near New Year) of y-m-d, as 2026-W48. */
function isoWeek(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d));
  // The Thursday of the same week decides the week's year and number.
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const first = Date.UTC(t.getUTCFullYear(), 0, 1);
  return `${t.getUTCFullYear()}-W${pad(Math.ceil(((t.getTime() - first) / 86400000 + 1) / 7))}`;
}

const RANGE_HEAD = sticky(`(大约|约)?(${NUM})(?:${DASH}|或)(?=${NUM})`);
const NUM_AT = sticky(NUM);

/**
 * 3至5年, 两到三个月, 约5到10分钟: a range of lengths, one span with both ends (P3Y/P5Y), as OntoNotes
 * spans it. The first end is read as the second with its own number (3至5年 → 3年).
 */
function durationRange(text: string, p: number, anchor: Anchor | undefined): Found | undefined {
  RANGE_HEAD.lastIndex = p;
  const r = RANGE_HEAD.exec(text);
  if (!r) return undefined;
  const second = p + r[0].length;
  const hi = parseOther(text, second, anchor);
  if (!hi || !/^PT?\d/.test(hi.value) || hi.value.includes('/')) return undefined;
  NUM_AT.lastIndex = second;
  const secondNumber = NUM_AT.exec(text)![0];
  const words = r[2] + text.slice(second + secondNumber.length, hi.end);
  const lo = parseOther(words, 0, undefined);
  const [a, b] = [num(r[2]), num(secondNumber)];
  if (!lo || lo.end !== words.length || lo.label !== hi.label || !/^PT?\d/.test(lo.value) || a === undefined || b === undefined || a >= b) return undefined;
  return { end: hi.end, label: hi.label, value: `${lo.value}/${hi.value}`, qualifier: r[1] ? 'APPROX' : hi.qualifier };
}

/** Parses the longest date or time expression starting at p, or undefined. */
function parseAt(text: string, p: number, anchor: Anchor | undefined): Found | undefined {
  const at = (re: RegExp, pos: number): RegExpExecArray | null => {
    re.lastIndex = pos;
    return re.exec(text);
  };
  let pos = p;
  let y: number | undefined;
  let yearEnd: number | undefined; // a year range's second year
  let relative = false;
  let m: number | undefined;
  let m2: number | undefined;
  let d: number | undefined;
  let d2: number | undefined;
  let m3: number | undefined;
  let qualifier: Qualifier | undefined;
  let value: string | undefined;
  let hadYear = false;
  let dayKnown = false; // a calendar day is named, so a time of day may follow
  let periodCode: string | undefined;
  let dayPeriod: string | undefined; // the part of the day a relative day word names (当晚)

  // Relative day words carry a day (and sometimes a part of the day).
  let r = at(R.relDayTime, pos) ?? at(R.relDay, pos);
  if (r) {
    const word = r[1];
    pos += r[0].length;
    const k = REL_DAY[word];
    const day = k !== undefined && anchor?.day !== undefined ? addDays(anchor.year, anchor.month!, anchor.day, k) : undefined;
    if (day) {
      [y, m, d] = day;
      relative = true;
    } else value = 'XXXX-XX-XX';
    dayKnown = true;
    periodCode = PERIOD_CODE[word];
    // 当晚9时 is 21:00: the part of the day in the word sets the hour as 晚上 does.
    if (periodCode === 'TEV') dayPeriod = '晚';
    else if (periodCode === 'TNI') dayPeriod = '深夜';
    else if (periodCode === 'TMO') dayPeriod = '早上';
  } else if ((r = at(R.weekday, pos))) {
    pos += r[0].length;
    const wd = WEEKDAY[r[3]] ?? num(r[3])!;
    const shift = r[1]?.startsWith('上') ? -7 : r[1]?.startsWith('下') ? 7 : 0;
    // The weekday of the article's date needs its year; 每周一 is every Monday, and 第三个星期六 a
    // Saturday counted in a month, no day of the article's week.
    if (anchor?.day !== undefined && anchor.year !== undefined && !/每个?$|第[一二三四五1-5１-５]个$/.test(text.slice(Math.max(0, p - 3), p))) {
      const [ay, am, ad] = [anchor.year, anchor.month!, anchor.day];
      const aw = new Date(Date.UTC(ay, am - 1, ad)).getUTCDay() || 7;
      [y, m, d] = addDays(ay, am, ad, wd - aw + shift)!;
      relative = true;
    } else value = `XXXX-WXX-${wd}`;
    dayKnown = true;
  } else {
    // Year, then month, then day.
    if ((r = at(R.yearRange, pos))) {
      y = yearOf(r[1], anchor);
      yearEnd = yearOf(r[2], anchor);
      if (y === undefined || yearEnd === undefined || yearEnd < y) return undefined;
      pos += r[0].length;
      return { end: pos, label: 'date', value: `${y}/${yearEnd}` };
    }
    if (text.slice(p - 2, p) === '民国' && (r = at(R.rocYear, pos))) {
      // The span starts at the number: 中华民国 before it is a place of its own.
      const n = num(r[1]);
      if (n === undefined || n < 1 || n > 300) return undefined;
      y = n + 1911;
      hadYear = true;
      pos += r[0].length;
    } else if ((r = at(R.eraYear, pos))) {
      const n = num(r[2]);
      if (n === undefined || n < 1) return undefined;
      pos += r[0].length;
      // BCE years as the dynasties above write them (公元前221年 → -0221); no month or day follows.
      if (r[1].endsWith('前')) return { end: pos, label: 'date', value: `-${pad(n, 4)}` };
      y = n;
      hadYear = true;
    } else if ((r = at(R.year, pos))) {
      const yy = yearOf(r[1], anchor);
      const twoDigits = r[1].length === 2;
      const arabic2 = twoDigits && /[0-9０-９]/.test(r[1]);
      // '98年' alone is more often 98 years than 1998: a two-digit Arabic year needs a month after it.
      const next = pos + r[0].length;
      if (yy !== undefined && (!arabic2 || at(R.month, next))) {
        y = yy;
        hadYear = true;
        pos = next;
      }
    } else if ((r = at(R.relYear, pos))) {
      const k = REL_YEAR[r[1]];
      hadYear = true;
      pos += r[0].length;
      // Without the article's year (or for 当年) the year stays unknown, and a month and day after
      // it still count: 明年4月1日 is XXXX-04-01.
      if (k !== undefined && anchor?.year !== undefined) {
        y = anchor.year + k;
        relative = true;
      }
    }
    if ((r = at(R.monthRange, pos))) {
      m = num(r[1]);
      m2 = num(r[2]);
      if (m === undefined || m2 === undefined || m2 <= m) return undefined;
      pos += r[0].length;
    } else if ((r = at(R.month, pos))) {
      m = num(r[1]);
      pos += r[0].length;
      if ((r = at(R.dayRange, pos))) {
        d = num(r[1]);
        m3 = r[2] ? num(r[2]) : undefined;
        d2 = num(r[3]);
        if (d === undefined || d2 === undefined) return undefined;
        pos += r[0].length;
        dayKnown = true;
      } else if ((r = at(R.day, pos))) {
        d = num(r[1]);
        pos += r[0].length;
        dayKnown = true;
      } else if ((r = at(R.monthPart, pos)) && !(r[1] === '中' && /[央国华共]/.test(text[pos + 1] ?? ''))) {
        qualifier = PART_MOD[r[1]];
        pos += r[0].length;
      }
    } else if ((r = at(R.relMonth, pos))) {
      const k = REL_MONTH[r[1]];
      pos += r[0].length;
      if (k !== undefined && anchor?.month !== undefined) {
        [y, m] = addMonths(anchor.year, anchor.month, k);
        relative = true;
      } else value = 'XXXX-XX';
      if ((r = at(R.day, pos))) {
        d = num(r[1]);
        pos += r[0].length;
        dayKnown = true;
        // 本月15日 without the article's month is still the 15th of some month.
        if (value !== undefined && d !== undefined) value = `XXXX-XX-${pad(d)}`;
      } else if ((r = at(R.monthPart, pos)) && r[1] !== '中') {
        // 本月底, 下月初: the part of the month, as after a named month (中 alone is too often 中国).
        qualifier = PART_MOD[r[1]];
        pos += r[0].length;
      }
    } else if (hadYear && (r = at(R.yearPart, pos))) {
      pos += r[0].length;
      const part = r[1];
      const ys = y === undefined ? 'XXXX' : String(y);
      if (part === '上半年') value = `${ys}-H1`;
      else if (part === '下半年') value = `${ys}-H2`;
      else if (r[2]) {
        const n = num(r[2]);
        value = n === undefined ? ys : r[3] === '月' ? `${ys}-01/${ys}-${pad(n)}` : `${ys}-Q1/${ys}-Q${n}`;
      } else if (r[4]) value = `${ys}-${{ 春: 'SP', 夏: 'SU', 秋: 'FA', 冬: 'WI' }[r[4]]}`;
      // 第三季 after a year is its quarter, as Taiwan and Hong Kong write it (alone it may be a show's season).
      else if (/季度|^第.季$/.test(part)) value = part === '前三季度' ? `${ys}-Q1/${ys}-Q3` : `${ys}-Q${num(part.replace(/第|季度|季/g, ''))}`;
      else {
        value = ys;
        qualifier = PART_MOD[part];
      }
    } else if (hadYear && y !== undefined && text[pos - 1] === '年' && (r = at(R.yearEdge, pos))) {
      pos += r[0].length;
      qualifier = PART_MOD[r[1]];
    } else if (!hadYear && pos === p && !QUARTER_NOT_AFTER.test(text.slice(Math.max(0, p - 2), p)) && (r = at(R.yearPartAlone, pos))) {
      pos += r[0].length;
      const ys = anchor?.year !== undefined ? String(anchor.year) : 'XXXX';
      relative = anchor?.year !== undefined;
      const part = r[1];
      if (part === '上半年') value = `${ys}-H1`;
      else if (part === '下半年') value = `${ys}-H2`;
      else if (part === '前三季度') value = `${ys}-Q1/${ys}-Q3`;
      else if (PART_MOD[part]) {
        // 年年底, 每年年初: every year's, not the article's.
        if (/[年每]$/.test(text.slice(0, p))) return undefined;
        value = ys;
        qualifier = PART_MOD[part];
      } else value = `${ys}-Q${num(r[2])}`;
    } else if (!hadYear && (r = at(R.dayRange, pos)) && !r[2] && /^[0-9０-９]/.test(r[1]) && /^[0-9０-９]/.test(r[3])) {
      // Days alone, in Arabic digits ('3至5日', '12—14日'): of the article's month.
      d = num(r[1]);
      d2 = num(r[3]);
      if (d === undefined || d2 === undefined || d2 <= d) return undefined;
      pos += r[0].length;
    } else if (!hadYear && (r = at(R.day, pos))) {
      // A day alone ('29日', '１３号'): Arabic, or a Chinese numeral of two characters.
      if (/^[一二三四五六七八九]$/.test(r[1])) return undefined;
      if (r[0].endsWith('号') && !/^[0-9０-９]/.test(r[1])) return undefined; // 十号泊位, 九号文件
      if (r[0].endsWith('号') && /[楼线院文令机车馆房站口门桥码字球种选位台场]/.test(text[pos + r[0].length] ?? '')) return undefined;
      d = num(r[1]);
      pos += r[0].length;
      dayKnown = true;
    }
    if (!hadYear && m === undefined && d === undefined && value === undefined) return undefined;
    if (relative && hadYear && (r = at(R.since, pos)) && m === undefined) {
      // '今年以来', '今年来': the year so far ('1994年以来' leaves 以来 out, as OntoNotes does).
      pos += r[0].length;
    }
    if (value === undefined) {
      // Partial dates take the anchor's year (and month for a bare day); 每年的9月 is every year's.
      if (y === undefined && !hadYear && anchor && !/每年的?$/.test(text.slice(Math.max(0, p - 3), p))) {
        y = anchor.year;
        relative = true;
        if (m === undefined && d !== undefined) {
          if (anchor.month === undefined) y = undefined;
          else m = anchor.month;
        } else if (y === undefined) relative = false; // a month alone learns nothing from a date without its year
      }
      if (m !== undefined && (m < 1 || m > 12)) return undefined;
      if (d !== undefined && (d < 1 || d > 31)) return undefined;
      if (m2 !== undefined) value = `${isoDay(y, m, undefined)}/${isoDay(y, m2, undefined)}`;
      else if (d2 !== undefined) value = `${someDay(y, m, d)}/${someDay(y, m3 ?? m, d2)}`;
      else value = someDay(y, m, d);
    }
  }

  if (value === undefined) value = isoDay(y, m, d);
  // A time of day after a named day: 16日晚, 昨天下午3点, 9月15日12时.
  if (dayKnown) {
    let t = parseClock(text, pos, dayPeriod);
    const per = at(R.period, pos);
    if (!t && per) {
      const t2 = parseClock(text, pos + per[0].length, per[1]);
      if (t2) t = t2;
      else {
        periodCode = PERIOD_CODE[per[1]] ?? periodCode;
        pos += per[0].length;
      }
    } else if (!t) {
      const ps = at(R.periodShort, pos);
      if (ps && !/[上会餐饭宴报间场]/.test(text[pos + 1] ?? '')) {
        const t2 = parseClock(text, pos + 1, ps[1]);
        if (t2) t = t2;
        else {
          periodCode = PERIOD_CODE[ps[1]];
          pos += 1;
        }
      }
    }
    if (t) return { end: t.end, label: 'time', value: `${value}T${t.hhmm}`, relative };
    if (periodCode) return { end: pos, label: 'time', value: `${value}${periodCode}`, relative };
  }
  return { end: pos, label: 'date', value, qualifier, relative };
}

interface Clock {
  end: number;
  hhmm: string;
}

/** The dash between the two ends of a range, tested on the one character after the first end. */
const DASH_AT = new RegExp(`^${DASH}`);

/**
 * '10时30分', '8点半', '15:40', '上午10时' (with the period given), or undefined. A second time after
 * a dash makes a range in the first one's part of the day (下午3时至5时 is 15:00/17:00, which ISO
 * 8601 reads as an interval on the same day).
 */
function parseClock(text: string, pos: number, period?: string, second = false): Clock | undefined {
  const first = parseOneClock(text, pos, period);
  if (!first || second) return first;
  const dash = DASH_AT.exec(text.slice(first.end, first.end + 1));
  let last = dash ? parseClock(text, first.end + dash[0].length, period, true) : undefined;
  // 上午9时至下午5时: the second end names its own part of the day.
  if (dash && !last) {
    R.period.lastIndex = first.end + dash[0].length;
    const per = R.period.exec(text);
    if (per && !per[0].startsWith('的')) last = parseClock(text, per.index + per[0].length, per[1], true);
  }
  if (!last || last.hhmm <= first.hhmm) return first;
  return { end: last.end, hhmm: `${first.hhmm}/${last.hhmm}` };
}

function parseOneClock(text: string, pos: number, period?: string): Clock | undefined {
  R.clock.lastIndex = pos;
  const c = R.clock.exec(text);
  if (!c) return undefined;
  const [all, hText, marker, minText, half, sharp, quarter, threeQuarters, secText, colonMin, colonSec] = c;
  const h = num(hText);
  if (h === undefined || h > 24) return undefined;
  if (marker === '时' && /[间期代候刻节常段效机势速空光]/.test(text[pos + all.length] ?? '')) return undefined;
  let mi: number | undefined = 0;
  if (colonMin !== undefined) mi = num(colonMin);
  else if (minText !== undefined) mi = num(minText);
  else if (half) mi = 30;
  else if (quarter) mi = 15;
  else if (threeQuarters) mi = 45;
  if (mi === undefined || mi > 59) return undefined;
  // '3点建议', '一时': without a period word, minutes or digits and 时, not a time ('七点整',
  // '三点一刻' are).
  const arabic = /^[0-9０-９]/.test(hText);
  const certain = period !== undefined || minText !== undefined || colonMin !== undefined || half !== undefined || sharp !== undefined || quarter !== undefined || threeQuarters !== undefined || (arabic && marker === '时');
  if (!certain) return undefined;
  const sec = secText ? `:${pad(num(secText)!)}` : colonSec ? `:${colonSec}` : '';
  // 24:00 is the end of a day only on the hour: 晚上12点半 is half past midnight (of the next day,
  // which the value cannot say).
  const hour = adjustHour(h, period);
  return { end: pos + all.length, hhmm: `${pad(hour === 24 && (mi > 0 || sec) ? 0 : hour)}:${pad(mi)}${sec}` };
}

function adjustHour(h: number, period: string | undefined): number {
  if (!period) return h;
  if (/下午|傍晚|晚|夜间|夜里/.test(period) && h < 12) return h + 12;
  // 晚上十二点 is the evening's midnight, the end of its day (ISO 8601's 24:00), not noon.
  if (/晚|夜间|夜里/.test(period) && h === 12) return 24;
  if ((period === '中午' || period === '正午') && h < 11) return h + 12;
  if (/深夜|半夜|午夜/.test(period)) return h === 12 ? 0 : h >= 6 && h < 12 ? h + 12 : h;
  if (period === '凌晨' && h === 12) return 0;
  return h;
}

/** Expressions that are not anchored calendar dates: durations, ages, decades, fixed words, bare times. */
function parseOther(text: string, p: number, anchor: Anchor | undefined): Found | undefined {
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = p;
    return re.exec(text);
  };
  let r: RegExpExecArray | null;
  const ay = anchor?.year;
  if ((r = at(R.decade))) {
    const [all, rel, dec, part] = r;
    let y: number | undefined;
    if (/^[12１２]/.test(dec) && dec.length === 4) y = yearOf(dec, anchor);
    else {
      // 八九十年代: the eighties and nineties, two neighbouring decades as one interval.
      const pair = /^[一二三四五六七八][一二三四五六七八九]十$/u.test(dec) ? num(dec.slice(0, 1)) : undefined;
      if (pair !== undefined && num(dec.slice(1)) !== (pair + 1) * 10) return undefined;
      const n = num(pair === undefined ? dec : dec.slice(1));
      if (n === undefined || n % 10 !== 0) return undefined;
      const century = /十九世纪|19世纪|１９世纪/.test(all) ? 1800 : rel === '本' ? (ay !== undefined ? Math.floor(ay / 100) * 100 : 2000) : /二十|20|２０/.test(all) && !rel ? 1900 : rel === '上' ? (ay !== undefined ? Math.floor(ay / 100) * 100 - 100 : 1900) : n <= 20 && ay !== undefined && ay >= 2000 ? 2000 : 1900;
      y = century + n;
      if (pair !== undefined) return { end: p + all.length, label: 'date', value: `${String(y - 10).slice(0, 3)}X/${String(y).slice(0, 3)}X`, qualifier: part ? PART_MOD[part] : undefined };
    }
    if (y === undefined) return undefined;
    return { end: p + all.length, label: 'date', value: `${String(y).slice(0, 3)}X`, qualifier: part ? PART_MOD[part] : undefined };
  }
  if ((r = at(R.century))) {
    const [all, relWord, newCentury, n, part] = r;
    const rel = relWord ?? newCentury;
    let c: number | undefined;
    if (n) c = num(n);
    else if (ay !== undefined && rel) c = Math.floor(ay / 100) + 1 + (rel === '上' ? -1 : rel === '下' ? 1 : 0);
    if (!n && !rel) return undefined;
    return { end: p + all.length, label: 'date', value: c === undefined ? 'XX' : pad(c - 1), qualifier: part ? PART_MOD[part] : undefined, relative: !n };
  }
  if ((r = at(R.anniversary))) {
    const n = num(r[1]);
    if (n !== undefined) return { end: p + r[0].length, label: 'date', value: `P${n}Y` };
  }
  if ((r = at(R.generation)) && !/[月点时分第:：]/.test(text[p - 1] ?? '')) {
    const digits = [...r[1]].map((c) => (/[零〇]/.test(c) ? 0 : (num(c) ?? Number(c.normalize('NFKC')))));
    const y = (digits[0] <= 1 ? 2000 : 1900) + digits[0] * 10 + digits[1];
    return { end: p + r[0].length, label: 'date', value: digits[1] === 0 ? `${String(y).slice(0, 3)}X` : `${y}/${y - digits[1] + 9}` };
  }
  if ((r = at(R.fiscalYear))) {
    const y = yearOf(r[1], anchor);
    if (y !== undefined) return { end: p + r[0].length, label: 'date', value: r[2] ? `FY${y}-Q${num(r[2])}` : `FY${y}` };
  }
  if ((r = at(R.fiscalQuarter))) return { end: p + r[0].length, label: 'date', value: `FYXXXX-Q${num(r[1])}` };
  if ((r = at(R.fiveYearPlan)) && (/[“"‘「『]/.test(text[p - 1] ?? '') || !/[“"‘「『”"’」』]/.test(text[p + r[0].length] ?? ''))) {
    // The third plan began in 1966 (after 1963–65), each one five years after the one before.
    const n = r[1].length === 1 ? num(r[1])! : 10 + num(r[1][1])!;
    const y = 1966 + 5 * (n - 3);
    return { end: p + r[0].length, label: 'date', value: `${y}/${y + 4}` };
  }
  if ((r = at(R.ageDecades))) {
    // 年近六旬 is nearly sixty, 年逾七旬 past seventy; 七旬 alone is seventy or more (a man in his seventies).
    const before = /(?:近|逾|过|超)$/.exec(text.slice(Math.max(0, p - 1), p))?.[0];
    const qualifier = before === '近' ? 'LESS_THAN' : before || r[2] === '开外' ? 'MORE_THAN' : r[2] === '左右' ? 'APPROX' : 'EQUAL_OR_MORE';
    return { end: p + r[0].length, label: 'date', value: `P${num(r[1])! * 10}Y`, qualifier };
  }
  if ((r = at(R.age))) {
    const [all, n, more, , half, post] = r;
    const v = n === '半' ? 0.5 : num(n);
    if (v !== undefined && !(n === '一' || n === '两') && (/^[0-9０-９]/.test(n) || n.length >= 2 || n === '半')) {
      const years = v + (half ? 0.5 : 0);
      return { end: p + all.length, label: 'date', value: Number.isInteger(years) ? `P${years}Y` : `P${Math.round(years * 12)}M`, qualifier: more ? 'MORE_THAN' : post ? (post === '左右' ? 'APPROX' : post === '以上' ? 'EQUAL_OR_MORE' : 'EQUAL_OR_LESS') : undefined };
    }
  }
  if ((r = at(R.raceTime))) {
    const race = raceTime(r);
    if (race) return { end: p + r[0].length - race.unused, label: 'time', value: race.value };
  }
  if ((r = at(R.duration))) {
    const [all, pre, n, more1, ge, halfAfterGe, more2, unitWord, halfAfterUnit, more3, post] = r;
    // '两个半小时', '一个半月': the half comes between the measure word and the unit; without 个, or
    // before 年 (两个半年: two half-years), it is not this.
    if (halfAfterGe && (!ge || unitWord === '年')) return undefined;
    const half = halfAfterGe || halfAfterUnit;
    // '三月' is March, '三日' a day of the month: only '三个月', '三天' are durations.
    if ((unitWord === '月' && !ge) || (unitWord === '日' && !ge && !/^[几数多]$/.test(n))) return undefined;
    if (unitWord === '年' && !ge && /^[0-9０-９]{4}$/.test(n)) return undefined;
    // 一年一度 is "once a year", no length of time.
    if (n === '一' && unitWord === '年' && text.startsWith('一度', p + all.length)) return undefined;
    // 三年级 is the third grade.
    if (unitWord === '年' && text[p + all.length - (halfAfterUnit?.length ?? 0) - (more3?.length ?? 0) - (post?.length ?? 0)] === '级') return undefined;
    // 一九九三年 and 2008年 are years; three Arabic digits up to 300 are a span of years (使用寿命120年,
    // 建校110年), above it a year of history (618年, 960年).
    if (unitWord === '年' && !ge && (/^(?:[〇零一二三四五六七八九0-9０-９]{4,}|[〇零一二三四五六七八九]{3})$/.test(n) || (/^[0-9０-９]{3}$/.test(n) && num(n)! > 300))) return undefined;
    if (ge && !['个月', '月', '星期', '礼拜', '季度', '小时', '钟头'].includes(unitWord) && unitWord !== '年') {
      if (unitWord !== '月') return undefined;
    }
    if (n === '多' && !/^(年|个月|月)$/.test(unitWord) && !ge) return undefined;
    if (n === '一' && !ge && !half && !more1 && !more2 && !more3 && !pre && !post && unitWord !== '年' && unitWord !== '小时') return undefined;
    if (unitWord === '年' && /^[一二三四五六七八九〇零]{2}$/.test(n)) return undefined; // 九七年 is a year
    const unit = DUR_UNIT[unitWord === '月' ? '个月' : unitWord];
    // 一两天, 三四个月, 七八个小时: one or two, three or four — a count left open, as 几 is.
    const vague = /^(几|数|多|十几|几十|一两|两三|二三|三四|四五|五六|六七|七八|八九)$/.test(n);
    let v: number | undefined = n === '半' ? 0.5 : vague ? undefined : num(n);
    if (!vague && v === undefined) return undefined;
    if (v !== undefined && half) v += 0.5;
    const small = unit === 'H' || unit === 'MIN' || unit === 'S';
    // OntoNotes leaves 近 and 将近 out of a duration's span ('近六年' → 六年); recognizeTimex reports them.
    if (pre === '近' || pre === '将近') return undefined;
    const amount = v === undefined ? 'X' : String(v);
    let value = small ? `PT${amount}${unit === 'MIN' ? 'M' : unit}` : unit === 'Q' ? `P${v === undefined ? 'X' : v * 3}M` : `P${amount}${unit}`;
    if (v !== undefined && !Number.isInteger(v)) {
      if (unit === 'Y') value = `P${Math.round(v * 12)}M`;
      else if (unit === 'H') value = `PT${Math.round(v * 60)}M`;
    }
    const qualifier: Qualifier | undefined = more1 || more2 || more3 ? 'MORE_THAN' : post === '左右' || pre === '约' || pre === '大约' ? 'APPROX' : pre === '近' || pre === '将近' ? 'LESS_THAN' : undefined;
    // '五年前', '两天前': a point in the past, anchored when the article's date is known.
    if ((post === '前' || post === '后' || post === '之后' || post === '以后') && v !== undefined && anchor) {
      const sign = post === '前' ? -1 : 1;
      if (unit === 'Y' && ay !== undefined && Number.isInteger(v)) return { end: p + all.length, label: 'date', value: String(ay + sign * v), relative: true };
      // 三个月后, 半年前: the month that many months away.
      const months = unit === 'M' ? v : unit === 'Y' ? v * 12 : undefined;
      if (months !== undefined && Number.isInteger(months) && ay !== undefined && anchor.month !== undefined) {
        const t = new Date(Date.UTC(ay, anchor.month - 1 + sign * months, 1));
        return { end: p + all.length, label: 'date', value: isoDay(t.getUTCFullYear(), t.getUTCMonth() + 1, undefined), relative: true };
      }
      const days = unit === 'D' ? v : unit === 'W' ? v * 7 : undefined;
      const day = days !== undefined && Number.isInteger(days) && anchor.day !== undefined ? addDays(anchor.year, anchor.month!, anchor.day, sign * days) : undefined;
      if (day) return { end: p + all.length, label: 'date', value: isoDay(...day), relative: true };
    }
    return { end: p + all.length, label: small ? 'time' : 'date', value, qualifier };
  }
  // 上周, 下个星期, 本周末: the week before, after or of the article's date (TIMEX3 2026-W47,
  // 2026-W48-WE); a weekend alone is any week's.
  if ((r = at(R.week))) {
    const [all, rel, , weekend] = r;
    const shift = rel.startsWith('上') ? -7 : rel.startsWith('下') ? 7 : 0;
    const day = anchor?.day !== undefined && ay !== undefined ? addDays(ay, anchor.month!, anchor.day, shift) : undefined;
    const week = day ? isoWeek(day[0]!, day[1], day[2]) : 'XXXX-WXX';
    // 下周初: the start of the week.
    if (weekend === '初') return { end: p + all.length, label: 'date', value: week, qualifier: 'START', relative: day !== undefined };
    return { end: p + all.length, label: 'date', value: weekend ? `${week}-WE` : week, relative: day !== undefined };
  }
  if ((r = at(R.weekend))) return { end: p + r[0].length, label: 'date', value: 'XXXX-WXX-WE' };
  if ((r = at(R.bracketDay))) {
    const d = num(r[2]);
    if (d === undefined || d < 1 || d > 31) return undefined;
    const known = anchor?.month !== undefined;
    return { end: p + r[0].length, label: 'date', value: known ? isoDay(anchor!.year, anchor!.month, d) : `XXXX-XX-${pad(d)}`, relative: known };
  }
  // 今明两天: today and tomorrow, one interval (今明两年: this year and the next).
  if ((r = at(R.todayTomorrow))) {
    const end = p + r[0].length;
    if (r[1] === '年') return { end, label: 'date', value: ay !== undefined ? `${ay}/${ay + 1}` : 'XXXX', relative: ay !== undefined };
    const next = anchor?.day !== undefined ? addDays(anchor.year, anchor.month!, anchor.day, 1) : undefined;
    if (!next) return { end, label: 'date', value: 'XXXX-XX-XX' };
    return { end, label: 'date', value: `${isoDay(anchor!.year, anchor!.month, anchor!.day)}/${isoDay(...next)}`, relative: true };
  }
  if ((r = at(R.dynasty))) {
    return { end: p + r[0].length, label: 'date', value: DYNASTY[r[1]] ?? 'XXXX' };
  }
  if ((r = at(R.zodiacYear))) {
    return { end: p + r[0].length, label: 'date', value: 'XXXX' };
  }
  if ((r = at(R.fixed))) {
    const w = r[1];
    const md = FIXED_DATES[w];
    let value = 'XXXX';
    const lunar = ay !== undefined ? lunarFestival(w, ay) : undefined;
    if (md) value = ay !== undefined ? `${ay}-${md}` : `XXXX-${md}`;
    else if (lunar) value = lunar;
    else if (/近年|几年|多年|这些年|这么多年/.test(w)) value = 'PXY';
    else if (w === '全年') value = 'P1Y';
    else if (/日前|近日|连日|几天/.test(w)) value = 'PXD';
    else if (w === '今后') value = 'FUTURE_REF';
    return { end: p + r[0].length, label: 'date', value, relative: (md !== undefined || lunar !== undefined) && ay !== undefined };
  }
  // A part of the day alone ('上午', '晚上的８点半') or a clock time: on the article's day when
  // it is known, as news reports the day's events.
  const day = anchor?.day !== undefined ? isoDay(anchor.year, anchor.month, anchor.day) : 'XXXX-XX-XX';
  const relative = anchor?.day !== undefined;
  const per = at(R.period) ?? (text[p] === '的' ? null : at(R.periodShort));
  if (per) {
    const t = parseClock(text, p + per[0].length, per[1]);
    if (t) return { end: t.end, label: 'time', value: `${day}T${t.hhmm}`, relative };
    if (per[0].startsWith('的') || per[1].length === 1) return undefined;
    return { end: p + per[0].length, label: 'time', value: `${day}${PERIOD_CODE[per[1]] ?? ''}`, relative };
  }
  const t = parseClock(text, p);
  if (t) return { end: t.end, label: 'time', value: `${day}T${t.hhmm}`, relative };
  return undefined;
}

const NUMERIC_DATE_RE = /(?<![\d./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:[ T]+|日)(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?![\d:])/g;
// The end of a time range after such a date's time: 2026/11/28 10:00-12:00.
const CLOCK_RANGE_END = /^\s?[-–~～至到]\s?(\d{1,2}):(\d{2})(?![\d:])/;

// Duration parts from the largest unit to the smallest, as ISO 8601 writes them (P3Y6M, P2DT3H).
const DURATION_PARTS = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const PART_UNITS = ['Y', 'M', 'D', 'H', 'M', 'S'];

/**
 * The value of a race time (R.raceTime), or undefined when it is a plain duration (3秒, left to
 * R.duration) or no time; `unused` counts characters matched that are not part of it.
 */
function raceTime(r: RegExpExecArray): { value: string; unused: number } | undefined {
  const [, h, hm, hs, m, ms, s, frac] = r;
  const [hours, minutes, seconds] = h !== undefined ? [h, hm, hs] : m !== undefined ? [undefined, m, ms] : [undefined, undefined, s];
  // 3秒 alone, or 2小时30分 with digits after it that are no fraction of a second, is no race time here.
  const fracOk = frac !== undefined && seconds !== undefined;
  if (hours === undefined && minutes === undefined && !fracOk) return undefined;
  const values = [hours, minutes, seconds].map((x) => (x === undefined ? undefined : num(x)));
  if (values.some((v, i) => v === undefined && [hours, minutes, seconds][i] !== undefined)) return undefined;
  if ((values[1] ?? 0) >= 60 && hours !== undefined) return undefined;
  if ((values[2] ?? 0) >= 60 && minutes !== undefined) return undefined;
  const secs = values[2] === undefined ? '' : `${values[2]}${fracOk ? '.' + frac!.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : ''}S`;
  const value = `PT${values[0] === undefined ? '' : `${values[0]}H`}${values[1] === undefined ? '' : `${values[1]}M`}${secs}`;
  return { value, unused: frac !== undefined && !fracOk ? frac.length : 0 };
}

/** The parts of a plain duration value (P3Y, PT30M), by unit rank; undefined for anything else. */
function durationParts(value: string): (string | undefined)[] | undefined {
  const m = DURATION_PARTS.exec(value);
  return m && value !== 'P' && value !== 'PT' ? m.slice(1) : undefined;
}

const CALENDAR_VALUE = /^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?$/;
const DECADE_VALUE = /^\d{3}X$/;

/**
 * 2025年1月至2026年3月, 11月下旬至12月初: two calendar dates joined by a dash are one range (an ISO 8601
 * interval, 2025-01/2026-03), as 1991至1995年 already is; a later date's part-of-month is dropped.
 */
function withFollowingDate(text: string, f: Found, anchor: Anchor | undefined): Found {
  if (f.label === 'date' && DECADE_VALUE.test(f.value)) {
    // 20世纪80年代至90年代: two decades, one interval (the parts of a decade are dropped, as above).
    const dash = DASH_AT.exec(text.slice(f.end, f.end + 1));
    const g = dash ? parseOther(text, f.end + dash[0].length, anchor) : undefined;
    if (!g || g.label !== 'date' || !DECADE_VALUE.test(g.value) || g.value <= f.value) return f;
    return { end: g.end, label: 'date', value: `${f.value}/${g.value}`, relative: f.relative || g.relative };
  }
  if (f.label !== 'date' || !CALENDAR_VALUE.test(f.value)) return f;
  const dash = DASH_AT.exec(text.slice(f.end, f.end + 1));
  const g = dash ? parseAt(text, f.end + dash[0].length, anchor) : undefined;
  if (!g || g.label !== 'date' || !CALENDAR_VALUE.test(g.value) || g.value <= f.value) return f;
  return { end: g.end, label: 'date', value: `${f.value}/${g.value}`, relative: f.relative || g.relative };
}

/**
 * 三年六个月, 两小时三十分钟, 三年零六个月: a duration followed at once by one in smaller units is one
 * duration (P3Y6M), as a court or a timetable writes it.
 */
function withFollowingDuration(text: string, f: Found, anchor: Anchor | undefined): Found {
  const a = f.qualifier ? undefined : durationParts(f.value);
  if (!a) return f;
  const from = text[f.end] === '零' ? f.end + 1 : f.end;
  const g = parseOther(text, from, anchor);
  const b = g && !g.qualifier ? durationParts(g.value) : undefined;
  if (!g || !b) return f;
  const lastA = a.reduce((k, v, i) => (v !== undefined ? i : k), -1);
  const firstB = b.findIndex((v) => v !== undefined);
  if (firstB <= lastA) return f;
  const parts = a.map((v, i) => v ?? b[i]);
  const date = parts.slice(0, 3).map((v, i) => (v === undefined ? '' : `${v}${PART_UNITS[i]}`)).join('');
  const time = parts.slice(3).map((v, i) => (v === undefined ? '' : `${v}${PART_UNITS[i + 3]}`)).join('');
  return { end: g.end, label: f.label, value: `P${date}${time ? `T${time}` : ''}` };
}

/**
 * Month and day joined by a middle dot name an event's day (3·15晚会, 5·12汶川地震, ９·２１大地震):
 * a decimal point is a full stop or a period, never a middle dot.
 */
const DOT_DATE_RE = /(?<![0-9０-９.．·•・‧])(1[0-2]|0?[1-9]|１[０-２]|０?[１-９])[·•・‧](3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９])(?![0-9０-９.．·•・‧%％])/gu;

/** Dates and times in text, completed from the anchor when one is known. */
export function recognizeTimex(text: string, anchor: Anchor | undefined): Entity[] {
  const out: Entity[] = [];
  const push = (start: number, f: Found) => {
    const e: Entity = { start, end: f.end, label: f.label, text: text.slice(start, f.end), source: 'rule', value: f.value };
    if (f.qualifier) e.qualifier = f.qualifier;
    // 近三年来 is "over the last three years", not "nearly three years": 近 before a span that 来 or
    // 以来 closes bounds nothing, nor does the 近 of 最近 ('最近5天', the last five days).
    else if (/^P/.test(f.value) && /(?:近|将近|接近|逾)$/.test(text.slice(Math.max(0, start - 2), start)) && !(text[start - 1] === '近' && (/^(?:以)?来/.test(text.slice(f.end)) || text[start - 2] === '最')))
      e.qualifier = text[start - 1] === '逾' ? 'MORE_THAN' : 'LESS_THAN';
    // 3时许, 八点许, 两点左右, 十点半前后: about that time; 11点多: a little after it.
    else if (f.label === 'time' && /T\d/.test(f.value) && !f.value.includes('/')) {
      const about = /^(?:许|左右|前后|多(?![\p{Script=Han}]))/u.exec(text.slice(f.end, f.end + 2))?.[0];
      if (about) {
        e.qualifier = about === '多' ? 'MORE_THAN' : 'APPROX';
        e.end = f.end + about.length;
        e.text = text.slice(start, e.end);
      }
    }
    if (f.resolution) e.resolution = f.resolution;
    else if (f.relative && anchor) e.resolution = `${e.text} → ${f.value}, from ${anchor.source} ${anchorIso(anchor)}`;
    out.push(e);
  };
  for (const m of text.matchAll(NUMERIC_DATE_RE)) {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    let value = `${y}-${pad(mo)}-${pad(d)}`;
    let end = m.index! + m[0].length;
    if (m[5] !== undefined) {
      if (Number(m[5]) > 23 || Number(m[6]) > 59) continue;
      const first = `${pad(Number(m[5]))}:${m[6]}`;
      value += `T${first}${m[7] ? ':' + m[7] : ''}`;
      const r = m[7] ? null : CLOCK_RANGE_END.exec(text.slice(end, end + 10));
      const last = r && `${pad(Number(r[1]))}:${r[2]}`;
      if (r && last && Number(r[1]) <= 24 && Number(r[2]) <= 59 && last > first) {
        value += `/${last}`;
        end += r[0].length;
      }
    }
    push(m.index!, { end, label: m[5] !== undefined ? 'time' : 'date', value });
  }
  for (const m of text.matchAll(DOT_DATE_RE)) {
    const [mo, d] = [num(m[1]), num(m[2])];
    if (mo === undefined || d === undefined) continue;
    push(m.index!, { end: m.index! + m[0].length, label: 'date', value: `XXXX-${pad(mo)}-${pad(d)}` });
  }
  // Every date or time expression has one of these characters within its first few: positions
  // with none nearby are skipped without trying the grammar (most of a text).
  const nextKey = new Int32Array(text.length + 1);
  nextKey[text.length] = Number.MAX_SAFE_INTEGER;
  for (let i = text.length - 1; i >= 0; i--) nextKey[i] = KEYS.has(text.charCodeAt(i)) ? i : nextKey[i + 1];
  let skipTo = 0;
  for (let p = 0; p < text.length; p++) {
    if (p < skipTo || nextKey[p] - p > KEY_REACH || !STARTS.has(text[p])) continue;
    if (p > 0 && NOT_BEFORE.test(text[p - 1]) && /[0-9０-９〇零一二两三四五六七八九十百千万]/.test(text[p])) continue;
    // Qualifiers before a date or duration stay in its span ('约三年', '近两个小时').
    const f = parseAt(text, p, anchor);
    const g = parseOther(text, p, anchor);
    let best = f && g ? (g.end > f.end ? g : f) : (f ?? g);
    const range = durationRange(text, p, anchor);
    if (range && (!best || range.end > best.end)) best = range;
    const lunar = parseLunarDate(text, p, anchor);
    if (lunar && (!best || lunar.end >= best.end)) best = { ...lunar, label: 'date' };
    if (!best || best.end <= p) continue;
    best = withFollowingDate(text, withFollowingDuration(text, best, anchor), anchor);
    push(p, best);
    skipTo = best.end;
  }
  return out;
}
