import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../../server/src/core/assets';
import { defaultLacPath, LacNetwork, loadLac } from '../../../server/src/core/ner/lac';
import { INT16_INPUT_SCALE as Q, quantizeColumns } from '../../../server/src/core/ner/lac/lacKernelRunner';
import { mulberry32 } from '../../../server/src/core/prng';

// The WebAssembly SIMD kernels against the plain JavaScript network they replace: same tags, and
// emissions equal up to float32 rounding (sums in another order, a polynomial exp).

const lacPath = defaultLacPath();
const skip = !lacPath && 'models/lac-small.bin missing';
let shared: LacNetwork | undefined;
const lac = () => (shared ??= loadLac(lacPath!));
const reference = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'test/fixtures/lac-reference.json'), 'utf8')) as { sentences: { text: string }[] };

/** Random text mixing common and rare Han, ASCII, fullwidth forms, punctuation, spaces and astral characters (surrogate pairs). */
function randomText(r: () => number, length: number): string {
  const pick = (s: string) => s[Math.floor(r() * s.length)];
  let out = '';
  while (out.length < length) {
    const k = r();
    if (k < 0.45) out += pick('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世');
    else if (k < 0.6) out += String.fromCharCode(0x4e00 + Math.floor(r() * 0x51a6));
    else if (k < 0.7) out += pick('abcXYZ0123456789 -.,:%');
    else if (k < 0.78) out += String.fromCharCode(0xff01 + Math.floor(r() * 0x5e));
    else if (k < 0.88) out += pick('，。、；：？！“”《》（）·…—\u3000');
    else if (k < 0.95) out += String.fromCodePoint([0x1f600, 0x20000, 0x2a6d6, 0x1f1e8, 0x1d400][Math.floor(r() * 5)]);
    else out += pick('\n\t\r\u200b\ufffd\ue000');
  }
  return out.slice(0, length);
}

/** Tags, and unless told otherwise emissions (the plain network is slow: computing both doubles its cost). */
function assertSame(text: string, label: string, emissions = true): void {
  const fast = lac().tag(text);
  const plain = lac().plainTag(text);
  assert.deepEqual(Array.from(fast), Array.from(plain), `${label}: tags differ`);
  if (!emissions) return;
  const e1 = lac().emissions(text);
  const e2 = lac().plainEmissions(text);
  assert.equal(e1.length, e2.length);
  let worst = 0;
  for (let i = 0; i < e1.length; i++) worst = Math.max(worst, Math.abs(e1[i] - e2[i]));
  assert.ok(worst < 1e-3, `${label}: largest emission difference ${worst}`);
}

test('the LAC kernels run here (WebAssembly SIMD), else every figure below is the JavaScript path', { skip }, () => {
  assert.equal(lac().accelerated, true);
});

test('LAC kernels give the plain JavaScript network\'s tags and emissions on the reference sentences', { skip }, () => {
  for (const s of reference.sentences) assertSame(s.text, s.text);
});

test('LAC kernels give the plain network\'s tags on random text: empty, one character, astral, fullwidth, long', { skip }, () => {
  const r = mulberry32(13);
  const lengths = [0, 1, 2, 3, 5, 8, 17, 31, 64, 100, 150, 257, 400];
  for (const n of lengths) assertSame(randomText(r, n), `random length ${n}`);
  assertSame(randomText(r, 2500), 'random length 2500', false);
});

test('tagBatch gives each text the tags tag gives it alone, whatever the batch around it', { skip }, () => {
  const r = mulberry32(7);
  const texts = [...reference.sentences.map((s) => s.text), '', ...Array.from({ length: 150 }, (_, i) => randomText(r, 1 + ((i * 37) % 120)))];
  // The last one is longer than a batch's positions (4,096): the kernels' scratch grows for it.
  texts.push(texts[3], randomText(r, 5000));
  const batch = lac().tagBatch(texts);
  assert.equal(batch.length, texts.length);
  texts.forEach((t, i) => assert.deepEqual(Array.from(batch[i]), Array.from(lac().tag(t)), `text ${i} (length ${t.length})`));
  assert.deepEqual(lac().tagBatch([]), []);
});

