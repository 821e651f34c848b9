// Fills the LAC tag cache (scripts/lacTagCache.ts) for tagged files, so that training with LAC
// features reads tags instead of running LAC. train:ner fills what is missing by itself; this
// script lets the slow part run ahead of time, in several processes:
//   node scripts/run-ts.mjs scripts/fill-lac-cache.ts --cache DIR [--shard K/N] FILE…
import * as fs from 'fs';
import { parseCluener } from '../server/src/core/ner/cluener';
import { parseTaggedText } from '../server/src/core/ner/bio';
import { defaultLacPath, loadLac } from '../server/src/core/ner/lac';
import { compactLine } from '../server/src/core/ner/tagger';
import { LacTagCache } from './lacTagCache';

function main(): void {
  const argv = process.argv.slice(2);
  let dir = '';
  let shard = 0;
  let shards = 1;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cache') dir = argv[++i];
    else if (argv[i] === '--shard') [shard, shards] = argv[++i].split('/').map(Number);
    else files.push(argv[i]);
  }
  const lacFile = defaultLacPath();
  if (!dir || !lacFile || files.length === 0) throw new Error('usage: fill-lac-cache.ts --cache DIR [--shard K/N] FILE…');
  const cache = new LacTagCache(dir, lacFile, loadLac(lacFile));
  const t0 = Date.now();
  let chars = 0;
  for (const file of files) {
    const content = fs.readFileSync(file, 'utf8');
    const sentences = file.endsWith('.json') ? parseCluener(content) : parseTaggedText(content);
    sentences.forEach((s, i) => {
      if (i % shards !== shard) return;
      // The tagger sees a line without layout spaces; training sees the sentence as it is.
      const texts = new Set([s.text, compactLine(s.text, 0, s.text.length, new Int32Array(0)).line]);
      for (const text of texts) {
        if (cache.has(text)) continue;
        cache.tags(text);
        chars += text.length;
      }
      if (i % 2000 === shard) console.log(`${file}: ${i}/${sentences.length}, ${chars} chars tagged, ${(chars / ((Date.now() - t0) / 1000)).toFixed(0)} chars/s`);
    });
    cache.flush();
  }
  console.log(`done: ${chars} chars tagged in ${((Date.now() - t0) / 1000).toFixed(0)} s; cache ${cache.file}`);
}

main();
