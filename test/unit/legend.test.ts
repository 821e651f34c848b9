import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hanRatio, servesDocument } from '../../server/src/core/language';
import { LineIndex } from '../../server/src/core/offsets';
import { encodeSemanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/core/tokenLegend';
import { readSettings } from '../../server/src/settings';
import { ROOT, SEEDS } from '../protocol/lspClient';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('the legend declared in the server matches package.json', () => {
  assert.deepEqual(TOKEN_TYPES, pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id));
  assert.deepEqual([...TOKEN_MODIFIERS], pkg.contributes.semanticTokenModifiers.map((t: { id: string }) => t.id));
});

test('every token type has a fallback scope, and no two types share one (distinct colours)', () => {
  const scopes = pkg.contributes.semanticTokenScopes[0].scopes as Record<string, string[]>;
  for (const t of TOKEN_TYPES) assert.ok(scopes[t]?.length, `scope for ${t}`);
  const first = TOKEN_TYPES.map((t) => scopes[t][0]);
  assert.equal(new Set(first).size, first.length);
});

test('every artifact kind has a setting, and readSettings maps camelCase to kinds', () => {
  const props = Object.keys(pkg.contributes.configuration.properties);
  assert.ok(props.includes('articleAnnotator.artifacts.pinyinAnnotation'));
  const s = readSettings({ plaintext: 'never', minConfidence: 2, artifacts: { pinyinAnnotation: false, extraComma: true, boilerplatePatterns: ['^广告', '('] } });
  assert.equal(s.plaintext, 'never');
  assert.equal(s.minConfidence, 0, 'out-of-range confidence falls back to the default');
  assert.deepEqual(s.disabledArtifacts, ['pinyin_annotation']);
  // An invalid pattern is kept so that the service can tell the user why it is not used.
  assert.deepEqual(s.boilerplatePatterns, ['^广告', '(']);
  assert.equal(s.referenceDate, '');
  assert.equal(readSettings({ referenceDate: '2020-09-14' }).referenceDate, '2020-09-14');
  assert.equal(readSettings({ referenceDate: '14/9/2020' }).referenceDate, '', 'a date in another form is ignored');
});

test('tokens are relative, cut at line ends, typed, and marked manual or automatic', () => {
  const text = '王俏在長沙\n9月14日';
  const data = encodeSemanticTokens(
    [
      { start: 3, end: 7, label: 'location', text: '長沙\n9', source: 'model' },
      { start: 0, end: 2, label: 'person', text: '王俏', source: 'manual' },
      { start: 6, end: 11, label: 'date', text: '9月14日', source: 'rule' },
    ],
    new LineIndex(text),
  );
  assert.deepEqual(data, [0, 0, 2, 0, 2, 0, 3, 2, 1, 1, 1, 0, 5, 3, 1]);
});

test('a span with a custom label (articleAnnotator.labels) is a customLabel token, not dropped', () => {
  const data = encodeSemanticTokens([{ start: 0, end: 6, label: 'EVENT' as never, text: '春节联欢晚会', source: 'manual' }], new LineIndex('春节联欢晚会昨晚举行'));
  assert.deepEqual(data, [0, 0, 6, TOKEN_TYPES.indexOf('customLabel'), 2]);
});

test('plain-text documents are served when mostly Chinese', () => {
  for (const f of fs.readdirSync(SEEDS)) {
    const text = fs.readFileSync(path.join(SEEDS, f), 'utf8');
    assert.ok(hanRatio(text) >= 0.3, `${f}: ${hanRatio(text).toFixed(2)}`);
    assert.equal(servesDocument('plaintext', text, 'auto'), true);
    assert.equal(servesDocument('plaintext', text, 'never'), false);
  }
  assert.equal(servesDocument('plaintext', 'An English note mentioning 北京 once.', 'auto'), false);
  assert.equal(servesDocument('zh-article', '', 'never'), true);
  assert.equal(servesDocument('markdown', '全是中文', 'always'), false);
});

test('the copies in protocol.ts (kept free of runtime imports) match the core lists', async () => {
  const protocol = await import('../../server/src/protocol');
  const core = await import('../../server/src/core/export');
  const { ENTITY_LABELS } = await import('../../server/src/core/types');
  assert.deepEqual([...protocol.EXPORT_FORMATS], [...core.EXPORT_FORMATS]);
  assert.deepEqual([...protocol.ANNOTATION_LABELS], [...ENTITY_LABELS]);
});

test('an untrusted workspace cannot supply boilerplate patterns; maxFileSize is a documented setting', () => {
  const trust = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.deepEqual(trust.restrictedConfigurations, ['articleAnnotator.artifacts.boilerplatePatterns']);
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['articleAnnotator.maxFileSize'].default, readSettings({}).maxFileSize);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.match(readme, /`articleAnnotator\.maxFileSize`/);
});
