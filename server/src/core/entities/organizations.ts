import type { Entity, Token } from '../types';
import { entity } from './spans';
import { byLastCode, codeSet, firstSuffix, isHanWord } from './chars';
import { isDictionaryPlace, placeKind } from './places';
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

const SUFFIXES_BY_LAST = byLastCode(SUFFIXES);
const EXCEPTIONS_BY_LAST = byLastCode(EXCEPTION_ENDINGS);
const ADMIN_HEAD_CODES = codeSet('市省区县');
const ZHI = '直'.charCodeAt(0);
const WEI = '委'.charCodeAt(0);

export function isOrgSuffix(t: Token): boolean {
  const w = t.word;
  // Longest organisation word the token ends with (two of equal length cannot both match).
  const s = firstSuffix(w, SUFFIXES_BY_LAST);
  if (!s) return false;
  if (ORG_SUFFIX_EXCEPTIONS.has(w) || firstSuffix(w, EXCEPTIONS_BY_LAST) !== undefined) return false;
  // A one-character suffix inside a longer verb is not one (部署, 举办): nouns only.
  return s.length > 1 || w.length === 1 || NOUN_TAGS.has(t.tag);
}

// 市直, 省委, 区直机关 …: an administrative character followed by 直 or 委.
export function adminHeadShape(w: string): boolean {
  if (w.length < 2 || !ADMIN_HEAD_CODES.has(w.charCodeAt(0))) return false;
  const c = w.charCodeAt(1);
  return c === ZHI || c === WEI;
}

function isInner(t: Token): boolean {
  if (!isHanWord(t.word)) return false;
  // Verbs only where jieba mis-tags a name part: 区直/v 机关, 省 地方志 办/v.
  if (INNER_TAGS.has(t.tag)) return true;
  if (t.tag !== 'v') return false;
  const w = t.word;
  return w === '办' || (w.length === 2 && w.charCodeAt(1) === ZHI && ADMIN_HEAD_CODES.has(w.charCodeAt(0)));
}

// Per-token facts, each worked out at most once per call: the walk below revisits tokens.
const UNKNOWN = 0;
const YES = 1;
const NO = 2;

export function recognizeOrganizations(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  const n = tokens.length;
  const inner = new Uint8Array(n);
  const suffix = new Uint8Array(n);
  const place = new Uint8Array(n);
  const isInnerAt = (i: number): boolean => {
    if (inner[i] === UNKNOWN) inner[i] = isInner(tokens[i]) ? YES : NO;
    return inner[i] === YES;
  };
  const isSuffixAt = (i: number): boolean => {
    if (suffix[i] === UNKNOWN) suffix[i] = isOrgSuffix(tokens[i]) ? YES : NO;
    return suffix[i] === YES;
  };
  const isPlaceAt = (i: number): boolean => {
    if (place[i] === UNKNOWN) place[i] = placeKind(tokens[i]) !== undefined ? YES : NO;
    return place[i] === YES;
  };
  for (let j = 0; j < n; j++) {
    const last = tokens[j];
    const standalone = STANDALONE_ORGS.has(last.word);
    if (standalone) out.push(entity(text, last.start, last.end, 'organization', 'dictionary'));
    if (!isSuffixAt(j) || !isInnerAt(j)) continue;
    // One token that is itself head + suffix: 娄底市委, 市政府办.
    if (last.word.length >= 3 && startsWithHead(last.word)) {
      out.push(entity(text, last.start, last.end, 'organization', 'rule'));
    }
    // Walk left to the nearest head; '市纪委市监委' is two organisations, not one, so the walk
    // stops where another organisation ends, and 市委市政府 are two as well.
    let head = -1;
    for (let i = j - 1; i >= 0 && j - i < MAX_TOKENS; i--) {
      const t = tokens[i];
      if (!isInnerAt(i) || t.end !== tokens[i + 1].start || last.end - t.start > MAX_CHARS) break;
      if (standalone && !isPlaceAt(i)) break;
      if (ORG_HEAD_WORDS.has(t.word) || t.tag === 'nt' || adminHeadShape(t.word) || isPlaceAt(i)) {
        head = i;
        break;
      }
      if (isSuffixAt(i)) break;
    }
    if (head < 0) continue;
    // Places before the head belong to the name: 长沙 + 市委老干部局, 淮南市 + 潘集区委.
    while (head > 0 && isPlaceAt(head - 1) && tokens[head - 1].end === tokens[head].start) head--;
    const start = tokens[head].start;
    // '市中心' is a location word, not an organisation: one-character heads need a specific suffix.
    if (last.end - start < 3 || (j === head + 1 && tokens[head].word.length === 1 && last.word === '中心')) continue;
    out.push(entity(text, start, last.end, 'organization', 'rule'));
  }
  return out;
}

function startsWithHead(word: string): boolean {
  if (ADMIN_HEAD_CODES.has(word.charCodeAt(0)) && (word.charCodeAt(1) === WEI || word.charCodeAt(1) === ZHI || word.startsWith('政府', 1))) return true;
  for (let n = 2; n <= 4 && n < word.length; n++) {
    if (isDictionaryPlace(word.slice(0, n))) return true;
  }
  return false;
}
