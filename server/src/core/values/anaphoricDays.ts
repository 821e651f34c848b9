import type { Entity } from '../types';
import { addDays, anchorIso, type Anchor } from './timex';

// 当天, 次日, 前一天 … name a day by reference to the story, not to the day the article speaks from:
// "1949年10月1日，…。当天下午" is 1949-10-01, "11月20日…次日" the 21st. They take the day of the
// last date before them that names one (TimeML's anaphoric anchoring; HeidelTime resolves news
// this way), and the article's own date when none comes before. 昨天 and 明天 are the article's
// (timex.ts); they name a day too, so a 当天 after them is theirs.
// Only a mention that names a day is referred to: a bare 中午 or 晚上8点 is dated from the article
// (timex.ts), which says nothing of the story's day. A habit between the two (每天…第二天) names no
// day at all, so the word is left unknown.
// This runs over the whole document once its chunks are analysed: the day a 当天 refers to may be
// several chunks up.

/** How many days after the referred-to day each word names. */
const OFFSET: Record<string, number> = { 当天: 0, 当日: 0, 同日: 0, 同一天: 0, 当晚: 0, 当夜: 0, 次日: 1, 翌日: 1, 第二天: 1, 第二日: 1, 前一天: -1 };
const WORD = new RegExp(`^(?:${Object.keys(OFFSET).sort((a, b) => b.length - a.length).join('|')})`);
/** A value that names one day (its year may be unknown), with what follows the day (a time). */
const DAY = /^(\d{4}|XXXX)-(\d{2})-(\d{2})(?=$|T)/;
const UNKNOWN_DAY = 'XXXX-XX-XX';
/** A span that names its day: a calendar day (日, 号, 11/20), a day word (昨天, 今晚, 当夜), a weekday. */
const NAMES_DAY = /[日号]|(?<!白)天|星期|礼拜|周[一二三四五六日天末]|[今昨明当][晚早晨夜]|\d[-/.．]\d/;
const HABIT = /每天|每日|每晚|每夜|天天|每逢/;

interface Day {
  year?: number;
  month: number;
  day: number;
  /** What named it, for the hover: '11月20日' or the anchor's source. */
  from: string;
}

/**
 * Entities (in document order) with the values of anaphoric day words completed. Returns the
 * same array when none was completed.
 */
export function anchorAnaphoricDays(text: string, entities: Entity[], anchor: Anchor | undefined): Entity[] {
  let ref: Day | undefined = anchor?.month !== undefined && anchor.day !== undefined ? { year: anchor.year, month: anchor.month, day: anchor.day, from: `${anchor.source} ${anchorIso(anchor)}` } : undefined;
  let out: Entity[] | undefined;
  for (let i = 0; i < entities.length; i++) {
    let e = entities[i];
    if ((e.label !== 'date' && e.label !== 'time') || typeof e.value !== 'string') continue;
    if (e.value.startsWith(UNKNOWN_DAY)) {
      const word = WORD.exec(e.simplified ?? e.text)?.[0];
      const day = word && ref ? addDays(ref.year, ref.month, ref.day, OFFSET[word]) : undefined;
      if (!word || !ref || !day || habitBefore(text, e.start)) continue;
      const iso = anchorIso({ year: day[0], month: day[1], day: day[2], source: '' });
      e = { ...e, value: iso + e.value.slice(UNKNOWN_DAY.length), resolution: `${word} → ${iso}, from ${ref.from}` };
      (out ??= entities.slice())[i] = e;
    }
    const m = NAMES_DAY.test(e.simplified ?? e.text) ? DAY.exec(e.value as string) : null;
    if (!m) continue;
    ref = { year: m[1] === 'XXXX' ? undefined : Number(m[1]), month: Number(m[2]), day: Number(m[3]), from: e.text };
  }
  return out ?? entities;
}

/** Whether the sentence before `at` speaks of a habit. */
function habitBefore(text: string, at: number): boolean {
  let from = at;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from--;
  return HABIT.test(text.slice(from, at));
}
const SENTENCE_END = /[。！？!?\n]/;
