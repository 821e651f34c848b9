// Cuts JSONL input (stdin or files, one after another) into batches of whole lines without
// decoding them: the main thread only finds newlines and copies bytes, the workers decode and
// parse. Pulling chunks with `for await` is what gives backpressure: nothing more is read while
// the consumer of this generator waits (its window of batches in flight is full).
import * as fs from 'fs';
import type { Readable } from 'stream';

export interface LineBatch {
  /** The file the lines come from; undefined for stdin. */
  source?: string;
  /** 1-based number of the batch's first line in its source. */
  firstLine: number;
  /** Whole lines, each ended by \n except possibly the last line of a source. */
  bytes: Uint8Array;
  lines: number;
  /** Indexes (0-based, within the batch) of lines dropped for being longer than the limit; their bytes are absent. */
  oversize: number[];
}

export interface BatchLimits {
  /** A batch is handed over once it holds this many bytes… */
  batchBytes: number;
  /** …or this many lines. */
  batchLines: number;
  /** A longer line is not kept in memory: it becomes an error of its own. */
  maxLineBytes: number;
}

/**
 * 32 KB is a few news articles: small enough that the workers end a run together (the last batch
 * is the only work left for one worker while the others are done), large enough that passing it
 * to a worker costs nothing beside analysing it.
 */
export const DEFAULT_LIMITS: BatchLimits = { batchBytes: 32 * 1024, batchLines: 256, maxLineBytes: 64 * 1024 * 1024 };

export interface InputSource {
  name?: string;
  open(): Readable;
  /** Left open when the batches stop early (stdin belongs to the process). */
  shared?: boolean;
}

export function fileSource(file: string): InputSource {
  return { name: file, open: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }) };
}

export function stdinSource(stdin: Readable = process.stdin): InputSource {
  return { open: () => stdin, shared: true };
}

const NEWLINE = 0x0a;

export async function* lineBatches(sources: readonly InputSource[], limits: BatchLimits = DEFAULT_LIMITS, onBytes?: (n: number) => void): AsyncGenerator<LineBatch> {
  for (const source of sources) yield* sourceBatches(source, limits, onBytes);
}

async function* sourceBatches(source: InputSource, limits: BatchLimits, onBytes?: (n: number) => void): AsyncGenerator<LineBatch> {
  const stream = source.open();
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  let lines = 0;
  let oversize: number[] = [];
  let firstLine = 1;
  // The line being read: its pieces, its length so far, and whether it already went over the limit.
  let tail: Uint8Array[] = [];
  let tailBytes = 0;
  let skipping = false;

  const take = (): LineBatch => {
    const bytes = new Uint8Array(partBytes);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const batch = { source: source.name, firstLine, bytes, lines, oversize };
    firstLine += lines;
    parts = [];
    partBytes = 0;
    lines = 0;
    oversize = [];
    return batch;
  };
  const endLine = (last: Uint8Array | undefined): void => {
    if (skipping) {
      oversize.push(lines);
      parts.push(Uint8Array.of(NEWLINE));
      partBytes += 1;
    } else {
      for (const t of tail) parts.push(t);
      partBytes += tailBytes;
      if (last) {
        parts.push(last);
        partBytes += last.length;
      }
    }
    lines++;
    tail = [];
    tailBytes = 0;
    skipping = false;
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      onBytes?.(buf.length);
      let from = 0;
      for (let nl = buf.indexOf(NEWLINE, from); nl !== -1; nl = buf.indexOf(NEWLINE, from)) {
        if (!skipping && tailBytes + nl - from > limits.maxLineBytes) skipping = true;
        endLine(skipping ? undefined : buf.subarray(from, nl + 1));
        from = nl + 1;
        if (partBytes >= limits.batchBytes || lines >= limits.batchLines) yield take();
      }
      if (from < buf.length && !skipping) {
        const rest = buf.subarray(from);
        tailBytes += rest.length;
        if (tailBytes > limits.maxLineBytes) {
          skipping = true;
          tail = [];
          tailBytes = 0;
        } else tail.push(rest);
      }
    }
    // A last line without its newline is still a line.
    if (tailBytes > 0 || skipping) endLine(undefined);
    if (lines > 0) yield take();
  } finally {
    if (!source.shared) stream.destroy();
  }
}

/** Total size of the inputs when every one is a regular file (for a progress percentage). */
export function knownInputSize(files: readonly string[], stdinFd = 0): number | undefined {
  try {
    if (files.length === 0) {
      const st = fs.fstatSync(stdinFd);
      return st.isFile() ? st.size : undefined;
    }
    return files.reduce((n, f) => n + fs.statSync(f).size, 0);
  } catch {
    return undefined;
  }
}
