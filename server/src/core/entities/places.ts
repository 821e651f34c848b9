import type { Entity, Token } from '../types';
import { byLastCode, codeSet, firstSuffix, isHanCode, isHanWord } from './chars';
import { entity } from './spans';
import { ADMIN_SUFFIXES, FUNCTION_CHARS, PLACE_NAME_SET, PLACE_SUFFIX_WORDS } from './wordLists';

// Locations: jieba's ns tag, a word list of provinces and cities, administrative suffixes on
// unknown or person-tagged words (潘集区 is tagged nr), and name + 社区/街道/路 chains.

const NAME_LIKE_TAGS = new Set(['ns', 'nr', 'nrt', 'nrfg', 'nz', 'x', 'j']);
const PLACE_END_CHARS = '省市区县州镇乡村山江河湖海岛关路街港湾峡岭洲场旗盟';
const GENERIC_AREAS = new Set(['全市', '全省', '全区', '全县', '本市', '城市', '地区', '辖区', '城区', '市区', '社区', '小区', '片区', '山区', '灾区', '景区', '园区', '校区', '农村', '乡村', '城乡', '家乡', '老乡', '城市', '农村']);

const PLACE_END_CODES = codeSet(PLACE_END_CHARS);
const FUNCTION_CODES = codeSet(FUNCTION_CHARS);
const ADMIN_BY_LAST = byLastCode(ADMIN_SUFFIXES);

/** True when a token is (the start of) a place by itself: ns, the word list, or 名+区/县/市. */
export function placeKind(t: Token): 'dictionary' | 'rule' | 'tagger' | undefined {
  const w = t.word;
  if (w.length === 0 || !isHanCode(w.charCodeAt(0)) || GENERIC_AREAS.has(w)) return undefined;
  const bare = adminSuffix(w);
  if (PLACE_NAME_SET.has(w) || (bare && PLACE_NAME_SET.has(w.slice(0, -bare.length)))) return 'dictionary';
  // jieba's ns is noisy (上门, 云, 扎根, 保家卫国 are ns in its dictionary): trust it only for
  // longer words that end like a place (金牛区, 天府广场, 娄山关).
  if (t.tag === 'ns' && w.length >= 3 && PLACE_END_CODES.has(w.charCodeAt(w.length - 1))) return 'tagger';
  // An unknown or person-tagged word with an administrative suffix (潘集区/nr), unless it is a
  // segmentation accident such as 人向市 (…1.4万多人向市红十字会).
  if (bare && NAME_LIKE_TAGS.has(t.tag) && w.length >= 3 && !hasFunctionChar(w)) return 'rule';
  return undefined;
}

/** placeKind(t) === 'dictionary' for a word of any tag: a listed place, bare or with its suffix. */
export function isDictionaryPlace(w: string): boolean {
  if (w.length === 0 || !isHanCode(w.charCodeAt(0)) || GENERIC_AREAS.has(w)) return false;
  const bare = adminSuffix(w);
  return PLACE_NAME_SET.has(w) || (bare !== undefined && PLACE_NAME_SET.has(w.slice(0, -bare.length)));
}

// The first administrative suffix in list order (自治州 before 州) that leaves a name before it.
function adminSuffix(w: string): string | undefined {
  const group = ADMIN_BY_LAST.get(w.charCodeAt(w.length - 1));
  if (group) for (const s of group) if (w.length > s.length && w.endsWith(s)) return s;
  return undefined;
}

// Function characters are all single code units, so a code unit scan equals a character scan.
function hasFunctionChar(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (FUNCTION_CODES.has(w.charCodeAt(i))) return true;
  return false;
}

export function recognizePlaces(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const kind = placeKind(t);
    // 旁山冲 + 社区, 草市 + 街 + 街道: a name-like word followed by place words.
    let j = i + 1;
    const chained = j < tokens.length && PLACE_SUFFIX_WORDS.has(tokens[j].word) && tokens[j].start === t.end;
    const nameLike = chained && !GENERIC_AREAS.has(t.word) && (kind !== undefined || (NAME_LIKE_TAGS.has(t.tag) && isHanWord(t.word, 2) && !PLACE_SUFFIX_WORDS.has(t.word) && !hasFunctionChar(t.word)));
    while (nameLike && j < tokens.length && PLACE_SUFFIX_WORDS.has(tokens[j].word) && tokens[j].start === tokens[j - 1].end) j++;
    if (j > i + 1) {
      out.push(entity(text, t.start, tokens[j - 1].end, 'location', 'rule'));
    }
    if (kind) out.push(entity(text, t.start, t.end, 'location', kind));
  }
  // A place found with its suffix makes its bare name a place elsewhere (潘集区 → 潘集).
  const bases = new Set<string>();
  for (const e of out) {
    if (e.text.length > 5) continue;
    const group = ADMIN_BY_LAST.get(e.text.charCodeAt(e.text.length - 1));
    const s = group?.find((x) => e.text.length - x.length >= 2 && e.text.endsWith(x));
    if (s) bases.add(e.text.slice(0, -s.length));
  }
  if (bases.size === 0) return out;
  for (const t of tokens) {
    if (bases.has(t.word) && !out.some((e) => e.start <= t.start && t.end <= e.end)) {
      out.push(entity(text, t.start, t.end, 'location', 'rule'));
    }
  }
  return out;
}
