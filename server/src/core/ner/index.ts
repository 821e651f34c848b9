import * as fs from 'fs';
import * as path from 'path';
import { findAsset, projectRoot } from '../assets';
import type { Entity, Token } from '../types';
import { decodeModel } from './modelFile';
import { NerTagger } from './tagger';

export interface NerModel {
  /** Tags a clean simplified text; tokens are jieba's tokens of exactly that text (pass them to avoid re-segmenting). */
  tag(text: string, tokens: Token[]): Entity[];
}

/** Reads a model written by scripts/train-ner.ts. Throws ModelFormatError on a foreign or stale file. */
export function loadNerModel(file: string): NerModel {
  return NerTagger.fromModel(decodeModel(fs.readFileSync(file)));
}

/**
 * The shipped model: the bundle's data/ner-model.bin; in a repository checkout models/ner-model.bin
 * comes before dist/'s copy, so scripts and tests measure a freshly trained model without a rebuild.
 */
export function defaultModelPath(): string | undefined {
  const beside = path.join(__dirname, 'data', 'ner-model.bin');
  if (fs.existsSync(beside)) return beside;
  const trained = path.join(projectRoot(), 'models', 'ner-model.bin');
  return fs.existsSync(trained) ? trained : findAsset('ner-model.bin');
}

export { ModelFormatError } from './modelFile';
export { NerTagger } from './tagger';
