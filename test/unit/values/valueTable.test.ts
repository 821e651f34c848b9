// A table of value expressions written for this test (not taken from any corpus): each sentence
// marks one expression with [[ ]]; the rules must return exactly that span with the label and
// value given, through the real jieba segmenter, for an article dated 2020-09-14 (a Monday).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { recognizeRuleEntities } from '../../../server/src/core/entities';
import { recognizeTimex } from '../../../server/src/core/values/timex';
import type { Entity } from '../../../server/src/core/types';

type Row = [sentence: string, label: Entity['label'], value: Entity['value'], extra?: { unit?: string; currency?: string; qualifier?: string }];

const ANCHOR = { year: 2020, month: 9, day: 14, source: 'the dateline' };

const MONEY: Row[] = [
  ['公司去年营收[[1,234元]]。', 'money', 1234, { currency: 'CNY' }],
  ['他捐出[[１，２３４元]]善款。', 'money', 1234],
  ['总投资达[[3.5亿元]]。', 'money', 350000000],
  ['项目耗资[[1.2万亿美元]]。', 'money', 1.2e12, { currency: 'USD' }],
  ['合同金额为[[一千三百八十五点五万元]]。', 'money', 13855000],
  ['利润增至[[七点七一亿元]]。', 'money', 771000000],
  ['今年亏损[[六点九三亿元]]。', 'money', 693000000],
  ['政府提供[[五百万美元]]援助。', 'money', 5e6, { currency: 'USD' }],
  ['他被罚款[[２０００欧元]]。', 'money', 2000, { currency: 'EUR' }],
  ['一张票售价[[3000日元]]。', 'money', 3000, { currency: 'JPY' }],
  ['投资[[10亿印度卢比]]。', 'money', 1e9, { currency: 'INR' }],
  ['门票[[HK$10]]，另收100元。', 'money', 10, { currency: 'HKD' }],
  ['融资[[US$2.5亿]]。', 'money', 2.5e8, { currency: 'USD' }],
  ['售价[[€20]]。', 'money', 20, { currency: 'EUR' }],
  ['折合[[￥500]]。', 'money', 500, { currency: 'CNY' }],
  ['售价[[5000墨西哥比索]]。', 'money', 5000, { currency: 'MXN' }],
  ['估值约为[[四十五点五亿港元]]。', 'money', 4.55e9, { currency: 'HKD' }],
  ['共筹得[[八亿多美元]]。', 'money', 8e8, { qualifier: 'MORE_THAN' }],
  ['获得赔偿[[2万余元]]。', 'money', 20000, { qualifier: 'MORE_THAN' }],
  ['每月花了[[两三千元]]。', 'money', [2000, 3000]],
  ['一斤白菜卖[[5毛钱]]。', 'money', 0.5, { currency: 'CNY' }],
  ['一碗面[[3块5]]。', 'money', 3.5, { currency: 'CNY' }],
  ['买了[[3块]]蛋糕。', 'number', 3, { unit: '块' }],
  ['月薪在[[3000至5000元]]之间。', 'money', [3000, 5000]],
  ['油价每桶上涨[[2美元]]至85.5美元。', 'money', 2, { currency: 'USD' }],
  ['油价每桶上涨2美元至[[85.5美元]]。', 'money', 85.5, { currency: 'USD' }],
  ['票价上调了[[20万元]]至100万元。', 'money', 200000],
  ['每股上涨[[2港元]]至10港元。', 'money', 2, { currency: 'HKD' }],
  ['门票价格为[[160元至200元]]不等。', 'money', [160, 200]],
  ['预计增加[[10元至20元]]。', 'money', [10, 20]],
  ['每月增加[[500元至2000元]]不等。', 'money', [500, 2000]],
  ['门票[[约200元]]。', 'money', 200, { qualifier: 'APPROX' }],
  ['订单金额达[[4985.6亿美元]]。', 'money', 498560000000, { currency: 'USD' }],
  // A sign before a number belongs to it: a loss, a negative earning, a temperature below zero.
  ['净利润为[[负1.2亿元]]。', 'money', -120000000],
  ['每股收益[[-0.35元]]。', 'money', -0.35],
  ['气温降至[[零下5摄氏度]]。', 'quantity', -5, { unit: '摄氏度' }],
  ['最低气温[[零下5度]]。', 'quantity', -5, { unit: '度' }],
  ['当天最高气温为[[摄氏38度]]。', 'quantity', 38, { unit: '摄氏度' }],
  ['增速为[[−2.3%]]。', 'percent', -2.3],
  ['误差在正负[[3%]]以内。', 'percent', 3],
  ['储量[[0.3万吨]]。', 'quantity', 3000],
  // 超过, 不到 and 不足 bound the number from outside its span.
  ['已有超过[[140个]]国家', 'number', 140, { qualifier: 'MORE_THAN' }],
  ['事故造成至少[[37人]]死亡。', 'number', 37, { qualifier: 'EQUAL_OR_MORE' }],
  ['每人最多[[两张]]票。', 'number', 2, { qualifier: 'EQUAL_OR_LESS' }],
  ['投资不少于[[5000万元]]。', 'money', 5e7, { qualifier: 'EQUAL_OR_MORE' }],
  ['耗资不到[[5亿元]]。', 'money', 5e8, { qualifier: 'LESS_THAN' }],
  ['占比不足[[10%]]。', 'percent', 10, { qualifier: 'LESS_THAN' }],
  ['投入[[人民币5000万元]]用于建设。', 'money', 5e7, { currency: 'CNY' }],
  ['拨款[[五亿元人民币]]。', 'money', 5e8, { currency: 'CNY' }],
  ['预算为[[一千万元新台币]]。', 'money', 1e7, { currency: 'TWD' }],
  ['年收入[[３亿５０００万元]]。', 'money', 3.5e8],
  ['股价跌到[[0.19美元]]。', 'money', 0.19],
  ['奖金[[十万元]]已发放。', 'money', 100000],
  ['他借了[[1万2千元]]。', 'money', 12000],
  ['被罚[[50万英镑]]。', 'money', 500000, { currency: 'GBP' }],
  ['一碗面[[12块钱]]。', 'money', 12, { currency: 'CNY' }],
  ['可申请[[3至5万元]]贷款。', 'money', [30000, 50000]],
  ['年收入[[10万元以上]]的家庭。', 'money', 100000, { qualifier: 'EQUAL_OR_MORE' }],
  ['出口额达[[二十多亿美元]]。', 'money', 2e9, { qualifier: 'MORE_THAN' }],
  ['下拨党费[[64.2万元]]。', 'money', 642000],
  ['援助[[100美元]]。', 'money', 100],
  ['支付[[5000韩元]]。', 'money', 5000, { currency: 'KRW' }],
  ['融资[[１０亿美元]]。', 'money', 1e9],
  ['利润[[3亿元]]。', 'money', 3e8],
  ['总额为[[二亿六千万元]]。', 'money', 2.6e8],
  ['投资[[一万二千七百四十七万美元]]。', 'money', 127470000],
  ['出口额达[[３０亿芬兰马克]]。', 'money', 3e9, { currency: 'FIM' }],
  ['每股分红[[5美分]]。', 'money', 0.05, { currency: 'USD' }],
  ['这次完成[[百分之九十]]。', 'percent', 90],
  ['工程花费[[1.5亿元]]以外，', 'money', 1.5e8],
];

