import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { WorkspaceLearning, correctionOf, rejectedSpans, replacedSpans, sentenceAround } from '../../../server/src/core/annotations/learning';
import { defaultModelPath, loadNerModel } from '../../../server/src/core/ner/index';
import type { Entity, EntityLabel } from '../../../server/src/core/types';

// Sentences written for these tests. The shipped model reads the fund company 华宝 as a person;
// the annotator says it is an organization.
const seg = JiebaSegmenter.load();
const base = loadNerModel(defaultModelPath()!);

const names = (l: WorkspaceLearning, text: string) =>
  l.tag(text, seg.tag(text)).map((e) => `${e.text}/${e.label}`);

const span = (text: string, word: string, label: EntityLabel, from = 0) => {
  const start = text.indexOf(word, from);
  assert.ok(start >= 0, `${word} in ${text}`);
  return { start, end: start + word.length, label };
};

test('an empty adaptation tags exactly as the shipped model', () => {
  const l = new WorkspaceLearning(seg, base);
  const text = '昨天，张伟在北京会见了来自上海市政府的代表团。';
  assert.deepEqual(l.tag(text, seg.tag(text)), base.tag(text, seg.tag(text)));
});

test('a correction carries to other mentions of the word, and reset restores the shipped model exactly', () => {
  const l = new WorkspaceLearning(seg, base);
  const taught = '华宝今年的业绩不错。';
  const other = '投资者看好华宝的新基金。';
  const before = base.tag(other, seg.tag(other));
  assert.ok(names(l, other).includes('华宝/person'), 'precondition: the shipped model gets it wrong');
  l.learn({ text: taught, entities: [span(taught, '华宝', 'organization')] });
  // The lesson is about the word, not the sentence: in a new sentence 华宝 is no longer a person.
  assert.ok(!names(l, other).includes('华宝/person'), names(l, other).join(' '));
  assert.ok(l.summary().features > 0);
  l.reset();
  assert.deepEqual(l.tag(other, seg.tag(other)), before);
});

test('the learned sentence itself decodes as corrected', () => {
  const l = new WorkspaceLearning(seg, base);
  const text = '记者从长风港务集团获悉，该集团与华海船舶签署了协议。';
  const entities = [span(text, '长风港务集团', 'organization'), span(text, '华海船舶', 'organization')];
  for (let k = 0; k < 4; k++) l.learn({ text, entities });
  assert.deepEqual(names(l, text), ['长风港务集团/organization', '华海船舶/organization']);
});

test('adapter steps are in the model\'s score units: one correction is enough for its own sentence to decode as corrected', () => {
  for (const [text, word] of [
    ['华宝今年的业绩不错。', '华宝'],
    ['青松资本宣布完成新一轮融资。', '青松资本'],
  ] as const) {
    const l = new WorkspaceLearning(seg, base);
    assert.ok(!names(l, text).includes(`${word}/organization`), `precondition: the shipped model misses ${word}`);
    l.learn({ text, entities: [span(text, word, 'organization')] });
    assert.deepEqual(names(l, text), [`${word}/organization`]);
  }
});

const auto = (text: string, word: string, label: EntityLabel, from = 0): Entity => {
  const s = span(text, word, label, from);
  return { ...s, text: word, source: 'rule' };
};

test('a string rejected more than confirmed is dropped everywhere; one overlapping a confirmed entity is not a rejection', () => {
  const l = new WorkspaceLearning(seg); // no model: the string memory alone
  const t1 = '季后赛首轮比赛今晚开打。';
  l.learn({ text: t1, entities: [], rejected: rejectedSpans([], [auto(t1, '季后赛', 'person')]) });
  const t2 = '东湖区政府发布通知。';
  // 东湖 was predicted as a place inside the confirmed organisation: a boundary error, not a wrong string.
  const confirmed = [span(t2, '东湖区政府', 'organization')];
  l.learn({ text: t2, entities: confirmed, rejected: rejectedSpans(confirmed, [auto(t2, '东湖', 'location')]) });
  const t3 = '季后赛门票在东湖售出。';
  const out = l.apply(t3, [auto(t3, '季后赛', 'person'), auto(t3, '东湖', 'location')]);
  assert.deepEqual(out.map((e) => `${e.text}/${e.label}`), ['东湖/location']);
  assert.deepEqual(l.summary().rejected, [{ text: '季后赛', label: 'person', times: 1 }]);
});

