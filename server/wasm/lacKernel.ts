// AssemblyScript source of the LAC kernels (compiled by scripts/build-lac-wasm.mjs into
// server/src/core/ner/lac/lacKernelWasm.ts). Plain JavaScript runs LAC's ~0.45 M multiply-adds per
// character one scalar at a time; here they run four lanes at a time (f32x4, WebAssembly SIMD) and,
// for a batch of sentences, as matrix × matrix products so that each weight vector loaded is used
// for four rows. The caller (wasmLac.ts) owns the memory layout: every argument is a byte address
// into the imported memory; matrices are row-major float32.

const H: i32 = 128;
const G: i32 = 3 * H;

/**
 * out[i][j] += Σ_k x[i][k] · w[k][j] for i < m, j < n; ld* are row strides in floats. n is a
 * multiple of 32. Each element sums over k in order, as the plain JavaScript network does.
 */
export function gemmAcc(x: usize, ldx: i32, k: i32, m: i32, w: usize, ldw: i32, n: i32, out: usize, ldo: i32): void {
  const sx = <usize>ldx << 2;
  const sw = <usize>ldw << 2;
  const so = <usize>ldo << 2;
  let i = 0;
  // Four rows × eight columns: eight independent sums, each weight vector loaded once for four rows.
  for (; i + 4 <= m; i += 4) {
    const x0 = x + <usize>i * sx;
    const o0 = out + <usize>i * so;
    for (let j = 0; j < n; j += 8) {
      const oj = o0 + (<usize>j << 2);
      let a0 = v128.load(oj);
      let b0 = v128.load(oj, 16);
      let a1 = v128.load(oj + so);
      let b1 = v128.load(oj + so, 16);
      let a2 = v128.load(oj + 2 * so);
      let b2 = v128.load(oj + 2 * so, 16);
      let a3 = v128.load(oj + 3 * so);
      let b3 = v128.load(oj + 3 * so, 16);
      let wp = w + (<usize>j << 2);
      let xp = x0;
      for (let kk = 0; kk < k; kk++) {
        const w0 = v128.load(wp);
        const w1 = v128.load(wp, 16);
        const v0 = v128.load32_splat(xp);
        const v1 = v128.load32_splat(xp + sx);
        const v2 = v128.load32_splat(xp + 2 * sx);
        const v3 = v128.load32_splat(xp + 3 * sx);
        a0 = f32x4.add(a0, f32x4.mul(v0, w0));
        b0 = f32x4.add(b0, f32x4.mul(v0, w1));
        a1 = f32x4.add(a1, f32x4.mul(v1, w0));
        b1 = f32x4.add(b1, f32x4.mul(v1, w1));
        a2 = f32x4.add(a2, f32x4.mul(v2, w0));
        b2 = f32x4.add(b2, f32x4.mul(v2, w1));
        a3 = f32x4.add(a3, f32x4.mul(v3, w0));
        b3 = f32x4.add(b3, f32x4.mul(v3, w1));
        wp += sw;
        xp += 4;
      }
      v128.store(oj, a0);
      v128.store(oj, b0, 16);
      v128.store(oj + so, a1);
      v128.store(oj + so, b1, 16);
      v128.store(oj + 2 * so, a2);
      v128.store(oj + 2 * so, b2, 16);
      v128.store(oj + 3 * so, a3);
      v128.store(oj + 3 * so, b3, 16);
    }
  }
  // Remaining rows (a single sentence is all remainder): 32 columns at a time, eight sums in flight.
  for (; i < m; i++) {
    const xi = x + <usize>i * sx;
    const oi = out + <usize>i * so;
    for (let j = 0; j < n; j += 32) {
      const oj = oi + (<usize>j << 2);
      let c0 = v128.load(oj);
      let c1 = v128.load(oj, 16);
      let c2 = v128.load(oj, 32);
      let c3 = v128.load(oj, 48);
      let c4 = v128.load(oj, 64);
      let c5 = v128.load(oj, 80);
      let c6 = v128.load(oj, 96);
      let c7 = v128.load(oj, 112);
      let wp = w + (<usize>j << 2);
      for (let kk = 0; kk < k; kk++) {
        const v = v128.load32_splat(xi + (<usize>kk << 2));
        c0 = f32x4.add(c0, f32x4.mul(v, v128.load(wp)));
        c1 = f32x4.add(c1, f32x4.mul(v, v128.load(wp, 16)));
        c2 = f32x4.add(c2, f32x4.mul(v, v128.load(wp, 32)));
        c3 = f32x4.add(c3, f32x4.mul(v, v128.load(wp, 48)));
        c4 = f32x4.add(c4, f32x4.mul(v, v128.load(wp, 64)));
        c5 = f32x4.add(c5, f32x4.mul(v, v128.load(wp, 80)));
        c6 = f32x4.add(c6, f32x4.mul(v, v128.load(wp, 96)));
        c7 = f32x4.add(c7, f32x4.mul(v, v128.load(wp, 112)));
        wp += sw;
      }
      v128.store(oj, c0);
      v128.store(oj, c1, 16);
      v128.store(oj, c2, 32);
      v128.store(oj, c3, 48);
      v128.store(oj, c4, 64);
      v128.store(oj, c5, 80);
      v128.store(oj, c6, 96);
      v128.store(oj, c7, 112);
    }
  }
}