const PERCENT: Row[] = [
  ['产值增长[[百分之十点七]]。', 'percent', 10.7],
  ['价格下降[[百分之零点八]]。', 'percent', 0.8],
  ['销量上升[[30%]]。', 'percent', 30],
  ['占比[[３０％]]。', 'percent', 30],
  ['成本降低[[12.5%]]。', 'percent', 12.5],
  ['利率提高了[[零点六个百分点]]。', 'percent', 0.6, { unit: '个百分点' }],
  ['增速上涨[[1.9个百分点]]。', 'percent', 1.9, { unit: '个百分点' }],
  ['约有[[三分之二]]的居民同意。', 'percent', 66.666667],
  ['[[四分之一]]的土地荒芜。', 'percent', 25],
  // A fraction written with a slash, as 分之 is: the smaller number first.
  ['全球约有[[1/4]]的人口受到影响。', 'percent', 25],
  ['赞成票超过[[2/3]]。', 'percent', 66.666667, { qualifier: 'MORE_THAN' }],
  ['增幅达[[百分之三十以上]]。', 'percent', 30, { qualifier: 'EQUAL_OR_MORE' }],
  ['支持率在[[50%左右]]。', 'percent', 50, { qualifier: 'APPROX' }],
  ['失业率为[[百分之八至百分之九]]。', 'percent', [8, 9]],
  ['预计增长[[5%至8%]]。', 'percent', [5, 8]],
  ['商品降价[[七成]]。', 'percent', 70],
  ['营收可望季增[[1成]]。', 'percent', 10],
  ['约有[[七成五]]的受访者表示支持。', 'percent', 75],
  ['受访者中[[七八成]]表示满意。', 'percent', [70, 80]],
  ['近[[三成]]的企业亏损。', 'percent', 30, { qualifier: 'LESS_THAN' }],
  ['占比[[两成多]]。', 'percent', 20, { qualifier: 'MORE_THAN' }],
  ['仅[[一成]]不支持。', 'percent', 10],
  ['[[三成]]年轻人选择留在大城市。', 'percent', 30],
  ['[[本月底]]前完成。', 'date', '2020-09', { qualifier: 'END' }],
  ['[[下月初]]开工。', 'date', '2020-10', { qualifier: 'START' }],
  ['有[[千分之三]]的误差。', 'percent', 0.3],
  ['收入增长了[[百分之五]]。', 'percent', 5],
  ['比重为[[百分之二十五点五]]。', 'percent', 25.5],
  ['近[[百分之四十]]的学生住校。', 'percent', 40, { qualifier: 'LESS_THAN' }],
  ['回报率[[约8%]]。', 'percent', 8, { qualifier: 'APPROX' }],
  ['指标下降[[两个百分点]]。', 'percent', 2, { unit: '个百分点' }],
  ['上涨[[10.5%]]。', 'percent', 10.5],
  ['达到[[百分之一百]]。', 'percent', 100],
  ['[[百分之六十五]]的受访者表示满意。', 'percent', 65],
];

