// Reading and writing files the tool does not control: articles and sidecars in a repository the
// user may not have written, export folders that may hold the only copy of a corpus. One place
// for the rules, used by the CLI, the exports and the sidecars (node:fs only, no editor imports):
//  - only regular files are read, with a size limit (a FIFO, /dev/zero or a symlink to one never
//    blocks or floods the process);
//  - text must be UTF-8 unless the caller names another encoding; nothing is silently decoded
//    as UTF-8 into U+FFFD;
//  - writes go to a uniquely named temporary file that is renamed over the target, so a crash
//    leaves the old or the new content; a symbolic link is never written through by accident;
//  - folders are created one level at a time (Node 20's recursive mkdir spins forever on paths
//    such as /proc/1/x).
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';

/** Larger than any news article or sidecar; smaller than what would hurt the editor's memory. */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

export type FileSafetyCode = 'not-regular' | 'too-large' | 'symlink' | 'encoding' | 'not-folder' | 'changed';

export class FileSafetyError extends Error {
  constructor(
    readonly code: FileSafetyCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileSafetyError';
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function tooLarge(file: string, max: number): FileSafetyError {
  return new FileSafetyError('too-large', `${file} is larger than ${Math.round(max / (1024 * 1024))} MB; not read`);
}

/**
 * The bytes of a regular file (a symbolic link to one is fine). Anything else is refused before
 * it is opened; the file is opened non-blocking and checked again, so a FIFO swapped in between
 * cannot block, and reading stops past `maxBytes` even if the file grows.
 */
export function readRegularFile(file: string, maxBytes = MAX_TEXT_FILE_BYTES): Buffer {
  const st = fs.statSync(file);
  if (!st.isFile()) throw new FileSafetyError('not-regular', `${file} is ${kindOf(st)}, not a regular file; only regular files are read`);
  if (st.size > maxBytes) throw tooLarge(file, maxBytes);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (fs.constants.O_NOCTTY ?? 0));
  try {
    const fst = fs.fstatSync(fd);
    if (!fst.isFile() || fst.ino !== st.ino || fst.dev !== st.dev) throw new FileSafetyError('changed', `${file} was replaced while it was opened; not read`);
    return readAll(fd, file, maxBytes, fst.size);
  } finally {
    fs.closeSync(fd);
  }
}

function readAll(fd: number, what: string, maxBytes: number, expected: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(expected + 1 - total, maxBytes + 1 - total)));
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      // A non-blocking pipe with nothing yet: wait a little rather than spin.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw err;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > maxBytes) throw tooLarge(what, maxBytes);
  }
  return Buffer.concat(chunks, total);
}

/** All of standard input (for `-` on the command line), with the same size limit. */
export function readStdin(maxBytes = MAX_TEXT_FILE_BYTES): Buffer {
  return readAll(0, 'standard input', maxBytes, 0);
}

// ---- Text encodings ----

export const TEXT_ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'big5', 'utf-16le', 'utf-16be'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export function isTextEncoding(x: string): x is TextEncoding {
  return (TEXT_ENCODINGS as readonly string[]).includes(x);
}

export interface DetectedEncoding {
  /** What the bytes are, when that can be told: a BOM, valid UTF-8, or a clean GB18030 decoding. */
  encoding?: TextEncoding;
  bom: boolean;
  /** The 1-based line of the first byte that is not UTF-8, when the bytes are not all UTF-8. */
  firstNonUtf8Line?: number;
  /**
   * A file pieced together from UTF-8 and GBK lines (a crawler's join of two sources): the 1-based
   * lines that are not UTF-8 but read cleanly as GB18030, when every such line does.
   */
  gbkLines?: number[];
}

/** Byte ranges of the lines of buf, each with its line break; 0x0A is never part of a GBK character. */
function lineRanges(buf: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] !== 0x0a) continue;
    out.push([from, i + 1]);
    from = i + 1;
  }
  if (from < buf.length) out.push([from, buf.length]);
  return out;
}

/**
 * The lines that are GB18030 in a file of UTF-8 and GB18030 lines, or undefined when it is not one.
 * It takes a line of non-ASCII UTF-8 to tell such a file from a GBK one: GBK bytes seldom form
 * valid UTF-8, while UTF-8 bytes often decode as GB18030 without error (丁戊 as 涓佹垔).
 */
