import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Entity } from '../../../server/src/core/types';
import { recognizeNameEntities } from '../../../server/src/core/entities';
import { fakeTokens } from './fakeTokens';

const spans = (es: Entity[]) => es.map((e) => [e.text, e.label, e.source]);

test('a title before an unknown word confirms a person; jieba splits the organisation', () => {
  const text = '市委组织部副部长、老干部局局长王俏立即主持';
  const tokens = fakeTokens(text, '市委/n|组织部/n|副/b|部长/n|、/x|老干部局/n|局长/n|王俏/x|立即/d|主持/v');
  assert.deepEqual(spans(recognizeNameEntities(text, tokens)), [
    ['市委组织部', 'organization', 'rule'],
    ['王俏', 'person', 'rule'],
  ]);
});

test('organisations are rebuilt from place + pieces + organisation word', () => {
  const text = '四川省地方志工作办公室、长沙市委老干部局和市直机关工委';
  const tokens = fakeTokens(text, '四川省/ns|地方志/n|工作/vn|办公室/n|、/x|长沙/ns|市委/n|老干部局/n|和/c|市直机关/n|工委/n');
  assert.deepEqual(spans(recognizeNameEntities(text, tokens)), [
    ['四川省地方志工作办公室', 'organization', 'rule'],
    ['长沙市委老干部局', 'organization', 'rule'],
    ['市直机关工委', 'organization', 'rule'],
  ]);
});

test('市纪委市监委 and 市委、市政府 are separate organisations; 干部 is not one', () => {
  const text = '市纪委市监委蔡博认真落实,市委、市政府召开,党员干部闻令而动';
  const tokens = fakeTokens(text, '市/n|纪委/j|市/n|监委/n|蔡博/x|认真/ad|落实/v|,/x|市委/n|、/x|市政府/n|召开/v|,/x|党员干部/n|闻令/x|而动/x');
  assert.deepEqual(spans(recognizeNameEntities(text, tokens)), [
    ['市纪委', 'organization', 'rule'],
    ['市监委', 'organization', 'rule'],
    ['蔡博', 'person', 'rule'],
    ['市委', 'organization', 'dictionary'],
    ['市政府', 'organization', 'dictionary'],
  ]);
});

test('places: word list beats jieba nr, suffixes make places, noisy ns is ignored', () => {
  const text = '为娄底人民,淮南市潘集区委,在旁山冲社区宣传,开展上门核酸检测';
  const tokens = fakeTokens(text, '为/p|娄底/nr|人民/n|,/x|淮南市/ns|潘集区/nr|委/zg|,/x|在/p|旁山冲/x|社区/n|宣传/vn|,/x|开展/v|上门/ns|核酸/n|检测/vn');
  assert.deepEqual(spans(recognizeNameEntities(text, tokens)), [
    ['娄底', 'location', 'dictionary'],
    ['淮南市潘集区委', 'organization', 'rule'],
    ['旁山冲社区', 'location', 'rule'],
  ]);
});

test('byline lists: names between spaces and reporter roles', () => {
  const text = '(丁晓东 赵永莉 特约记者吴传贤) 记者 宋红胜 通讯员 高昌萍 庞卫东';
  const tokens = fakeTokens(
    text,
    '(/x|丁晓东/x| /x|赵永莉/x| /x|特约记者/n|吴传贤/x|)/x| /x|记者/n| /x|宋红胜/x| /x|通讯员/n| /x|高昌萍/x| /x|庞/nr|卫东/nr',
  );
  assert.deepEqual(
    recognizeNameEntities(text, tokens).filter((e) => e.label === 'person').map((e) => e.text),
    ['丁晓东', '赵永莉', '吴传贤', '宋红胜', '高昌萍', '庞卫东'],
  );
});

test('a confirmed name is a name everywhere; common words after titles are not names', () => {
  const text = '综合处党员蒲建宇是代表。蒲建宇同志热心公益。书记高度重视,党员全部到岗';
  const tokens = fakeTokens(text, '综合/vn|处/n|党员/n|蒲/nr|建宇/n|是/v|代表/n|。/x|蒲/nr|建宇/n|同志/n|热心/a|公益/n|。/x|书记/n|高度/n|重视/v|,/x|党员/n|全部/n|到岗/v');
  const persons = recognizeNameEntities(text, tokens).filter((e) => e.label === 'person');
  assert.deepEqual(persons.map((e) => [e.start, e.end, e.text]), [
    [5, 8, '蒲建宇'],
    [12, 15, '蒲建宇'],
  ]);
});
