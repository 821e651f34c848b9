import * as fs from 'fs';
import { agreement, formatAgreement } from '../core/annotations/agreement';
import { hashText, parseSidecar } from '../core/annotations/sidecar';
import { UsageError } from './files';

export const AGREE_USAGE = `  agree <article> <sidecar A> <sidecar B> [--json]
                               inter-annotator agreement of two annotators' sidecars for one
                               article: exact-span F1 and Cohen's kappa per label, disagreements`;

/** `zh-article agree`: prints the agreement table (or JSON); exit 0. */
export function agreeCommand(args: string[]): number {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 3) throw new UsageError('agree needs an article and two sidecar files');
  const [article, ...sidecars] = files;
  const text = fs.readFileSync(article, 'utf8');
  const hash = hashText(text);
  const sides = sidecars.map((f) => {
    const s = parseSidecar(fs.readFileSync(f, 'utf8'));
    // Offsets only mean something against the text they were made on.
    if (s.textHash !== hash) throw new UsageError(`${f} was made for another version of ${article} (its text hash differs)`);
    if (s.offsets !== 'codepoint') throw new UsageError(`${f}: only code-point sidecars are compared`);
    return s.spans.map((x) => ({ start: x.start, end: x.end, label: x.label, text: x.text }));
  });
  const report = agreement([...text].length, sides[0], sides[1]);
  if (json) process.stdout.write(`${JSON.stringify({ article, a: sidecars[0], b: sidecars[1], ...report })}\n`);
  else console.log(`${article}\nA: ${sidecars[0]}\nB: ${sidecars[1]}\n${formatAgreement(report)}`);
  return 0;
}
