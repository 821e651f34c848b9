/**
 * The name network's last hidden layer as int8 codes (value ≈ code × HIDDEN_CODE_SCALE; its GRU
 * outputs lie in [−1, 1]): a quarter of float32's memory, and the workspace's corrections of the
 * network's output layer (outputAdaptation.ts) need no finer values.
 */
export type HiddenCodes = Int8Array;
export const HIDDEN_CODE_SCALE = 1 / 127;
/** Width of the layer: both directions of LAC's second GRU (lac/lacNetwork.ts). */
export const HIDDEN_DIM = 256;

export function toHiddenCodes(h: Float32Array): HiddenCodes {
  const out = new Int8Array(h.length);
  for (let i = 0; i < h.length; i++) out[i] = Math.round(Math.max(-1, Math.min(1, h[i])) * 127);
  return out;
}
