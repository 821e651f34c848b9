// Writes an NER model file in the unpacked layout (core/ner/modelFile.ts, version 2) that the
// server loads without inflating it or rebuilding its weight table. Run by scripts/build.mjs:
//   node unpack-model.js IN OUT
import * as fs from 'node:fs';
import { decodeModel, encodeUnpackedModel } from '../server/src/core/ner/modelFile';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: unpack-model IN OUT');
  process.exit(2);
}
fs.writeFileSync(output, encodeUnpackedModel(decodeModel(fs.readFileSync(input))));