/** Each of m rows of out (stride ldo floats) set to the n floats at row (a bias). */
export function fillRows(out: usize, ldo: i32, m: i32, row: usize, n: i32): void {
  for (let i = 0; i < m; i++) memory.copy(out + ((<usize>i * <usize>ldo) << 2), row, <usize>n << 2);
}

/** out row i (stride ldo floats) = the n floats of table row rows[i] (stride ldt floats); rows are int32. */
export function gatherRows(table: usize, ldt: i32, rows: usize, m: i32, n: i32, out: usize, ldo: i32): void {
  for (let i = 0; i < m; i++) {
    const r = <usize>load<i32>(rows + (<usize>i << 2));
    memory.copy(out + ((<usize>i * <usize>ldo) << 2), table + ((r * <usize>ldt) << 2), <usize>n << 2);
  }
}

// exp for four lanes (Cephes expf: range reduction by ln 2 in two parts, degree-6 polynomial),
// within ~2 ulp of the exact value; inputs are clamped where float32 would overflow or go subnormal.
// @ts-ignore: decorator
@inline
function exp4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.0)), f32x4.splat(87.0));
  const fx = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  x = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(0.693359375)));
  x = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(-2.12194440e-4)));
  let y = f32x4.splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(y, x), x), x), f32x4.splat(1.0));
  const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(fx), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2);
}

/** n floats at p (n a multiple of 4) replaced by their logistic sigmoid. */
function sigmoidInPlace(p: usize, n: i32): void {
  const one = f32x4.splat(1.0);
  for (let j = 0; j < n; j += 4) {
    const a = p + (<usize>j << 2);
    v128.store(a, f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(v128.load(a))))));
  }
}

/**
 * One GRU direction over a batch of sequences, Paddle's convention (gates update, reset, candidate;
 * the reset gate scales h_prev before the candidate product; h = (1 − u)·h_prev + u·c).
 * Sequence b has lens[b] positions starting at position starts[b] (int32 arrays; lens sorted
 * longest first, so the sequences still running at a step are a prefix of the batch). Inputs are
 * at proj + (pos·projStride + projOff) floats (G of them, biases included), outputs written at
 * out + (pos·outStride + outOff) floats. Scratch: h and rh B×H floats, acc B×G floats.
 */