const QUANTITY: Row[] = [
  ['电池容量为[[5000毫安时]]。', 'quantity', 5000, { unit: '毫安时' }],
  ['内存为[[16GB]]，采用3nm工艺。', 'quantity', 16, { unit: 'GB' }],
  ['身高[[1.82m]]。', 'quantity', 1.82, { unit: 'm' }],
  ['他身高[[一米八五]]。', 'quantity', 1.85, { unit: '米' }],
  ['当地发生[[5.2级]]地震。', 'quantity', 5.2, { unit: '级' }],
  ['其中[[5级以上]]地震3次。', 'quantity', 5, { unit: '级', qualifier: 'EQUAL_OR_MORE' }],
  ['最大风力达到[[12级]]。', 'quantity', 12, { unit: '级' }],
  ['她跳过了[[两米三]]。', 'quantity', 2.3, { unit: '米' }],
  ['最大功率[[180kW]]。', 'quantity', 180, { unit: 'kW' }],
  ['中心气压为[[950百帕]]。', 'quantity', 950, { unit: '百帕' }],
  ['血压140/[[90毫米汞柱]]。', 'quantity', 90, { unit: '毫米汞柱' }],
  ['指数收于[[38,500.12点]]。', 'quantity', 38500.12, { unit: '点' }],
  ['设计时速[[350公里]]。', 'quantity', 350, { unit: '公里/小时' }],
  ['风速每秒[[12米]]。', 'quantity', 12, { unit: '米/秒' }],
  ['道指收跌1.2%，报[[3.4万点]]。', 'quantity', 34000, { unit: '点' }],
  ['利率下调[[25个基点]]。', 'quantity', 25, { unit: '基点' }],
  ['这条铁路全长[[584公里]]。', 'quantity', 584, { unit: '公里' }],
  ['广场面积[[三十七万平方米]]。', 'quantity', 370000, { unit: '平方米' }],
  ['年产量[[二千一百一十二万吨]]。', 'quantity', 21120000, { unit: '吨' }],
  ['这袋米重[[5公斤]]。', 'quantity', 5, { unit: '公斤' }],
  ['年产[[一百吨以上]]。', 'quantity', 100, { qualifier: 'EQUAL_OR_MORE' }],
  ['河水深达[[七米以上]]。', 'quantity', 7, { qualifier: 'EQUAL_OR_MORE' }],
  ['车队行驶了[[大约２００公里]]。', 'quantity', 200, { qualifier: 'APPROX' }],
  ['天然气储量[[七点三亿立方米]]。', 'quantity', 7.3e8, { unit: '立方米' }],
  ['占地[[24平方公里]]。', 'quantity', 24, { unit: '平方公里' }],
  ['体重[[60千克]]。', 'quantity', 60, { unit: '千克' }],
  ['年产[[5千吨]]。', 'quantity', 5000, { unit: '吨' }],
  ['降雨量[[10毫米]]。', 'quantity', 10],
  ['容量为[[500毫升]]。', 'quantity', 500],
  ['输电电压[[500千伏]]。', 'quantity', 500, { unit: '千伏' }],
  ['播种小麦[[3000亩]]。', 'quantity', 3000, { unit: '亩' }],
  ['身高[[1.75米]]。', 'quantity', 1.75, { unit: '米' }],
  // An index's points: a decimal or three digits or more before 点 (3点建议 and 8点 are not).
  ['上证指数收于[[3245.6点]]。', 'quantity', 3245.6, { unit: '点' }],
  ['道琼斯指数大涨逾[[400点]]。', 'quantity', 400, { unit: '点', qualifier: 'MORE_THAN' }],
  ['股指下跌了[[1000多点]]。', 'quantity', 1000, { unit: '点', qualifier: 'MORE_THAN' }],
  // Heights and jumps as sport writes them: 1米85 is 1.85 m.
  ['他身高[[1米85]]，体重75公斤。', 'quantity', 1.85, { unit: '米' }],
  ['她跳过了[[2米03]]的高度。', 'quantity', 2.03, { unit: '米' }],
  ['造林[[两千公顷]]。', 'quantity', 2000, { unit: '公顷' }],
  ['日产原油[[200万桶]]。', 'quantity', 2e6, { unit: '桶' }],
  ['最高气温[[38摄氏度]]。', 'quantity', 38, { unit: '摄氏度' }],
  ['最高气温[[38℃]]。', 'quantity', 38, { unit: '℃' }],
  ['水温为[[72°F]]。', 'quantity', 72, { unit: '°F' }],
  ['叶片长[[30厘米]]。', 'quantity', 30],
  ['运送货物[[六十多万吨]]。', 'quantity', 600000, { qualifier: 'MORE_THAN' }],
];

const COUNTS: Row[] = [
  // A decimal point written as a middle dot, as older mainland typesetting does; 3·15 stays a date.
  ['她的总分是[[9·875]]。', 'number', 9.875],
  ['总产量达[[1·235万吨]]。', 'quantity', 12350, { unit: '吨' }],
  ['全区[[31个]]党组参加。', 'number', 31, { unit: '个' }],
  ['[[835名]]在职党员报到。', 'number', 835, { unit: '名' }],
  ['[[三十余家]]企业参展。', 'number', 30, { unit: '家', qualifier: 'MORE_THAN' }],
  ['[[五十多家]]公司入驻。', 'number', 50, { qualifier: 'MORE_THAN' }],
  ['每[[3—5人]]一组。', 'number', [3, 5], { unit: '人' }],
  ['来了[[二百多个]]代表。', 'number', 200, { qualifier: 'MORE_THAN' }],
  ['购买[[两台]]设备。', 'number', 2, { unit: '台' }],
  ['产量增长[[三倍]]。', 'number', 3, { unit: '倍' }],
  ['共[[１２个]]国家参加。', 'number', 12],
  ['接待游客[[2万余人次]]。', 'number', 20000, { unit: '人次', qualifier: 'MORE_THAN' }],
  ['[[数百名]]群众围观。', 'number', [200, 900], { unit: '名' }],
  ['[[十几个]]村庄受灾。', 'number', [11, 19]],
  ['近[[百个]]项目开工。', 'number', 100, { qualifier: 'LESS_THAN' }],
  ['资源量近[[四十二亿吨]]。', 'quantity', 4.2e9, { qualifier: 'LESS_THAN' }],
  ['利用外资逾[[十亿美元]]。', 'money', 1e9, { qualifier: 'MORE_THAN' }],
  ['海军出动[[三艘]]舰艇。', 'number', 3, { unit: '艘' }],
  ['警方破获[[7起]]案件。', 'number', 7, { unit: '起' }],
  ['建成[[一百五十九个]]站点。', 'number', 159],
  ['事故中[[２６６人]]受伤。', 'number', 266, { unit: '人' }],
  ['[[12万人]]参加比赛。', 'number', 120000, { unit: '人' }],
  ['他获得[[３枚]]金牌。', 'number', 3, { unit: '枚' }],
  ['他的号码是[[13579]]。', 'number', 13579],
  ['共有[[3,500份]]问卷。', 'number', 3500, { unit: '份' }],
  ['编号[[2,048]]。', 'number', 2048],
  ['比分[[10]]，100人观战。', 'number', 10],
  ['该市人口增长了[[约5万]]。', 'number', 50000, { qualifier: 'APPROX' }],
  ['人数在[[5万左右]]。', 'number', 50000, { qualifier: 'APPROX' }],
  ['观众超过[[3000]]，', 'number', 3000, { qualifier: 'MORE_THAN' }],
  ['将近[[三十二万]]，', 'number', 320000, { qualifier: 'LESS_THAN' }],
  ['受灾人口逾[[百万]]。', 'number', 1000000, { qualifier: 'MORE_THAN' }],
  ['观众达[[5万多]]。', 'number', 50000, { qualifier: 'MORE_THAN' }],
  ['[[百余人]]参加。', 'number', 100, { qualifier: 'MORE_THAN' }],
  ['报名者有[[五十]]之众。', 'number', 50],
  ['他领先对手[[约80万票]]。', 'number', 800000, { unit: '票', qualifier: 'APPROX' }],
  ['该国人口约为[[1.4亿]]。', 'number', 140000000, { qualifier: 'APPROX' }],
  ['该市常住人口[[1800多万]]。', 'number', 18000000, { qualifier: 'MORE_THAN' }],
  ['来了3000多人，[[2000余]]。', 'number', 2000, { qualifier: 'MORE_THAN' }],
  ['现场约有[[500人]]。', 'number', 500, { unit: '人', qualifier: 'APPROX' }],
  ['成本大约为[[3000元]]。', 'money', 3000, { qualifier: 'APPROX' }],
  // A score or ratio is two numbers, as OntoNotes marks 12比1: the second after a colon too.
  ['主队以3:[[2]]获胜。', 'number', 2],
  ['比例尺为1：[[50000]]。', 'number', 50000],
  ['最终比分[[98]]:95。', 'number', 98],
];

