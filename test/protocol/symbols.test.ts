// Document symbols (Outline, Go to Symbol) through the bundled server: each entity once.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspSession } from './lspClient';

let session: LspSession | undefined;
after(async () => session?.stop());

interface Symbol {
  name: string;
  detail?: string;
  children?: Symbol[];
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

test('the outline lists each entity once, with its number of mentions, inside its group range', async () => {
  session = await LspSession.start();
  // Written for this test.
  const text = '北京市政府今天宣布，北京将新建三座公园。\n市民说，北京的公园越来越多了。\n';
  const uri = 'untitled:outline-test';
  session.open(uri, text);
  const symbols = await session.request<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const names = symbols.flatMap((g) => (g.children ?? []).map((c) => c.name));
  assert.equal(new Set(names).size, names.length, `an entity listed twice: ${names.join(' ')}`);
  const beijing = symbols.flatMap((g) => g.children ?? []).find((c) => c.name === '北京');
  assert.ok(beijing, `北京 not in the outline: ${JSON.stringify(symbols.map((g) => g.name))}`);
  assert.match(beijing.detail ?? '', /^2 mentions$/);
  for (const g of symbols) {
    for (const c of g.children ?? []) {
      const before = (a: Symbol['range']['start'], b: Symbol['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
      assert.ok(before(g.range.start, c.range.start) && before(c.range.end, g.range.end), `${c.name} outside its group ${g.name}`);
    }
  }
});