export function gruRun(
  proj: usize, projStride: i32, projOff: i32,
  starts: usize, lens: usize, batch: i32, reverse: i32,
  gates: usize, cand: usize,
  out: usize, outStride: i32, outOff: i32,
  h: usize, rh: usize, acc: usize,
): void {
  memory.fill(h, 0, (<usize>batch * <usize>H) << 2);
  if (batch == 0) return;
  const steps = load<i32>(lens);
  let active = batch;
  const one = f32x4.splat(1.0);
  const two = f32x4.splat(2.0);
  for (let s = 0; s < steps; s++) {
    while (active > 0 && load<i32>(lens + (<usize>(active - 1) << 2)) <= s) active--;
    for (let b = 0; b < active; b++) {
      const len = load<i32>(lens + (<usize>b << 2));
      const pos = load<i32>(starts + (<usize>b << 2)) + (reverse ? len - 1 - s : s);
      memory.copy(acc + ((<usize>b * <usize>G) << 2), proj + ((<usize>pos * <usize>projStride + <usize>projOff) << 2), <usize>G << 2);
    }
    gemmAcc(h, H, H, active, gates, 2 * H, 2 * H, acc, G);
    for (let b = 0; b < active; b++) {
      const a = acc + ((<usize>b * <usize>G) << 2);
      sigmoidInPlace(a, 2 * H);
      const hb = h + ((<usize>b * <usize>H) << 2);
      const rb = rh + ((<usize>b * <usize>H) << 2);
      for (let j = 0; j < H; j += 4) {
        const o = <usize>j << 2;
        v128.store(rb + o, f32x4.mul(v128.load(a + (<usize>H << 2) + o), v128.load(hb + o)));
      }
    }
    gemmAcc(rh, H, H, active, cand, H, H, acc + (<usize>(2 * H) << 2), G);
    for (let b = 0; b < active; b++) {
      const a = acc + ((<usize>b * <usize>G) << 2);
      const hb = h + ((<usize>b * <usize>H) << 2);
      const len = load<i32>(lens + (<usize>b << 2));
      const pos = load<i32>(starts + (<usize>b << 2)) + (reverse ? len - 1 - s : s);
      const ob = out + ((<usize>pos * <usize>outStride + <usize>outOff) << 2);
      for (let j = 0; j < H; j += 4) {
        const o = <usize>j << 2;
        const u = v128.load(a + o);
        // tanh(x) = 1 − 2 / (e^{2x} + 1)
        const c = f32x4.sub(one, f32x4.div(two, f32x4.add(exp4(f32x4.mul(two, v128.load(a + (<usize>(2 * H) << 2) + o))), one)));
        const hv = v128.load(hb + o);
        const nh = f32x4.add(f32x4.mul(f32x4.sub(one, u), hv), f32x4.mul(u, c));
        v128.store(hb + o, nh);
        v128.store(ob + o, nh);
      }
    }
  }
}

/**
 * CRF Viterbi for each sequence of a batch (starts, lens as in gruRun): emissions at emit, rows of
 * ld floats; start and trans (T rows) padded to ld columns. Best tag ids written as bytes at
 * tags + pos. Ties keep the lowest previous tag, as the plain JavaScript decoder does. Scratch:
 * back, ld int32 per position; score and next, ld floats each.
 */