test('a confirmed string relabels automatic spans and finds uncovered mentions; manual spans are never touched', () => {
  const l = new WorkspaceLearning(seg);
  const t1 = '新浪体育讯，湖人队昨天取胜。';
  l.learn({ text: t1, entities: [span(t1, '新浪体育', 'organization'), span(t1, '湖人', 'organization')] });
  const t2 = '湖人和新浪体育都在洛杉矶。';
  const manual: Entity = { ...span(t2, '洛杉矶', 'location'), text: '洛杉矶', source: 'manual' };
  const out = l.apply(t2, [auto(t2, '湖人', 'location'), manual]);
  assert.deepEqual(
    out.map((e) => `${e.text}/${e.label}/${e.source}`),
    ['湖人/organization/dictionary', '新浪体育/organization/dictionary', '洛杉矶/location/manual'],
  );
});

test('a confirmed string labels only mentions that are words: never across a word boundary inside other words', () => {
  const l = new WorkspaceLearning(seg);
  const t1 = '海南今年游客很多。';
  l.learn({ text: t1, entities: [span(t1, '海南', 'location')] });
  assert.deepEqual(l.apply('海南的椰子很甜。', []).map((e) => e.text), ['海南']);
  // 上海 + 南站: the characters 海南 straddle two words.
  assert.deepEqual(l.apply('我们从上海南站出发。', []), []);
});

test('a confirmed string takes over automatic spans inside its mentions, never a manual one or one it would cut', () => {
  const l = new WorkspaceLearning(seg);
  const t1 = '以上是美国之音的国际新闻。';
  l.learn({ text: t1, entities: [span(t1, '美国之音', 'organization')] });
  const t2 = '美国之音记者从华盛顿报道。';
  assert.deepEqual(
    l.apply(t2, [auto(t2, '美国', 'location'), auto(t2, '华盛顿', 'location')]).map((e) => `${e.text}/${e.label}`),
    ['美国之音/organization', '华盛顿/location'],
  );
  const manual: Entity = { ...span(t2, '美国', 'location'), text: '美国', source: 'manual' };
  assert.deepEqual(l.apply(t2, [manual]).map((e) => `${e.text}/${e.label}`), ['美国/location']);
  const t3 = '美国之音记者团今天抵达。';
  assert.deepEqual(l.apply(t3, [auto(t3, '美国之音记者团', 'organization')]).map((e) => e.text), ['美国之音记者团']);
});

test('an entity edge counts as a word edge: a confirmed 政府 is a mention inside jieba\'s one word 中国政府 once 中国 is a place', () => {
  const l = new WorkspaceLearning(seg);
  const t1 = '日本政府今天发表声明。';
  l.learn({ text: t1, entities: [span(t1, '日本', 'location'), span(t1, '政府', 'organization')] });
  const t2 = '中国政府决定派出代表团。';
  assert.ok(seg.tag(t2).some((t) => t.word === '中国政府'), 'precondition: jieba keeps 中国政府 whole');
  assert.deepEqual(l.apply(t2, []), [], 'no entity edge: 政府 stays inside the word');
  assert.deepEqual(
    l.apply(t2, [auto(t2, '中国', 'location')]).map((e) => `${e.text}/${e.label}`),
    ['中国/location', '政府/organization'],
  );
});

test('a confirmed string left unmarked in a later corrected sentence counts against it; a part of a longer marked name does not', () => {
  const l = new WorkspaceLearning(seg);
  const t1 = '华宝基金今天发布了公告。';
  l.learn({ text: t1, entities: [span(t1, '华宝基金', 'organization')] });
  const t2 = '华宝基金经理看好后市。';
  const made = l.apply(t2, []);
  assert.deepEqual(made.map((e) => `${e.text}/${e.label}`), ['华宝基金/organization'], 'precondition: the memory marks the other mention');
  // The annotator shrinks it to 华宝: one confirmation, one mention seen and not marked.
  const shrunk = [span(t2, '华宝', 'organization')];
  l.learn({ text: t2, entities: shrunk, replaced: replacedSpans(shrunk, made) });
  const t3 = '投资者关注华宝基金的动向。';
  assert.deepEqual(l.apply(t3, []).map((e) => e.text), ['华宝'], 'the memory no longer decides 华宝基金 alone; 华宝 was confirmed');
  // Correcting t2 again with the longer name takes the earlier lesson back.
  l.learn({ text: t2, entities: [span(t2, '华宝基金', 'organization')] });
  assert.deepEqual(l.apply(t3, []).map((e) => e.text), ['华宝基金']);

  const m = new WorkspaceLearning(seg);
  const u1 = '美国今天宣布了新政策。';
  m.learn({ text: u1, entities: [span(u1, '美国', 'location')] });
  const u2 = '美国之音记者从华盛顿报道。';
  m.learn({ text: u2, entities: [span(u2, '美国之音', 'organization'), span(u2, '华盛顿', 'location')] });
  assert.deepEqual(m.apply('美国的经济数据不错。', []).map((e) => e.text), ['美国']);
  assert.deepEqual(m.summary().rejected, []);
});

