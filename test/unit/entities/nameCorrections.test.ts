import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { correctNames } from '../../../server/src/core/entities/nameCorrections';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { createDefaultAnalyzer } from '../../../server/src/core/pipeline';
import { createCoreResources } from '../../../server/src/core/resources';
import type { Entity, EntityLabel } from '../../../server/src/core/types';

// Sentences written for these tests (not taken from the seeds or any corpus).

const seg = JiebaSegmenter.load();
const at = (text: string, word: string, label: EntityLabel, from = 0): Entity => {
  const start = text.indexOf(word, from);
  assert.ok(start >= 0, `${word} not in ${text}`);
  return { start, end: start + word.length, label, text: word, source: 'model' };
};
const show = (es: readonly Entity[]) => es.map((e) => `${e.text}/${e.label}`);

test('parts of a transliterated name joined by - · • or ． become one person', () => {
  for (const [text, parts, whole] of [
    ['凯文-杜兰特在第四节独得15分。', ['杜兰特'], '凯文-杜兰特'],
    ['蒂姆•邓肯宣布退役后，球迷纷纷留言。', ['蒂姆'], '蒂姆•邓肯'],
    ['勒布朗．詹姆斯今天没有出场。', ['勒布朗', '詹姆斯'], '勒布朗．詹姆斯'],
    ['安德鲁-拜纳姆接受了采访。', ['安德鲁', '拜纳姆'], '安德鲁-拜纳姆'],
  ] as const) {
    const model = parts.map((p) => at(text, p, 'person'));
    assert.deepEqual(show(correctNames(text, seg.tag(text), model)), [`${whole}/person`], text);
  }
  // Three parts: each joiner extends the name built so far.
  const three = '让-克洛德-范达姆出演了这部电影。';
  assert.deepEqual(show(correctNames(three, seg.tag(three), [at(three, '范达姆', 'person')])), ['让-克洛德-范达姆/person']);
});

test('a joiner between names that are not persons joins nothing', () => {
  const text = '会议在中国·北京举行，巴西·里约的代表也到了。';
  const model = [at(text, '中国', 'location'), at(text, '北京', 'location'), at(text, '巴西', 'location'), at(text, '里约', 'location')];
  assert.deepEqual(show(correctNames(text, seg.tag(text), model)), ['中国/location', '北京/location', '巴西/location', '里约/location']);
});

test('a person span that is one noun word ending in a noun head (季后赛) is dropped; a given name ending in such a character is not', () => {
  const text = '球队最终无缘季后赛，主教练王火表示遗憾。';
  const out = correctNames(text, seg.tag(text), [at(text, '季后赛', 'person'), at(text, '王火', 'person')]);
  assert.deepEqual(show(out), ['王火/person']);
});

test('a place or organisation span that is only a generic head word (公司, 开发区) is dropped; a name ending in one is kept', () => {
  const text = '公司第三季营收增长，新区政府与开发区管委会及华远公司签约。';
  const found = [at(text, '公司', 'organization'), at(text, '开发区', 'location'), at(text, '华远公司', 'organization')];
  assert.deepEqual(show(correctNames(text, seg.tag(text), found)), ['华远公司/organization']);
});

test('listed teams and companies replace the name spans they overlap, and never cut a word', () => {
  const text = '肯德基和富士康都在这座城市招聘，湖人队的球迷也来了。';
  const model = [at(text, '肯德基', 'person'), at(text, '富士康', 'person'), at(text, '湖', 'location')];
  assert.deepEqual(show(correctNames(text, seg.tag(text), model)), ['肯德基/organization', '富士康/organization', '湖人队/organization']);
  const lake = '洞庭湖人民群众积极参与防汛。';
  assert.deepEqual(show(correctNames(lake, seg.tag(lake), [at(lake, '洞庭湖', 'location')])), ['洞庭湖/location']);
  // A listed team name that is an everyday word counts only with 队.
  const sun = '孩子们在院子里晒太阳，火箭队的比赛开始了。';
  assert.deepEqual(show(correctNames(sun, seg.tag(sun), [])), ['火箭队/organization']);
});

