import * as iconv from 'iconv-lite';

// Hostile documents and edits for the protocol fuzz test: what crawlers, broken encoders and
// careless or malicious repositories put into a "Chinese article". Every string here is made up
// for the test (word lists of common vocabulary, no sentence from a seed or a corpus).

export type Rand = () => number;

export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '欧阳', '司马', '諸葛', '鄭', '劉', '陳'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '國華', '建宏', '曉'];
const PLACES = ['北京', '上海', '广州', '深圳', '重庆', '长沙', '成都', '杭州', '江苏省', '河南省', '臺北', '香港', '澳門', '南京市', '黄河', '昆仑山'];
const ORGS = ['人民医院', '师范大学', '科技公司', '委员会', '研究所', '集团', '商业银行', '教育局', '發展委員會', '國際機場', '足球俱乐部'];
const WORDS = [
  '今天', '我们', '会议', '经济', '发展', '城市', '学校', '记者', '报道', '政府', '表示', '活动', '工作', '问题', '社会', '进行',
  '市场', '价格', '增长', '下降', '居民', '项目', '建设', '服务', '技术', '环境', '交通', '天气', '文化', '历史', '农业', '企业',
  '經濟', '發展', '會議', '學校', '記者', '報導', '關係', '區域', '電腦', '網絡', '資料', '環境', '歷史', '銀行', '醫院', '這裡',
  '的', '了', '在', '是', '和', '也', '都', '就', '将', '对', '从', '与', '為', '於', '個', '們',
];
const PUNCT = ['，', '。', '、', '；', '：', '？', '！', '“', '”', '《', '》', '（', '）', '…', '—', ',', '.', ';', '!', '?', '(', ')', '"'];
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü';
const ASTRAL = ['😀', '𠀀', '𪚥', '𝐀', '👨‍👩‍👧', '🇨🇳', '𠮷', '🀄', '𡃁'];
const ODD = ['\u200b', '\ufeff', '\u200d', '\ue000', '\uf8ff', '\u0007', '\u0000', '\u001b', '\u00a0', '\u3000', 'e\u0301', '\u202e', '\u2028', '\u0085'];
const HTML = ['&nbsp;', '&amp;', '&lt;', '&#x4E2D;', '&#20013;', '&bogus', '<br>', '<p class="x">', '</div>', '<script>', '<!--', '-->'];
const NEWLINES = ['\n', '\r\n', '\r'];

function syllable(r: Rand): string {
  const initials = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w', ''];
  const finals = ['a', 'o', 'e', 'i', 'u', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'ong', 'ian', 'uan', 'ing'];
  let s = pick(r, initials) + pick(r, finals);
  if (r() < 0.8) {
    const v = s.search(/[aeiou]/);
    const base = 'aeiouü'.indexOf(s[v]);
    if (base >= 0 && base < 5) s = s.slice(0, v) + TONED[base * 4 + int(r, 0, 3)] + s.slice(v + 1);
  }
  return s;
}

function name(r: Rand): string {
  return pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : '');
}

function hanRun(r: Rand, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const k = r();
    if (k < 0.1) out.push(name(r));
    else if (k < 0.17) out.push(pick(r, PLACES));
    else if (k < 0.22) out.push(pick(r, PLACES) + pick(r, ORGS));
    else if (k < 0.3) out.push(pick(r, PUNCT));
    else out.push(pick(r, WORDS));
  }
  return out.join('');
}

function hugeNumber(r: Rand): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
  return pick(r, [
    () => digits(int(r, 20, 400)),
    () => `${digits(int(r, 10, 40))}亿元`,
    () => `${digits(int(r, 1, 30))}.${digits(int(r, 1, 30))}%`,
    () => `1e${int(r, 300, 400)}`,
    () => `第${digits(int(r, 15, 60))}名`,
    () => `${digits(int(r, 5, 12))}年${int(r, 0, 99)}月${int(r, 0, 99)}日`,
    () => '１２３４５６７８９０'.repeat(int(r, 1, 20)),
    () => `百分之${'九'.repeat(int(r, 1, 60))}点${'九'.repeat(int(r, 1, 60))}`,
    () => `${'零一二三四五六七八九十百千万亿兆'.split('').map(() => pick(r, '零一二三四五六七八九十百千万亿兆'.split(''))).join('')}元`,
    () => `${digits(3)},${digits(3)},${digits(3)},${digits(3)},${digits(3)}美元`,
    () => `-${digits(int(r, 1, 20))}.${digits(int(r, 1, 5))}萬人次`,
  ])();
}