export function viterbiBatch(
  emit: usize, ld: i32, starts: usize, lens: usize, batch: i32, T: i32,
  start: usize, end: usize, trans: usize,
  back: usize, tags: usize, score: usize, next: usize,
): void {
  const sl = <usize>ld << 2;
  for (let b = 0; b < batch; b++) {
    const n = load<i32>(lens + (<usize>b << 2));
    const p0 = <usize>load<i32>(starts + (<usize>b << 2));
    if (n == 0) continue;
    let e = emit + p0 * sl;
    for (let j = 0; j < ld; j += 4) {
      const o = <usize>j << 2;
      v128.store(score + o, f32x4.add(v128.load(start + o), v128.load(e + o)));
    }
    let sc = score;
    let nx = next;
    for (let t = 1; t < n; t++) {
      e += sl;
      const bk = back + (p0 + <usize>t) * sl;
      for (let j = 0; j < ld; j += 8) {
        const o = <usize>j << 2;
        let best0 = f32x4.splat(-Infinity);
        let best1 = f32x4.splat(-Infinity);
        let arg0 = i32x4.splat(0);
        let arg1 = i32x4.splat(0);
        let tp = trans + o;
        for (let i = 0; i < T; i++) {
          const si = v128.load32_splat(sc + (<usize>i << 2));
          const c0 = f32x4.add(si, v128.load(tp));
          const c1 = f32x4.add(si, v128.load(tp, 16));
          const m0 = f32x4.gt(c0, best0);
          const m1 = f32x4.gt(c1, best1);
          const iv = i32x4.splat(i);
          best0 = v128.bitselect(c0, best0, m0);
          best1 = v128.bitselect(c1, best1, m1);
          arg0 = v128.bitselect(iv, arg0, m0);
          arg1 = v128.bitselect(iv, arg1, m1);
          tp += sl;
        }
        v128.store(nx + o, f32x4.add(best0, v128.load(e + o)));
        v128.store(nx + o, f32x4.add(best1, v128.load(e + o, 16)), 16);
        v128.store(bk + o, arg0);
        v128.store(bk + o, arg1, 16);
      }
      const swap = sc;
      sc = nx;
      nx = swap;
    }
    let best = 0;
    let bestScore = load<f32>(sc) + load<f32>(end);
    for (let j = 1; j < T; j++) {
      const v = load<f32>(sc + (<usize>j << 2)) + load<f32>(end + (<usize>j << 2));
      if (v > bestScore) {
        bestScore = v;
        best = j;
      }
    }
    store<u8>(tags + p0 + <usize>(n - 1), <u8>best);
    for (let t = n - 1; t > 0; t--) {
      best = load<i32>(back + (p0 + <usize>t) * sl + (<usize>best << 2));
      store<u8>(tags + p0 + <usize>(t - 1), <u8>best);
    }
  }
}

// ---- int16 variants: i32x4.dot_i16x8_s does eight multiply-adds in one instruction where
// f32x4 needs two instructions for four. Inputs are GRU outputs, all in [−1, 1], quantised with
// one fixed scale; weights per column, with scales chosen (lacKernelRunner.ts) so that no int32
// sum can overflow. Weights are stored in pairs of rows: wq[kp][j] = (w[2kp][j], w[2kp+1][j]).

/** m rows of n floats (n a multiple of 8) → int16 round(x·q), saturating; strides in elements. */
export function quantizeRows(x: usize, ldx: i32, m: i32, n: i32, xq: usize, ldq: i32, q: f32): void {
  const qv = f32x4.splat(q);
  for (let i = 0; i < m; i++) {
    const xi = x + ((<usize>i * <usize>ldx) << 2);
    const qi = xq + ((<usize>i * <usize>ldq) << 1);
    for (let j = 0; j < n; j += 8) {
      const a = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(xi + (<usize>j << 2)), qv)));
      const b = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(xi + (<usize>j << 2), 16), qv)));
      v128.store(qi + (<usize>j << 1), i16x8.narrow_i32x4_s(a, b));
    }
  }
}

/**
 * out[i][j] += scale[j] · Σ_k xq[i][k] · wq[k][j] (integer sum) for i < m, j < n: xq int16 rows
 * (stride ldq), k even, wq in row pairs as above (n columns), n a multiple of 32.
 */