test('a habit of the source carries to strings never corrected: country names before 人 are rejected, other places kept', () => {
  const l = new WorkspaceLearning(seg); // no model: what apply() learns alone
  const teach = (text: string, rejected: string[], confirmed: string[]) => {
    const entities = confirmed.map((w) => span(text, w, 'location'));
    const predicted = [...entities, ...rejected.map((w) => span(text, w, 'location'))];
    l.learn({ text, entities, rejected: rejectedSpans(entities, predicted), replaced: replacedSpans(entities, predicted) });
  };
  // A habit shows in several corrections; one alone only questions the shape.
  teach('不少美国人周末来这座小城旅游。', ['美国'], []);
  teach('那位英国人住在杭州已经十年了。', ['英国'], ['杭州']);
  teach('两个法国人昨天去了成都。', ['法国'], ['成都']);
  teach('有个韩国人在大连开了一家小店。', ['韩国'], ['大连']);
  teach('这位泰国人说起话来很慢。', ['泰国'], []);
  teach('我认识一个俄国人，他在哈尔滨教书。', ['俄国'], ['哈尔滨']);
  teach('那些美国人后来都回国了。', ['美国'], []);
  const text = '几个德国人在西安的街上散步。';
  const predicted = [auto(text, '德国', 'location'), auto(text, '西安', 'location')];
  assert.deepEqual(l.apply(text, predicted, seg.tag(text)).map((e) => e.text), ['西安']);
  // What it learned is listed as shapes: a place before 人 is not a place in this source.
  const habit = l.summary().habits.find((h) => h.feature === 'before the character 人' && h.label === 'location');
  assert.ok(habit && habit.weight < 0, JSON.stringify(l.summary().habits.slice(0, 5)));
  l.reset();
  assert.deepEqual(l.apply(text, predicted), predicted);
});

test('correcting a sentence again takes back exactly what its earlier correction taught the convention learner', () => {
  const l = new WorkspaceLearning(seg);
  const text = '几个德国人在西安的街上散步。';
  const span = { start: 2, end: 4 };
  const tokens = seg.tag(text);
  const taught = '不少美国人周末来这座小城旅游。';
  const before = l.conventions.score(text, tokens, span, 'location');
  l.learn({ text: taught, entities: [], rejected: [{ start: 2, end: 4, label: 'location' }] });
  assert.ok(l.conventions.score(text, tokens, span, 'location') < before, 'precondition: the rejection lowered the shape');
  // Undo: the annotator accepts 美国 again; the sentence's new lesson replaces the old one.
  l.learn({ text: taught, entities: [{ start: 2, end: 4, label: 'location' }] });
  const fresh = new WorkspaceLearning(seg);
  fresh.learn({ text: taught, entities: [{ start: 2, end: 4, label: 'location' }] });
  assert.ok(Math.abs(l.conventions.score(text, tokens, span, 'location') - fresh.conventions.score(text, tokens, span, 'location')) < 1e-5);
  assert.ok(!l.summary().habits.some((h) => h.weight < 0), JSON.stringify(l.summary().habits));
});

// Sentences where 青松 is the plain word (pine trees), and sentences where it is a person's name.
const PINES = ['山顶的青松挺拔。', '院子里种着几棵青松。', '青松翠柏环绕着纪念碑。', '冬天的青松依然翠绿。', '画家最爱画雪中青松。', '山路两旁都是青松。'];
const NAMED = ['记者采访了青松。', '青松昨天出席了发布会。', '主持人请青松上台发言。', '青松说这部电影拍了三年。', '观众为青松鼓掌。', '青松向大家道谢。'];

