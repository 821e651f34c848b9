import * as fs from 'fs';
import { WordTable } from './wordTable';

// Word lists the features consult. The entity lists come from jieba's dictionary at training time
// and are stored inside the model file, so inference needs no dictionary and a model always sees
// the lists it was trained with.

export const LEX_PER = 1;
export const LEX_LOC = 2;
export const LEX_ORG = 4;
export const LEX_LOC_SUFFIX = 8;
export const LEX_ORG_SUFFIX = 16;
export const LEX_SURNAME = 32;

/** Common Chinese surnames (single and compound); the first character of most PER spans. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'
    .split('')
    .concat(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '西门', '南宫', '独孤', '万俟', '闻人', '轩辕', '赫连', '澹台', '呼延', '公冶', '申屠', '太史']);

/** Last characters or words of place names (省, 市, 县 …). */
const LOC_SUFFIXES = '省 市 县 区 镇 乡 村 州 岛 山 河 江 湖 海 湾 港 峡 街 路 盟 旗 屯 庄 岭 峰 洲 半岛 地区 自治区 自治州 特区 新区 开发区 流域 盆地 高原 平原 沙漠'.split(' ');

/** Last characters or words of organization names (局, 委员会, 公司 …). */
const ORG_SUFFIXES =
  '局 委 部 厅 办 处 署 院 所 会 社 团 队 军 党 校 行 司 组 站 馆 报 台 厂 店 队 庭 室 科 协 联 办公室 委员会 公司 集团 大学 学院 中学 小学 医院 中心 协会 学会 联合会 银行 政府 法院 检察院 研究所 研究院 研究会 基金会 总局 总署 总部 分行 支行 电视台 广播电台 出版社 报社 通讯社 新闻社 代表团 俱乐部 工作组 联盟 组织 议会 国会 内阁 人大 政协 常委会 党委 支部 工会'.split(' ');

export interface LexiconWords {
  per: string[];
  loc: string[];
  org: string[];
}

/** Person, place and organization words of jieba's dictionary ("word freq tag" lines). */
export function readJiebaEntityWords(dictPath: string): LexiconWords {
  const words: LexiconWords = { per: [], loc: [], org: [] };
  for (const line of fs.readFileSync(dictPath, 'utf8').split('\n')) {
    const [word, , tag] = line.trim().split(/\s+/);
    if (!word || !tag || word.length < 2 || word.length > 12) continue;
    if (tag === 'nr' || tag === 'nrt' || tag === 'nrfg') words.per.push(word);
    else if (tag === 'ns') words.loc.push(word);
    else if (tag === 'nt') words.org.push(word);
  }
  return words;
}

/** The lookup table for a model: its entity words plus the built-in surnames and suffixes. */
export function buildWordTable(words: LexiconWords): WordTable {
  const table = new WordTable(words.per.length + words.loc.length + words.org.length + SURNAMES.length + LOC_SUFFIXES.length + ORG_SUFFIXES.length);
  for (const w of words.per) table.add(w, LEX_PER);
  for (const w of words.loc) table.add(w, LEX_LOC);
  for (const w of words.org) table.add(w, LEX_ORG);
  for (const w of SURNAMES) table.add(w, LEX_SURNAME);
  for (const w of LOC_SUFFIXES) table.add(w, LEX_LOC_SUFFIX);
  for (const w of ORG_SUFFIXES) table.add(w, LEX_ORG_SUFFIX);
  return table;
}

/** The lookup table of a gazetteer: entity strings of training data, one bit per type. */
export function buildGazetteerTable(words: LexiconWords): WordTable {
  const table = new WordTable(words.per.length + words.loc.length + words.org.length);
  for (const w of words.per) table.add(w, LEX_PER);
  for (const w of words.loc) table.add(w, LEX_LOC);
  for (const w of words.org) table.add(w, LEX_ORG);
  return table;
}
