import type { Entity, Token } from '../types';
import { entity, isHan, TokenIndex } from './spans';
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
const BEFORE = [...TITLES_BEFORE].sort((a, b) => b.length - a.length);
const WEAK_BEFORE = [...WEAK_TITLES_BEFORE].sort((a, b) => b.length - a.length);
const AFTER = [...TITLES_AFTER].sort((a, b) => b.length - a.length);
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
  const placeSpans = new Set(places.map((p) => `${p.start}:${p.end}`));
  const orgEnds = new Set(organizations.map((o) => o.end));
  const candidates = findCandidates(text, index).filter(
    (c) => !placeSpans.has(`${c.start}:${c.end}`) && !PLACE_NAME_SET.has(text.slice(c.start, c.end)),
  );

  const confirmed = new Map<number, Candidate>();
  for (const c of candidates) {
    if (c.tagged || orgEnds.has(c.start) || titleBefore(text, c) || titleAfter(text, c.end)) confirmed.set(c.start, c);
  }
  // Byline lists: a candidate next to a confirmed name with only spaces or 、 between.
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of candidates) {
      if (confirmed.has(c.start)) continue;
      const neighbour = [...confirmed.values()].some(
        (d) => (d.end <= c.start && isListGap(text.slice(d.end, c.start))) || (c.end <= d.start && isListGap(text.slice(c.end, d.start))),
      );
      if (neighbour) {
        confirmed.set(c.start, c);
        changed = true;
      }
    }
  }
  const out = [...confirmed.values()].map((c) => entity(text, c.start, c.end, 'person', c.tagged ? 'tagger' : 'rule'));
  // Propagate confirmed names; two-character names only where jieba ends a word there.
  const names = new Set(out.map((e) => e.text));
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (confirmed.has(at)) continue;
      if (name.length < 3 && !index.ends.has(end)) continue;
      if (isHan(text[end]) && name.length >= 3 && candidates.some((c) => c.start === at && c.end > end)) continue;
      out.push(entity(text, at, end, 'person', 'rule'));
    }
  }
  return out;
}

function findCandidates(text: string, index: TokenIndex): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < text.length; i++) {
    const two = text.slice(i, i + 2);
    const surnameLen = COMPOUND_SURNAME_SET.has(two) ? 2 : SINGLE_SURNAME_SET.has(text[i]) ? 1 : 0;
    if (surnameLen === 0) continue;
    for (const givenLen of [2, 1]) {
      const end = i + surnameLen + givenLen;
      const given = text.slice(i + surnameLen, end);
      if (given.length !== givenLen || ![...given].every((ch) => isHan(ch) && !NOT_IN_GIVEN_NAME.has(ch))) continue;
      if (!index.ends.has(end)) continue;
      const c = checkTokens(i, end, index);
      if (c) {
        out.push(c);
        break;
      }
    }
  }
  return out;
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
  if (BEFORE.some((t) => before.endsWith(t))) return true;
  const strongShape = c.end - c.start >= 3 || (c.unknown && /^[\p{P}\s]/u.test(text[c.end] ?? '.'));
  return strongShape && WEAK_BEFORE.some((t) => before.endsWith(t));
}

function titleAfter(text: string, end: number): boolean {
  const after = text.slice(end, end + 4);
  return AFTER.some((t) => after.startsWith(t));
}
