import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a JSONL corpus of about `bytes` bytes to `file`: one record per seed copy, every line of
 * a copy varied (as in corpus.ts) so chunk caches cannot make repeated articles free. Written
 * record by record, so the bench itself does not hold the corpus.
 */
export function writeJsonlCorpus(seedsDir: string, file: string, bytes: number): { records: number; chars: number } {
  const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => [f, fs.readFileSync(path.join(seedsDir, f), 'utf8')] as const);
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let records = 0;
  let chars = 0;
  try {
    for (let copy = 0; written < bytes; copy++) {
      for (const [name, text] of seeds) {
        const varied = text.split('\n').map((line, i) => (line.trim() ? `${line}（第${copy}-${i}段）` : line)).join('\n');
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
