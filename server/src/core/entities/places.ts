import type { Entity, Token } from '../types';
import { entity, isHan } from './spans';
import { ADMIN_SUFFIXES, FUNCTION_CHARS, PLACE_NAME_SET, PLACE_SUFFIX_WORDS } from './wordLists';

// Locations: jieba's ns tag, a word list of provinces and cities, administrative suffixes on
// unknown or person-tagged words (潘集区 is tagged nr), and name + 社区/街道/路 chains.

const NAME_LIKE_TAGS = new Set(['ns', 'nr', 'nrt', 'nrfg', 'nz', 'x', 'j']);
const PLACE_END_CHARS = '省市区县州镇乡村山江河湖海岛关路街港湾峡岭洲场旗盟';
const GENERIC_AREAS = new Set(['全市', '全省', '全区', '全县', '本市', '城市', '地区', '辖区', '城区', '市区', '社区', '小区', '片区', '山区', '灾区', '景区', '园区', '校区', '农村', '乡村', '城乡', '家乡', '老乡', '城市', '农村']);

/** True when a token is (the start of) a place by itself: ns, the word list, or 名+区/县/市. */
export function placeKind(t: Token): 'dictionary' | 'rule' | 'tagger' | undefined {
  const w = t.word;
  if (GENERIC_AREAS.has(w) || !isHan(w[0])) return undefined;
  const bare = ADMIN_SUFFIXES.find((s) => w.endsWith(s) && w.length > s.length);
  if (PLACE_NAME_SET.has(w) || (bare && PLACE_NAME_SET.has(w.slice(0, -bare.length)))) return 'dictionary';
  // jieba's ns is noisy (上门, 云, 扎根, 保家卫国 are ns in its dictionary): trust it only for
  // longer words that end like a place (金牛区, 天府广场, 娄山关).
  if (t.tag === 'ns' && w.length >= 3 && PLACE_END_CHARS.includes(w[w.length - 1])) return 'tagger';
  // An unknown or person-tagged word with an administrative suffix (潘集区/nr), unless it is a
  // segmentation accident such as 人向市 (…1.4万多人向市红十字会).
  if (bare && NAME_LIKE_TAGS.has(t.tag) && w.length >= 3 && ![...w].some((c) => FUNCTION_CHARS.has(c))) return 'rule';
  return undefined;
}

export function recognizePlaces(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const kind = placeKind(t);
    const nameLike = !GENERIC_AREAS.has(t.word) && (kind !== undefined || (NAME_LIKE_TAGS.has(t.tag) && /^\p{Script=Han}{2,}$/u.test(t.word) && !PLACE_SUFFIX_WORDS.has(t.word) && ![...t.word].some((c) => FUNCTION_CHARS.has(c))));
    // 旁山冲 + 社区, 草市 + 街 + 街道: a name-like word followed by place words.
    let j = i + 1;
    while (nameLike && j < tokens.length && PLACE_SUFFIX_WORDS.has(tokens[j].word) && tokens[j].start === tokens[j - 1].end) j++;
    if (j > i + 1) {
      out.push(entity(text, t.start, tokens[j - 1].end, 'location', 'rule'));
    }
    if (kind) out.push(entity(text, t.start, t.end, 'location', kind));
  }
  // A place found with its suffix makes its bare name a place elsewhere (潘集区 → 潘集).
  const bases = new Set<string>();
  for (const e of out) {
    const s = ADMIN_SUFFIXES.find((x) => e.text.endsWith(x) && e.text.length - x.length >= 2);
    if (s && e.text.length <= 5) bases.add(e.text.slice(0, -s.length));
  }
  for (const t of tokens) {
    if (bases.has(t.word) && !out.some((e) => e.start <= t.start && t.end <= e.end)) {
      out.push(entity(text, t.start, t.end, 'location', 'rule'));
    }
  }
  return out;
}