export function gemmQAcc(xq: usize, ldq: i32, k: i32, m: i32, wq: usize, n: i32, scale: usize, out: usize, ldo: i32): void {
  const sx = <usize>ldq << 1;
  const sw = <usize>n << 2;
  const so = <usize>ldo << 2;
  const pairs = k >> 1;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const x0 = xq + <usize>i * sx;
    const o0 = out + <usize>i * so;
    for (let j = 0; j < n; j += 8) {
      let a0 = i32x4.splat(0);
      let b0 = i32x4.splat(0);
      let a1 = i32x4.splat(0);
      let b1 = i32x4.splat(0);
      let a2 = i32x4.splat(0);
      let b2 = i32x4.splat(0);
      let a3 = i32x4.splat(0);
      let b3 = i32x4.splat(0);
      let wp = wq + (<usize>j << 2);
      let xp = x0;
      for (let kp = 0; kp < pairs; kp++) {
        const w0 = v128.load(wp);
        const w1 = v128.load(wp, 16);
        const v0 = v128.load32_splat(xp);
        const v1 = v128.load32_splat(xp + sx);
        const v2 = v128.load32_splat(xp + 2 * sx);
        const v3 = v128.load32_splat(xp + 3 * sx);
        a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v0, w0));
        b0 = i32x4.add(b0, i32x4.dot_i16x8_s(v0, w1));
        a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v1, w0));
        b1 = i32x4.add(b1, i32x4.dot_i16x8_s(v1, w1));
        a2 = i32x4.add(a2, i32x4.dot_i16x8_s(v2, w0));
        b2 = i32x4.add(b2, i32x4.dot_i16x8_s(v2, w1));
        a3 = i32x4.add(a3, i32x4.dot_i16x8_s(v3, w0));
        b3 = i32x4.add(b3, i32x4.dot_i16x8_s(v3, w1));
        wp += sw;
        xp += 4;
      }
      const s0 = v128.load(scale + (<usize>j << 2));
      const s1 = v128.load(scale + (<usize>j << 2), 16);
      const oj = o0 + (<usize>j << 2);
      addScaled(oj, a0, b0, s0, s1);
      addScaled(oj + so, a1, b1, s0, s1);
      addScaled(oj + 2 * so, a2, b2, s0, s1);
      addScaled(oj + 3 * so, a3, b3, s0, s1);
    }
  }
  for (; i < m; i++) {
    const xi = xq + <usize>i * sx;
    const oi = out + <usize>i * so;
    for (let j = 0; j < n; j += 32) {
      let c0 = i32x4.splat(0);
      let c1 = i32x4.splat(0);
      let c2 = i32x4.splat(0);
      let c3 = i32x4.splat(0);
      let c4 = i32x4.splat(0);
      let c5 = i32x4.splat(0);
      let c6 = i32x4.splat(0);
      let c7 = i32x4.splat(0);
      let wp = wq + (<usize>j << 2);
      for (let kp = 0; kp < pairs; kp++) {
        const v = v128.load32_splat(xi + (<usize>kp << 2));
        c0 = i32x4.add(c0, i32x4.dot_i16x8_s(v, v128.load(wp)));
        c1 = i32x4.add(c1, i32x4.dot_i16x8_s(v, v128.load(wp, 16)));
        c2 = i32x4.add(c2, i32x4.dot_i16x8_s(v, v128.load(wp, 32)));
        c3 = i32x4.add(c3, i32x4.dot_i16x8_s(v, v128.load(wp, 48)));
        c4 = i32x4.add(c4, i32x4.dot_i16x8_s(v, v128.load(wp, 64)));
        c5 = i32x4.add(c5, i32x4.dot_i16x8_s(v, v128.load(wp, 80)));
        c6 = i32x4.add(c6, i32x4.dot_i16x8_s(v, v128.load(wp, 96)));
        c7 = i32x4.add(c7, i32x4.dot_i16x8_s(v, v128.load(wp, 112)));
        wp += sw;
      }
      const oj = oi + (<usize>j << 2);
      const sj = scale + (<usize>j << 2);
      addScaled(oj, c0, c1, v128.load(sj), v128.load(sj, 16));
      addScaled(oj + 32, c2, c3, v128.load(sj, 32), v128.load(sj, 48));
      addScaled(oj + 64, c4, c5, v128.load(sj, 64), v128.load(sj, 80));
      addScaled(oj + 96, c6, c7, v128.load(sj, 96), v128.load(sj, 112));
    }
  }
}

