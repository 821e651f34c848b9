import * as fs from 'fs';
import { findAsset } from '../assets';
import type { Entity, Token } from '../types';
import { decodeModel } from './modelFile';
import { NerTagger } from './tagger';

export interface NerModel {
  /** Tags a clean simplified text; tokens are jieba's tokens of exactly that text (pass them to avoid re-segmenting). */
  tag(text: string, tokens: Token[]): Entity[];
}

/** Reads a model written by scripts/train-ner.ts. Throws ModelFormatError on a foreign or stale file. */
export function loadNerModel(file: string): NerTagger {
  return NerTagger.fromModel(decodeModel(fs.readFileSync(file)));
}

/** The shipped model: data/ner-model.bin beside the bundle; models/ner-model.bin in a checkout. */
export function defaultModelPath(): string | undefined {
  return findAsset('ner-model.bin', 'models/ner-model.bin');
}

export { ModelFormatError } from './modelFile';
export { NerTagger } from './tagger';