let sharedInt16: LacNetwork | undefined;
const lac16 = () => (sharedInt16 ??= loadLac(lacPath!, { int16: true }));

// Written for this test. The float32 kernels stand for the plain network here (the tests above
// show they give its tags): the plain one is too slow to run twice over.
const written = [
  '市政府昨天下午召开新闻发布会，介绍了今年城市轨道交通建设的进展情况。',
  '来自广东的选手李晓峰在决赛中以两分的优势夺得冠军。',
  '这家公司去年的营业收入比前年增长了百分之十二，净利润有所下降。',
  '据气象部门预报，明后两天长江中下游地区将有一次明显的降雨过程。',
  '张华说，他们希望在年底之前完成全部的调查工作，并向社会公布结果。',
  '展览将持续到下个月十五日，每天上午九点开放，周一闭馆。',
  '中国科学院的研究人员在《自然》杂志上发表了这项成果。',
  '联合国秘书长当天在纽约总部会见了来访的外交部长。',
];

test('int16 LAC kernels give the float32 tags on news sentences (≥ 99.9%), emissions within 0.05', { skip }, () => {
  const texts = [...reference.sentences.map((s) => s.text), ...written];
  const f32 = lac().tagBatch(texts);
  const q16 = lac16().tagBatch(texts);
  let same = 0;
  let total = 0;
  let worst = 0;
  for (const [i, text] of texts.entries()) {
    for (let t = 0; t < text.length; t++, total++) if (f32[i][t] === q16[i][t]) same++;
    const a = lac().emissions(text);
    const b = lac16().emissions(text);
    for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
  }
  assert.ok(worst < 0.05, `largest emission difference ${worst}`);
  assert.ok(same / total >= 0.999, `${same} of ${total} tags the same`);
});

test('int16 LAC kernels on random text: emissions within 0.05 of the float32 ones', { skip }, () => {
  // Not the tags: random characters leave the network unsure, with near-ties that int16 rounding
  // may flip (99.86% of the tags the same on such text; 99.99% on MSRA dev sentences).
  const r = mulberry32(16);
  for (let i = 0; i < 30; i++) {
    const text = randomText(r, 1 + i * 9);
    const a = lac().emissions(text);
    const b = lac16().emissions(text);
    let worst = 0;
    for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
    assert.ok(worst < 0.05, `length ${text.length}: largest emission difference ${worst}`);
  }
});

test('int16 kernels never overflow: each column\'s largest possible integer sum stays within int32', () => {
  // Columns built to overflow with a naive scale: many equal weights, one dominant weight, zeros.
  const K = 256;
  const N = 32;
  const w = new Float32Array(K * N);
  for (let k = 0; k < K; k++) {
    w[k * N] = 0.5;
    w[k * N + 1] = k === 0 ? 3 : 1e-3;
    w[k * N + 2] = (k % 2 ? -1 : 1) * 0.25;
  }
  const { wq, scale } = quantizeColumns(w, K, N);
  for (let j = 0; j < N; j++) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.abs(wq[((k >> 1) * N + j) * 2 + (k & 1)]);
    assert.ok(sum * (Q + 1) < 2 ** 31, `column ${j}: Σ|w| ${sum}`);
    for (let k = 0; k < K; k++) {
      const back = wq[((k >> 1) * N + j) * 2 + (k & 1)] * scale[j] * Q;
      assert.ok(Math.abs(back - w[k * N + j]) <= scale[j] * Q * 0.5 + 1e-9, `column ${j} row ${k}: ${back} for ${w[k * N + j]}`);
    }
  }
});

// A checkout whose node_modules predate the devDependency cannot compile the source (npm ci can).
const compiler = fs.existsSync(path.join(projectRoot(), 'node_modules/assemblyscript/package.json'));
test('the committed LAC kernels are the build of their AssemblyScript source', { skip: !compiler && 'assemblyscript not installed: run npm ci' }, () => {
  const r = spawnSync(process.execPath, [path.join(projectRoot(), 'scripts/build-lac-wasm.mjs'), '--check'], { cwd: projectRoot(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});