const ORDINALS: Row[] = [
  ['他名列[[第三]]。', 'ordinal', 3],
  ['[[第十一]]届大会开幕。', 'ordinal', 11],
  ['她跑了[[第８]]名。', 'ordinal', 8],
  ['这是他[[第一]]次出国。', 'ordinal', 1],
  ['[[第二十九]]届奥运会。', 'ordinal', 29],
  ['刊登在[[第5]]期。', 'ordinal', 5],
];

const DATES: Row[] = [
  ['会议于[[2020年9月14日]]召开。', 'date', '2020-09-14'],
  ['[[１９９７年１２月１０日]]，工程完工。', 'date', '1997-12-10'],
  ['[[二〇二〇年九月十四日]]发布。', 'date', '2020-09-14'],
  ['他生于[[一九九七年]]。', 'date', '1997'],
  ['[[九七年]]香港回归。', 'date', '1997'],
  ['[[2019年]]的数据显示。', 'date', '2019'],
  ['[[1991至1995年]]的计划。', 'date', '1991/1995'],
  ['[[一九九二年至一九九六年]]间，', 'date', '1992/1996'],
  ['[[9月14日]]举行。', 'date', '2020-09-14'],
  ['[[１月４日]]开学。', 'date', '2020-01-04'],
  ['决赛定在[[4月12日]]。', 'date', '2020-04-12'],
  ['[[十二月十五日]]截止。', 'date', '2020-12-15'],
  ['[[3月]]的天气。', 'date', '2020-03'],
  ['[[一至二月份]]的出口。', 'date', '2020-01/2020-02'],
  ['[[今年前八个月]]的销量。', 'date', '2020-01/2020-08'],
  ['[[今年一至十月]]，', 'date', '2020-01/2020-10'],
  ['[[去年]]的产量。', 'date', '2019', { qualifier: undefined }],
  ['[[今年]]的目标。', 'date', '2020'],
  ['[[明年]]将投产。', 'date', '2021'],
  ['[[前年]]开始。', 'date', '2018'],
  ['比[[上年]]增长。', 'date', '2019'],
  ['[[今天]]上线。', 'date', '2020-09-14'],
  ['[[昨天]]宣布。', 'date', '2020-09-13'],
  ['[[前天]]到达。', 'date', '2020-09-12'],
  ['[[明天]]出发。', 'date', '2020-09-15'],
  ['[[后天]]返回。', 'date', '2020-09-16'],
  ['[[本月]]的计划。', 'date', '2020-09'],
  ['[[上个月]]的数据。', 'date', '2020-08'],
  ['[[下个月]]开业。', 'date', '2020-10'],
  ['[[上周三]]召开。', 'date', '2020-09-09'],
  ['[[星期五]]见面。', 'date', '2020-09-18'],
  ['[[下周二]]开庭。', 'date', '2020-09-22'],
  ['[[八十年代]]的歌曲。', 'date', '198X'],
  ['[[八十年代中期]]以后，', 'date', '198X', { qualifier: 'MID' }],
  ['[[90年代]]的电影。', 'date', '199X'],
  ['[[上世纪80年代初]]，', 'date', '198X', { qualifier: 'START' }],
  ['[[1990年代]]的经济。', 'date', '199X'],
  ['[[上世纪八九十年代]]，这里还是农田。', 'date', '198X/199X'],
  ['[[3月中下旬]]开始报名。', 'date', '2020-03', { qualifier: 'END' }],
  ['[[上个世纪五十年代初]]，他出生在山村。', 'date', '195X', { qualifier: 'START' }],
  ['[[上个世纪]]的建筑。', 'date', '19'],
  ['[[七八十年代]]的老歌。', 'date', '197X/198X'],
  ['[[十九世纪八十年代]]，铁路修到这里。', 'date', '188X'],
  // Years of an era: the Republic of China's calendar (year 1 is 1912) and 公元 / 公元前.
  ['中华民国[[113年10月1日]]起，', 'date', '2024-10-01'],
  ['民国[[三十八年]]，', 'date', '1949'],
  ['[[公元前221年]]，秦统一六国。', 'date', '-0221'],
  ['[[公元618年]]，唐朝建立。', 'date', '0618'],
  ['[[21世纪]]的挑战。', 'date', '20'],
  ['[[二十世纪]]的历史。', 'date', '19'],
  ['工期[[三年]]。', 'date', 'P3Y'],
  ['历时[[五个月]]。', 'date', 'P5M'],
  ['住院[[十天]]。', 'date', 'P10D'],
  ['休假[[两周]]。', 'date', 'P2W'],
  ['用了[[半年]]时间。', 'date', 'P6M'],
  ['工作[[三年多]]。', 'date', 'P3Y', { qualifier: 'MORE_THAN' }],
  ['等了[[十多年]]。', 'date', 'P10Y', { qualifier: 'MORE_THAN' }],
  ['服刑[[一年半]]。', 'date', 'P18M'],
  // A duration followed by one in smaller units is one: a sentence or a timetable.
  ['判处有期徒刑[[三年六个月]]。', 'date', 'P3Y6M'],
  ['判处有期徒刑[[三年零六个月]]。', 'date', 'P3Y6M'],
  ['全程用时[[两小时三十分钟]]。', 'time', 'PT2H30M'],
  ['航行了[[五天四小时]]。', 'date', 'P5DT4H'],
  // A race's time: 分 after hours, or before seconds, is minutes; digits after 秒 are its fraction.
  ['他以[[2小时08分15秒]]夺冠。', 'time', 'PT2H8M15S'],
  ['她跑出了[[1分58秒36]]的成绩。', 'time', 'PT1M58.36S'],
  ['他以[[9秒58]]打破世界纪录。', 'time', 'PT9.58S'],
  ['全程耗时[[3小时20分]]。', 'time', 'PT3H20M'],
  ['[[2027年底]]前建成。', 'date', '2027', { qualifier: 'END' }],
  ['[[2020年初]]，疫情', 'date', '2020', { qualifier: 'START' }],
  ['[[2021年]]初步统计显示，', 'date', '2021'],
  ['过了[[几个月]]。', 'date', 'PXM'],
  ['[[五年前]]的事。', 'date', '2015'],
  ['[[两天前]]出发。', 'date', '2020-09-12'],
  ['[[半年前]]开始。', 'date', '2020-03'],
  ['[[三个月后]]完工。', 'date', '2020-12'],
  ['[[一周前]]已有报道。', 'date', '2020-09-07'],
  ['[[未来五年]]的规划。', 'date', 'P5Y'],
  ['[[过去一年]]里，', 'date', 'P1Y'],
  ['他今年[[40岁]]。', 'date', 'P40Y'],
  ['[[三十多岁]]的工人。', 'date', 'P30Y', { qualifier: 'MORE_THAN' }],
  ['建校[[50周年]]。', 'date', 'P50Y'],
  ['[[今年上半年]]的利润。', 'date', '2020-H1'],
  ['[[去年下半年]]起，', 'date', '2019-H2'],
  ['[[今年第一季度]]的产值。', 'date', '2020-Q1'],
  ['[[今年前三个季度]]，', 'date', '2020-Q1/2020-Q3'],
  // A quarter or half-year named without a year is one of the article's year (二季度 is the second
  // quarter; two quarters as a length are 两个季度), and 第一季度 is a date, not the ordinal 第一.
  ['[[第一季度]]增长较快。', 'date', '2020-Q1'],
  ['[[二季度]]营收回升。', 'date', '2020-Q2'],
  ['[[三季度]]的订单。', 'date', '2020-Q3'],
  ['[[前三季度]]，全市', 'date', '2020-Q1/2020-Q3'],
  ['[[上半年]]，公司实现', 'date', '2020-H1'],
  ['亏损持续了[[两个季度]]。', 'date', 'P6M'],
  ['利润连续[[三季度]]下滑。', 'date', 'P9M'],
  ['[[去年年底]]完工。', 'date', '2019', { qualifier: 'END' }],
  ['[[今年年初]]启动。', 'date', '2020', { qualifier: 'START' }],
  ['[[7月底]]前完成。', 'date', '2020-07', { qualifier: 'END' }],
  ['[[去年八月底]]，', 'date', '2019-08', { qualifier: 'END' }],
  ['[[今年十一月初]]，', 'date', '2020-11', { qualifier: 'START' }],
  ['[[2020年秋季]]学期。', 'date', '2020-FA'],
  ['[[去年夏天]]的洪水。', 'date', '2019-SU'],
  ['[[元旦]]放假。', 'date', '2020-01-01'],
  ['[[国庆节]]期间，', 'date', '2020-10-01'],
  ['今年[[双十一]]期间，', 'date', '2020-11-11'],
  ['“[[五一]]”假期', 'date', '2020-05-01'],
  ['[[十一]]黄金周', 'date', '2020-10-01'],
  ['[[近年来]]，', 'date', 'PXY'],
  ['[[日前]]，', 'date', 'PXD'],
  ['发布于[[2020-09-14]]。', 'date', '2020-09-14'],
  // Month·day names an event's day; the year is not the article's (9·21 was 1999).
  ['[[3·15]]晚会曝光了多家企业。', 'date', 'XXXX-03-15'],
  ['[[９·２１]]大地震', 'date', 'XXXX-09-21'],
  ['[[29日]]闭幕。', 'date', '2020-09-29'],
  ['[[１３号]]开学。', 'date', '2020-09-13'],
  ['[[今年以来]]，', 'date', '2020'],
  ['[[一九九五年八月五日至九日]]，', 'date', '1995-08-05/1995-08-09'],
  ['展会[[11月11号至18号]]举办。', 'date', '2020-11-11/2020-11-18'],
  ['[[去年１２月]]，', 'date', '2019-12'],
  ['[[今年５月]]，', 'date', '2020-05'],
  ['停留[[6天]]。', 'date', 'P6D'],
  ['[[1998年3月]]，', 'date', '1998-03'],
  ['[[2019年12月31日晚上]]，', 'time', '2019-12-31TEV'],
  ['[[2019年12月31日]]，', 'date', '2019-12-31'],
  ['[[二〇〇八年]]的奥运会。', 'date', '2008'],
  ['[[同年]]，', 'date', 'XXXX'],
  ['这首诗写于[[唐朝]]。', 'date', '0618/0907'],
  ['喜迎[[猴年]]春节。', 'date', 'XXXX'],
  ['[[全年]]产值翻番。', 'date', 'P1Y'],
  ['自[[一九九四年]]以来，', 'date', '1994'],
  ['开业[[４天]]以来，', 'date', 'P4D'],
  ['近[[六年]]里，', 'date', 'P6Y', { qualifier: 'LESS_THAN' }],
  ['在[[过去四十多年]]中，', 'date', 'P40Y', { qualifier: 'MORE_THAN' }],
  ['[[过去一年]]中，', 'date', 'P1Y'],
  ['今后[[几年]]，', 'date', 'PXY'],
  ['休息[[一两天]]。', 'date', 'PXD'],
  ['[[今明两天]]有雨。', 'date', '2020-09-14/2020-09-15'],
  ['行政院[[今（14）日]]通过预算案。', 'date', '2020-09-14'],
  ['[[今明两年]]的目标。', 'date', '2020/2021'],
  ['[[上周]]召开的会议。', 'date', '2020-W37'],
  ['[[2025年1月至2026年3月]]期间，', 'date', '2025-01/2026-03'],
  ['[[11月下旬至12月初]]举行。', 'date', '2020-11/2020-12'],
  ['[[年初]]至今，销量增长。', 'date', '2020', { qualifier: 'START' }],
  ['预计[[年底]]完工。', 'date', '2020', { qualifier: 'END' }],
  ['[[下个星期]]将公布结果。', 'date', '2020-W39'],
  ['[[本周末]]气温回升。', 'date', '2020-W38-WE'],
  ['预计[[下周初]]降温。', 'date', '2020-W39', { qualifier: 'START' }],
  ['[[周末]]愉快。', 'date', 'XXXX-WXX-WE'],
  ['节目于每[[周一]]播出。', 'date', 'XXXX-WXX-1'],
  ['每年9月第三个[[星期六]]为国防教育日。', 'date', 'XXXX-WXX-6'],
  ['每年的[[9月]]举行。', 'date', 'XXXX-09'],
  ['最近[[5天]]里，', 'date', 'P5D', { qualifier: undefined }],
  ['其中[[两个半月]]用于调试。', 'date', 'P2.5M'],
  ['近[[三年]]来，营收稳步增长。', 'date', 'P3Y', { qualifier: undefined }],
  ['设计使用寿命[[120年]]。', 'date', 'P120Y'],
  ['论坛将于[[3至5日]]举行。', 'date', '2020-09-03/2020-09-05'],
  ['[[20世纪80年代至90年代]]，经济快速发展。', 'date', '198X/199X'],
  ['“[[十四五]]”期间，经济稳步增长。', 'date', '2021/2025'],
  ['[[2025财年]]营收下降。', 'date', 'FY2025'],
  ['[[2024财年第二财季]]营收增长。', 'date', 'FY2024-Q2'],
  ['[[第四财季]]净利润为负。', 'date', 'FYXXXX-Q4'],
  ['[[十五五]]规划开局之年。', 'date', '2026/2030'],
  // The Chinese calendar, in the lunar year of the article's date (2020-09-14: lunar 2020).
  ['[[农历八月十五]]是团圆的日子。', 'date', '2020-10-01'],
  ['[[正月初一]]全家拜年。', 'date', '2020-01-25'],
  ['[[腊月二十三]]是小年。', 'date', '2021-02-04'],
  ['[[大年三十]]吃年夜饭。', 'date', '2021-02-11'],
  ['[[闰四月初八]]。', 'date', '2020-05-30'],
  ['今年[[中秋节]]恰逢国庆。', 'date', '2020-10-01'],
  ['[[除夕]]夜。', 'date', '2020-01-24'],
  ['[[十月初]]天气转凉。', 'date', '2020-10', { qualifier: 'START' }],
  // A range of lengths is one span with both ends.
  ['在未来[[3至5年]]内完成。', 'date', 'P3Y/P5Y'],
  ['需要[[两到三个月]]。', 'date', 'P2M/P3M'],
  ['持续[[10～15天]]。', 'date', 'P10D/P15D'],
  ['[[今年第三季]]本地生产总值上升。', 'date', '2020-Q3'],
  ['[[2024年第一季]]营收增长。', 'date', '2024-Q1'],
  // A generation (80后: born in the eighties) and an age by tens of years (七旬).
  ['面向[[80后]]消费者。', 'date', '198X'],
  ['[[九零后]]是主力。', 'date', '199X'],
  ['[[００后]]大学生。', 'date', '200X'],
  ['[[85后]]员工。', 'date', '1985/1989'],
  ['一位[[七旬]]老人晕倒。', 'date', 'P70Y', { qualifier: 'EQUAL_OR_MORE' }],
  ['年近[[六旬]]的男子。', 'date', 'P60Y', { qualifier: 'LESS_THAN' }],
  ['年逾[[八旬]]。', 'date', 'P80Y', { qualifier: 'MORE_THAN' }],
  ['老人[[九旬开外]]。', 'date', 'P90Y', { qualifier: 'MORE_THAN' }],
];

