import type { Entity, EntityLabel, Token } from '../types';
import { BRANDS, TEAMS, TEAMS_WITH_DUI } from './knownOrganizations';
import { endsLikeNoun } from './nounHeads';
import { entity } from './spans';
import { tokenWith } from './tokenSearch';
import { buildMatcher } from './wordMatcher';
import { JOINERS, MAX_NAME_PART, TRANSLIT_CODES } from '../transliteration';

// Corrections applied to the merged model + rule names: what neither the model nor the word-list
// rules get right on their own.

const NAME_LABELS = new Set(['person', 'location', 'organization']);

// A team name takes the 队 after it (湖人队 is one organisation).
const BRAND_MATCHER = buildMatcher([...BRANDS, ...TEAMS, ...[...TEAMS, ...TEAMS_WITH_DUI].map((t) => `${t}队`)]);

/**
 * Heads of place and organisation names that name no particular one when they stand alone: 公司
 * in 公司第三季营收 is no name. Heads that are names of their own in Chinese news (人大, 政协,
 * 国会, 特区, 常委会) are not in this list.
 */
const GENERIC_HEADS = new Set(
  '公司 集团 政府 银行 大学 学院 中学 小学 医院 中心 协会 学会 研究所 研究院 基金会 办公室 俱乐部 法院 检察院 电视台 出版社 报社 地区 开发区 新区'.split(' '),
);

/**
 * The sun and the moon are no places to a reader (晒太阳 is sunbathing), though MSRA's training text
 * tags them LOC in every use, 太阳能 and 太阳伞 included, and the model learned it; Weibo's and
 * CLUENER's annotators leave them out. Longer names that start with them (太阳岛) stay.
 */
const SKY_WORDS = new Set(['太阳', '月亮']);

/**
 * 0. A place or organisation span that is only a generic head word (公司, 政府) is dropped, and a
 *    place that is only the sun or the moon.
 * 1. A person span that ends like a common noun (季后赛) is dropped.
 * 2. Listed teams and companies (knownOrganizations.ts) are organisations, replacing whatever name
 *    spans they overlap (肯德基 as a person), where they do not cut through a jieba word.
 * 3. Parts of a transliterated name joined by - or · become one person.
 * 4. A person that took the first character of a function word after it (王俏立|即) gives it back.
 * 5. A Latin name in brackets right after a name is the same entity's other name, with its label:
 *    国际货币基金组织（IMF）, 沃尔贝克（Gertjan Verbeek）.
 */
export function correctNames(text: string, tokens: readonly Token[], entities: readonly Entity[]): Entity[] {
  let out = entities
    .filter((e) => !namesNothing(text, tokens, e))
    .map((e) => (e.label === 'person' ? giveBackFunctionWord(text, tokens, e) : e));
  out = applyKnownOrganizations(text, tokens, out);
  out = joinTransliteratedNames(text, out);
  return addBracketedAliases(text, out);
}

function namesNothing(text: string, tokens: readonly Token[], e: Entity): boolean {
  if (e.label === 'person') return endsLikeNoun(text, tokens, e.start, e.end);
  if (e.label === 'location' && SKY_WORDS.has(e.text)) return true;
  return (e.label === 'organization' || e.label === 'location') && GENERIC_HEADS.has(e.text);
}

