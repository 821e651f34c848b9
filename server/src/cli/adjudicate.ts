import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { applyChoice, describeSide, startCuration, type Choice, type CurationState } from '../core/annotations/adjudication';
import type { AgreementSpan, Disagreement } from '../core/annotations/agreement';
import { hashText, parseSidecar, serializeSidecar, sidecarPathFor, SIDECAR_FORMAT, SIDECAR_VERSION, type Sidecar } from '../core/annotations/sidecar';
import { readRegularFile, writeFileAtomic } from '../core/io/safeFiles';
import type { EntityLabel } from '../core/types';
import { readArticle, UsageError } from './files';

export const ADJUDICATE_USAGE = `  adjudicate <article> <sidecar A> <sidecar B> [--out FILE]
                               walks the disagreements of two annotators' sidecars, asking for
                               each: a (A's spans), b (B's), n (neither), s (skip), q (quit);
                               agreed spans and every answer go at once into a curated sidecar
                               (default: the article's own ARTICLE.annotations.json); run it
                               again to resume. Answers are read line by line from stdin`;

interface Io {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** `zh-article adjudicate`: exit 0 when the walk ends (decided or not), 2 on a bad command line. */
export async function adjudicateCommand(args: string[], io: Io = { input: process.stdin, output: process.stdout }): Promise<number> {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  if (outAt >= 0 && (!out || out.startsWith('--'))) throw new UsageError('--out needs a file');
  const files = outAt < 0 ? args : args.filter((_, i) => i !== outAt && i !== outAt + 1);
  if (files.some((f) => f.startsWith('--'))) throw new UsageError(`unknown option ${files.find((f) => f.startsWith('--'))}`);
  if (files.length !== 3) throw new UsageError('adjudicate needs an article and two sidecar files');
  const [article, fileA, fileB] = files;
  const curatedFile = out ?? sidecarPathFor(article);
  const same = (x: string, y: string) => path.resolve(x) === path.resolve(y);
  if (same(curatedFile, fileA) || same(curatedFile, fileB)) {
    throw new UsageError(`the curated sidecar must be a third file, not ${curatedFile} (one of the annotators' own); pass --out`);
  }

  const text = readArticle(article, undefined).text;
  const hash = hashText(text);
  const load = (f: string): Sidecar => {
    const s = parseSidecar(readRegularFile(f).toString('utf8'));
    // Offsets only mean something against the text they were made on.
    if (s.textHash !== hash) throw new UsageError(`${f} was made for another version of ${article} (its text hash differs)`);
    if (s.offsets !== 'codepoint') throw new UsageError(`${f}: only code-point sidecars are adjudicated`);
    return s;
  };
  const spansOf = (s: Sidecar): AgreementSpan[] => s.spans.map((x) => ({ start: x.start, end: x.end, label: x.label, text: x.text }));
  const a = load(fileA);
  const b = load(fileB);
  // An existing curated file is resumed, never replaced: what it holds stays, the walk adds to it.
  const existing = fs.existsSync(curatedFile) ? load(curatedFile) : undefined;
  const curation = startCuration([...text].length, spansOf(a), spansOf(b), existing && { spans: spansOf(existing), rejected: existing.rejected.map((r) => ({ ...r })) });
  const say = (line: string) => io.output.write(`${line}\n`);
  const save = () => writeFileAtomic(curatedFile, serializeSidecar(toSidecar(hash, curation.state, existing)));

  const { report, pending } = curation;
  say(`${article}: ${report.overall.both} agreed span(s), ${report.disagreements.length} disagreement(s), ${curation.decided} already decided in ${curatedFile}`);
  for (const c of curation.conflicts) say(`  agreed ${c.label} "${c.text}" not taken: ${curatedFile} has an overlapping span of its own`);
  save();

  const codePoints = [...text];
  const lines = readline.createInterface({ input: io.input, terminal: false });
  const answers = lines[Symbol.asyncIterator]();
  let decided = 0;
  let skipped = 0;
  let quit = false;
  for (let i = 0; i < pending.length && !quit; i++) {
    const d = pending[i];
    say(`\n[${i + 1}/${pending.length}] ${contextOf(codePoints, d)}`);
    say(`  a: ${describeSide(d.a)}`);
    say(`  b: ${describeSide(d.b)}`);
    for (;;) {
      io.output.write('  a / b / n(either) / s(kip) / q(uit)? ');
      const next = await answers.next();
      if (next.done) {
        quit = true;
        break;
      }
      const answer = String(next.value).trim().toLowerCase();
      const choice: Choice | undefined = answer === 'a' ? 'a' : answer === 'b' ? 'b' : answer === 'n' ? 'neither' : undefined;
      if (choice) {
        const r = applyChoice(curation.state, d, choice);
        for (const c of r.conflicts) say(`  ${c.label} "${c.text}" not taken: it overlaps a span already in ${curatedFile}`);
        save();
        decided++;
        break;
      }
      if (answer === 's') {
        skipped++;
        break;
      }
      if (answer === 'q') {
        quit = true;
        break;
      }
      say('  answer a, b, n, s or q');
    }
  }
  lines.close();
  const left = pending.length - decided;
  say(`\n${decided} decided now, ${skipped} skipped; ${left === 0 ? 'every disagreement is decided' : `${left} left (run again to continue)`}. Curated sidecar: ${curatedFile}`);
  return 0;
}

function toSidecar(textHash: string, state: CurationState, existing?: Sidecar): Sidecar {
  const out: Sidecar = {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    textHash,
    offsets: 'codepoint',
    spans: state.spans.map((s) => ({ start: s.start, end: s.end, label: s.label as EntityLabel, text: s.text ?? '', source: 'manual' })),
    rejected: state.rejected.map((s) => ({ start: s.start, end: s.end, label: s.label as EntityLabel, text: s.text ?? '' })),
  };
  if (existing?.orphaned?.length) out.orphaned = existing.orphaned;
  return out;
}

/** The disagreement in its line, marked 【like this】, at most ~30 characters either side. */
function contextOf(codePoints: readonly string[], d: Disagreement): string {
  let from = d.start;
  while (from > 0 && d.start - from < 30 && codePoints[from - 1] !== '\n') from--;
  let to = d.end;
  while (to < codePoints.length && to - d.end < 30 && codePoints[to] !== '\n') to++;
  return `${codePoints.slice(from, d.start).join('')}【${codePoints.slice(d.start, d.end).join('')}】${codePoints.slice(d.end, to).join('')}`;
}