const TIMES: Row[] = [
  ['现在是北京时间[[七点整]]。', 'time', '2020-09-14T07:00'],
  ['开放时间为[[上午9时至下午5时]]。', 'time', '2020-09-14T09:00/17:00'],
  ['[[明天白天]]有雨。', 'time', '2020-09-15TDT'],
  ['活动时间：[[2020/09/20 10:00-12:00]]。', 'time', '2020-09-20T10:00/12:00'],
  ['[[晚上十二点]]前睡觉。', 'time', '2020-09-14T24:00'],
  ['[[三点一刻]]出发。', 'time', '2020-09-14T03:15'],
  ['耗时[[约5到10分钟]]。', 'time', 'PT5M/PT10M', { qualifier: 'APPROX' }],
  ['[[上午10时30分]]开会。', 'time', '2020-09-14T10:30'],
  ['[[晚8点]]结束。', 'time', '2020-09-14T20:00'],
  ['[[下午3点半]]出发。', 'time', '2020-09-14T15:30'],
  ['展览[[下午3时至5时]]开放。', 'time', '2020-09-14T15:00/17:00'],
  ['[[下午两点左右]]到达。', 'time', '2020-09-14T14:00', { qualifier: 'APPROX' }],
  ['[[夜里11点多]]，', 'time', '2020-09-14T23:00', { qualifier: 'MORE_THAN' }],
  ['[[正午12时]]开始。', 'time', '2020-09-14T12:00'],
  ['[[晚上7点到9点]]停电。', 'time', '2020-09-14T19:00/21:00'],
  ['[[昨天下午3点]]，', 'time', '2020-09-13T15:00'],
  ['[[16日晚]]，', 'time', '2020-09-16TEV'],
  ['[[今晚]]播出。', 'time', '2020-09-14TEV'],
  ['[[昨晚]]发生。', 'time', '2020-09-13TEV'],
  ['[[9月13日10时30分]]，', 'time', '2020-09-13T10:30'],
  ['持续了[[两个小时]]。', 'time', 'PT2H'],
  ['干了[[七八个小时]]。', 'time', 'PTXH'],
  ['[[第二天上午]]，两国元首举行会谈。', 'time', 'XXXX-XX-XXTMO'],
  ['会议开了[[两个半小时]]。', 'time', 'PT150M'],
  ['又等了[[一个半小时]]的车。', 'time', 'PT90M'],
  ['谈了近[[两个小时]]。', 'time', 'PT2H', { qualifier: 'LESS_THAN' }],
  ['等了[[10分钟]]。', 'time', 'PT10M'],
  ['休息[[半小时]]。', 'time', 'PT30M'],
  ['会议在[[15:30]]开始。', 'time', '2020-09-14T15:30'],
  ['[[凌晨3点]]，', 'time', '2020-09-14T03:00'],
  ['[[上午]]，', 'time', '2020-09-14TMO'],
  ['[[晚上]]，', 'time', '2020-09-14TEV'],
  ['[[9月15日12时]]起，', 'time', '2020-09-15T12:00'],
  ['更新于[[2020-09-14 08:35]]。', 'time', '2020-09-14T08:35'],
  ['[[中午12点]]，', 'time', '2020-09-14T12:00'],
  ['[[星期四早上]]，', 'time', '2020-09-17TMO'],
  ['讨论了[[一个多小时]]。', 'time', 'PT1H', { qualifier: 'MORE_THAN' }],
  ['[[深夜11点]]，', 'time', '2020-09-14T23:00'],
  ['[[今天上午]]，', 'time', '2020-09-14TMO'],
  ['[[晚上8点半]]，', 'time', '2020-09-14T20:30'],
  // The evening of 当晚 and 昨夜 counts for the hour after it, as 晚上 does (当晚 is the evening of a
  // day the text named, not of the dateline).
  ['火势[[当晚9时]]得到控制。', 'time', 'XXXX-XX-XXT21:00'],
  ['[[昨夜11点]]，', 'time', '2020-09-13T23:00'],
  ['[[今早7点]]出发。', 'time', '2020-09-14T07:00'],
  ['[[傍晚6点]]，', 'time', '2020-09-14T18:00'],
  ['[[凌晨3时许]]，当地发生地震。', 'time', '2020-09-14T03:00', { qualifier: 'APPROX' }],
  ['[[晚上的８点半]]，', 'time', '2020-09-14T20:30'],
  ['[[昨天深夜]]，', 'time', '2020-09-13TNI'],
];

