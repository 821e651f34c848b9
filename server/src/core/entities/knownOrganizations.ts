// Organisation names the MSRA-trained model cannot know (its training text is 1998 newspaper
// prose) and jieba's dictionary mis-tags (肯德基, 马刺 and 富士康 are nr there). Each list is a
// closed, externally maintained set, written out by hand from the source named above it; no entry
// was added because a seed or development sentence contains it.

/**
 * The 30 NBA teams by their nickname in the NBA's official Chinese names (nba.cn team pages).
 * Nicknames that are also everyday words (太阳 sun, 火箭 rocket, 国王 king, 勇士 warrior, 公牛 bull,
 * 老鹰 eagle, 雷霆 thunder, 热火, 魔术, 骑士, 爵士, 黄蜂, 活塞 piston, 开拓者, 小牛) count only with 队
 * after them: TEAMS_WITH_DUI.
 */
export const TEAMS = ['湖人', '马刺', '凯尔特人', '尼克斯', '76人', '猛龙', '步行者', '雄鹿', '掘金', '森林狼', '灰熊', '鹈鹕', '奇才', '篮网', '快船', '独行侠'];
export const TEAMS_WITH_DUI = ['太阳', '火箭', '国王', '勇士', '公牛', '老鹰', '雷霆', '热火', '魔术', '骑士', '爵士', '黄蜂', '活塞', '开拓者', '小牛'];

/**
 * Companies and brands: the Chinese names of Fortune Global 500 companies and of Interbrand's Best
 * Global Brands that news writes without a 公司/集团 suffix, plus Chinese brands of BrandZ's most
 * valuable Chinese brands ranking, and the news outlets newswire cites as sources. Names that are
 * also ordinary words or other names (苹果 apple, 小米 millet, 美的 in 最美的, 吉利 lucky, 快手, 标致
 * pretty, 大众, 壳牌, 茅台 the town, 野村 …), products (微信, 淘宝) and stock indices (道琼斯, 标普:
 * their spans are the index's) are left out.
 */
export const BRANDS = [
  // Fortune Global 500 / Best Global Brands (foreign)
  '微软', '谷歌', '亚马逊', '脸书', '英特尔', '高通', '英伟达', '甲骨文', '思科', 'IBM', '惠普', '戴尔', '三星', '索尼', '松下', '东芝', '日立', '佳能', '尼康',
  '丰田', '本田', '日产', '宝马', '奔驰', '奥迪', '保时捷', '福特', '通用汽车', '雪佛兰', '特斯拉', '现代汽车', '起亚', '雷诺', '雪铁龙', '沃尔沃',
  '雀巢', '可口可乐', '百事可乐', '麦当劳', '肯德基', '星巴克', '必胜客', '沃尔玛', '家乐福', '宜家', '耐克', '阿迪达斯', '彪马', '优衣库', '路易威登', '香奈儿', '爱马仕', '古驰',
  '宝洁', '联合利华', '强生', '辉瑞', '默沙东', '罗氏', '诺华', '拜耳', '巴斯夫', '西门子', '飞利浦', '博世', '波音', '空客', '通用电气', '霍尼韦尔', '埃克森美孚', '雪佛龙', '英国石油',
  '高盛', '摩根士丹利', '摩根大通', '花旗', '汇丰', '渣打', '瑞银', '瑞信', '德意志银行', '巴克莱', '贝莱德', '伯克希尔', '穆迪', '惠誉',
  '迪士尼', '奈飞', '优步', '推特', '雅虎', '易贝', '联邦快递', '敦豪', '万事达',
  // Taiwan's names of companies above (英伟达 is 辉达 there)
  '辉达',
  // Fortune Global 500 / BrandZ China (Chinese)
  '阿里巴巴', '腾讯', '百度', '京东', '网易', '新浪', '搜狐', '美团', '拼多多', '字节跳动', '抖音', '滴滴', '携程', '哔哩哔哩',
  '华为', '中兴', '联想', '海尔', '格力', '海信', 'TCL', '比亚迪', '长城汽车', '蔚来', '宁德时代', '富士康', '鸿海', '台积电',
  '中石油', '中石化', '中海油', '国家电网', '南方电网', '中国移动', '中国联通', '中国电信', '工商银行', '建设银行', '农业银行', '中国银行', '交通银行', '招商银行', '浦发银行', '民生银行',
  '中国平安', '中国人寿', '中国人保', '太平洋保险', '伊利', '蒙牛', '娃哈哈', '农夫山泉', '青岛啤酒', '康师傅', '统一企业', '海底捞', '顺丰', '苏宁', '苏宁易购', '国美', '国美电器',
  '万科', '碧桂园', '恒大', '万达', '中信证券', '华泰证券', '国泰君安', '华夏基金', '易方达', '南方基金', '嘉实基金', '博时基金',
  // Chinese news outlets and portals that newswire text names as sources
  '新华社', '中新社', '中新网', '人民网', '新华网', '央视', '新浪体育', '新浪财经', '腾讯体育', '搜狐体育', '网易体育', '凤凰网', '澎湃新闻', '财新', '路透社', '美联社', '法新社', '彭博社',
];
