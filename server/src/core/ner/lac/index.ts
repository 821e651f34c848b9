import * as fs from 'fs';
import { findAsset } from '../../assets';
import { decodeLac } from './lacFile';
import { LacNetwork } from './lacNetwork';

/** The converted LAC model: data/lac-small.bin beside the bundle; models/lac-small.bin in a checkout. */
export function defaultLacPath(): string | undefined {
  return findAsset('lac-small.bin', 'models/lac-small.bin');
}

/** options.int16: int16 kernels, faster, with tags that may differ from the float32 ones on rare near-ties. */
export function loadLac(file: string, options: { int16?: boolean } = {}): LacNetwork {
  return new LacNetwork(decodeLac(fs.readFileSync(file)), options);
}

export { LacNetwork } from './lacNetwork';
export { LacFormatError } from './lacFile';
export { loadLacNetwork, loadLacTagSource, memoByLine } from './lacTagSource';
export { defaultNameNetworkPath, HiddenMemo, loadNameNetwork, NameNetwork, tryLoadNameNetwork, withNameNetwork } from './nameNetwork';
export { LacRefiner } from './lacRefiner';
