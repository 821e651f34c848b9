import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/analysisService';
import { detectArtifacts } from '../../server/src/core/artifacts';
import { lazyResources } from '../../server/src/core/resources';
import { FIX_ALL_KIND, provideCodeActions } from '../../server/src/features/codeActions';
import { computeDiagnostics, SUMMARY_CODE, TOO_LARGE_CODE } from '../../server/src/features/diagnostics';
import { previewRepair } from '../../server/src/features/repair';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from '../../server/src/settings';
import { charSegmenter } from '../charSegmenter';

// Nothing lost, nothing stuck, seen from the language service: fix-all never takes the article,
// workspace repair leaves non-Chinese files alone, big files are skipped out loud, and an edit
// re-detects only what it touched.

function service(settings: Partial<ServerSettings> = {}) {
  return createLanguageService({ resources: lazyResources({ segmenter: () => charSegmenter }), settings: { ...DEFAULT_SETTINGS, ...settings } });
}

const doc = (text: string, uri = 'file:///w/a.article', version = 1, languageId = 'zh-article') => TextDocument.create(uri, languageId, version, text);

const sourceFixAll = (s: ReturnType<typeof service>, d: TextDocument) =>
  provideCodeActions(s, d, { textDocument: { uri: d.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: [FIX_ALL_KIND] } });

// Short news lines that a careless pattern (^新闻) would all take for boilerplate.
const SHORT_LINES = ['新闻：今天市里开了运动会', '新闻：三千名学生参加了比赛', '新闻：天气晴朗，观众很多', '新闻：比赛持续到傍晚结束', '新闻：明年还将继续举办'];

test('source.fixAll refuses a fix that would delete most of the article, and the summary says why', () => {
  const s = service({ boilerplatePatterns: ['^新闻'] });
  const d = doc(SHORT_LINES.join('\n') + '\n&nbsp;');
  assert.ok(s.artifacts(d).filter((a) => a.kind === 'boilerplate_line').length >= SHORT_LINES.length - 1);
  assert.deepEqual(sourceFixAll(s, d), []);
  const summary = computeDiagnostics(s, d).find((x) => x.code === SUMMARY_CODE)!;
  assert.match(String(summary.message), /fix-all is off: fixing all would delete \d+ of the \d+ Chinese characters/);
});

test('source.fixAll still repairs ordinary damage', () => {
  const s = service();
  const d = doc('今天&nbsp;上午，市里开了会。\n我要举报\n大家都来了。');
  const actions = sourceFixAll(s, d);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].edit!.changes![d.uri].length, 2);
});

test('workspace repair uses the server’s mostly-Chinese test: an English notes.txt is not offered edits', () => {
  const s = service();
  const files: Record<string, string> = {
    'file:///w/notes.txt': 'Meeting notes&nbsp;for Monday.\nBring the\u200b slides.\n',
    'file:///w/news.txt': '今天&nbsp;上午，市里开了会。\n大家都来了。\n',
    'file:///w/short.article': 'Title&nbsp;only',
  };
  const result = previewRepair(s, Object.keys(files), () => undefined, (uri) => files[uri]);
  assert.deepEqual(result.files.map((f) => f.uri).sort(), ['file:///w/news.txt', 'file:///w/short.article']);
  assert.deepEqual(result.errors, []);
});

test('workspace repair reports a file whose fix-all would delete the article instead of repairing it', () => {
  const s = service({ boilerplatePatterns: ['^新闻'] });
  const uri = 'file:///w/a.txt';
  const result = previewRepair(s, [uri], () => undefined, () => SHORT_LINES.join('\n'));
  assert.deepEqual(result.files, []);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0].message, /not repaired: fixing all would delete/);
});

test('a file over maxFileSize is not analysed, and one diagnostic says what was skipped', () => {
  const s = service({ maxFileSize: 1000 });
  const d = doc('今天&nbsp;上午，市里开了会。\n'.repeat(100));
  const length = d.getText().length.toLocaleString('en-US');
  assert.equal(s.get(d), undefined);
  assert.deepEqual(s.artifacts(d), []);
  const diagnostics = computeDiagnostics(s, d);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, TOO_LARGE_CODE);
  assert.ok(String(diagnostics[0].message).includes(`${length} characters, more than articleAnnotator.maxFileSize (1,000)`), String(diagnostics[0].message));
  assert.equal(readSettings({ maxFileSize: 5 }).maxFileSize, 5);
  assert.equal(readSettings({ maxFileSize: 'big' }).maxFileSize, DEFAULT_SETTINGS.maxFileSize);
});

test('refused boilerplate patterns are kept for the user to see, not silently dropped', () => {
  const settings = readSettings({ artifacts: { boilerplatePatterns: ['(', '.*', '^来源：本站$', 42] } });
  assert.deepEqual(settings.boilerplatePatterns, ['(', '.*', '^来源：本站$']);
  const s = service();
  s.applySettings(settings);
  assert.deepEqual(
    s.rejectedPatterns.map((r) => r.source),
    ['(', '.*'],
  );
});

test('an edit re-detects only the chunk it touched, and gives what a fresh detection gives', () => {
  const s = service();
  const lines = Array.from({ length: 300 }, (_, i) => `第${i}段：今天&nbsp;上午，市里开了第${i}次会议。`);
  const v1 = doc(lines.join('\n'));
  const countSteps = (d: TextDocument) => {
    const steps = s.artifactSteps(d);
    let yields = 0;
    for (let r = steps.next(); !r.done; r = steps.next()) yields++;
    return yields;
  };
  assert.equal(countSteps(v1), 300);
  lines[150] = '我要举报';
  const v2 = doc(lines.join('\n'), v1.uri, 2);
  assert.equal(countSteps(v2), 1);
  assert.deepEqual(s.artifacts(v2), detectArtifacts(v2.getText()));
});

test('detection stopped half way leaves a consistent cache and finishes later', () => {
  const s = service();
  const text = Array.from({ length: 50 }, (_, i) => `第${i}段：今天&nbsp;上午。`).join('\n');
  const steps = s.artifactSteps(doc(text));
  for (let i = 0; i < 10; i++) steps.next();
  steps.return([]);
  assert.deepEqual(s.artifacts(doc(text)), detectArtifacts(text));
});

test('a detection paused across a change of settings does not cache what the old settings found', () => {
  const s = service();
  const text = Array.from({ length: 20 }, (_, i) => `第${i}段：今天&nbsp;上午。`).join('\n');
  const d = doc(text);
  const steps = s.artifactSteps(d);
  steps.next();
  s.applySettings({ ...DEFAULT_SETTINGS, disabledArtifacts: ['html_entity'] });
  for (let r = steps.next(); !r.done; r = steps.next());
  assert.deepEqual(s.artifacts(d), []);
});
