import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GOLD, LspSession, ROOT, seedPath, tokenTexts } from './lspClient';

function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

function positionOf(text: string, needle: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

interface HoverResult {
  contents: { kind: string; value: string };
}

describe('language server over stdio', () => {
  let s: LspSession;
  before(async () => {
    s = await LspSession.start();
  });
  after(async () => {
    await s.stop();
  });

  test('initialize declares the legend that package.json contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(s.legend.tokenTypes, pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id));
    assert.deepEqual(s.legend.tokenModifiers, pkg.contributes.semanticTokenModifiers.map((t: { id: string }) => t.id));
  });

  test('seed 002 (simplified): people and the provincial office are highlighted', async () => {
    const file = seedPath('002');
    const text = fs.readFileSync(file, 'utf8');
    s.open(uriOf(file), text);
    const found = tokenTexts(text, await s.tokens(uriOf(file)));
    const typeOf = (t: string) => found.find((f) => f.text === t)?.type;
    assert.equal(typeOf('蒲建宇'), 'person');
    assert.equal(typeOf('焦雁琦'), 'person');
    assert.equal(typeOf('四川省地方志工作办公室'), 'organization');
    // 9月14日晚 (an evening) is a time, as OntoNotes tags a day's part; 9月1日 a date.
    assert.equal(typeOf('9月14日晚'), 'time');
    assert.equal(typeOf('9月1日'), 'date');
  });

  test('hover on 蒲建宇 names a person with pinyin', async () => {
    const file = seedPath('002');
    const text = fs.readFileSync(file, 'utf8');
    const h = await s.request<HoverResult>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, '蒲建宇') });
    assert.match(h.contents.value, /\*\*person\*\*/);
    assert.match(h.contents.value, /pú jiàn yǔ/);
  });

  test('seed 001 (traditional, damaged): 64.2萬(wàn)元 is money worth 642000', async () => {
    const file = seedPath('001');
    const text = fs.readFileSync(file, 'utf8');
    s.open(uriOf(file), text);
    const found = tokenTexts(text, await s.tokens(uriOf(file)));
    const money = found.find((f) => f.type === 'money' && f.text.startsWith('64.2萬'));
    assert.ok(money, `money 64.2萬… among ${found.filter((f) => f.type === 'money').map((f) => f.text).join(' ')}`);
    const h = await s.request<HoverResult>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, '64.2萬') });
    assert.match(h.contents.value, /642,000/);
  });

  test('seed 000: 長沙 is a location and a hover shows its simplified form and definition', async () => {
    const file = seedPath('000');
    const text = fs.readFileSync(file, 'utf8');
    s.open(uriOf(file), text);
    const tokens = await s.tokens(uriOf(file));
    const found = tokenTexts(text, tokens);
    const at = found.findIndex((f) => f.type === 'location' && f.text === '長沙');
    assert.ok(at >= 0, 'location 長沙');
    const position = { line: tokens[at].line, character: tokens[at].char };
    const h = await s.request<HoverResult>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position });
    assert.match(h.contents.value, /simplified 长沙/);
    assert.match(h.contents.value, /\*\*location\*\*/);
    assert.match(h.contents.value, /cháng shā/);
  });

  test('hover on an ordinary word gives pinyin and a CC-CEDICT definition', async () => {
    const file = seedPath('003');
    const text = fs.readFileSync(file, 'utf8');
    s.open(uriOf(file), text);
    const h = await s.request<HoverResult>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, '命令') });
    assert.match(h.contents.value, /mìng lìng/);
    assert.match(h.contents.value, /order|command/i);
    assert.match(h.contents.value, /CC-CEDICT/);
  });

  test('range tokens are a subset of full tokens', async () => {
    const file = seedPath('002');
    const uri = uriOf(file);
    const full = await s.tokens(uri);
    const r = (await s.request<{ data: number[] }>('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start: { line: 10, character: 0 }, end: { line: 20, character: 0 } },
    })).data;
    assert.ok(r.length > 0 && r.length < full.length * 5);
    assert.equal(r.length % 5, 0);
  });

  test('after an edit, a token delta applied to the previous result equals the full tokens', async () => {
    const uri = 'untitled:delta.article';
    const lines = Array.from({ length: 40 }, (_, i) => `第${i}段：北京市政府今天在上海举行会议，王小明出席。`);
    s.open(uri, lines.join('\n'), 'zh-article', 1);
    const first = await s.request<{ resultId?: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(first.resultId, 'full tokens carry a result id');
    const at = positionOf(lines.join('\n'), '上海', 20);
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 2 } }, text: '广州和深圳' }],
    });
    const delta = await s.request<{ resultId: string; edits?: { start: number; deleteCount: number; data?: number[] }[]; data?: number[] }>(
      'textDocument/semanticTokens/full/delta',
      { textDocument: { uri }, previousResultId: first.resultId },
    );
    assert.ok(delta.edits, 'an edit is answered with a delta');
    const patched = [...first.data];
    for (const e of [...delta.edits].sort((a, b) => b.start - a.start)) patched.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const full = await s.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(patched, full.data);
    assert.ok(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) < full.data.length / 4, 'the delta is the changed tokens, not all of them');
    // A result id the server does not know is answered with all the tokens.
    const unknown = await s.request<{ data?: number[] }>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'nope' });
    assert.deepEqual(unknown.data, full.data);
  });

  test('diagnostics report the artifacts of seed 000 with a summary warning', async () => {
    const file = seedPath('000');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const pending = s.nextDiagnostics(uri);
    void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const diags = await pending;
    assert.ok(diags.every((d) => d.source === 'zh-article'));
    const summary = diags.find((d) => d.code === 'artifact_summary');
    assert.ok(summary && summary.severity === 2, 'a Warning summary');
    assert.match(summary!.message, /pinyin annotations/);
    const pinyin = diags.filter((d) => d.code === 'pinyin_annotation');
    assert.equal(pinyin.length, 136);
    assert.ok(pinyin.every((d) => d.tags?.includes(1)), 'pinyin annotations are faded (Unnecessary)');
  });

  test('the source fix-all action repairs seed 000 to the gold text', async () => {
    const file = seedPath('000');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const actions = await s.request<{ title: string; kind: string; edit: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } },
    );
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.zhArticle');
    assert.ok(fixAll, 'source.fixAll.zhArticle is offered');
    const repaired = applyEdits(text, fixAll!.edit.changes[uri]);
    const gold = fs.readFileSync(path.join(GOLD, path.basename(file)), 'utf8');
    assert.equal(repaired, gold);
  });

  test('fix-all on seed 001 leaves no pinyin, no ?pinyin) and no injected comma', async () => {
    const file = seedPath('001');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const actions = await s.request<{ kind: string; edit: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.zhArticle'] } },
    );
    const repaired = applyEdits(text, actions.find((a) => a.kind === 'source.fixAll.zhArticle')!.edit.changes[uri]);
    assert.doesNotMatch(repaired, /\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
    assert.doesNotMatch(repaired, /\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
    assert.doesNotMatch(repaired, /,[，。、；,;]/);
    assert.ok(repaired.includes('勇擔當'));
  });

  test('quick fixes explain themselves and offer fix-all of the kind', async () => {
    const file = seedPath('000');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const pos = positionOf(text, '(zé)');
    const diags = s.diagnostics.get(uri) ?? [];
    const actions = await s.request<{ title: string; kind: string; isPreferred?: boolean }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: pos, end: pos },
      context: { diagnostics: diags.filter((d) => d.range.start.line === pos.line) },
    });
    assert.ok(actions.some((a) => a.kind === 'quickfix' && /Remove pinyin annotation “\(zé\)”/.test(a.title) && a.isPreferred));
    assert.ok(actions.some((a) => /Fix all 136 pinyin annotations/.test(a.title)));
  });

  test('hover on a broken cluster explains it byte by byte', async () => {
    const file = seedPath('000');
    const text = fs.readFileSync(file, 'utf8');
    const h = await s.request<HoverResult>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(text, '?zhèn)') });
    assert.match(h.contents.value, /broken character cluster/);
    assert.match(h.contents.value, /E6 82/);
    assert.match(h.contents.value, /傳達/);
  });

  test('the server survives hostile input: empty, binary, lone surrogates, CRLF, a 10 MB line', async () => {
    const inputs = [
      '',
      '\u0000\u0001\u0002\u00ff\ufffe\uffff'.repeat(1000),
      '\ud800中\udc00文\ud800',
      '第一行\r\n第二行：2022年9月16日\r\n',
      '長沙市委'.repeat(2_500_000),
    ];
    for (const [i, text] of inputs.entries()) {
      const uri = `untitled:hostile-${i}`;
      s.open(uri, text, 'zh-article');
      const tokens = await s.tokens(uri);
      assert.ok(Array.isArray(tokens));
    }
    const h = await s.request<HoverResult | null>('textDocument/hover', { textDocument: { uri: 'untitled:hostile-2' }, position: { line: 0, character: 1 } });
    assert.ok(h === null || typeof h.contents.value === 'string');
    assert.equal(s.proc.exitCode, null, 'server still running');
  });
});

function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
