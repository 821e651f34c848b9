import type { Entity } from '../types';
import { addDays, addMonths, anchorIso, isoDay, type Anchor } from './timex';

// 当天, 次日, 同年, 当月 … name a day, month or year by reference to the story, not to the date the
// article speaks from: "1949年10月1日，…。当天下午" is 1949-10-01, "11月20日…次日" the 21st,
// "2019年3月…同年8月" 2019-08. They take the date of the last mention before them that names one
// (TimeML's anaphoric anchoring; HeidelTime resolves news this way). A day word with no mention
// before it is the article's own day (当天下午 under a dateline), unless another month or year was
// named since (2019年8月…当天: a day of that month, which cannot be told); a month or year word
// with no mention before it stays unknown (当年 alone is as often "back then"). 昨天 and 明天 are
// the article's (timex.ts); they name a day too, so a 当天 after them is theirs.
// Only a mention that names its date is referred to: a bare 中午 or 晚上8点 is dated from the
// article (timex.ts), which says nothing of the story's day. A habit earlier in the sentence
// (每天…第二天) names no date at all, so the word is left unknown.
// A time of day that names no day (17时, 晚上) is dated from the article (timex.ts) unless a day
// was named earlier in its sentence: "26日上午10时（北京时间17时）" is the 26th at 17:00.
// This runs over the whole document once its chunks are analysed: the date a 当天 refers to may be
// several chunks up.

type Unit = 'day' | 'month' | 'year';
/** The unit each word names, and how many of them after the referred-to one. */
const WORDS: Record<string, [Unit, number]> = {
  当天: ['day', 0], 当日: ['day', 0], 同日: ['day', 0], 同一天: ['day', 0], 当晚: ['day', 0], 当夜: ['day', 0],
  次日: ['day', 1], 翌日: ['day', 1], 第二天: ['day', 1], 第二日: ['day', 1], 前一天: ['day', -1],
  当月: ['month', 0], 同月: ['month', 0], 次月: ['month', 1],
  同年: ['year', 0], 当年: ['year', 0], 次年: ['year', 1], 翌年: ['year', 1], 第二年: ['year', 1],
};
const WORD = new RegExp(`^(?:${Object.keys(WORDS).sort((a, b) => b.length - a.length).join('|')})`);
/** What a value left unknown for each unit starts with (同年8月 is XXXX-08). */
const UNKNOWN: Record<Unit, string> = { day: 'XXXX-XX-XX', month: 'XXXX-XX', year: 'XXXX' };
const DAY = /^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2})(?=$|T)/;
/** The day part of a time's value, known or not. */
const ANY_DAY = /^(?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)(?=$|T)/;
const MONTH = /^(\d{4}|XXXX)-(\d{2})(?=$|-\d|T)/;
const YEAR = /^(\d{4})(?=$|-|T)/;
/** A span that names its day: a calendar day (日, 号, 11/20), a day word (昨天, 今晚, 当夜), a weekday. */
const NAMES_DAY = /[日号]|(?<!白)天|星期|礼拜|周[一二三四五六日天末]|[今昨明当][晚早晨夜]|\d[-/.．]\d/;
const NAMES_MONTH = /月/;
const NAMES_YEAR = /[年季]/;
const HABIT = /每天|每日|每晚|每夜|天天|每逢|每月|每年/;

interface Ref {
  year?: number;
  month?: number;
  day?: number;
  /** What named it, for the hover: '11月20日' or the anchor's source. */
  from: string;
}

/**
 * Entities (in document order) with the values of anaphoric date words completed. Returns the
 * same array when none was completed.
 */
