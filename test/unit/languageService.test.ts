import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/analysisService';
import { Cedict } from '../../server/src/core/dictionary/cedict';
import { lazyResources } from '../../server/src/core/resources';
import type { Segmenter } from '../../server/src/core/segmenter';
import type { Token } from '../../server/src/core/types';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { provideHover } from '../../server/src/features/hover';

// The server's parts are injected: a service built here from fakes must use exactly those fakes
// and load nothing of its own (no jieba, no model, no dictionary file).

const FAKE_CEDICT = `# CC-CEDICT
#! date=2001-02-03T00:00:00Z
长沙 长沙 [Chang2 sha1] /a fake definition only this test knows/
`;

function fakeParts() {
  const loaded: string[] = [];
  const pairSegmenter: Segmenter = {
    tag(text: string): Token[] {
      const out: Token[] = [];
      for (let i = 0; i < text.length; i += 2) out.push({ word: text.slice(i, i + 2), tag: 'x', start: i, end: Math.min(text.length, i + 2) });
      return out;
    },
  };
  const resources = lazyResources({
    segmenter: () => (loaded.push('segmenter'), pairSegmenter),
    cedict: () => (loaded.push('cedict'), new Cedict(FAKE_CEDICT)),
  });
  return { resources, loaded };
}

test('a language service built from fake parts uses them, loading each on first use only', () => {
  const { resources, loaded } = fakeParts();
  const service = createLanguageService({ resources });
  assert.deepEqual(loaded, []);
  const doc = TextDocument.create('file:///a.article', 'zh-article', 1, '长沙今天下雨');
  const hover = provideHover(service, doc, { textDocument: { uri: doc.uri }, position: { line: 0, character: 0 } });
  assert.match(JSON.stringify(hover), /a fake definition only this test knows/);
  assert.deepEqual(loaded, ['segmenter', 'cedict']);
  provideHover(service, doc, { textDocument: { uri: doc.uri }, position: { line: 0, character: 1 } });
  assert.deepEqual(loaded, ['segmenter', 'cedict']);
});

test('two services do not share state: each has its own memo and its own settings', () => {
  const a = createLanguageService({ resources: fakeParts().resources });
  const b = createLanguageService({ resources: fakeParts().resources });
  assert.notEqual(a.resources.recoveryMemo, b.resources.recoveryMemo);
  a.applySettings({ ...a.settings, disabledArtifacts: ['html_entity'] });
  const doc = TextDocument.create('file:///b.article', 'zh-article', 1, '长沙今天&nbsp;下雨');
  assert.equal(computeDiagnostics(a, doc).length, 0);
  assert.ok(computeDiagnostics(b, doc).some((d) => d.code === 'html_entity'));
});

test('the same settings applied again keep every analysis; different ones drop them', () => {
  const service = createLanguageService({ resources: fakeParts().resources });
  const doc = TextDocument.create('file:///c.article', 'zh-article', 1, '长沙今天下雨。\n北京明天晴。');
  const first = service.get(doc);
  assert.ok(first);
  // What a client sends right after start: its configuration, equal to what the server has.
  assert.equal(service.applySettings({ ...service.settings, disabledArtifacts: [...service.settings.disabledArtifacts] }), false);
  assert.equal(service.get(doc), first);
  assert.equal(service.applySettings({ ...service.settings, minConfidence: 0.5 }), true);
  assert.notEqual(service.get(doc), first);
});