/** A short piece of hostile text of a random kind. */
export function fragment(r: Rand): string {
  const k = r();
  if (k < 0.3) return hanRun(r, int(r, 1, 12));
  if (k < 0.36) return pick(r, ASTRAL);
  if (k < 0.4) return String.fromCharCode(int(r, 0xd800, 0xdfff)); // a lone surrogate
  if (k < 0.46) {
    // ? and U+FFFD where a character was lost between Han characters.
    const lost = Array.from({ length: int(r, 1, 4) }, () => (r() < 0.5 ? '?' : '\ufffd')).join('');
    return pick(r, WORDS) + lost + pick(r, WORDS);
  }
  if (k < 0.52) return `${pick(r, WORDS).slice(0, 1)}(${syllable(r)})`; // injected pinyin
  if (k < 0.55) return `?${syllable(r)})`; // pinyin injected into a character's bytes
  if (k < 0.58) return Array.from({ length: int(r, 1, 6) }, () => syllable(r)).join(r() < 0.5 ? ' ' : '');
  if (k < 0.63) return hugeNumber(r);
  if (k < 0.67) return pick(r, NEWLINES);
  if (k < 0.7) return pick(r, ODD);
  if (k < 0.73) return pick(r, HTML);
  if (k < 0.76) return String.fromCharCode(...Array.from({ length: int(r, 1, 16) }, () => int(r, 0, 255))); // binary bytes
  if (k < 0.8) return iconv.decode(Buffer.from(hanRun(r, int(r, 1, 4)), 'utf8'), 'gbk'); // UTF-8 read as GBK
  if (k < 0.83) return Buffer.from(hanRun(r, int(r, 1, 4)), 'utf8').toString('latin1'); // UTF-8 read as Latin-1
  if (k < 0.85) return iconv.encode(hanRun(r, int(r, 1, 4)), 'gbk').toString('latin1'); // GBK read as Latin-1
  if (k < 0.88) return `${pick(r, WORDS)},${pick(r, ['，', '。', '、', '；'])}`; // injected comma
  if (k < 0.9) return ' '.repeat(int(r, 1, 8)) + '\t';
  if (k < 0.93) return `《${hanRun(r, int(r, 0, 4))}》`;
  if (k < 0.96) return `${int(r, 1990, 2030)}年${int(r, 1, 12)}月${int(r, 1, 31)}日${pick(r, ['', '上午', '下午'])}${int(r, 0, 23)}时${int(r, 0, 59)}分`;
  return Array.from({ length: int(r, 1, 20) }, () => String.fromCharCode(int(r, 0x21, 0x7e))).join('');
}

function line(r: Rand, fragments: number): string {
  return Array.from({ length: fragments }, () => fragment(r)).join('');
}

/** A whole hostile document; `index` cycles through shapes so every run covers each of them. */
export function badDocument(r: Rand, index: number): string {
  const shape = index % 12;
  const eol = (): string => pick(r, NEWLINES);
  switch (shape) {
    case 0:
      return index % 24 === 0 ? '' : pick(r, NEWLINES).repeat(int(r, 1, 5));
    case 1: // binary
      return String.fromCharCode(...Array.from({ length: int(r, 100, 3000) }, () => int(r, 0, 255)));
    case 2: // surrogates and astral characters among Han text
      return Array.from({ length: int(r, 5, 40) }, () => (r() < 0.4 ? pick(r, ASTRAL) : r() < 0.3 ? String.fromCharCode(int(r, 0xd800, 0xdfff)) : hanRun(r, int(r, 1, 6)))).join('');
    case 3: // one very long line
      return line(r, int(r, 800, 2500));
    case 4: // a long line of Han text with no sentence end
      return hanRun(r, int(r, 1500, 4000)).replace(/[。！？!?；;]/g, '');
    case 5: // every line ending at once
      return Array.from({ length: int(r, 10, 80) }, () => line(r, int(r, 1, 8)) + eol()).join('');
    case 6: // CR-only
      return Array.from({ length: int(r, 10, 60) }, () => line(r, int(r, 1, 8))).join('\r');
    case 7: // lost characters between Han characters
      return Array.from({ length: int(r, 5, 40) }, () => hanRun(r, int(r, 1, 5)) + (r() < 0.5 ? '?' : '\ufffd').repeat(int(r, 1, 3))).join('') + eol();
    case 8: // pinyin-like junk
      return Array.from({ length: int(r, 10, 60) }, () => (r() < 0.5 ? `${pick(r, WORDS).slice(0, 1)}(${syllable(r)})` : r() < 0.5 ? `?${syllable(r)})` : syllable(r) + ' ')).join('');
    case 9: // huge numbers
      return Array.from({ length: int(r, 5, 30) }, () => hugeNumber(r) + pick(r, ['', '，', '\n', ' '])).join('');
    case 10: // an article-like text with repeated paragraphs and boilerplate-like lines
    {
      const paras = Array.from({ length: int(r, 3, 12) }, () => hanRun(r, int(r, 10, 60)));
      const lines = Array.from({ length: int(r, 5, 30) }, () => (r() < 0.3 ? pick(r, paras) : r() < 0.2 ? pick(r, ['分享到：', '返回搜狐，查看更多', '责任编辑：' + name(r), '【打印】【关闭】']) : hanRun(r, int(r, 5, 50))));
      return lines.join(eol());
    }
    default: // everything mixed
      return Array.from({ length: int(r, 5, 50) }, () => line(r, int(r, 1, 12))).join(eol());
  }
}

/** What an edit inserts: mostly short fragments, sometimes a line break or a single odd character. */
export function insertion(r: Rand): string {
  const k = r();
  if (k < 0.15) return pick(r, NEWLINES);
  if (k < 0.25) return pick(r, ['?', '\ufffd', '(', ')', '，', ',', '的', '。']);
  if (k < 0.3) return pick(r, ASTRAL);
  if (k < 0.9) return fragment(r).slice(0, int(r, 1, 40));
  return line(r, int(r, 2, 10));
}
