import * as fs from 'fs';
import * as path from 'path';
import { decodeText, EncodingError, isTextEncoding, readRegularFile, readStdin, TEXT_ENCODINGS, type DecodedText, type TextEncoding } from '../core/io/safeFiles';

/** `-` on the command line: the article is read from standard input. */
export const STDIN = '-';

/** Article files named on the command line: files as given, folders searched for .txt/.article, `-` kept. */
export function collectArticleFiles(args: string[]): string[] {
  const out: string[] = [];
  if (args.filter((a) => a === STDIN).length > 1) throw new UsageError('standard input (-) can be read only once');
  for (const a of args) {
    if (a === STDIN) {
      out.push(a);
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(a);
    } catch {
      throw new UsageError(`no such file or folder: ${a}`);
    }
    if (st.isDirectory()) walk(a, out);
    else out.push(a);
  }
  return out;
}

function walk(dir: string, out: string[]): void {
  // Dirent types do not follow symbolic links: a linked folder is not entered (no cycles), and a
  // linked file is listed and then read only if it leads to a regular file.
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(txt|article)$/.test(e.name) && !e.name.endsWith('.annotations.json')) out.push(p);
  }
}

export const ENCODING_USAGE = `--encoding ${TEXT_ENCODINGS.join('|')}|auto`;

/** The value of --encoding: undefined (UTF-8 only), a named encoding, or auto (detected). */
export function parseEncoding(raw: string | undefined): TextEncoding | 'auto' | undefined {
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase().replace(/^utf8$/, 'utf-8');
  if (v === 'auto' || isTextEncoding(v)) return v;
  throw new UsageError(`--encoding must be one of ${TEXT_ENCODINGS.join(', ')} or auto, not "${raw}"`);
}

/** An article's text (a regular file or standard input), decoded as the command line asked. */
export function readArticle(file: string, encoding: TextEncoding | 'auto' | undefined, stdin: () => Buffer = readStdin): DecodedText {
  const bytes = file === STDIN ? stdin() : readRegularFile(file);
  return decodeText(bytes, file === STDIN ? 'standard input' : file, { encoding });
}

/** A read failure as the CLI prints it: for a foreign encoding, how to read it anyway. */
export function readErrorMessage(err: unknown): string {
  if (err instanceof EncodingError) {
    const guess = err.detected.encoding;
    // A UTF-8 mark over foreign bytes, or UTF-8 and GBK lines: the message already says which option reads it.
    if ((err.detected.bom && !guess) || err.detected.gbkLines) return `${err.message}; nothing was read or written`;
    return `${err.message}; nothing was read or written. Pass --encoding ${guess ?? 'ENCODING'}${guess ? ' (or --encoding auto)' : ` (one of ${TEXT_ENCODINGS.join(', ')})`} to decode it`;
  }
  return (err as Error).message;
}

export class UsageError extends Error {}
