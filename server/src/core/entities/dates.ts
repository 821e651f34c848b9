import type { Entity } from '../types';
import { parseChineseNumber } from './chineseNumber';
import { entity } from './spans';

// Dates and clock times. Values are ISO 8601 strings: '2022-09-16', '--09-14' when the year is
// unknown, '2022-09' / '--03' for a month, '2022' for a year; times are 'HH:MM[:SS]', and a
// date directly followed by a time becomes ONE time span valued '2022-09-15T12:00'.

const CN_D = '〇零一二三四五六七八九';
const YEAR = `(\\d{4}|[${CN_D}]{4})年`;
const MONTH = `(\\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?`;
const DAY = `(\\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]`;
const DATE_RE = new RegExp(`(?<![\\d${CN_D}十])(?:(?:${YEAR})?${MONTH}(?:${DAY})?|${YEAR})`, 'gu');
const NUMERIC_DATE_RE =
  /(?<![\d./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:[ T]+|日)(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?![\d:])/g;

const PERIODS = ['凌晨', '清晨', '早晨', '早上', '上午', '中午', '午间', '下午', '傍晚', '晚上', '晚间', '夜间', '夜里', '深夜', '半夜', '午夜', '晚', '早', '夜'];
const PERIOD_ALT = PERIODS.join('|');
const HOUR = `\\d{1,2}|[零一二三四五六七八九十两]{1,3}`;
const MINUTE = `\\d{1,2}|[零一二三四五六七八九十]{1,3}`;
// 时 followed by these is a word (时间, 时期 …), not o'clock.
const TIME_RE = new RegExp(
  `(?<![\\d${CN_D}十两])(${PERIOD_ALT})?(${HOUR})(时(?![间期代候刻节常段效机势速空光])|点)(?:(${MINUTE})分|(半)|(整))?(?:(\\d{1,2})秒)?`,
  'gu',
);
const CLOCK_RE = new RegExp(`(?<![\\d:.])(${PERIOD_ALT})?(\\d{1,2})[:：](\\d{2})(?::(\\d{2}))?(?![\\d:])`, 'gu');

interface Dated {
  start: number;
  end: number;
  iso: string; // date part of the value
  day: boolean; // has a day, so a following time can attach to it
}

export function recognizeDatesAndTimes(text: string, year: number | undefined): Entity[] {
  const dates = findDates(text, year);
  const out: Entity[] = [];
  const used = new Set<number>();
  const times = findTimes(text);
  for (const d of dates) {
    if (d.iso.includes('T')) {
      out.push(entity(text, d.start, d.end, 'time', 'rule', { value: d.iso }));
      continue;
    }
    // A time right after the date (optionally after one space) joins it: 9月15日12时.
    const gap = text[d.end] === ' ' ? 1 : 0;
    const t = d.day ? times.find((x) => x.start === d.end + gap && !used.has(x.start)) : undefined;
    if (t) {
      used.add(t.start);
      out.push(entity(text, d.start, t.end, 'time', 'rule', { value: `${d.iso}T${t.hhmm}` }));
      continue;
    }
    // A bare period word after the day stays in the date span: 9月14日晚.
    const period = d.day ? PERIODS.find((p) => text.startsWith(p, d.end)) : undefined;
    out.push(entity(text, d.start, d.end + (period?.length ?? 0), 'date', 'rule', { value: d.iso }));
  }
  for (const t of times) {
    if (dates.some((d) => d.start < t.end && t.start < d.end)) continue;
    if (!used.has(t.start) && (t.certain || dates.some((d) => d.end === t.start))) {
      out.push(entity(text, t.start, t.end, 'time', 'rule', { value: t.hhmm }));
    }
  }
  return out;
}

function findDates(text: string, ctxYear: number | undefined): Dated[] {
  const out: Dated[] = [];
  for (const m of text.matchAll(NUMERIC_DATE_RE)) {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (!validDate(y, mo, d)) continue;
    const iso = `${y}-${pad(mo)}-${pad(d)}`;
    if (m[5] !== undefined) {
      const h = Number(m[5]);
      const mi = Number(m[6]);
      if (h > 23 || mi > 59) continue;
      // A whole timestamp; its value already has the time part.
      out.push({ start: m.index!, end: m.index! + m[0].length, iso: `${iso}T${pad(h)}:${m[6]}${m[7] ? ':' + m[7] : ''}`, day: false });
    } else {
      out.push({ start: m.index!, end: m.index! + m[0].length, iso, day: true });
    }
  }
  for (const m of text.matchAll(DATE_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((o) => o.start < end && start < o.end)) continue;
    const yText = m[1] ?? m[4];
    const y = yText ? parseChineseNumber(yText) : undefined;
    const mo = m[2] ? parseChineseNumber(m[2]) : undefined;
    const d = m[3] ? parseChineseNumber(m[3]) : undefined;
    if (y !== undefined && (y < 1000 || y > 2200)) continue;
    if (mo !== undefined && (mo < 1 || mo > 12)) continue;
    if (d !== undefined && (d < 1 || d > 31)) continue;
    // An Arabic year alone must look like a year of this era; '300年' is a duration.
    if (mo === undefined && (y === undefined || y < 1900)) continue;
    const year = y ?? ctxYear;
    let iso: string;
    if (mo === undefined) iso = String(year);
    else if (d === undefined) iso = year !== undefined ? `${year}-${pad(mo)}` : `--${pad(mo)}`;
    else iso = year !== undefined ? `${year}-${pad(mo)}-${pad(d)}` : `--${pad(mo)}-${pad(d)}`;
    out.push({ start, end, iso, day: d !== undefined });
  }
  return out.sort((a, b) => a.start - b.start);
}

interface Timed {
  start: number;
  end: number;
  hhmm: string;
  /** False when only an adjacent date makes this a time (Chinese numerals, 'N点' alone). */
  certain: boolean;
}

function findTimes(text: string): Timed[] {
  const out: Timed[] = [];
  for (const m of text.matchAll(TIME_RE)) {
    const [, period, hText, marker, minText, half, , secText] = m;
    const h = parseChineseNumber(hText);
    const mi = half ? 30 : minText ? parseChineseNumber(minText) : 0;
    if (h === undefined || h > 24 || mi === undefined || mi > 59) continue;
    const arabic = /^\d/.test(hText);
    // '3点建议' and '一时' are not times; a period word, minutes or Arabic 时 make it one.
    const certain = period !== undefined || minText !== undefined || (arabic && marker === '时');
    const sec = secText ? `:${pad(Number(secText))}` : '';
    out.push({ start: m.index!, end: m.index! + m[0].length, hhmm: `${pad(adjustHour(h, period))}:${pad(mi)}${sec}`, certain });
  }
  for (const m of text.matchAll(CLOCK_RE)) {
    const h = Number(m[2]);
    const mi = Number(m[3]);
    if (h > 24 || mi > 59) continue;
    const start = m.index!;
    if (out.some((o) => o.start < start + m[0].length && start < o.end)) continue;
    out.push({ start, end: start + m[0].length, hhmm: `${pad(adjustHour(h, m[1]))}:${m[3]}${m[4] ? ':' + m[4] : ''}`, certain: true });
  }
  return out.sort((a, b) => a.start - b.start);
}

function adjustHour(h: number, period: string | undefined): number {
  if (!period) return h;
  if (/下午|傍晚|晚|夜间|夜里/.test(period) && h < 12) return h + 12;
  if (period === '中午' && h < 11) return h + 12;
  if (/深夜|半夜|午夜/.test(period)) return h === 12 ? 0 : h >= 6 && h < 12 ? h + 12 : h;
  if (period === '凌晨' && h === 12) return 0;
  return h;
}

function validDate(y: number, mo: number, d: number): boolean {
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const PUBLISHED_RE = /(?:发布|发表|更新|刊发)?(?:时间|日期)[:：]\s*(\d{4})[-/.年]/;
const YEAR_MENTION_RE = /(?<!\d)((?:19|20)\d{2})(?:年|[-/.]\d{1,2}[-/.]\d{1,2})/g;

/**
 * The article's year: a labelled publication date ('发布时间:2022-09-16') first, else the year
 * mentioned most often in dates (earliest on a tie), else undefined.
 */
export function inferArticleYear(text: string): number | undefined {
  const published = PUBLISHED_RE.exec(text);
  if (published) return Number(published[1]);
  const counts = new Map<number, number>();
  for (const m of text.matchAll(YEAR_MENTION_RE)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [y, n] of counts) if (best === undefined || n > counts.get(best)!) best = y;
  return best;
}