const ROWS = [...MONEY, ...PERCENT, ...QUANTITY, ...COUNTS, ...ORDINALS, ...DATES, ...TIMES];

test('the value table has at least 200 expressions', () => {
  assert.ok(ROWS.length >= 200, `${ROWS.length} rows`);
});

test('every expression of the table: exact span, label and value', () => {
  const seg = JiebaSegmenter.load();
  const failures: string[] = [];
  for (const [marked, label, value, extra] of ROWS) {
    const start = marked.indexOf('[[');
    const end = marked.indexOf(']]') - 2;
    const text = marked.replace('[[', '').replace(']]', '');
    const span = text.slice(start, end);
    const es = recognizeRuleEntities(text, seg.tag(text), { anchor: ANCHOR });
    const e = es.find((x) => x.start === start && x.end === end);
    const got = e ? `${e.label} ${JSON.stringify(e.value)} ${e.unit ?? ''} ${e.currency ?? ''} ${e.qualifier ?? ''}` : `nothing (${es.filter((x) => x.start < end && start < x.end).map((x) => `${x.text}/${x.label}`).join(' ')})`;
    const ok =
      e !== undefined &&
      e.label === label &&
      JSON.stringify(e.value) === JSON.stringify(value) &&
      (extra?.unit === undefined || e.unit === extra.unit) &&
      (extra?.currency === undefined || e.currency === extra.currency) &&
      (!extra || !('qualifier' in extra) || e.qualifier === extra.qualifier);
    if (!ok) failures.push(`${span} in ${text}: want ${label} ${JSON.stringify(value)} ${JSON.stringify(extra ?? {})}, got ${got}`);
  }
  assert.deepEqual(failures, []);
});