function gbkLinesOf(buf: Buffer): number[] | undefined {
  const foreign: Buffer[] = [];
  const lines: number[] = [];
  let utf8Han = false;
  lineRanges(buf).forEach(([a, b], k) => {
    const line = buf.subarray(a, b);
    if (firstNonUtf8Byte(line) >= 0) {
      foreign.push(line);
      lines.push(k + 1);
    } else utf8Han ||= line.some((x) => x >= 0x80);
  });
  // Decoded only for a file that has UTF-8 lines: a GBK file is decoded once, as a whole, by the caller.
  if (!utf8Han || !lines.length) return undefined;
  for (const line of foreign) {
    const gb = iconv.decode(line, 'gb18030');
    if (gb.includes('\ufffd') || !mostlyHan(gb)) return undefined;
  }
  return lines;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isValidUtf8(buf: Buffer): boolean {
  try {
    utf8Strict.decode(buf);
    return true;
  } catch {
    return false;
  }
}

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1.
 */
export function firstNonUtf8Byte(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= buf.length) return i;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (buf[i + 1] < lo || buf[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

function listLines(lines: readonly number[]): string {
  return lines.length > 5 ? `${lines.slice(0, 5).join(', ')} … (${lines.length} lines)` : lines.join(', ');
}

function lineOfByte(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
  return line;
}

export function detectEncoding(buf: Buffer): DetectedEncoding {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    // A UTF-8 mark over bytes that are not all UTF-8: a file pieced together from two encodings.
    const bad = isValidUtf8(buf) ? -1 : firstNonUtf8Byte(buf);
    if (bad < 0) return { encoding: 'utf-8', bom: true };
    const gbkLines = gbkLinesOf(buf.subarray(3));
    return { bom: true, firstNonUtf8Line: lineOfByte(buf, bad), ...(gbkLines ? { gbkLines } : {}) };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (isValidUtf8(buf)) return { encoding: 'utf-8', bom: false };
  const bad = firstNonUtf8Byte(buf);
  const gbkLines = gbkLinesOf(buf);
  if (gbkLines) return { bom: false, firstNonUtf8Line: lineOfByte(buf, bad), gbkLines };
  // GB18030 (a superset of GBK) maps nearly every byte sequence; a decoding without replacement
  // characters whose letters are mostly Han is the GBK family in practice.
  const gb = iconv.decode(buf, 'gb18030');
  if (!gb.includes('\ufffd') && mostlyHan(gb)) return { encoding: 'gb18030', bom: false };
  return bad < 0 ? { bom: false } : { bom: false, firstNonUtf8Line: lineOfByte(buf, bad) };
}

function mostlyHan(text: string): boolean {
  let han = 0;
  let other = 0;
  for (const ch of text.slice(0, 20000)) {
    if (/\p{Script=Han}/u.test(ch)) han++;
    else if (/[^\s\p{ASCII}\p{P}\p{S}]/u.test(ch)) other++;
  }
  return han > 0 && han >= 2 * other;
}

export interface DecodedText {
  text: string;
  /** The encoding the bytes were decoded from. */
  encoding: TextEncoding;
  /** The bytes started with a byte-order mark (not part of `text`). */
  bom: boolean;
  /** For a file of UTF-8 and GBK lines read with 'auto': the lines decoded as GB18030 (1-based). */
  gbkLines?: number[];
}

export interface DecodeOptions {
  /**
   * How to decode bytes that are not UTF-8: a named encoding, or 'auto' for the detected one.
   * Absent: such bytes are refused (FileSafetyError 'encoding'). A byte-order mark always wins.
   */
  encoding?: TextEncoding | 'auto';
}

/** The text of bytes: UTF-8 (a BOM dropped), or another encoding only when the caller asks for it. */
export function decodeText(buf: Buffer, what: string, opts: DecodeOptions = {}): DecodedText {
  const detected = detectEncoding(buf);
  if (detected.encoding === 'utf-8') {
    return { text: utf8Strict.decode(detected.bom ? buf.subarray(3) : buf), encoding: 'utf-8', bom: detected.bom };
  }
  if (detected.gbkLines && opts.encoding === 'auto') {
    const body = detected.bom ? buf.subarray(3) : buf;
    const gbk = new Set(detected.gbkLines);
    const text = lineRanges(body)
      .map(([a, b], k) => (gbk.has(k + 1) ? iconv.decode(body.subarray(a, b), 'gb18030') : utf8Strict.decode(body.subarray(a, b))))
      .join('');
    return { text, encoding: 'utf-8', bom: detected.bom, gbkLines: detected.gbkLines };
  }
  // Refused unless an encoding was named (a UTF-8 mark admits only utf-8, read with U+FFFD below).
  if (detected.gbkLines && (!opts.encoding || (detected.bom && opts.encoding !== 'utf-8'))) {
    const n = detected.gbkLines.length;
    throw new EncodingError(
      what,
      detected,
      `${what} mixes UTF-8 and GBK: ${n === 1 ? 'line' : 'lines'} ${listLines(detected.gbkLines)} ${n === 1 ? 'is' : 'are'} GBK; --encoding auto reads each line in its own encoding`,
    );
  }
  if (detected.bom && !detected.encoding) {
    // Only a UTF-8 mark leaves the encoding unknown: asked for UTF-8, the bad bytes become U+FFFD
    // (replacement-character artifacts the user can then see and repair); anything else is refused.
    if (opts.encoding === 'utf-8') return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', bom: true };
    throw new EncodingError(
      what,
      detected,
      `${what} starts with a UTF-8 byte-order mark but line ${detected.firstNonUtf8Line} has bytes that are not UTF-8 (parts of the file may be in another encoding, such as GBK); --encoding utf-8 reads those bytes as U+FFFD`,
    );
  }
  const wanted = detected.bom ? detected.encoding : opts.encoding === 'auto' ? detected.encoding : opts.encoding;
  if (!opts.encoding || !wanted) {
    const where = detected.firstNonUtf8Line ? ` (line ${detected.firstNonUtf8Line} is the first with bytes that are not UTF-8)` : '';
    const looks = detected.encoding ? `it looks like ${detected.encoding.toUpperCase()}${detected.bom ? ' (it starts with a byte-order mark)' : ''}` : `its encoding could not be recognized${where}`;
    throw new EncodingError(what, detected, `${what} is not UTF-8 text: ${looks}`);
  }
  if (wanted === 'utf-8') return { text: buf.toString('utf8'), encoding: 'utf-8', bom: false };
  return { text: iconv.decode(buf, wanted, { stripBOM: true }), encoding: wanted, bom: detected.bom };
}

export class EncodingError extends FileSafetyError {
  constructor(
    readonly file: string,
    readonly detected: DetectedEncoding,
    message: string,
  ) {
    super('encoding', message);
  }
}

/** The bytes of a decoded text as they were: the same encoding, the BOM kept. */
export function encodeText(text: string, encoding: TextEncoding, bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.from(bom ? '\ufeff' + text : text, 'utf8');
  return iconv.encode(text, encoding, { addBOM: bom });
}

/** readRegularFile + decodeText. */
export function readTextFile(file: string, opts: DecodeOptions & { maxBytes?: number } = {}): DecodedText {
  return decodeText(readRegularFile(file, opts.maxBytes), file, opts);
}

// ---- Folders ----

/**
 * Creates `dir` and its missing parents one level at a time: a parent that cannot hold folders
 * fails at once with its own error instead of looping (Node 20's recursive mkdir never returns
 * for /proc/1/nope).
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    }
    if (st) {
      if (!st.isDirectory()) throw new FileSafetyError('not-folder', `cannot create ${path.resolve(dir)}: ${d} is ${kindOf(st)}`);
      break;
    }
    const up = path.dirname(d);
    if (up === d) break;
    missing.push(d);
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(m).isDirectory()) continue;
      throw new Error(`cannot create the folder ${m}: ${(err as Error).message}`);
    }
  }
}

// ---- Atomic writes and their temporary files ----

/** `.NAME.<pid>-<random>.tmp` beside the target: unique per write, recognizable when stale. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A writer that has not finished in this long has died, whatever its pid now belongs to. */
export const STALE_TEMP_AGE_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files an interrupted write of `file` left beside it (this module's names
 * and the older `.NAME.<pid>.<time>.tmp`): those of a process that is gone, or older than
 * STALE_TEMP_AGE_MS. Returns the paths removed; never fails the caller.
 */
export function removeStaleTemps(file: string, now = Date.now()): string[] {
  const dir = path.dirname(file);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(file))}\\.(\\d+)[.-][0-9a-z]+\\.tmp$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const p = path.join(dir, name);
    try {
      const st = fs.lstatSync(p);
      if (!st.isFile()) continue;
      const pid = Number(m[1]);
      const old = now - st.mtimeMs > STALE_TEMP_AGE_MS;
      if (!old && (pid === process.pid || processAlive(pid))) continue;
      fs.rmSync(p, { force: true });
      removed.push(p);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

export interface AtomicWriteOptions {
  /**
   * When the target is a symbolic link: 'refuse' (default) throws; 'replace' replaces the link
   * itself by the file (its target is untouched); 'target' writes the file the link points to,
   * atomically in that file's folder, and keeps the link.
   */
  symlink?: 'refuse' | 'replace' | 'target';
}

/**
 * Writes `content` to `file` through a temporary file renamed over it: a crash leaves the old or
 * the new content, never half of one. An existing file keeps its permissions. Returns the path
 * actually written (the link's target with symlink: 'target').
 */
export function writeFileAtomic(file: string, content: string | Uint8Array, opts: AtomicWriteOptions = {}): string {
  let target = file;
  let existing = lstatOrUndefined(file);
  if (existing?.isSymbolicLink()) {
    const policy = opts.symlink ?? 'refuse';
    if (policy === 'refuse') throw new FileSafetyError('symlink', `${file} is a symbolic link; not written through it`);
    if (policy === 'replace') existing = undefined;
    else {
      try {
        target = fs.realpathSync(file);
      } catch {
        throw new FileSafetyError('symlink', `${file} is a symbolic link to a missing file; not written`);
      }
      existing = lstatOrUndefined(target);
    }
  }
  if (existing && !existing.isFile()) throw new FileSafetyError('not-regular', `${target} is ${kindOf(existing)}; not replaced`);
  const tmp = tempPathFor(target);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o666);
    try {
      fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      if (existing) fs.fchmodSync(fd, existing.mode & 0o7777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return target;
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
