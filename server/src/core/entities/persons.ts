import type { Entity, Token } from '../types';
import { byFirstCode, byLastCode, codeSet, isHan, isHanCode, isSurrogate } from './chars';
import { entity, TokenIndex } from './spans';
import { PLACE_NAME_SET, COMPOUND_SURNAME_SET, NOT_IN_GIVEN_NAME, SINGLE_SURNAME_SET, TITLES_AFTER, TITLES_BEFORE, WEAK_TITLES_BEFORE } from './wordLists';

// Persons: surname + 1–2 character given name, kept only when the context confirms it —
// a title before (局长王俏, 记者 宋红胜, 终审:何晓波) or after (蒲建宇同志, …说), an organisation
// right before (市文联梁政权), jieba's nr tag on the whole word, or a byline list
// (丁晓东 赵永莉 特约记者吴传贤). jieba tags most unknown names x, so the tag alone is not enough.
// A name confirmed once is a name everywhere in the text.

const NAME_TAGS = new Set(['nr', 'nrfg', 'nrt', 'x']);
// Tags a surname token may carry when jieba splits the name (蒲/nr 建宇/n, 刘/zg 偦/zg).
const SURNAME_TOKEN_TAGS = new Set(['nr', 'nrfg', 'nrt', 'x', 'zg', 'ng']);
const FUNCTION_TAGS = new Set(['p', 'c', 'u', 'uj', 'ul', 'uz', 'uv', 'ud', 'ug', 'r', 'd', 'm', 'q', 'f', 'y', 'e', 'o', 't']);
const BEFORE = byLastCode(TITLES_BEFORE);
const WEAK_BEFORE = byLastCode(WEAK_TITLES_BEFORE);
const AFTER = byFirstCode(TITLES_AFTER);
const SINGLE_SURNAME_CODES = codeSet(SINGLE_SURNAME_SET);
const COMPOUND_SURNAME_FIRST = codeSet([...COMPOUND_SURNAME_SET].map((s) => s[0]));
const NOT_IN_GIVEN_NAME_CODES = codeSet(NOT_IN_GIVEN_NAME);
// What a list gap must start with: LIST_SEPARATORS characters.
const LIST_GAP_START = codeSet(' \u3000、');
const LIST_SEPARATORS = /^[ \u3000、]+$/;
// Byline roles between listed names: 丁晓东 赵永莉 特约记者吴传贤.
const BYLINE_ROLES = ['特约记者', '见习记者', '记者', '通讯员', '摄影', '实习生'];
const isListGap = (gap: string): boolean => {
  const role = BYLINE_ROLES.find((r) => gap.trimEnd().endsWith(r));
  const rest = role ? gap.trimEnd().slice(0, -role.length) : gap;
  return LIST_SEPARATORS.test(rest) && (role === undefined || rest.length > 0);
};

interface Candidate {
  start: number;
  end: number;
  tagged: boolean; // jieba tagged the whole candidate as a person name
  unknown: boolean; // one word jieba does not know (tag x)
}

export function recognizePersons(text: string, tokens: readonly Token[], organizations: readonly Entity[], places: readonly Entity[]): Entity[] {
  const index = new TokenIndex(tokens);
  // Span keys start * (length + 1) + end are unique for spans within the text.
  const width = text.length + 1;
  const placeSpans = new Set<number | string>(places.map((p) => spanKey(p.start, p.end, width)));
  const orgEnds = new Set(organizations.map((o) => o.end));
  const candidates = findCandidates(text, index).filter(
    (c) => !placeSpans.has(spanKey(c.start, c.end, width)) && !PLACE_NAME_SET.has(text.slice(c.start, c.end)),
  );

  const confirmed = new Map<number, Candidate>();
  // Confirmed names followed by a separator: only they can be the left neighbour in a list.
  const leftNeighbours: Candidate[] = [];
  const confirm = (c: Candidate): void => {
    confirmed.set(c.start, c);
    if (LIST_GAP_START.has(text.charCodeAt(c.end))) leftNeighbours.push(c);
  };
  for (const c of candidates) {
    if (c.tagged || orgEnds.has(c.start) || titleBefore(text, c) || titleAfter(text, c.end)) confirm(c);
  }
  // Byline lists: a candidate next to a confirmed name with only spaces or 、 between.
  for (let changed = confirmed.size > 0; changed; ) {
    changed = false;
    for (const c of candidates) {
      if (confirmed.has(c.start)) continue;
      let neighbour = leftNeighbours.some((d) => d.end <= c.start && isListGap(text.slice(d.end, c.start)));
      if (!neighbour && LIST_GAP_START.has(text.charCodeAt(c.end))) {
        for (const d of confirmed.values()) {
          if (c.end <= d.start && isListGap(text.slice(c.end, d.start))) {
            neighbour = true;
            break;
          }
        }
      }
      if (neighbour) {
        confirm(c);
        changed = true;
      }
    }
  }
  const out = [...confirmed.values()].map((c) => entity(text, c.start, c.end, 'person', c.tagged ? 'tagger' : 'rule'));
  // Propagate confirmed names; two-character names only where jieba ends a word there.
  const names = new Set(out.map((e) => e.text));
  const byStart = new Map(candidates.map((c) => [c.start, c]));
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (confirmed.has(at)) continue;
      if (name.length < 3 && !index.ends.has(end)) continue;
      if (name.length >= 3 && isHan(text[end]) && (byStart.get(at)?.end ?? -Infinity) > end) continue;
      out.push(entity(text, at, end, 'person', 'rule'));
    }
  }
  return out;
}

