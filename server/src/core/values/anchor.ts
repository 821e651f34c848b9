import type { Anchor } from './timex';
import { parseNumeral } from './numerals';
import { toSimplifiedText } from '../simplify';

// The article's own date, read from where news puts it: a dateline opening the story
// ('新华社北京9月14日电', '本报讯…', '新浪体育讯 北京时间9月14日'), or a date line under the title
// ('2020-09-14 08:35', '2020年09月14日 来源：…', '发布时间：2020-09-14'). A year mentioned
// in the story is never used: it is as likely to be a past event's.

const HEAD_CHARS = 1500;
const MON = '(1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]?|[一二三四五六七八九])';
const DAY = '(3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９]|三十一?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九])';
const YEAR = '([12][0-9]{3}|[１２][０-９]{3}|[一二][〇零一二三四五六七八九]{3})';
// '新华社北京9月14日电', '中新网上海9月14日电（记者 …）', '本报北京2020年9月14日讯'.
const DATELINE_RE = new RegExp(`(?:社|网|报|台|站|讯)[^\\n。！？]{0,16}?(?:${YEAR}年)?${MON}月${DAY}日(?:电|讯)`, 'u');
// Taiwan's wire writes the day alone: '中央社台北28日電'. Only a date from elsewhere gives its month.
const DAY_DATELINE_RE = new RegExp(`(?:社|网|报)[^\\n。！？\\d]{0,12}?${DAY}日(?:电|讯)`, 'u');
const BEIJING_TIME_RE = new RegExp(`北京时间\\s*(?:${YEAR}年)?${MON}月${DAY}日`, 'u');
// A full date on a short line near the top, as CMS pages print it under the title. A line that
// ends a sentence is the story's ('1949年10月1日，中华人民共和国成立。'), not a date line ('来源：人民网,
// 作者：…' may have commas).
const DATE_LINE_RE = /^[^\n。！？]{0,30}?((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?![\d])[^\n。！？]{0,60}$/mu;
const PUBLISHED_RE = /(?:发布|发表|更新|刊发|出版)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u;

const n = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const v = parseNumeral(s);
  return typeof v === 'number' ? v : undefined;
};

function year(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const digits = [...s].map((c) => ('〇零'.includes(c) ? '0' : /[０-９]/.test(c) ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : /\d/.test(c) ? c : String('〇一二三四五六七八九'.indexOf(c)))).join('');
  const v = Number(digits);
  return v >= 1900 && v <= 2200 ? v : undefined;
}

const valid = (m: number | undefined, d: number | undefined): boolean => m !== undefined && d !== undefined && m >= 1 && m <= 12 && d >= 1 && d <= 31;

/**
 * The article's date. fallback (a setting or the file's date, 'YYYY-MM-DD') completes a dateline
 * without a year and stands in when the text has no date of its own; without one such a dateline
 * gives a date without its year.
 */
export function findAnchor(text: string, fallback?: { date: string; source: string }): Anchor | undefined {
  // The patterns are written in simplified characters: 新華社北京11月26日電 is a dateline too.
  const head = toSimplifiedText(text.slice(0, HEAD_CHARS));
  // The date printed near the title (or a labelled publication date) gives the year.
  const published = PUBLISHED_RE.exec(head) ?? DATE_LINE_RE.exec(head.split('\n').slice(0, 8).join('\n'));
  const line = published ? { year: Number(published[1]), month: Number(published[2]), day: Number(published[3]) } : undefined;
  const lineOk = line && line.year >= 1900 && valid(line.month, line.day);
  const fb = fallback && /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(fallback.date);

  // A dateline without a year (新华社北京11月26日电), with nothing else to give one.
  let yearless: Anchor | undefined;
  for (const re of [DATELINE_RE, BEIJING_TIME_RE]) {
    const m = re.exec(head);
    if (!m) continue;
    const [mo, d] = [n(m[2]), n(m[3])];
    if (!valid(mo, d)) continue;
    const y = year(m[1]) ?? (lineOk ? line!.year : undefined) ?? (fb ? Number(fb[1]) : undefined);
    if (y === undefined) {
      yearless ??= { month: mo, day: d, source: 'the dateline' };
      continue;
    }
    const source = m[1] ? 'the dateline' : lineOk ? 'the dateline (year from the date line)' : `the dateline (year from ${fallback!.source})`;
    return { year: y, month: mo, day: d, source };
  }
  // A day-only dateline dates the article within the month of the date line or the fallback: the
  // last such day on or before it (28日 with a file dated 2 December is 28 November).
  const dayOnly = DAY_DATELINE_RE.exec(head);
  const within = lineOk ? line! : fb && fb[2] ? { year: Number(fb[1]), month: Number(fb[2]), day: fb[3] ? Number(fb[3]) : 31 } : undefined;
  const d = dayOnly ? n(dayOnly[1]) : undefined;
  if (within && d !== undefined && d >= 1 && d <= 31) {
    const t = new Date(Date.UTC(within.year, within.month - (d > within.day ? 2 : 1), d));
    const source = lineOk ? 'the dateline (month from the date line)' : `the dateline (month from ${fallback!.source})`;
    if (t.getUTCDate() === d) return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: d, source };
  }
  if (lineOk) return { ...line!, source: PUBLISHED_RE.test(head) ? 'the publication date' : 'the date line' };
  if (fb) {
    return { year: Number(fb[1]), month: fb[2] ? Number(fb[2]) : undefined, day: fb[3] ? Number(fb[3]) : undefined, source: fallback!.source };
  }
  // Days and months still resolve from it (昨天 → XXXX-11-25); years, weekdays and centuries do not.
  return yearless;
}
