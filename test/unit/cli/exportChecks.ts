// Reads an export folder back and checks it against the articles: every span's offsets (code
// points unless told otherwise) slice the article to exactly the span's text. Shared by the CLI
// test and the export protocol test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CSV_HEADER, parseCsv, readBioStrict } from '../../../server/src/core/export';
import { EXPORT_MANIFEST } from '../../../server/src/core/io/exportOutput';

export interface ReadSpan {
  doc: string;
  start: number;
  end: number;
  label: string;
  text: string;
  source?: string;
}

const slice = (text: string, s: number, e: number, unit: 'codepoint' | 'utf16'): string => (unit === 'utf16' ? text.slice(s, e) : [...text].slice(s, e).join(''));

/** Checks the files of one format in dir against `articles` (base name → text); returns the spans read. */
export function checkExportFolder(format: string, dir: string, articles: Map<string, string>, unit: 'codepoint' | 'utf16' = 'codepoint'): ReadSpan[] {
  // The export's manifest of the files it wrote (core/io/exportOutput.ts) is not part of the format.
  const files = fs.readdirSync(dir).filter((n) => n !== EXPORT_MANIFEST).sort();
  const textOf = (name: string): string => {
    const stem = path.basename(name).replace(/\.[^.]*$/, '');
    const t = articles.get(stem);
    assert.ok(t !== undefined, `export names an unknown article ${name}`);
    return t!;
  };
  const spans: ReadSpan[] = [];
  const add = (doc: string, text: string, s: ReadSpan): void => {
    assert.equal(slice(text, s.start, s.end, unit), s.text, `${doc}: [${s.start}, ${s.end}) ${s.label}`);
    spans.push(s);
  };
  switch (format) {
    case 'jsonl': {
      assert.deepEqual(files, ['annotations.jsonl']);
      const lines = fs.readFileSync(path.join(dir, files[0]), 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, articles.size);
      for (const line of lines) {
        const rec = JSON.parse(line);
        assert.equal(rec.offsets, unit);
        assert.equal(rec.text, textOf(rec.meta.file));
        for (const sp of rec.spans) add(rec.meta.file, rec.text, { doc: rec.meta.file, start: sp.start, end: sp.end, label: sp.label, text: sp.text, source: sp.source });
        assert.deepEqual(rec.label, rec.spans.map((sp: ReadSpan) => [sp.start, sp.end, sp.label]));
      }
      break;
    }
    case 'brat': {
      assert.equal(files.length, articles.size * 2);
      for (const ann of files.filter((f) => f.endsWith('.ann'))) {
        const txt = fs.readFileSync(path.join(dir, ann.replace(/\.ann$/, '.txt')), 'utf8');
        assert.equal(txt, textOf(ann));
        for (const line of fs.readFileSync(path.join(dir, ann), 'utf8').split('\n')) {
          if (!line.startsWith('T')) continue;
          const [, typeAndOffsets, surface] = line.split('\t');
          const [label, ...offs] = typeAndOffsets.split(' ');
          const frags = offs.join(' ').split(';').map((f) => f.split(' ').map(Number));
          // Each fragment slices the .txt exactly; fragments are joined by one space.
          assert.equal(frags.map(([a, b]) => slice(txt, a, b, unit)).join(' '), surface, `${ann}: ${line}`);
          spans.push({ doc: ann, start: frags[0][0], end: frags[frags.length - 1][1], label, text: surface });
        }
      }
      break;
    }
    case 'conll': {
      assert.deepEqual(files, ['annotations.conll']);
      const sentences = readBioStrict(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
      assert.ok(sentences.length > 0);
      for (const s of sentences) for (const e of s.entities) spans.push({ doc: '', start: e.start, end: e.end, label: e.tag, text: s.chars.slice(e.start, e.end).join('') });
      break;
    }
    case 'labelstudio': {
      assert.equal(files.length, 1);
      const tasks = JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
      assert.equal(tasks.length, articles.size);
      for (const task of tasks) {
        const text: string = task.data.text;
        assert.ok([...articles.values()].includes(text), 'task text is one of the articles');
        for (const group of [...(task.predictions ?? []), ...(task.annotations ?? [])]) {
          for (const r of group.result) {
            const v = r.value;
            add('task', text, { doc: 'task', start: v.start, end: v.end, label: v.labels[0], text: v.text });
          }
        }
      }
      break;
    }
    case 'csv': {
      assert.equal(files.length, 1);
      const rows = parseCsv(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
      assert.deepEqual(rows[0], [...CSV_HEADER]);
      for (const r of rows.slice(1).filter((x) => x.length > 1)) {
        const [file, start, end, label, text, , source] = r;
        add(file, textOf(file), { doc: file, start: Number(start), end: Number(end), label, text, source });
      }
      break;
    }
    default:
      assert.fail(`unknown format ${format}`);
  }
  return spans;
}
