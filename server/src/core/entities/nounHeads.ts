import type { Token } from '../types';
import { tokenWith } from './tokenSearch';

// Characters that end common nouns and never (in MSRA) a person's name. Such a character also ends
// given names elsewhere (王火, 李福重), so it rules a person span out only together with jieba's
// word boundaries: see endsLikeNoun. Derived, not picked: scripts/derive-noun-heads.ts prints the Han characters
// that end ≥ 40 noun words (n, vn, nz, nt, ns) of jieba's dictionary and occur ≥ 150 times in the
// MSRA training text without ending any of its 16,670 PER spans.
const NOUN_HEADS =
  '县区性者器网化队线部度量员场体品式车物头局数率片面气制司板口厂费色团型件室报语表系工站管府料事期位店术情带油界病质论价版类动社节形馆手角组案所纸字药商票湖词委状族菜港官层赛户装题鱼船象名话画衣具感校骨值架统战曲奖货额势厅单款证分级牌酒街议食态能电令省下服包条息剧课集火针产序谷种笔弹联味段毒戏湾歌验观轮划身眼矿座导织出命游策北上展块告念杯胞牙险套律籍股调像入境属技置顶份域鸟争压边饭极想积罪讯键席络识向营精亲妇盟试办变血迹券肥例指据步称模哥符说脑币核规速盖交句犯离射别将粮觉习况排首卷烟舞童练落养刊痛领小径样署限册支警鼓候响幕算训银去演育害父职背距销际使视篇重专播汇浪阵围察癌灾幅效绩伤故析解障次示结外迷阴煤账异';
const HEAD_CODES = new Set(Array.from(NOUN_HEADS, (c) => c.charCodeAt(0)));

const NOUN_TAGS = new Set(['n', 'vn', 'nz', 'nt', 'ns', 'j', 'l']);

/**
 * Whether [start, end) reads as a thing rather than a person: it ends in a noun head and its last
 * jieba word is either the whole span of three or more characters (季后赛, which jieba's dictionary
 * lists as nr) or a common noun of two or more (…锦标赛). 王火 and 王|火 are left alone.
 */
export function endsLikeNoun(text: string, tokens: readonly Token[], start: number, end: number): boolean {
  if (end <= start || !HEAD_CODES.has(text.charCodeAt(end - 1))) return false;
  const last = tokenWith(tokens, 'end', end);
  if (!last || last.end - last.start < 2 || last.start < start) return false;
  // Two-character names are often one jieba word (王火): a whole span counts from three characters.
  return last.start === start ? end - start >= 3 : NOUN_TAGS.has(last.tag);
}

