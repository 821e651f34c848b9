import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BioFormatError, EXPORT_TAGS, LABEL_TAGS, exportDocuments, readBioStrict, tagForLabel } from '../../../server/src/core/export';
import { ENTITY_LABELS } from '../../../server/src/core/types';
import { astralDoc, seedDocs } from './fakeSpans';

const docs = [...seedDocs(), astralDoc()];

test('the tag map covers every label once, with the documented upper-case tags', () => {
  assert.deepEqual(ENTITY_LABELS.map((l) => LABEL_TAGS[l]), ['PER', 'LOC', 'ORG', 'DATE', 'TIME', 'NUM', 'QUANTITY', 'MONEY', 'PERCENT', 'WORK', 'ORDINAL']);
  assert.equal(new Set(EXPORT_TAGS).size, ENTITY_LABELS.length);
});

for (const doc of docs) {
  test(`BIO of ${doc.path.split('/').pop()} parses strictly and rebuilds the text minus whitespace`, () => {
    const [file] = exportDocuments('conll', [doc], { offsets: 'codepoint' });
    const sentences = readBioStrict(file.content);
    assert.equal(sentences.map((s) => s.chars.join('')).join(''), doc.text.replace(/\s/gu, ''));
    // Every entity's characters (whitespace aside) come back as B/I runs of its tag, in order.
    const bioEntities = sentences.flatMap((s) => s.entities.map((e) => `${e.tag}:${s.chars.slice(e.start, e.end).join('')}`));
    const expected = doc.spans.flatMap((s) =>
      s.text
        .split(/[\n。！？]/)
        .map((piece) => piece.replace(/\s/gu, ''))
        .filter((p) => p !== '')
        .map((p) => `${tagForLabel(s.label)}:${p}`),
    );
    assert.deepEqual(bioEntities, expected);
  });
}

test('BIO of the fixture: one line per code point, sentences end after 。！？ and closing quotes', () => {
  const [file] = exportDocuments('conll', [astralDoc()], { offsets: 'codepoint' });
  const sentences = readBioStrict(file.content);
  assert.equal(sentences[0].chars.join(''), '😀𠀀長沙市民讀《𠮷野家👍指南》，在成都😀吃飯。');
  assert.deepEqual(sentences[0].tags.slice(0, 5), ['O', 'O', 'B-LOC', 'I-LOC', 'O']);
  assert.equal(sentences[1].chars.join(''), '𠮷田說：“成都有3個𠀀，真好！”');
  assert.deepEqual(sentences[1].tags.slice(0, 2), ['B-PER', 'I-PER']);
  // The title split by a line break becomes two entities, each starting with B-.
  const cut = sentences.filter((s) => s.entities.some((e) => e.tag === 'WORK' && ['跨行', '标题'].includes(s.chars.slice(e.start, e.end).join(''))));
  assert.equal(cut.length, 2);
  assert.ok(file.content.includes('👨‍👩‍👧'.split('\u200d')[0] + '\tB-WORK\n\u200d\tI-WORK\n'));
});

test('readBioStrict rejects malformed lines, I- without B-, unknown tags and two characters', () => {
  assert.throws(() => readBioStrict('長\tB-LOC\n沙\tI-LOC\n\n市\tI-LOC\n'), (e: unknown) => e instanceof BioFormatError && e.line === 4);
  assert.throws(() => readBioStrict('長\tB-LOC\n沙\tI-ORG\n'), /line 2: I-ORG does not continue/);
  assert.throws(() => readBioStrict('長\tB-GPE\n'), /unknown tag type "GPE"/);
  assert.throws(() => readBioStrict('長沙\tB-LOC\n'), /one non-whitespace character/);
  assert.throws(() => readBioStrict('長 B-LOC\n'), /expected "char<TAB>tag"/);
  assert.throws(() => readBioStrict('長\tX-LOC\n'), /malformed tag/);
  assert.deepEqual(readBioStrict('𠀀\tB-LOC\n沙\tI-LOC\n市\tO\n')[0].entities, [{ start: 0, end: 2, tag: 'LOC' }]);
});

test('overlapping spans: BIO keeps the first and longest one', () => {
  const text = '長沙市委';
  const [file] = exportDocuments(
    'conll',
    [
      {
        path: 'x.txt',
        text,
        spans: [
          { start: 0, end: 2, label: 'location', text: '長沙', source: 'dictionary' },
          { start: 0, end: 4, label: 'organization', text: '長沙市委', source: 'manual' },
        ],
      },
    ],
    { offsets: 'codepoint' },
  );
  assert.equal(file.content, '長\tB-ORG\n沙\tI-ORG\n市\tI-ORG\n委\tI-ORG\n');
});
