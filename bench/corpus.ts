import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A corpus of about `chars` characters built from the seeds. Each copy gets a distinct number
 * line so chunk caches cannot make repeated paragraphs free.
 */
export function seedCorpus(seedsDir: string, chars: number): string {
  const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8'));
  const parts: string[] = [];
  let total = 0;
  for (let copy = 0; total < chars; copy++) {
    for (const s of seeds) {
      // Varying every line defeats the chunk cache without changing what the line contains.
      const varied = s.split('\n').map((line, i) => (line.trim() ? `${line}（第${copy}-${i}段）` : line)).join('\n');
      parts.push(varied);
      total += varied.length + 1;
      if (total >= chars) break;
    }
  }
  return parts.join('\n').slice(0, chars);
}