export function anchorAnaphoricDates(text: string, entities: Entity[], anchor: Anchor | undefined): Entity[] {
  const anchorDay: Ref | undefined = anchor?.month !== undefined && anchor.day !== undefined ? { year: anchor.year, month: anchor.month, day: anchor.day, from: `${anchor.source} ${anchorIso(anchor)}` } : undefined;
  const refs: Partial<Record<Unit, Ref>> = { day: anchorDay };
  // A month or year named after the last day (2019年3月…同年8月…当天) moves the story away from
  // that day: a day word then names a day of that month that cannot be told.
  let coarserSinceDay = false;
  /** Where the sentence of the mention of refs.day ends (-1 for the article's date). */
  let daySentenceEnd = -1;
  let out: Entity[] | undefined;
  for (let i = 0; i < entities.length; i++) {
    let e = entities[i];
    if ((e.label !== 'date' && e.label !== 'time') || typeof e.value !== 'string') continue;
    const said = e.simplified ?? e.text;
    const word = WORD.exec(said)?.[0];
    if (word && !(word === '当年' && said.length === 2) && !habitBefore(text, e.start) && !(WORDS[word][0] === 'day' && coarserSinceDay)) {
      const [unit, k] = WORDS[word];
      const ref = refs[unit];
      const known = ref && resolve(unit, ref, k);
      if (known && e.value.startsWith(UNKNOWN[unit])) {
        e = { ...e, value: known + e.value.slice(UNKNOWN[unit].length), resolution: `${word} → ${known}, from ${ref!.from}` };
        (out ??= entities.slice())[i] = e;
      }
    } else if (e.label === 'time' && e.start < daySentenceEnd && !NAMES_DAY.test(said)) {
      const m = ANY_DAY.exec(e.value);
      const day = refs.day && resolve('day', refs.day, 0);
      if (m && day && m[0] !== day) {
        e = { ...e, value: day + e.value.slice(m[0].length), resolution: `${e.text} → ${day}, the day of ${refs.day!.from} before it` };
        (out ??= entities.slice())[i] = e;
      }
    }
    const before = { ...refs };
    remember(refs, e.value as string, said, e.text);
    if (refs.day !== before.day) {
      daySentenceEnd = sentenceEnd(text, e.end);
      coarserSinceDay = false;
    } else if (refs.month !== before.month || refs.year !== before.year) {
      // 今年 or 本月 in an article of that year or month keeps its day.
      const d = refs.day;
      const other = (r: Ref | undefined, was: Ref | undefined) => r !== was && r !== undefined && (d === undefined || r.year !== d.year || (r.month !== undefined && r.month !== d.month));
      if (other(refs.month, before.month) || other(refs.year, before.year)) coarserSinceDay = true;
    }
  }
  return out ?? entities;
}

/** The date `k` units after the referred-to one, in the unit's ISO form, or undefined when it cannot be told. */
function resolve(unit: Unit, ref: Ref, k: number): string | undefined {
  if (unit === 'year') return ref.year === undefined ? undefined : String(ref.year + k).padStart(4, '0');
  if (unit === 'month') return ref.month === undefined ? undefined : isoDay(...addMonths(ref.year, ref.month, k), undefined);
  if (ref.day === undefined) return undefined;
  // The 26th of an unknown month is still the 26th (XXXX-XX-26), but not the day after it.
  if (ref.month === undefined) return k === 0 ? `XXXX-XX-${String(ref.day).padStart(2, '0')}` : undefined;
  const day = addDays(ref.year, ref.month, ref.day, k);
  return day && isoDay(...day);
}

/** Takes a mention's date as what later words refer to, for each unit it names. */
function remember(refs: Partial<Record<Unit, Ref>>, value: string, said: string, from: string): void {
  const namesDay = NAMES_DAY.test(said);
  const namesMonth = namesDay || NAMES_MONTH.test(said);
  const year = (y: string) => (y === 'XXXX' ? undefined : Number(y));
  let m: RegExpExecArray | null;
  if (namesDay && (m = DAY.exec(value))) refs.day = { year: year(m[1]), month: m[2] === 'XX' ? undefined : Number(m[2]), day: Number(m[3]), from };
  if (namesMonth && (m = MONTH.exec(value))) refs.month = { year: year(m[1]), month: Number(m[2]), from };
  if ((namesMonth || NAMES_YEAR.test(said)) && (m = YEAR.exec(value))) refs.year = { year: Number(m[1]), from };
}

/**
 * Where the sentence around `at` ends (at most SENTENCE_REACH characters on: a text without
 * punctuation is not scanned to its end for every time in it).
 */
function sentenceEnd(text: string, at: number): number {
  const stop = Math.min(text.length, at + SENTENCE_REACH);
  for (let i = at; i < stop; i++) if (SENTENCE_END.has(text.charCodeAt(i))) return i;
  return stop;
}

/** Whether the sentence before `at` (at most SENTENCE_REACH characters of it) speaks of a habit. */
function habitBefore(text: string, at: number): boolean {
  let from = at;
  while (from > 0 && at - from < SENTENCE_REACH && !SENTENCE_END.has(text.charCodeAt(from - 1))) from--;
  return HABIT.test(text.slice(from, at));
}
const SENTENCE_END = new Set([...'。！？!?\n'].map((c) => c.charCodeAt(0)));
const SENTENCE_REACH = 300;