// Words that are also given names: each confirmed once as a person, then seen as the plain word.
const WORD_NAMES = [
  ['青松', '山顶的青松挺拔。'],
  ['海燕', '海燕在暴风雨中飞翔。'],
  ['春雷', '一声春雷响彻山谷。'],
  ['白云', '天上飘着几朵白云。'],
  ['金山', '这座金山吸引了淘金者。'],
  ['秋月', '湖面映着一轮秋月。'],
] as const;
/** Confirms each name once, and 晓峰, whom nothing contradicts. */
const confirmNames = (l: WorkspaceLearning) => {
  for (const name of [...WORD_NAMES.map(([n]) => n), '晓峰']) {
    const text = `${name}今天到访了本报编辑部。`;
    l.learn({ text, entities: [span(text, name, 'person')] });
  }
};
const probe = '晓峰在山上写生。';

test('a learner the annotator\'s next sentences keep contradicting is switched off, and switched on again when it helps', () => {
  const l = new WorkspaceLearning(seg); // no model: the string memory is what acts
  confirmNames(l);
  assert.deepEqual(l.apply(probe, []).map((e) => e.text), ['晓峰'], 'precondition: the memory labels other mentions');
  // Each word seen unmarked once undoes its own lesson; the gate weighs the memory before that.
  // One or two contradictions are noise; a run of them is evidence.
  for (const [, text] of WORD_NAMES.slice(0, 2)) l.learn({ text, entities: [] });
  assert.deepEqual(l.summary().switchedOff, []);
  for (const [, text] of WORD_NAMES.slice(2)) l.learn({ text, entities: [] });
  assert.deepEqual(l.apply(probe, []), [], 'switched off: not even the uncontradicted 晓峰');
  assert.deepEqual(l.summary().switchedOff, ['memory']);
  // Later sentences where the memory's mentions are right bring it back.
  const named = '长风港务集团与青禾物流签约。';
  l.learn({ text: named, entities: [span(named, '长风港务集团', 'organization'), span(named, '青禾物流', 'organization')] });
  for (const text of ['长风港务集团和青禾物流今年扩建码头。', '青禾物流的车队由长风港务集团调度。', '长风港务集团入股青禾物流。', '青禾物流感谢长风港务集团。']) {
    l.learn({ text, entities: [span(text, '长风港务集团', 'organization'), span(text, '青禾物流', 'organization')] });
  }
  assert.deepEqual(l.summary().switchedOff, []);
  l.reset();
  assert.deepEqual(l.summary().switchedOff, []);
});

test('a correction is weighed on the entities the analysis gave the learners, recognizers and rules included', () => {
  // No model, and no convention learner (its own lesson from the rejections would hide the memory's):
  // only what the analysis handed to apply() is there to judge.
  const l = new WorkspaceLearning(seg, undefined, { conventions: false });
  for (const text of PINES) l.learn({ text, entities: [], rejected: rejectedSpans([], [auto(text, '青松', 'person')]) });
  // A recognizer finds 青松 as a person; the memory drops it, and the annotator says it is one.
  for (const text of NAMED.slice(0, 5)) {
    assert.deepEqual(l.apply(text, [auto(text, '青松', 'person')]), []);
    l.learn({ text, entities: [span(text, '青松', 'person')] });
  }
  assert.deepEqual(l.summary().switchedOff, ['memory']);
});

test('without gates every learner stays on whatever the next sentences say', () => {
  const l = new WorkspaceLearning(seg, undefined, { gates: false });
  confirmNames(l);
  for (const [, text] of WORD_NAMES) l.learn({ text, entities: [] });
  assert.deepEqual(l.apply(probe, []).map((e) => e.text), ['晓峰']);
  assert.deepEqual(l.apply('山上的青松四季常青。', []), [], 'a word seen unmarked as often as confirmed is left to the model');
});

test('replacedSpans: automatic spans under a confirmed entity of other bounds or label, not the confirmed span itself', () => {
  const confirmed = [{ start: 0, end: 5, label: 'organization' as const }];
  const predicted = [
    { start: 0, end: 2, label: 'location' as const },
    { start: 0, end: 5, label: 'organization' as const },
    { start: 7, end: 9, label: 'person' as const },
  ];
  assert.deepEqual(replacedSpans(confirmed, predicted), [{ start: 0, end: 2, label: 'location' }]);
});