/** `（IMF）` or `(Gertjan Verbeek)`: letters first, then letters, digits, spaces, `&`, `.`, `'` or `-`. */
const BRACKETED_LATIN = /[（(]([A-Za-z][A-Za-z0-9&.' -]{0,38}[A-Za-z0-9.])[）)]/y;

function addBracketedAliases(text: string, entities: Entity[]): Entity[] {
  let out: Entity[] | undefined;
  for (const e of entities) {
    if (!NAME_LABELS.has(e.label)) continue;
    BRACKETED_LATIN.lastIndex = e.end;
    const m = BRACKETED_LATIN.exec(text);
    if (!m) continue;
    const start = e.end + 1;
    const end = start + m[1].length;
    if (entities.some((o) => o.start < end && start < o.end)) continue;
    (out ??= [...entities]).push(entity(text, start, end, e.label as EntityLabel, 'rule'));
  }
  return out ? out.sort((a, b) => a.start - b.start || b.end - a.end) : entities;
}

/**
 * Adverbs, conjunctions and prepositions (jieba's d, c, p): a word of these that starts on a
 * person's last character and runs past it (立即, 并且, 对于) belongs to the sentence, not the name.
 * Names keep at least two characters.
 */
const FUNCTION_TAGS = new Set(['d', 'c', 'p']);

function giveBackFunctionWord(text: string, tokens: readonly Token[], e: Entity): Entity {
  if (e.end - e.start < 3) return e;
  const t = tokenWith(tokens, 'start', e.end - 1);
  if (!t || t.end <= e.end || !FUNCTION_TAGS.has(t.tag)) return e;
  return { ...e, end: e.end - 1, text: text.slice(e.start, e.end - 1) };
}

function applyKnownOrganizations(text: string, tokens: readonly Token[], entities: Entity[]): Entity[] {
  const hits = BRAND_MATCHER(text).filter((h) => alignsWithWords(tokens, h.start, h.end));
  if (hits.length === 0) return entities;
  const out = [...entities];
  for (const h of hits) {
    const overlapping = out.filter((e) => e.start < h.end && h.start < e.end);
    // A longer organisation around the hit (中国银行北京分行) or a title or date is kept.
    if (overlapping.some((e) => !NAME_LABELS.has(e.label) || (e.label === 'organization' && e.start <= h.start && e.end >= h.end))) continue;
    for (const e of overlapping) out.splice(out.indexOf(e), 1);
    out.push(entity(text, h.start, h.end, 'organization', 'dictionary'));
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * What may follow a listed name inside one jieba word: 队 (湖人队) and the dispatch mark of a
 * dateline, 讯 (新浪体育讯, which jieba reads as 新浪 | 体育讯).
 */
const WORD_TAILS = new Set(['队', '讯']);

/**
 * Whether [start, end) does not cut a jieba word in two: 湖人 in 洞庭湖人民 does (洞庭湖 | 人民).
 * An end inside a word is allowed when the rest of it is a WORD_TAILS mark.
 */
function alignsWithWords(tokens: readonly Token[], start: number, end: number): boolean {
  for (const t of tokens) {
    if (t.end <= start || t.start >= end) continue;
    if (t.start < start) return false;
    if (t.end > end && !WORD_TAILS.has(t.word.slice(end - t.start))) return false;
  }
  return true;
}

function joinTransliteratedNames(text: string, entities: Entity[]): Entity[] {
  let out = entities;
  // Repeated so that a chain joins whichever part the model found (让-克洛德-范达姆: only 范达姆).
  for (let changed = true; changed; ) {
    changed = false;
    for (let j = 1; j < text.length - 1; j++) {
      if (!JOINERS.has(text.charCodeAt(j))) continue;
      const left = out.find((e) => e.label === 'person' && e.end === j);
      const right = out.find((e) => e.label === 'person' && e.start === j + 1);
      const leftRun = runBack(text, j);
      const rightRun = runForward(text, j + 1);
      // One side must already be a person: two runs of transcription characters alone may be places
      // (巴西·里约) or anything else.
      if (!left && !right) continue;
      // The model's boundary of a part, where it has one, beats the run's.
      const start = left ? left.start : leftRun;
      const end = right ? right.end : rightRun;
      if (start === j || end === j + 1) continue;
      const overlapping = out.filter((e) => e.start < end && start < e.end);
      if (overlapping.some((e) => !NAME_LABELS.has(e.label) || e.start < start || e.end > end)) continue;
      out = out.filter((e) => !overlapping.includes(e));
      out.push(entity(text, start, end, 'person', 'rule'));
      out.sort((a, b) => a.start - b.start || b.end - a.end);
      changed = true;
    }
  }
  return out;
}

/** Start of the run of transcription characters ending at `end` (end itself when there is none). */
function runBack(text: string, end: number): number {
  let i = end;
  while (i > 0 && end - i < MAX_NAME_PART && TRANSLIT_CODES.has(text.charCodeAt(i - 1))) i--;
  return i;
}

function runForward(text: string, start: number): number {
  let i = start;
  while (i < text.length && i - start < MAX_NAME_PART && TRANSLIT_CODES.has(text.charCodeAt(i))) i++;
  return i;
}
