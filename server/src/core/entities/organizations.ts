import type { Entity, Token } from '../types';
import { entity } from './spans';
import { placeKind } from './places';
import { ORG_HEAD_WORDS, ORG_SUFFIX_EXCEPTIONS, ORG_SUFFIXES, STANDALONE_ORGS } from './wordLists';

// Organisations: a span of tokens that opens with a place or an administrative head
// (四川省, 市委, 市直机关, 市) and ends with an organisation word (办公室, 组织部, 工委, 局).
// jieba splits such names into pieces (四川省/地方志/工作/办公室), so the rule rebuilds them.

const INNER_TAGS = new Set(['n', 'nz', 'nt', 'j', 'vn', 'b', 'l', 'ns', 'nr', 'nrt', 'x', 'an', 'ng', 'zg']);
const NOUN_TAGS = new Set(['n', 'nt', 'nz', 'j', 'nr', 'ns', 'x']);
// 党员干部 ends in 干部 and is no more an organisation than 干部 is.
const EXCEPTION_ENDINGS = [...ORG_SUFFIX_EXCEPTIONS].filter((x) => x.length > 1);
const MAX_TOKENS = 9;
const MAX_CHARS = 26;
const SUFFIXES = [...ORG_SUFFIXES].sort((a, b) => b.length - a.length);

export function isOrgSuffix(t: Token): boolean {
  const w = t.word;
  if (ORG_SUFFIX_EXCEPTIONS.has(w) || EXCEPTION_ENDINGS.some((x) => w.endsWith(x))) return false;
  const s = SUFFIXES.find((x) => w.endsWith(x));
  if (!s) return false;
  // A one-character suffix inside a longer verb is not one (部署, 举办): nouns only.
  return s.length > 1 || w.length === 1 || NOUN_TAGS.has(t.tag);
}

function isHead(t: Token): boolean {
  return ORG_HEAD_WORDS.has(t.word) || placeKind(t) !== undefined || t.tag === 'nt' || /^[市省区县](直|委)/.test(t.word);
}

function isInner(t: Token): boolean {
  if (!/^\p{Script=Han}+$/u.test(t.word)) return false;
  // Verbs only where jieba mis-tags a name part: 区直/v 机关, 省 地方志 办/v.
  return INNER_TAGS.has(t.tag) || (t.tag === 'v' && (/^[市省区县]直$/.test(t.word) || t.word === '办'));
}

export function recognizeOrganizations(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  for (let j = 0; j < tokens.length; j++) {
    const last = tokens[j];
    if (STANDALONE_ORGS.has(last.word)) out.push(entity(text, last.start, last.end, 'organization', 'dictionary'));
    if (!isOrgSuffix(last) || !isInner(last)) continue;
    // One token that is itself head + suffix: 娄底市委, 市政府办.
    if (last.word.length >= 3 && startsWithHead(last.word)) {
      out.push(entity(text, last.start, last.end, 'organization', 'rule'));
    }
    // Walk left to the nearest head; '市纪委市监委' is two organisations, not one, so the walk
    // stops where another organisation ends, and 市委市政府 are two as well.
    let head = -1;
    const standalone = STANDALONE_ORGS.has(last.word);
    for (let i = j - 1; i >= 0 && j - i < MAX_TOKENS; i--) {
      const t = tokens[i];
      if (!isInner(t) || t.end !== tokens[i + 1].start || last.end - t.start > MAX_CHARS) break;
      if (standalone && !placeKind(t)) break;
      if (isHead(t)) {
        head = i;
        break;
      }
      if (isOrgSuffix(t)) break;
    }
    if (head < 0) continue;
    // Places before the head belong to the name: 长沙 + 市委老干部局, 淮南市 + 潘集区委.
    while (head > 0 && placeKind(tokens[head - 1]) && tokens[head - 1].end === tokens[head].start) head--;
    const start = tokens[head].start;
    // '市中心' is a location word, not an organisation: one-character heads need a specific suffix.
    if (last.end - start < 3 || (j === head + 1 && tokens[head].word.length === 1 && last.word === '中心')) continue;
    out.push(entity(text, start, last.end, 'organization', 'rule'));
  }
  return out;
}

function startsWithHead(word: string): boolean {
  if (/^[市省区县](委|直|政府)/.test(word)) return true;
  for (let n = 2; n <= 4; n++) {
    const t = { word: word.slice(0, n), tag: '', start: 0, end: n };
    if (placeKind(t) === 'dictionary' && word.length > n) return true;
  }
  return false;
}