// @ts-ignore: decorator
@inline
function addScaled(o: usize, a: v128, b: v128, sa: v128, sb: v128): void {
  v128.store(o, f32x4.add(v128.load(o), f32x4.mul(f32x4.convert_i32x4_s(a), sa)));
  v128.store(o, f32x4.add(v128.load(o, 16), f32x4.mul(f32x4.convert_i32x4_s(b), sb)), 16);
}

/**
 * gruRun with int16 recurrent products: gatesQ/candQ in row pairs with per-column scales (which
 * include 1/q), h and r·h quantised with q at each step into hq (B×H int16).
 */
export function gruRunQ(
  proj: usize, projStride: i32, projOff: i32,
  starts: usize, lens: usize, batch: i32, reverse: i32,
  gatesQ: usize, gatesScale: usize, candQ: usize, candScale: usize, q: f32,
  out: usize, outStride: i32, outOff: i32,
  h: usize, hq: usize, acc: usize,
): void {
  memory.fill(h, 0, (<usize>batch * <usize>H) << 2);
  if (batch == 0) return;
  const steps = load<i32>(lens);
  let active = batch;
  const one = f32x4.splat(1.0);
  const two = f32x4.splat(2.0);
  const qv = f32x4.splat(q);
  for (let s = 0; s < steps; s++) {
    while (active > 0 && load<i32>(lens + (<usize>(active - 1) << 2)) <= s) active--;
    for (let b = 0; b < active; b++) {
      const len = load<i32>(lens + (<usize>b << 2));
      const pos = load<i32>(starts + (<usize>b << 2)) + (reverse ? len - 1 - s : s);
      memory.copy(acc + ((<usize>b * <usize>G) << 2), proj + ((<usize>pos * <usize>projStride + <usize>projOff) << 2), <usize>G << 2);
    }
    quantizeRows(h, H, active, H, hq, H, q);
    gemmQAcc(hq, H, H, active, gatesQ, 2 * H, gatesScale, acc, G);
    for (let b = 0; b < active; b++) {
      const a = acc + ((<usize>b * <usize>G) << 2);
      sigmoidInPlace(a, 2 * H);
      const hb = h + ((<usize>b * <usize>H) << 2);
      const qb = hq + ((<usize>b * <usize>H) << 1);
      for (let j = 0; j < H; j += 8) {
        const o = <usize>j << 2;
        const r0 = f32x4.mul(f32x4.mul(v128.load(a + (<usize>H << 2) + o), v128.load(hb + o)), qv);
        const r1 = f32x4.mul(f32x4.mul(v128.load(a + (<usize>H << 2) + o, 16), v128.load(hb + o, 16)), qv);
        v128.store(qb + (<usize>j << 1), i16x8.narrow_i32x4_s(i32x4.trunc_sat_f32x4_s(f32x4.nearest(r0)), i32x4.trunc_sat_f32x4_s(f32x4.nearest(r1))));
      }
    }
    gemmQAcc(hq, H, H, active, candQ, H, candScale, acc + (<usize>(2 * H) << 2), G);
    for (let b = 0; b < active; b++) {
      const a = acc + ((<usize>b * <usize>G) << 2);
      const hb = h + ((<usize>b * <usize>H) << 2);
      const len = load<i32>(lens + (<usize>b << 2));
      const pos = load<i32>(starts + (<usize>b << 2)) + (reverse ? len - 1 - s : s);
      const ob = out + ((<usize>pos * <usize>outStride + <usize>outOff) << 2);
      for (let j = 0; j < H; j += 4) {
        const o = <usize>j << 2;
        const u = v128.load(a + o);
        const c = f32x4.sub(one, f32x4.div(two, f32x4.add(exp4(f32x4.mul(two, v128.load(a + (<usize>(2 * H) << 2) + o))), one)));
        const hv = v128.load(hb + o);
        const nh = f32x4.add(f32x4.mul(f32x4.sub(one, u), hv), f32x4.mul(u, c));
        v128.store(hb + o, nh);
        v128.store(ob + o, nh);
      }
    }
  }
}
