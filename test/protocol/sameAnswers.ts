// Shared by the same-answers tests: the seeds as batch records, the CLI, and the spans of each path
// (batch output, JSONL exports) in one comparable shape.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LABEL_TAGS } from '../../server/src/core/export';
import type { EntityLabel } from '../../server/src/core/types';
import { after, before } from 'node:test';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { LspSession, ROOT, SEEDS } from './lspClient';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** One span as every path can state it: code points, export tag, text, value (undefined when none). */
export type Span = [number, number, string, string, unknown];

export const names = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
export const texts = new Map(names.map((f) => [f, fs.readFileSync(path.join(SEEDS, f), 'utf8')]));

export function run(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Spans of a batch-mode output, by record id. */
export function batchSpans(stdout: string): Map<string, { text: string; spans: Span[] }> {
  const out = new Map<string, { text: string; spans: Span[] }>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as { id: string; text: string; entities: { start: number; end: number; label: EntityLabel; text: string; value?: unknown }[] };
    out.set(r.id, { text: r.text, spans: r.entities.map((e) => [e.start, e.end, LABEL_TAGS[e.label], e.text, e.value]) });
  }
  return out;
}

/** Spans of a JSONL export (code points), by the file name of the article. */
export function exportSpans(file: string): Map<string, { text: string; spans: Span[] }> {
  const out = new Map<string, { text: string; spans: Span[] }>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as { text: string; meta: { file: string }; offsets: string; spans: { start: number; end: number; label: string; text: string; value?: unknown }[] };
    assert.equal(r.offsets, 'codepoint');
    out.set(path.basename(r.meta.file.startsWith('file:') ? new URL(r.meta.file).pathname : r.meta.file), {
      text: r.text,
      spans: r.spans.map((s) => [s.start, s.end, s.label, s.text, s.value]),
    });
  }
  return out;
}

export const sorted = (spans: Span[]): Span[] => [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));

/** The seeds as JSONL records, id = file name. */
export const RECORDS = names.map((f) => JSON.stringify({ id: f, text: texts.get(f) })).join('\n') + '\n';

/**
 * For one test file: a temporary output folder, the seeds' URIs, and a bundled server (started
 * before the file's tests, stopped after them) with every seed open.
 */
export function seedsOpenInServer(prefix: string): { dir: string; uris: string[]; session: () => LspSession } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const uris = names.map((f) => pathToFileURL(path.join(SEEDS, f)).toString());
  let session: LspSession | undefined;
  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
    session = await LspSession.start();
    names.forEach((f, i) => session!.open(uris[i], texts.get(f)!));
  });
  after(async () => {
    await session?.stop();
  });
  return { dir, uris, session: () => session! };
}