const spanKey = (start: number, end: number, width: number): number | string =>
  Number.isInteger(start) && Number.isSafeInteger(start * width + end) && end >= 0 && end < width && Number.isInteger(end) ? start * width + end : `${start}:${end}`;

function findCandidates(text: string, index: TokenIndex): Candidate[] {
  const out: Candidate[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    let surnameLen = 0;
    if (COMPOUND_SURNAME_FIRST.has(code) && COMPOUND_SURNAME_SET.has(text.slice(i, i + 2))) surnameLen = 2;
    else if (SINGLE_SURNAME_CODES.has(code)) surnameLen = 1;
    if (surnameLen === 0) continue;
    for (let givenLen = 2; givenLen >= 1; givenLen--) {
      const end = i + surnameLen + givenLen;
      if (end > n || !index.ends.has(end) || !givenNameChars(text, i + surnameLen, end)) continue;
      const c = checkTokens(i, end, index);
      if (c) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}

// Every character of text[from, to) is Han and may occur in a given name.
function givenNameChars(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    if (isSurrogate(code)) {
      // An astral character counts as one character, as a code point iteration sees it.
      return [...text.slice(from, to)].every((ch) => isHan(ch) && !NOT_IN_GIVEN_NAME.has(ch));
    }
    if (!isHanCode(code) || NOT_IN_GIVEN_NAME_CODES.has(code)) return false;
  }
  return true;
}

// The candidate must fit jieba's segmentation: one name-tagged word, or a surname word plus
// given-name words without function words, or a surname glued to an unknown word (组尹|正秋).
function checkTokens(start: number, end: number, index: TokenIndex): Candidate | undefined {
  const first = index.covering(start);
  if (!first) return undefined;
  if (first.start === start && first.end === end) {
    if (!NAME_TAGS.has(first.tag)) return undefined;
    // jieba's nr on two-character words is unreliable (安保, 张贴, 娄底 are nr): context decides.
    return { start, end, tagged: first.tag === 'nrfg' || (first.tag !== 'x' && end - start >= 3), unknown: first.tag === 'x' };
  }
  if (first.start < start && first.tag !== 'x') return undefined;
  if (first.start === start && first.end > end) return undefined;
  if (first.start === start && !SURNAME_TOKEN_TAGS.has(first.tag) && first.end - first.start === 1) return undefined;
  const rest = index.inside(first.end, end);
  if (rest.length === 0 || rest.some((t) => FUNCTION_TAGS.has(t.tag))) return undefined;
  if (first.start === start && first.end - start > 1 && !NAME_TAGS.has(first.tag) && first.tag !== 'ns') return undefined;
  return { start, end, tagged: false, unknown: false };
}

function titleBefore(text: string, c: Candidate): boolean {
  const before = text.slice(Math.max(0, c.start - 8), c.start).replace(/[ \u3000:：]+$/, '');
  if (endsWithAny(before, BEFORE)) return true;
  const strongShape = c.end - c.start >= 3 || (c.unknown && /^[\p{P}\s]/u.test(text[c.end] ?? '.'));
  return strongShape && endsWithAny(before, WEAK_BEFORE);
}

function endsWithAny(s: string, groups: Map<number, string[]>): boolean {
  const group = groups.get(s.charCodeAt(s.length - 1));
  return group !== undefined && group.some((t) => s.endsWith(t));
}

function titleAfter(text: string, end: number): boolean {
  // The original window was text.slice(end, end + 4); no title is longer than that.
  const group = AFTER.get(text.charCodeAt(end));
  return group !== undefined && group.some((t) => t.length <= 4 && text.startsWith(t, end));
}
