import * as fs from 'fs';
import type { LacTagSource } from '../tagger';
import { decodeLac } from './lacFile';
import { LacNetwork } from './lacNetwork';

/** Lines whose network results are kept: a document is re-analysed line by line after each edit. */
const MEMO_LINES = 512;

/**
 * LAC's tags per line for a model trained with them, memoised (LAC costs ~0.45 M multiply-adds per
 * character, so a line seen again should not run it again). Undefined when the LAC file is missing
 * or unreadable: the model then tags without LAC features, which it was trained to do.
 */
export function loadLacTagSource(file: string | undefined, log?: (message: string) => void): LacTagSource | undefined {
  const lac = loadLacNetwork(file, log);
  return lac ? memoByLine((line) => lac.tag(line)) : undefined;
}

/** fn memoised on the most recent MEMO_LINES lines it was asked about. */
export function memoByLine<T>(fn: (line: string) => T): (line: string) => T {
  const memo = new Map<string, T>();
  return (line) => {
    let value = memo.get(line);
    if (value !== undefined) {
      // Refreshed as most recent: Map keeps insertion order, the oldest entry goes first.
      memo.delete(line);
      memo.set(line, value);
      return value;
    }
    value = fn(line);
    memo.set(line, value);
    if (memo.size > MEMO_LINES) memo.delete(memo.keys().next().value as string);
    return value;
  };
}

/** The LAC network, or undefined (said through log) when the file is missing or unreadable. */
export function loadLacNetwork(file: string | undefined, log?: (message: string) => void): LacNetwork | undefined {
  if (!file) return undefined;
  try {
    return new LacNetwork(decodeLac(fs.readFileSync(file)));
  } catch (err) {
    log?.(`LAC not loaded (${(err as Error).message}); names are tagged without its features`);
    return undefined;
  }
}
