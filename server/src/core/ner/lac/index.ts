import * as fs from 'fs';
import { findAsset } from '../../assets';
import { decodeLac } from './lacFile';
import { LacNetwork } from './lacNetwork';

/** The converted LAC model: data/lac-small.bin beside the bundle; models/lac-small.bin in a checkout. */
export function defaultLacPath(): string | undefined {
  return findAsset('lac-small.bin', 'models/lac-small.bin');
}

export function loadLac(file: string): LacNetwork {
  return new LacNetwork(decodeLac(fs.readFileSync(file)));
}

export { LacNetwork } from './lacNetwork';
export { LacFormatError } from './lacFile';
