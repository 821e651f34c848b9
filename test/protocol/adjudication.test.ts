// Adjudication in the editor through the bundled server: two annotators' sidecars decided into the
// open article's own annotations (issue 14.5).
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lspClient';
import { hashText, parseSidecar, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION, type SidecarSpan } from '../../server/src/core/annotations/sidecar';
import type { AdjudicationResult, EntitiesResult } from '../../server/src/protocol';

let s: LspSession;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-adjudication-'));
  s = await LspSession.start({}, dir);
});
after(async () => {
  await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("disagreements are decided into the article's own annotations: agreed spans taken, A/B/neither applied, the walk resumable", async () => {
  // 𠀀 (a surrogate pair) makes code points and UTF-16 offsets differ after it.
  const text = '𠀀据报道，王明在上海银行工作多年，李华昨天到了北京。\n';
  const file = path.join(dir, 'report.txt');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const cps = [...text];
  const span = (needle: string, label: SidecarSpan['label']): SidecarSpan => {
    const u16 = text.indexOf(needle);
    const start = [...text.slice(0, u16)].length;
    return { start, end: start + [...needle].length, label, text: needle, source: 'manual' };
  };
  assert.equal(cps.slice(span('王明', 'person').start, span('王明', 'person').end).join(''), '王明');
  const side = (name: string, spans: SidecarSpan[]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, serializeSidecar({ format: SIDECAR_FORMAT, version: SIDECAR_VERSION, textHash: hashText(text), offsets: 'codepoint', spans, rejected: [] }));
    return f;
  };
  const a = side('report.alice.json', [span('王明', 'person'), span('上海银行', 'organization'), span('北京', 'location')]);
  const b = side('report.bob.json', [span('王明', 'person'), span('上海', 'location'), span('李华', 'person')]);
  s.open(uri, text);
  await s.nextDiagnostics(uri);
  const ask = (choice?: { range: AdjudicationResult['pending'][number]['range']; choice: 'a' | 'b' | 'neither' }) =>
    s.request<AdjudicationResult>('articleAnnotator/adjudication', { uri, a, b, choice });

  const start = await ask();
  assert.equal(start.ok, true, start.message);
  assert.equal(start.agreed, 1);
  assert.equal(start.disagreements, 3);
  assert.deepEqual(start.pending.map((d) => [d.a, d.b]), [['organization 上海银行', 'location 上海'], ['(nothing)', 'person 李华'], ['location 北京', '(nothing)']]);
  // Ranges are LSP (UTF-16) positions: 上海银行 starts after the surrogate pair.
  assert.deepEqual(start.pending[0].range.start, { line: 0, character: text.indexOf('上海银行') });

  const bank = await ask({ range: start.pending[0].range, choice: 'a' });
  assert.equal(bank.ok, true, bank.message);
  assert.equal(bank.decided, 1);
  assert.equal(bank.pending.length, 2);
  const li = await ask({ range: bank.pending[0].range, choice: 'b' });
  assert.equal(li.ok, true, li.message);

  // On disk: the article's own sidecar holds the agreed and chosen spans, and the dropped ones as rejected.
  const own = parseSidecar(fs.readFileSync(path.join(dir, 'report.annotations.json'), 'utf8'));
  assert.deepEqual(own.spans.map((x) => x.text).sort(), ['上海银行', '李华', '王明'].sort());
  assert.deepEqual(own.rejected.map((x) => x.text), ['上海']);
  // The annotators' files are untouched.
  assert.equal(parseSidecar(fs.readFileSync(b, 'utf8')).spans.length, 3);
  // The editor shows the decisions: 上海银行 is a manual organization, 上海 no location.
  const view = await s.request<EntitiesResult>('articleAnnotator/entities', { uri });
  assert.ok(view.entities.some((e) => e.text === '上海银行' && e.label === 'organization' && e.source === 'manual'));
  assert.ok(!view.entities.some((e) => e.text === '上海' && e.label === 'location'));

  // Resumed: only 北京 is left.
  const again = await ask();
  assert.equal(again.decided, 2);
  assert.deepEqual(again.pending.map((d) => d.a), ['location 北京']);
  const gone = await ask({ range: again.pending[0].range, choice: 'neither' });
  assert.equal(gone.decided, 3);
  assert.equal(gone.pending.length, 0);

  // A sidecar made for another text is refused, nothing changes.
  const stale = path.join(dir, 'stale.json');
  fs.writeFileSync(stale, serializeSidecar({ format: SIDECAR_FORMAT, version: SIDECAR_VERSION, textHash: hashText('other'), offsets: 'codepoint', spans: [], rejected: [] }));
  const refused = await s.request<AdjudicationResult>('articleAnnotator/adjudication', { uri, a, b: stale });
  assert.equal(refused.ok, false);
  assert.match(refused.message, /another version/);
});
