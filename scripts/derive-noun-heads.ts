// Prints NOUN_HEADS for server/src/core/entities/nounHeads.ts: Han characters that end at least 40
// common-noun words of jieba's dictionary (tags n, vn, nz, nt, ns) and occur at least 150 times in
// the MSRA training text without ever ending a PER span there.
//   node scripts/run-ts.mjs scripts/derive-noun-heads.ts [MSRA_TRAIN_FILE]
import * as fs from 'fs';
import * as path from 'path';
import { JiebaSegmenter } from '../server/src/core/jiebaSegmenter';
import { parseTaggedText } from '../server/src/core/ner/bio';
import { projectRoot } from '../server/src/core/assets';

const file = process.argv[2] ?? path.resolve(projectRoot(), '..', 'shared', 'ner', 'msra_train_bio.txt');
const occurrences = new Map<string, number>();
const personEnds = new Map<string, number>();
const bump = (m: Map<string, number>, c: string) => m.set(c, (m.get(c) ?? 0) + 1);
for (const s of parseTaggedText(fs.readFileSync(file, 'utf8'))) {
  for (const c of s.text) bump(occurrences, c);
  for (const e of s.spans) if (e.type === 'PER') bump(personEnds, s.text[e.end - 1]);
}
const nounEnds = new Map<string, number>();
for (const line of fs.readFileSync(JiebaSegmenter.dictionaryPath(), 'utf8').split('\n')) {
  const [word, , tag] = line.trim().split(/\s+/);
  if (word && word.length >= 2 && ['n', 'vn', 'nz', 'nt', 'ns'].includes(tag)) bump(nounEnds, word[word.length - 1]);
}
const heads = [...nounEnds.keys()]
  .filter((c) => /^\p{Script=Han}$/u.test(c) && (nounEnds.get(c) ?? 0) >= 40 && (occurrences.get(c) ?? 0) >= 150 && !personEnds.has(c))
  .sort((a, b) => (nounEnds.get(b) ?? 0) - (nounEnds.get(a) ?? 0) || a.localeCompare(b));
console.log(heads.join(''));
