// DictSegmenter (jieba's algorithm over nodejieba's data, in TypeScript) paints the editor's first
// tokens and nodejieba takes over later without re-analysing what was painted: that is only right
// while the two give the same words and tags. They are compared here on sentences written for the
// cases jieba treats specially, and on 3,000 news sentences of CLUENER (another source than the
// model's training text), word for word and tag for tag.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jiebaWords } from '../../server/src/core/artifacts/wordList';
import { DictSegmenter } from '../../server/src/core/dictSegmenter';
import { parseHmmModel } from '../../server/src/core/jiebaHmm';
import { JiebaSegmenter } from '../../server/src/core/jiebaSegmenter';
import { parseCluener } from '../../server/src/core/ner/cluener';
import { createCoreResources } from '../../server/src/core/resources';
import type { Token } from '../../server/src/core/types';
import { SEEDS_DIR, SHARED_DIR } from '../sharedDir';

const show = (tokens: Token[]) => tokens.map((t) => `${t.start}:${t.word}/${t.tag}`);

function segmenters() {
  const dict = DictSegmenter.fromFiles({ dictionary: jiebaWords()!, ...JiebaSegmenter.modelPaths() });
  return { dict, jieba: JiebaSegmenter.load() };
}

/** The texts where the two differ, each with its first differing tokens. */
function differences(texts: readonly string[]): string[] {
  const { dict, jieba } = segmenters();
  const out: string[] = [];
  for (const text of texts) {
    const a = show(jieba.tag(text));
    const b = show(dict.tag(text));
    if (a.join(' ') === b.join(' ')) continue;
    const k = a.findIndex((x, i) => x !== b[i]);
    out.push(`${JSON.stringify(text.slice(0, 40))}: nodejieba ${a.slice(k, k + 3).join(' ')} | dict ${b.slice(k, k + 3).join(' ')}`);
  }
  return out;
}

describe('DictSegmenter against nodejieba', () => {
  test('the same words and tags where jieba has special rules', () => {
    const texts = [
      '张三和李四昨天去了北京参加会议。',
      'AT&T公司的B超检查，c#语言和区块链技术都很热门。',
      'iPhone12售价5999.00元，比去年贵了3.5%。',
      '5个人在abc123def公司工作',
      '𠀀字不常见，𠀁也是；😀表情符号不是汉字。',
      '  前面有空格\t制表符\n换行，逗号。句号',
      '云计算和韩玉鉴赏是用户词典里的词，蓝翔也是。',
      '全角的ＡＢＣ和１２３，半角的ABC和123。',
      '安德鲁-拜纳姆与保罗·加索尔在湖人队效力。',
      '他说：“这是一个前所未有的机会！”然后离开了。',
      // nodejieba gets UTF-8, where a lone surrogate is U+FFFD (then not found in the text).
      '农业\udddb  历史\ud970报道，\u0007控制字符\u0000和\ufffd替换字符',
      '',
      '。',
      'x',
      '7',
    ];
    assert.deepEqual(differences(texts), []);
  });

  test('the same words and tags on 3,000 CLUENER sentences and the seed articles', () => {
    const file = path.join(SHARED_DIR, 'ner', 'cluener_train.json');
    const texts = parseCluener(fs.readFileSync(file, 'utf8'))
      .slice(0, 3000)
      .map((s) => s.text);
    for (const f of fs.readdirSync(SEEDS_DIR).sort()) texts.push(fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8'));
    assert.ok(texts.length > 3000);
    assert.deepEqual(differences(texts).slice(0, 10), []);
  });
});

describe('parseHmmModel', () => {
  test('refuses a file that is not an HMM model', () => {
    assert.throws(() => parseHmmModel('1 2 3 4\n'), /needs 9 lines/);
    assert.throws(() => parseHmmModel(['1 2 3', ...Array(8).fill('1 2 3 4')].join('\n')), /expected 4 numbers/);
  });
});

describe('createCoreResources({ typescriptSegmenter: true })', () => {
  test("segments with DictSegmenter, giving nodejieba's tokens", () => {
    const resources = createCoreResources({ typescriptSegmenter: true });
    const text = '李华昨天在杭州参加了第三届互联网大会。';
    assert.deepEqual(show(resources.segmenter().tag(text)), show(JiebaSegmenter.load().tag(text)));
    assert.ok(!(resources.segmenter() instanceof JiebaSegmenter));
  });

  test('without it the segmenter is nodejieba', () => {
    assert.ok(createCoreResources().segmenter() instanceof JiebaSegmenter);
  });
});
