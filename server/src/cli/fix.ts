import * as fs from 'fs';
import { parseArgs } from 'util';
import { summarize } from '../core/artifactPresentation';
import { applyArtifacts, detectArtifacts, type Artifact } from '../core/artifacts';
import { checkFixAll } from '../core/artifacts/fixAllLimit';
import { encodeText, writeFileAtomic } from '../core/io/safeFiles';
import { LineIndex } from '../core/offsets';
import { collectArticleFiles, ENCODING_USAGE, parseEncoding, readArticle, readErrorMessage, STDIN, UsageError } from './files';

export const FIX_USAGE = `fix <files or folders…> [--check] [--force] [--strict] [${ENCODING_USAGE}]
                               repair crawl artifacts in place (the original kept as FILE.bak;
                               with --force a further FILE.bak.1, .bak.2…, never overwritten) and
                               say what was left for review; --strict exits 1 when anything is left;
                               --check writes nothing: lists them (FILE:LINE:COL kind: explanation)
                               and per file what would be repaired, what would be left and a
                               confidence, and exits 1 when any is found. Files that are not UTF-8 are refused
                               unless --encoding names theirs; they are then written as UTF-8.
                               - reads standard input and writes the repaired text to stdout`;

export interface FixIo {
  /** Standard input, for `-`. */
  stdin?: () => Buffer;
  /** Where the repaired text of standard input goes. */
  data?: (b: Uint8Array) => void;
  /** Per-file errors. */
  err?: (s: string) => void;
}

/** `zh-article fix`: the same detectors and repairs as the editor's fix-all. */
export function runFix(args: string[], out: (s: string) => void = (s) => process.stdout.write(s), io: FixIo = {}): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { check: { type: 'boolean' }, force: { type: 'boolean' }, strict: { type: 'boolean' }, encoding: { type: 'string' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { check, force, strict } = parsed.values;
  const encoding = parseEncoding(parsed.values.encoding);
  const files = collectArticleFiles(parsed.positionals);
  if (files.length === 0) throw new UsageError('no article files given');
  const err = io.err ?? ((s: string) => process.stderr.write(s));
  let found = 0;
  let failed = 0;
  let leftTotal = 0;
  for (const file of files) {
    let decoded;
    try {
      decoded = readArticle(file, encoding, io.stdin);
    } catch (e) {
      err(`zh-article: ${readErrorMessage(e)}\n`);
      failed++;
      continue;
    }
    const { text } = decoded;
    const artifacts = detectArtifacts(text);
    found += artifacts.length;
    let fixable = artifacts.filter((a) => a.autoFix && a.candidates.length > 0);
    // The editor's limit for unattended fix-all: never delete most of the article.
    const limit = checkFixAll(text, fixable);
    if (!limit.allowed) {
      err(`${file}: nothing repaired: ${limit.reason}\n`);
      failed++;
      fixable = [];
    }
    const leftOver = artifacts.filter((a) => !fixable.includes(a));
    leftTotal += leftOver.length;
    if (check) {
      const lines = new LineIndex(text);
      for (const a of artifacts) {
        const p = lines.positionAt(a.start);
        out(`${file}:${p.line + 1}:${p.character + 1} ${a.kind}: ${a.explanation}${a.autoFix ? '' : ' (not repaired automatically)'}\n`);
      }
      out(`${file}: ${checkSummary(fixable, leftOver)}\n`);
      continue;
    }
    const converted = decoded.encoding !== 'utf-8' || decoded.gbkLines !== undefined;
    const from = decoded.gbkLines ? `GBK on ${decoded.gbkLines.length === 1 ? 'line' : 'lines'} ${decoded.gbkLines.join(', ')}` : decoded.encoding.toUpperCase();
    // Anything not decoded from UTF-8 is written back as UTF-8 (the BOM of a UTF-8 file is kept).
    const bytes = encodeText(fixable.length ? applyArtifacts(text, fixable) : text, 'utf-8', decoded.bom && decoded.encoding === 'utf-8');
    const left = leftOver.length;
    // A file is clean only when nothing at all was found, not when nothing could be repaired.
    const report = `${fixable.length ? `repaired ${summarize(fixable)}` : left ? 'nothing repaired' : 'clean'}${converted ? `; converted from ${from} to UTF-8` : ''}${left ? `; ${left} left for review (${summarize(artifacts.filter((a) => !fixable.includes(a)))})` : ''}`;
    if (file === STDIN) {
      (io.data ?? ((b) => process.stdout.write(b)))(bytes);
      err(`${STDIN}: ${report}\n`);
      continue;
    }
    if (fixable.length === 0 && !converted) {
      out(`${file}: ${report}\n`);
      continue;
    }
    const backup = backupPath(file, !!force);
    // The original bytes, whatever their encoding; COPYFILE_EXCL: an existing backup is never replaced.
    fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
    // A symlinked article is repaired where it lives; the link stays.
    writeFileAtomic(file, bytes, { symlink: 'target' });
    out(`${file}: ${report} (original in ${backup})\n`);
  }
  if (check) {
    out(found ? `${found} artifacts in ${files.length} files\n` : `no artifacts in ${files.length} files\n`);
    return found || failed ? 1 : 0;
  }
  return failed || (strict && leftTotal > 0) ? 1 : 0;
}

/** `would repair …; left …; confidence c`: counts by kind and how sure the repairs are. */
function checkSummary(fixable: readonly Artifact[], leftOver: readonly Artifact[]): string {
  const byKind = (list: readonly Artifact[]) => {
    const counts = new Map<string, number>();
    for (const a of list) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
    return counts.size ? [...counts].map(([k, n]) => `${k} ${n}`).join(', ') : 'nothing';
  };
  return `would repair ${byKind(fixable)}; left ${byKind(leftOver)}; confidence ${repairConfidence(fixable).toFixed(3)}`;
}

/**
 * Probability that every repair applied is the right one: each ranked recovery counts with the
 * share its margin over the runner-up gives it (log10 units), the fixed-form repairs as certain.
 */
export function repairConfidence(fixable: readonly Artifact[]): number {
  let p = 1;
  for (const a of fixable) {
    const margin = a.detail?.margin;
    if (typeof margin === 'number') p *= 1 / (1 + 10 ** -margin);
  }
  return p;
}

/** FILE.bak, or with --force the first free FILE.bak.N: a backup is never written over. */
function backupPath(file: string, force: boolean): string {
  const first = `${file}.bak`;
  if (!fs.existsSync(first)) return first;
  if (!force) throw new UsageError(`${first} exists; move it away, or pass --force to keep it and write a numbered backup`);
  for (let n = 1; ; n++) {
    const p = `${first}.${n}`;
    if (!fs.existsSync(p)) return p;
  }
}
