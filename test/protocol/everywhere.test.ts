// Decisions that carry, over LSP: reject "everywhere" in a workspace of three articles (one of
// them closed) previews the occurrences, changes exactly those, writes every sidecar, and the
// effective entities follow; applying the same set again changes nothing.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lspClient';
import type { EntitiesResult, EverywhereApplyParams, EverywhereApplyResult, EverywherePreviewParams, EverywherePreviewResult, LspRange } from '../../server/src/protocol';
import { parseSidecar, sidecarPathFor } from '../../server/src/core/annotations';

// Written for this test: a city name that any recognizer finds, several times per article.
const ARTICLES: Record<string, string> = {
  'a.txt': '上海的早晨很安静，街上只有几位老人在散步。\n上个月我们从上海出发，经过南京和苏州，最后又回到了上海。\n',
  'b.txt': '他在上海工作了整整十年。\n后来他离开上海，去了广州开一家小餐馆。\n',
  'c.txt': '今年上海的秋天来得很晚，十一月还有人穿短袖。\n',
};

const offsetAt = (text: string, p: { line: number; character: number }): number => {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
};

describe('decisions everywhere over LSP', () => {
  let s: LspSession;
  let dir: string;
  const files: Record<string, { file: string; uri: string; text: string }> = {};
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-everywhere-'));
    for (const [name, text] of Object.entries(ARTICLES)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      files[name] = { file, uri: pathToFileURL(file).toString(), text };
    }
    s = await LspSession.start({}, dir);
    s.open(files['a.txt'].uri, files['a.txt'].text);
    s.open(files['b.txt'].uri, files['b.txt'].text);
  });
  after(async () => {
    await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('reject everywhere: preview, apply exactly the previewed spans, sidecars written, entities follow, idempotent', async () => {
    const a = files['a.txt'];
    const uris = Object.values(files).map((f) => f.uri);
    const first = a.text.indexOf('上海');
    const params: EverywherePreviewParams = { uri: a.uri, position: { line: 0, character: first + 1 }, action: 'reject', uris };
    const preview = await s.request<EverywherePreviewResult>('articleAnnotator/everywherePreview', params);
    assert.equal(preview.ok, true, preview.message);
    assert.deepEqual([preview.decision?.action, preview.decision?.label, preview.decision?.text], ['reject', 'location', '上海']);
    assert.equal(preview.scanned, 3);
    assert.deepEqual(preview.errors, []);
    // Nothing changed yet: no sidecar anywhere.
    for (const f of Object.values(files)) assert.equal(fs.existsSync(sidecarPathFor(f.file)), false);
    const byUri = new Map(preview.files.map((f) => [f.uri, f]));
    assert.deepEqual([...byUri.keys()].sort(), [...uris].sort(), 'every article holds the city');
    assert.equal(byUri.get(files['c.txt'].uri)!.open, false);
    assert.equal(byUri.get(a.uri)!.open, true);
    for (const [name, f] of Object.entries(files)) {
      const pf = byUri.get(f.uri)!;
      for (const o of pf.occurrences) {
        const start = offsetAt(f.text, o.range.start);
        assert.equal(f.text.slice(start, offsetAt(f.text, o.range.end)), '上海', name);
        assert.ok(o.context.includes('上海'));
        assert.equal(o.now, 'automatic');
      }
      assert.equal((pf.before.location ?? 0) - (pf.after.location ?? 0), pf.occurrences.length, `${name}: counts before → after`);
    }

    assert.ok(byUri.get(a.uri)!.occurrences.length >= 2, 'a.txt names the city more than once');
    // The user keeps every occurrence but the last one of a.txt.
    const kept = preview.files.map((f) => ({ uri: f.uri, ranges: f.uri === a.uri ? f.occurrences.slice(0, -1).map((o) => o.range) : f.occurrences.map((o) => o.range) }));
    const leftAlone = byUri.get(a.uri)!.occurrences.at(-1)!.range;
    const apply: EverywhereApplyParams = { decision: preview.decision!, files: kept };
    const applied = await s.request<EverywhereApplyResult>('articleAnnotator/everywhereApply', apply);
    assert.deepEqual(applied.errors, []);
    const keptCount = (uri: string) => kept.find((k) => k.uri === uri)!.ranges.length;
    for (const f of applied.files) {
      assert.equal(f.applied, keptCount(f.uri));
      assert.deepEqual(f.skipped, []);
    }

    // Each sidecar holds exactly the kept spans as rejections (the texts are BMP: code points = UTF-16).
    const sidecars = new Map<string, string>();
    for (const f of Object.values(files)) {
      const json = fs.readFileSync(sidecarPathFor(f.file), 'utf8');
      sidecars.set(f.uri, json);
      const rejected = parseSidecar(json).rejected.map((r) => [r.start, r.end, r.label, r.text]);
      const expected = kept.find((k) => k.uri === f.uri)!.ranges.map((r: LspRange) => [offsetAt(f.text, r.start), offsetAt(f.text, r.end), 'location', '上海']);
      assert.deepEqual(rejected, expected, path.basename(f.file));
    }

    // Effective entities: the rejected spans are gone from the open articles, the one left alone stays.
    const isCity = (e: EntitiesResult['entities'][number]) => e.text === '上海' && e.label === 'location';
    const ea = await s.request<EntitiesResult>('articleAnnotator/entities', { uri: a.uri });
    assert.equal(ea.rejected, keptCount(a.uri));
    for (const r of kept.find((k) => k.uri === a.uri)!.ranges) assert.ok(!ea.entities.some((e) => isCity(e) && e.range.start.line === r.start.line && e.range.start.character === r.start.character));
    const eb = await s.request<EntitiesResult>('articleAnnotator/entities', { uri: files['b.txt'].uri });
    assert.equal(eb.entities.filter(isCity).length, 0);
    assert.equal(eb.rejected, keptCount(files['b.txt'].uri));
    // The closed article, opened now, loads its decisions from the sidecar.
    const c = files['c.txt'];
    s.open(c.uri, c.text);
    const ec = await s.request<EntitiesResult>('articleAnnotator/entities', { uri: c.uri });
    assert.equal(ec.entities.filter(isCity).length, 0);
    assert.equal(ec.rejected, keptCount(c.uri));

    // Applying the same set again changes nothing, on disk either.
    const again = await s.request<EverywhereApplyResult>('articleAnnotator/everywhereApply', apply);
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.files.map((f) => f.applied), again.files.map(() => 0));
    for (const f of Object.values(files)) assert.equal(fs.readFileSync(sidecarPathFor(f.file), 'utf8'), sidecars.get(f.uri));
    // A new preview offers only what is left: at most the occurrence the user left alone.
    const rest = await s.request<EverywherePreviewResult>('articleAnnotator/everywherePreview', { ...params, position: leftAlone.start });
    const restSpans = rest.files.flatMap((f) => f.occurrences.map((o) => `${f.uri}@${o.range.start.line}:${o.range.start.character}`));
    assert.ok(restSpans.every((x) => x === `${a.uri}@${leftAlone.start.line}:${leftAlone.start.character}`), restSpans.join(', '));
  });

  test('preview without an entity under the cursor, or with an unknown label, says why and changes nothing', async () => {
    const a = files['a.txt'];
    const none = await s.request<EverywherePreviewResult>('articleAnnotator/everywherePreview', { uri: a.uri, position: { line: 0, character: a.text.indexOf('老人') + 1 }, action: 'reject', uris: [a.uri] });
    assert.equal(none.ok, false);
    assert.match(none.message ?? '', /no automatic entity/);
    const bad = await s.request<EverywherePreviewResult>('articleAnnotator/everywherePreview', { uri: a.uri, position: { line: 1, character: 8 }, action: 'relabel', label: 'NOPE_LABEL', uris: [a.uri] });
    assert.equal(bad.ok, false);
    assert.match(bad.message ?? '', /Unknown label "NOPE_LABEL"/);
  });
});
