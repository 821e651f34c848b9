import * as fs from 'node:fs';
import * as path from 'node:path';
import { repairText } from '../server/src/core/artifacts';
import { mulberry32 } from '../server/src/core/prng';
import { damage } from '../test/crawlDamage';

export interface CorpusOptions {
  /**
   * One record in this many is damaged afresh by the crawler's model (test/crawlDamage.ts, its own
   * random choices per record); the others are the seeds' repaired text: clean news, as most of
   * a crawl is. Without it every record is a seed as crawled, the same damage in every copy.
   */
  damagedEvery?: number;
}

/**
 * Writes a JSONL corpus of about `bytes` bytes to `file`: one record per seed copy, every line of
 * a copy varied (as in corpus.ts) so chunk caches cannot make repeated articles free. Written
 * record by record, so the bench itself does not hold the corpus. With `damagedEvery`, no two
 * records share their damage either: repeated damage would let each thread's recovery memo answer
 * from the second copy on, which flatters one thread (it sees every copy) over two.
 */
export function writeJsonlCorpus(seedsDir: string, file: string, bytes: number, opts: CorpusOptions = {}): { records: number; chars: number } {
  const fresh = opts.damagedEvery !== undefined;
  const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => {
    const crawled = fs.readFileSync(path.join(seedsDir, f), 'utf8');
    const repaired = fresh ? repairText(crawled).text : crawled;
    return { name: f, repaired };
  });
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let records = 0;
  let chars = 0;
  try {
    for (let copy = 0; written < bytes; copy++) {
      for (const { name, repaired } of seeds) {
        let varied = repaired.split('\n').map((line, i) => (line.trim() ? `${line}（第${copy}-${i}段）` : line)).join('\n');
        if (fresh && records % opts.damagedEvery! === 0) varied = damage(varied, mulberry32(records + 1)).damaged;
        const line = `${JSON.stringify({ id: `${copy}/${name}`, source: 'bench', text: varied })}\n`;
        written += fs.writeSync(fd, line);
        records++;
        chars += varied.length;
        if (written >= bytes) break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return { records, chars };
}