test('the pipeline on sentences with the errors users met: hyphenated names, 季后赛, 《》 titles, brands', () => {
  const analyzer = createDefaultAnalyzer(createCoreResources(), { cacheEntries: 0 });
  const names = (text: string) =>
    show(analyzer.analyzeDocument(text).entities.filter((e) => ['person', 'location', 'organization', 'work'].includes(e.label)));
  const cases: [string, string[]][] = [
    ['凯文-杜兰特在第四节独得15分，帮助球队赢下比赛。', ['凯文-杜兰特/person']],
    ['勒布朗．詹姆斯和克里斯-保罗是多年的好朋友。', ['勒布朗．詹姆斯/person', '克里斯-保罗/person']],
    ['本赛季湖人战绩不佳，最终无缘季后赛。', ['湖人/organization']],
    ['季后赛第二轮将于下周六开打。', []],
    ['马刺在季后赛首轮淘汰了对手。', ['马刺/organization']],
    ['他主演的电影《长江七号》上映后口碑不错。', ['《长江七号》/work']],
    ['这本《北京人在纽约》讲的是一个普通家庭的故事。', ['《北京人在纽约》/work']],
    // A newspaper or a magazine is an organization (MSRA's and OntoNotes' convention); a communiqué is a work.
    ['他的文章刊登在《滨海晚报》和《读者文摘》上。', ['滨海晚报/organization', '读者文摘/organization']],
    ['據《光華時報》報導，會議發表了《聯合公報》。', ['光華時報/organization', '《聯合公報》/work']],
    ['肯德基和麦当劳都在这条街上开了门店。', ['肯德基/organization', '麦当劳/organization']],
    ['富士康的员工人数去年有所下降。', ['富士康/organization']],
    ['高盛和摩根士丹利都上调了这家公司的评级。', ['高盛/organization', '摩根士丹利/organization']],
    ['国美电器和苏宁易购在家电市场竞争激烈。', ['国美电器/organization', '苏宁易购/organization']],
    ['据新浪体育报道，火箭队昨天签下了一名新秀。', ['新浪体育/organization', '火箭队/organization']],
    ['據彭博社報導，輝達執行長下月將訪問台積電。', ['彭博社/organization', '輝達/organization', '台積電/organization']],
    // A dateline: jieba reads 新浪 | 体育讯.
    ['新浪体育讯　火箭队昨天在主场迎战对手。', ['新浪体育/organization', '火箭队/organization']],
    // The sun and the moon are no places (MSRA tags them LOC); a name that starts with them is one.
    ['周末很多市民到公园里晒太阳，晚上又一起看月亮。', []],
    ['夏天的太阳岛游人如织。', ['太阳岛/location']],
  ];
  for (const [text, expected] of cases) assert.deepEqual(names(text), expected, text);
});

test('a person that took the first character of a function word after it gives it back; a name that ends a word keeps its length', () => {
  for (const [text, taken, name] of [
    ['李春生立即召开会议部署工作。', '李春生立', '李春生'],
    ['记者张小红并且还了解到情况。', '张小红并', '张小红'],
  ] as const) {
    const out = correctNames(text, seg.tag(text), [at(text, taken, 'person')]);
    assert.deepEqual(show(out), [`${name}/person`], text);
  }
  // 欧阳立 ends where jieba's words end: nothing to give back; two-character names are never shortened.
  for (const [text, name] of [
    ['欧阳立昨天到达上海。', '欧阳立'],
    ['王立即将出任新职。', '王立'],
  ] as const) {
    assert.deepEqual(show(correctNames(text, seg.tag(text), [at(text, name, 'person')])), [`${name}/person`], text);
  }
});

test('a Latin name in brackets right after a name is its other name, with its label', () => {
  const imf = '国际货币基金组织（IMF）下调了增长预期。';
  assert.deepEqual(show(correctNames(imf, seg.tag(imf), [at(imf, '国际货币基金组织', 'organization')])), ['国际货币基金组织/organization', 'IMF/organization']);
  const coach = '主教练沃尔贝克(Gertjan Verbeek)赛后表示满意。';
  assert.deepEqual(show(correctNames(coach, seg.tag(coach), [at(coach, '沃尔贝克', 'person')])), ['沃尔贝克/person', 'Gertjan Verbeek/person']);
  // Not after something that is no name, nor with a space or a word between.
  const ceo = '首席执行官（CEO）今天辞职。';
  assert.deepEqual(show(correctNames(ceo, seg.tag(ceo), [])), []);
  const apart = '世界卫生组织 （WHO）发布报告。';
  assert.deepEqual(show(correctNames(apart, seg.tag(apart), [at(apart, '世界卫生组织', 'organization')])), ['世界卫生组织/organization']);
});
