import { Lunar, Solar } from 'lunar-javascript';
import type { Anchor } from './timex';

// Dates of the Chinese calendar (农历十月初九, 正月初一, 腊月二十三, 大年三十): festivals, birthdays
// and weather reports name days this way. A lunar day is a Gregorian day only within a lunar
// year, which is taken from the article's own date (腊月 in a January article is the lunar year
// that began the previous February); without that date its day stays unknown. The conversion is
// lunar-javascript's (6tail, MIT).
// Only an explicit mark makes a date lunar: 农历/阴历 before it, the month names 正月, 冬月 and
// 腊月, or a day 初一…初十 or 廿一…廿九 (八月十五 with none of these stays a Gregorian reading).

const MONTHS: Record<string, number> = { 正: 1, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 冬: 11, 十二: 12, 腊: 12 };
const DAY_WORDS = '初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|十[一二三四五六七八九]?|[一二三四五六七八九]';
export const LUNAR_DATE_RE = new RegExp(`(农历|阴历)?(闰)?(十[一二]|[正一二三四五六七八九十冬腊])月(${DAY_WORDS})(?![日号月])|大年(初[一二三四五六七八九十]|三十)`, 'uy');
const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function dayNumber(w: string): number {
  if (w.startsWith('初')) return DIGITS[w[1]];
  if (w.startsWith('廿')) return 20 + DIGITS[w[1]];
  if (w === '三十') return 30;
  if (w.startsWith('二十')) return 20 + (w.length > 2 ? DIGITS[w[2]] : 0);
  if (w.startsWith('十')) return 10 + (w.length > 1 ? DIGITS[w[1]] : 0);
  return DIGITS[w];
}

export interface LunarDate {
  end: number;
  /** The Gregorian day (2026-11-17), or XXXX-XX-XX when it cannot be told. */
  value: string;
  /** How it was read, for the hover. */
  resolution?: string;
}

/** The lunar date written at p, or undefined. */
export function parseLunarDate(text: string, p: number, anchor: Anchor | undefined): LunarDate | undefined {
  LUNAR_DATE_RE.lastIndex = p;
  const r = LUNAR_DATE_RE.exec(text);
  if (!r) return undefined;
  const [all, calendar, leap, monthWord, dayWord, newYearDay] = r;
  const month = newYearDay ? 1 : MONTHS[monthWord];
  const day = newYearDay ? (newYearDay === '三十' ? 30 : dayNumber(newYearDay)) : dayNumber(dayWord);
  // 大年三十 is the last day of the twelfth month, whatever its length.
  const eve = newYearDay === '三十';
  const marked = calendar || leap || newYearDay || /^[正冬腊]$/.test(monthWord) || /^[初廿]/.test(dayWord);
  if (!marked) return undefined;
  const end = p + all.length;
  if (anchor?.year === undefined || anchor.month === undefined || anchor.day === undefined) return { end, value: 'XXXX-XX-XX' };
  const year = Solar.fromYmd(anchor.year, anchor.month, anchor.day).getLunar().getYear();
  try {
    const solar = eve ? Lunar.fromYmd(year + 1, 1, 1).getSolar().next(-1) : Lunar.fromYmd(year, leap ? -month : month, day).getSolar();
    const value = solar.toYmd();
    return { end, value, resolution: `${all} → ${value}, in the lunar year of ${anchor.source} ${anchor.year}-${String(anchor.month).padStart(2, '0')}-${String(anchor.day).padStart(2, '0')}` };
  } catch {
    // A day the month does not have (三十 of a short month), or a leap month that year lacks.
    return { end, value: 'XXXX-XX-XX' };
  }
}

/** Festivals of the Chinese calendar: their lunar month and day (0 for the eve of the new year). */
const FESTIVALS: Record<string, [number, number]> = { 春节: [1, 1], 元宵节: [1, 15], 端午节: [5, 5], 七夕: [7, 7], 中秋节: [8, 15], 重阳节: [9, 9], 除夕: [0, 0] };

/**
 * The Gregorian day of a festival of the Chinese calendar in a Gregorian year (中秋节 of 2026 is
 * 2026-09-25; 除夕 is the eve of that year's 春节), or undefined for another word.
 */
export function lunarFestival(word: string, year: number): string | undefined {
  const md = FESTIVALS[word];
  if (!md) return undefined;
  if (md[0] === 0) return Lunar.fromYmd(year, 1, 1).getSolar().next(-1).toYmd();
  return Lunar.fromYmd(year, md[0], md[1]).getSolar().toYmd();
}