test('history keeps every correction in order, for persistence', () => {
  const l = new WorkspaceLearning(seg);
  l.learn({ text: '甲。', entities: [] });
  l.learn({ text: '乙。', entities: [] });
  assert.deepEqual(l.history.map((c) => c.text), ['甲。', '乙。']);
  assert.equal(l.version, 2);
});

test('sentenceAround splits at 。！？ (with closing quotes) and line breaks of every kind', () => {
  const text = '他说：“好。”她笑了！\r\n第二行？没有句号';
  assert.deepEqual(sentenceAround(text, 1), [0, 7]);
  assert.deepEqual(sentenceAround(text, 7), [7, 11]);
  assert.deepEqual(sentenceAround(text, 14), [13, 17]);
  assert.deepEqual(sentenceAround(text, 18), [17, 21]);
});

test('correctionOf maps a decision to its sentence in the clean simplified view', () => {
  // A traditional sentence; the view here is a stand-in that simplifies character for character.
  const text = '第一句。華寶今年的業績不錯，記者報道。';
  const view = (s: string) => ({ simplifiedText: s.replace('華寶', '华宝').replace('業績不錯', '业绩不错').replace('記者報道', '记者报道'), toSimplified: (o: number) => o });
  const at = text.indexOf('華寶');
  const c = correctionOf(text, at, [{ start: at, end: at + 2, label: 'organization' }], [{ start: at, end: at + 2, label: 'person' }, { start: at + 9, end: at + 11, label: 'person' }], view)!;
  assert.equal(c.text, '华宝今年的业绩不错，记者报道。');
  assert.deepEqual(c.entities, [{ start: 0, end: 2, label: 'organization' }]);
  // 华宝 as a person overlapped the confirmed organization: a type error, not a rejected string.
  assert.deepEqual(c.rejected, [{ start: 9, end: 11, label: 'person' }]);
  // It was replaced: the convention learner reads it as a span of the wrong label in its context.
  assert.deepEqual(c.replaced, [{ start: 0, end: 2, label: 'person' }]);
});

test('correcting a sentence again replaces its earlier lesson in the string memory (reject, then undo by accepting)', () => {
  const l = new WorkspaceLearning(seg);
  const text = '陈明今天到访。';
  const person = auto(text, '陈明', 'person');
  l.learn({ text, entities: [], rejected: rejectedSpans([], [person]) });
  assert.deepEqual(l.apply(text, [person]), []);
  l.learn({ text, entities: [{ start: 0, end: 2, label: 'person' }] });
  assert.deepEqual(l.apply(text, [person]).map((e) => e.text), ['陈明']);
  assert.deepEqual(l.summary().rejected, []);
});

test('the learning file: appended lines are read back, unreadable lines reported, a FIFO refused, reset keeps a backup', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { execFileSync } = await import('node:child_process');
  const { appendCorrection, archiveLearningFile, learningFileOf, readLearningFile } = await import('../../../server/src/core/annotations/learningFile');
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-learnfile-'));
  try {
    const file = learningFileOf(ws);
    assert.deepEqual(readLearningFile(file), { corrections: [], badLines: [] });
    appendCorrection(file, { text: '华宝今年不错。', entities: [{ start: 0, end: 2, label: 'organization' }], replaced: [{ start: 0, end: 2, label: 'person' }] });
    fs.appendFileSync(file, '{"text": 1}\n{"truncated');
    appendCorrection(file, { text: '甲。', entities: [], rejected: [{ start: 0, end: 1, label: 'person' }] });
    const read = readLearningFile(file);
    assert.deepEqual(read.corrections.map((c) => c.text), ['华宝今年不错。', '甲。']);
    assert.deepEqual(read.badLines, [2, 3]);
    assert.deepEqual(read.corrections[0].replaced, [{ start: 0, end: 2, label: 'person' }]);
    const backup = archiveLearningFile(file)!;
    assert.ok(fs.existsSync(backup) && !fs.existsSync(file));
    execFileSync('mkfifo', [file]);
    assert.throws(() => readLearningFile(file), /not a regular file/);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