test('a quarter counted or pointed at is not a named quarter', () => {
  const seg = JiebaSegmenter.load();
  const text = '公司每一季度发布报告，上一季度亏损。';
  const es = recognizeRuleEntities(text, seg.tag(text), { anchor: ANCHOR });
  assert.deepEqual(es.filter((e) => e.label === 'date').map((e) => e.value), []);
});

test('idioms and words made of numerals are not values', () => {
  const seg = JiebaSegmenter.load();
  const text = '党员第一时间冲向一线，十分辛苦，千方百计统一部署，大家一起努力，万一失败，推进一元化管理，三心二意不可取，规矩不是一成不变的，他一成年就离家打工了。';
  const es = recognizeRuleEntities(text, seg.tag(text), { anchor: ANCHOR });
  const values = es.filter((e) => !['person', 'location', 'organization', 'work'].includes(e.label));
  assert.deepEqual(values.map((e) => e.text), []);
  const berth = '停靠在十号泊位。';
  assert.deepEqual(recognizeRuleEntities(berth, seg.tag(berth), { anchor: ANCHOR }).filter((e) => e.label === 'date'), []);
  // '3点' before a noun is three points, not three o'clock.
  const points = '他提出3点建议。';
  assert.deepEqual(recognizeRuleEntities(points, seg.tag(points), { anchor: ANCHOR }).map((e) => [e.text, e.label]), [['3', 'number']]);
  const everyYear = '每年年底和每年中秋节前后。';
  assert.deepEqual(recognizeRuleEntities(everyYear, seg.tag(everyYear), { anchor: ANCHOR }).filter((e) => e.label === 'date' && e.value === '2020').map((e) => e.text), []);
  // 5G is a network generation and 2.0T an engine: neither a unit nor the number before its point.
  const engines = '5G网络覆盖全国，这款车搭载2.0T发动机。';
  assert.deepEqual(recognizeRuleEntities(engines, seg.tag(engines), { anchor: ANCHOR }).filter((e) => e.label === 'number' || e.label === 'quantity').map((e) => e.text), []);
  const versions = '新款iPhone 15和Windows 10系统，日经225指数和沪深300指数。';
  assert.deepEqual(recognizeRuleEntities(versions, seg.tag(versions), { anchor: ANCHOR }).filter((e) => e.label === 'number'), []);
  // 后 after a number is a generation only as a word of its own: not 80后面, not a day's 20 (5月20后).
  for (const after of ['排在第80后面。', '5月20后出发。', '会议10:30开始，成绩1:23.45。']) {
    const found = recognizeRuleEntities(after, seg.tag(after), { anchor: ANCHOR });
    assert.deepEqual(found.filter((e) => /^(?:19|20)\dX$/.test(String(e.value)) || e.value === 30 || e.value === 23.45).map((e) => e.text), [], after);
  }
  // A clock's minutes are two digits and no more: 1：50000 is a ratio.
  assert.deepEqual(recognizeTimex('比例尺为1：50000。', ANCHOR), []);
  // 级 alone is any level: no quantity in 三级警报, 3级警报.
  const levels = '发布3级警报，他是二级教授。';
  assert.deepEqual(recognizeRuleEntities(levels, seg.tag(levels), { anchor: ANCHOR }).filter((e) => e.label === 'quantity'), []);
  const yearly = '一年一度的购物节。';
  assert.deepEqual(recognizeRuleEntities(yearly, seg.tag(yearly), { anchor: ANCHOR }).filter((e) => e.label === 'date'), []);
  const grade = '他读三年级。';
  assert.deepEqual(recognizeRuleEntities(grade, seg.tag(grade), { anchor: ANCHOR }).filter((e) => e.label === 'date'), []);
  const surroundings = '这周边地区的居民。';
  assert.deepEqual(recognizeRuleEntities(surroundings, seg.tag(surroundings), { anchor: ANCHOR }).filter((e) => e.label === 'date'), []);
  // Two halves of a day or a year, two hemispheres: 个半 does not make them a duration of two and a half.
  for (const halves of ['用了两个半天。', '分为两个半年。', '南北两个半球。']) {
    const found = recognizeRuleEntities(halves, seg.tag(halves), { anchor: ANCHOR }).filter((e) => e.label === 'date' || e.label === 'time');
    assert.deepEqual(found.filter((e) => e.text.startsWith('两个半')).map((e) => e.text), [], halves);
  }
});

