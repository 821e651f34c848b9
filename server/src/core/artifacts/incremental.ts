import { splitChunks } from '../chunks';
import { isBoilerplate, type BoilerplateVerdict } from './boilerplate';
import { detectLineArtifacts, detectLocalArtifacts, shiftArtifact } from './index';
import type { Artifact, DetectOptions } from './types';
import type { LostCharacterMemo } from './lostCharacter';
import { compileUserPatterns } from './userPatterns';

// Detection for an editor, where the document changes a few characters at a time: local
// artifacts are cached per chunk text and boilerplate verdicts per line, as the analyzer caches
// tokens, so an edit re-detects only the chunk it touched. The work is a generator that yields
// after each chunk it had to detect, so a caller can stop it when a newer version arrives.
// Results equal detectArtifacts(text, options) by construction: the same chunks, the same pass.

function ownCopy(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

export class IncrementalArtifacts {
  private readonly chunks = new Map<string, Artifact[]>();
  private readonly verdicts = new Map<string, BoilerplateVerdict>();
  private readonly verdict: (clean: string) => BoilerplateVerdict;

  constructor(
    private readonly options: DetectOptions = {},
    private readonly maxEntries = 50_000,
  ) {
    const user = options.userPatterns ?? compileUserPatterns(options.boilerplatePatterns).patterns;
    this.verdict = (clean) => {
      if (this.verdicts.has(clean)) return this.verdicts.get(clean);
      const v = isBoilerplate(clean, user);
      this.verdicts.set(ownCopy(clean), v);
      return v;
    };
  }

  /** Local artifacts of one chunk (offsets relative to it); the array is shared, do not change it. */
  local(chunkText: string): Artifact[] {
    let found = this.chunks.get(chunkText);
    if (found) {
      // Refresh recency for the LRU order.
      this.chunks.delete(chunkText);
    } else {
      // A chunk is a slice of the document, and a slice keeps its whole document alive: the cache
      // keeps (and detection slices) an own copy, so old versions can be collected.
      chunkText = ownCopy(chunkText);
      found = detectLocalArtifacts(chunkText, this.options);
    }
    this.chunks.set(chunkText, found);
    return found;
  }

  /**
   * Every artifact of the document; yields after each chunk not found in the cache. `lostMemo`,
   * one per document, keeps its document-wide lost-character scans from version to version.
   */
  *detect(text: string, lostMemo?: LostCharacterMemo): Generator<void, Artifact[], void> {
    const local: Artifact[] = [];
    for (const chunk of splitChunks(text)) {
      const known = this.chunks.has(chunk.text);
      for (const a of this.local(chunk.text)) local.push(shiftArtifact(a, chunk.start));
      if (!known) yield;
    }
    this.evict();
    return detectLineArtifacts(text, local, this.options, this.verdict, lostMemo);
  }

  /** The same, run to the end. */
  detectAll(text: string): Artifact[] {
    const steps = this.detect(text);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  private evict(): void {
    for (const cache of [this.chunks, this.verdicts] as Map<string, unknown>[]) {
      let excess = cache.size - this.maxEntries;
      if (excess <= 0) continue;
      for (const key of cache.keys()) {
        if (excess-- <= 0) break;
        cache.delete(key);
      }
    }
  }
}
