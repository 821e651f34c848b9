// Converts Baidu LAC small, as Debian's python3-jieba ships it, into models/lac-small.bin.
//   apt-get download python3-jieba && dpkg-deb -x python3-jieba_*.deb pkg
//   npm run convert:lac -- pkg/usr/lib/python3/dist-packages/jieba/lac_small [--out models/lac-small.bin]
// Each Paddle weight file is a LoDTensor (version, LoD levels, tensor version, a protobuf
// descriptor with the dims) followed by raw little-endian float32 data; the shapes are the
// network's (lac/lacNetwork.ts), so the data is the file's last n × 4 bytes.
import * as fs from 'fs';
import * as path from 'path';
import { encodeLac, LacTensors } from '../server/src/core/ner/lac/lacFile';
import { projectRoot } from '../server/src/core/assets';

const argv = process.argv.slice(2);
const dir = argv.find((a) => !a.startsWith('--'));
const outIdx = argv.indexOf('--out');
const out = path.resolve(projectRoot(), outIdx >= 0 ? argv[outIdx + 1] : 'models/lac-small.bin');
if (!dir) {
  console.error('usage: convert-lac.ts LAC_SMALL_DIR [--out FILE]');
  process.exit(2);
}

const readDic = (name: string) =>
  fs
    .readFileSync(path.join(dir, name), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const tab = l.indexOf('\t');
      return { id: Number(l.slice(0, tab)), value: l.slice(tab + 1) };
    });
const vocabRows = readDic('word.dic');
const vocab: string[] = [];
for (const { id, value } of vocabRows) vocab[id] = value;
// word.dic skips one id (20939) below OOV; the embedding has a row for it all the same.
for (let i = 0; i < vocab.length; i++) vocab[i] ??= '';
const tags = readDic('tag.dic').map((r) => r.value);
const H = 128;
const shapes: [string, number[]][] = [
  ['word_emb', [vocab.length, H]],
  ...[0, 1, 2, 3].flatMap((k): [string, number[]][] => [
    [`fc_${k}.w_0`, [k < 2 ? H : 2 * H, 3 * H]],
    [`fc_${k}.b_0`, [3 * H]],
    [`gru_${k}.w_0`, [H, 3 * H]],
    [`gru_${k}.b_0`, [3 * H]],
  ]),
  ['fc_4.w_0', [2 * H, tags.length]],
  ['fc_4.b_0', [tags.length]],
  ['crfw', [tags.length + 2, tags.length]],
];
const tensors: LacTensors['tensors'] = new Map();
for (const [name, shape] of shapes) {
  const bytes = fs.readFileSync(path.join(dir, 'model_baseline', name));
  const n = shape.reduce((a, b) => a * b, 1);
  const header = bytes.length - n * 4;
  // The header is 26–40 bytes; anything else means the shapes assumed here are wrong.
  if (header < 20 || header > 64) throw new Error(`${name}: ${bytes.length} bytes do not fit shape ${shape.join('×')}`);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = bytes.readFloatLE(header + i * 4);
  tensors.set(name, { shape, data });
}
const file = encodeLac({ vocab, tags, tensors });
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, file);
console.log(`wrote ${out} (${(file.length / 1048576).toFixed(2)} MB, ${vocab.length} characters, ${tags.length} tags)`);