test('partial and relative dates stay unresolved without an article date, and never borrow a year from the text', () => {
  const seg = JiebaSegmenter.load();
  const text = '2008年的决赛令人难忘。4月12日，球队再次夺冠，去年也进入了决赛。';
  const es = recognizeRuleEntities(text, seg.tag(text), {});
  const v = (s: string) => es.find((e) => e.text === s)?.value;
  assert.equal(v('2008年'), '2008');
  assert.equal(v('4月12日'), 'XXXX-04-12');
  assert.equal(v('去年'), 'XXXX');
  // A relative year without the article's date leaves the year unknown, not the month and day.
  const next = '明年4月1日起实施。';
  assert.equal(recognizeRuleEntities(next, seg.tag(next), {}).find((e) => e.label === 'date')?.value, 'XXXX-04-01');
  // A relative month without the article's date leaves the month unknown, not the day.
  const lunar = '他出生于农历三月初三。';
  assert.equal(recognizeRuleEntities(lunar, seg.tag(lunar), {}).find((e) => e.label === 'date')?.value, 'XXXX-XX-XX');
  const days = '论坛将于3至5日举行。';
  assert.equal(recognizeRuleEntities(days, seg.tag(days), {}).find((e) => e.label === 'date')?.value, 'XXXX-XX-03/XXXX-XX-05');
  const thisMonth = '他于本月15日晚上11时被捕，上月3日曾出境。';
  assert.deepEqual(recognizeRuleEntities(thisMonth, seg.tag(thisMonth), {}).filter((e) => e.label === 'date' || e.label === 'time').map((e) => e.value), ['XXXX-XX-15T23:00', 'XXXX-XX-03']);
  const dated = recognizeRuleEntities(text, seg.tag(text), { anchor: { year: 2011, month: 5, day: 2, source: 'the dateline' } });
  const d = dated.find((e) => e.text === '4月12日')!;
  assert.equal(d.value, '2011-04-12');
  assert.equal(d.resolution, '4月12日 → 2011-04-12, from the dateline 2011-05-02');
});
