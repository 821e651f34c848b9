import * as fs from 'fs';
import * as path from 'path';
import { SHARED_DIR as SHARED } from '../../sharedDir';

// Shared inputs of the artifact tests: the five seed articles, the gold repairs and the NER
// sentences (clean People's Daily text).

export const SEED = {
  s000: '000_7e16d8b1ec49b37b.txt',
  s001: '001_cf9c1c919220be17.txt',
  s002: '002_6201b8ef51ea4b4f.txt',
  s003: '003_2c9efcb3997e251c.txt',
  s004: '004_e4a7c417f2e46b09.txt',
} as const;

export function seed(name: string): string {
  return fs.readFileSync(path.join(SHARED, 'seeds', name), 'utf8');
}

export function gold(name: string): string {
  return fs.readFileSync(path.join(SHARED, 'gold', name), 'utf8');
}

export interface GoldArtifact {
  file: string;
  start_u16: number;
  end_u16: number;
  broken: string;
  replacement: string;
  kind: string;
}

export function goldArtifacts(): GoldArtifact[] {
  return fs
    .readFileSync(path.join(SHARED, 'gold', 'artifacts.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldArtifact);
}

/** Sentences of a BIO file (one character and its tag per line, blank line between sentences). */
export function bioSentences(file: string): string[] {
  const raw = fs.readFileSync(path.join(SHARED, 'ner', file), 'utf8');
  return raw
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .filter((l) => l.length > 0)
        .map((l) => l[0] === ' ' ? ' ' : l.split(/[ \t]/)[0])
        .join(''),
    )
    .filter((s) => s.length > 0);
}
