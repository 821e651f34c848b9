import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseTaggedText, spansToTags, tagsToSpans } from '../../../server/src/core/ner/bio';
import { parseCluener } from '../../../server/src/core/ner/cluener';
import { TAG_NAMES } from '../../../server/src/core/ner/labels';

const words = (s: { text: string; spans: { start: number; end: number; type: string }[] }) =>
  s.spans.map((e) => `${s.text.slice(e.start, e.end)}/${e.type}`);

test('reads space-separated BIO with blank lines between sentences', () => {
  const file = ['王 B-PER', '俏 I-PER', '在 O', '长 B-LOC', '沙 I-LOC', '', '新 B-ORG', '华 I-ORG', '社 I-ORG', '讯 O', ''].join('\n');
  const sentences = parseTaggedText(file);
  assert.equal(sentences.length, 2);
  assert.equal(sentences[0].text, '王俏在长沙');
  assert.deepEqual(words(sentences[0]), ['王俏/PER', '长沙/LOC']);
  assert.deepEqual(sentences[1].spans, [{ start: 0, end: 3, type: 'ORG' }]);
});

test('reads tab-separated BIOES and BMES, CRLF line ends, and a sentence without a final blank line', () => {
  const bioes = parseTaggedText('蒲\tB-PER\r\n建\tI-PER\r\n宇\tE-PER\r\n、\tO\r\n京\tS-LOC\r\n');
  assert.deepEqual(words(bioes[0]), ['蒲建宇/PER', '京/LOC']);
  const bmes = parseTaggedText('焦\tB-PER\n雁\tM-PER\n琦\tE-PER\n和\tO\n沪\tS-LOC');
  assert.deepEqual(words(bmes[0]), ['焦雁琦/PER', '沪/LOC']);
});

test('reads Weibo lines (character plus segment digit) and drops nominal mentions', () => {
  const sentences = parseTaggedText(['张0\tB-PER.NAM', '三1\tI-PER.NAM', '的0\tO', '老0\tB-PER.NOM', '师1\tI-PER.NOM', '在0\tO', '北0\tB-GPE.NAM', '京1\tI-GPE.NAM'].join('\n'));
  assert.equal(sentences[0].text, '张三的老师在北京');
  assert.deepEqual(words(sentences[0]), ['张三/PER', '北京/LOC']);
});

test('reads ill-formed BIO leniently: an I without a B opens a span, a type change closes one', () => {
  const s = parseTaggedText(['中 I-ORG', '国 I-ORG', '银 I-LOC', '行 O', '美 B-LOC', '国 B-LOC'].join('\n'))[0];
  assert.deepEqual(words(s), ['中国/ORG', '银/LOC', '美/LOC', '国/LOC']);
});

test('offsets are UTF-16 when a character is outside the BMP', () => {
  const s = parseTaggedText(['𠀀 B-PER', '明 I-PER', '在 O', '沪 B-LOC'].join('\n'))[0];
  assert.equal(s.text, '𠀀明在沪');
  assert.deepEqual(s.spans, [
    { start: 0, end: 3, type: 'PER' },
    { start: 4, end: 5, type: 'LOC' },
  ]);
});

test('spans become BIOES tags and back', () => {
  const spans = [
    { start: 0, end: 3, type: 'ORG' as const },
    { start: 4, end: 5, type: 'LOC' as const },
    { start: 6, end: 8, type: 'PER' as const },
  ];
  const tags = spansToTags(9, spans);
  assert.deepEqual(Array.from(tags, (t) => TAG_NAMES[t]), ['B-ORG', 'I-ORG', 'E-ORG', 'O', 'S-LOC', 'O', 'B-PER', 'E-PER', 'O']);
  assert.deepEqual(tagsToSpans(tags), spans);
});

test('reads CLUENER records, maps its fine-grained types and converts code-point offsets', () => {
  const json = `{
  "text": "浙商银行企业信贷部叶老桂博士",
  "label": {"name": {"叶老桂": [[9, 11]]}, "company": {"浙商银行": [[0, 3]]}, "position": {"博士": [[12, 13]]}}
}
{"text": "𠀀去北京", "label": {"address": {"北京": [[2, 3]]}}}`;
  const sentences = parseCluener(json);
  assert.equal(sentences.length, 2);
  assert.deepEqual(words(sentences[0]), ['浙商银行/ORG', '叶老桂/PER']);
  assert.deepEqual(sentences[1].spans, [{ start: 3, end: 5, type: 'LOC' }]);
});
