import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mulberry32 } from '../../../server/src/core/prng';
import { HIDDEN_DIM } from '../../../server/src/core/ner/hiddenCodes';
import { NUM_TAGS } from '../../../server/src/core/ner/labels';
import { lacKernelAvailable } from '../../../server/src/core/ner/lac/lacKernelRunner';
import { addProductJs, adjustedLogProbs, logSoftmaxRows } from '../../../server/src/core/ner/tagger';

// The name network's output layer with a workspace's corrections: the product the editor redoes
// for every character after each decision runs in the WebAssembly kernels; it must give what the
// JavaScript loop gives, for lines of any length (the kernels take rows four at a time).
test('the output-layer corrections in the kernels equal the JavaScript product', { skip: !lacKernelAvailable() && 'no WebAssembly SIMD' }, () => {
  const r = mulberry32(3);
  const w = new Float32Array(NUM_TAGS * HIDDEN_DIM).map(() => (r() - 0.5) * 0.4);
  for (const n of [1, 3, 4, 5, 37, 300]) {
    const h = new Int8Array(n * HIDDEN_DIM).map(() => Math.round((r() * 2 - 1) * 127));
    const s = logSoftmaxRows(new Float32Array(n * NUM_TAGS).map(() => r() * 4));
    const kernel = adjustedLogProbs(s, h, n, HIDDEN_DIM, w);
    const js = logSoftmaxRows(addProductJs(s, h, n, HIDDEN_DIM, w));
    assert.equal(kernel.length, js.length);
    let worst = 0;
    for (let i = 0; i < js.length; i++) worst = Math.max(worst, Math.abs(kernel[i] - js[i]));
    assert.ok(worst < 1e-4, `n=${n}: largest difference ${worst}`);
    assert.ok(js.some((x, i) => Math.abs(x - s[i]) > 0.1), 'the corrections move the scores');
  }
});
