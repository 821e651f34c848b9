// Transliterated foreign names (安德鲁-拜纳姆, 保罗•盖蒂): what their parts are made of and what joins
// them. Names (entities/nameCorrections.ts) join the parts into one person; crawl repair
// (artifacts/lostCharacter.ts) recognises a joiner GBK could not hold.

/**
 * Punctuation that joins the parts of a transliterated name: hyphens and dashes in half and full
 * width, the middle dots (U+00B7, U+2022, U+2027, U+30FB, U+2219) and the fullwidth full stop that
 * Chinese typesetting uses in their place.
 */
export const JOINERS = new Set(Array.from('-‐‑－·•‧・∙．', (c) => c.charCodeAt(0)));

/**
 * Characters of Xinhua's transcription tables for foreign names (世界人名翻译大辞典 / 英语姓名译名
 * 手册 syllable tables), simplified: the parts of a joined name are runs of these.
 */
const TRANSLITERATION =
  '阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布查茨达戴丹道德得邓迪蒂丁东杜敦顿多厄恩尔法凡范菲费芬丰弗伏福夫盖甘冈高戈哥格根贡古瓜圭果哈海汉豪赫黑亨洪胡华怀霍基吉加贾杰捷金卡凯坎康科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾里理利莉丽连林琳隆卢鲁伦罗洛吕马玛迈麦曼芒梅门蒙米密敏明莫默姆穆纳娜奈南内尼宁纽努诺欧帕派潘佩彭皮珀普奇齐恰乔切钦琼丘让萨塞赛桑瑟森沙莎山尚舍什施史舒斯松苏索塔泰坦汤唐特滕提廷通图托瓦万旺威韦维温文沃乌伍西希锡夏谢辛休许雅亚扬杨耶伊因英尤于约泽扎詹赞兹佐祖';
export const TRANSLIT_CODES = new Set(Array.from(TRANSLITERATION, (c) => c.charCodeAt(0)));

/** The longest part of a transliterated name looked at on either side of a joiner, in characters. */
export const MAX_NAME_PART = 8;
