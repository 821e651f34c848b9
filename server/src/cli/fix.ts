import * as fs from 'fs';
import { summarize } from '../core/artifactPresentation';
import { applyArtifacts, detectArtifacts } from '../core/artifacts';
import { LineIndex } from '../core/offsets';
import { collectArticleFiles, UsageError } from './files';

export const FIX_USAGE = `fix <files or folders…> [--check] [--force]
                               repair crawl artifacts in place (the original kept as FILE.bak;
                               --force overwrites an old .bak); --check only lists them
                               (FILE:LINE:COL kind: explanation) and exits 1 when any is found`;

/** `zh-article fix`: the same detectors and repairs as the editor's fix-all. */
export function runFix(args: string[], out: (s: string) => void = (s) => process.stdout.write(s)): number {
  const check = args.includes('--check');
  const force = args.includes('--force');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--check' && a !== '--force');
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
  const files = collectArticleFiles(args.filter((a) => !a.startsWith('--')));
  if (files.length === 0) throw new UsageError('no article files given');
  let found = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const artifacts = detectArtifacts(text);
    found += artifacts.length;
    if (check) {
      const lines = new LineIndex(text);
      for (const a of artifacts) {
        const p = lines.positionAt(a.start);
        out(`${file}:${p.line + 1}:${p.character + 1} ${a.kind}: ${a.explanation}${a.autoFix ? '' : ' (not repaired automatically)'}\n`);
      }
      continue;
    }
    const fixable = artifacts.filter((a) => a.autoFix && a.candidates.length > 0);
    if (fixable.length === 0) {
      out(`${file}: clean\n`);
      continue;
    }
    const backup = `${file}.bak`;
    if (fs.existsSync(backup) && !force) throw new UsageError(`${backup} exists; move it away or pass --force`);
    fs.copyFileSync(file, backup);
    // Written to a temporary file first so an interrupted run never leaves half an article.
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, applyArtifacts(text, fixable));
    fs.renameSync(tmp, file);
    const left = artifacts.length - fixable.length;
    out(`${file}: repaired ${summarize(fixable)}${left ? `; ${left} left for review (${summarize(artifacts.filter((a) => !fixable.includes(a)))})` : ''}\n`);
  }
  if (check) {
    out(found ? `${found} artifacts in ${files.length} files\n` : `no artifacts in ${files.length} files\n`);
    return found ? 1 : 0;
  }
  return 0;
}

