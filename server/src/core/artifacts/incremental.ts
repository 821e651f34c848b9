import { getFresh } from '../lru';
import { changedRegion, splitChunks } from '../chunks';
import { isBoilerplate, mayBeBoilerplate, type BoilerplateVerdict } from './boilerplate';
import { detectLineArtifacts, detectLocalArtifacts, shiftArtifact } from './index';
import type { Artifact, DetectOptions } from './types';
import { LostCharacterMemo } from './lostCharacter';
import { compileUserPatterns } from './userPatterns';

// Detection for an editor, where the document changes a few characters at a time: local
// artifacts are cached per chunk text and boilerplate verdicts per line, as the analyzer caches
// tokens, so an edit re-detects only the chunk it touched. The work is a generator that yields
// after each chunk it had to detect, so a caller can stop it when a newer version arrives.
// Results equal detectArtifacts(text, options) by construction: the same chunks, the same pass.

function ownCopy(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/**
 * What detection remembers of one document between its versions: its chunks with their local
 * artifacts (so an edit looks up only the chunks of the lines it touched, as the analyzer does) and
 * its lost-character scans.
 */
export class ArtifactDocument {
  readonly lostMemo = new LostCharacterMemo();
  /** The last version detected in full (offsets and lengths of chunks, not their text). */
  last?: { text: string; starts: number[]; lengths: number[]; found: Artifact[][]; local: Artifact[]; owner: IncrementalArtifacts };
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
      // Article paragraphs are never boilerplate: no need to hash a long line to look it up.
      if (!mayBeBoilerplate(clean)) return undefined;
      if (this.verdicts.has(clean)) return this.verdicts.get(clean);
      const v = isBoilerplate(clean, user);
      this.verdicts.set(ownCopy(clean), v);
      return v;
    };
  }

  /** Local artifacts of one chunk (offsets relative to it); the array is shared, do not change it. */
  local(chunkText: string): Artifact[] {
    const cached = getFresh(this.chunks, chunkText);
    if (cached) return cached;
    // A chunk is a slice of the document, and a slice keeps its whole document alive: the cache
    // keeps (and detection slices) an own copy, so old versions can be collected.
    chunkText = ownCopy(chunkText);
    const found = detectLocalArtifacts(chunkText, this.options);
    this.chunks.set(chunkText, found);
    return found;
  }

  /**
   * Every artifact of the document; yields after each chunk not found in the cache. `lostMemo`,
   * one per document, keeps its document-wide lost-character scans from version to version.
   */
  *detect(text: string, doc?: ArtifactDocument): Generator<void, Artifact[], void> {
    const last = doc?.last?.owner === this ? doc.last : undefined;
    const next = { text, starts: [] as number[], lengths: [] as number[], found: [] as Artifact[][], local: [] as Artifact[], owner: this };
    const local = next.local;
    const add = (start: number, length: number, found: Artifact[]) => {
      next.starts.push(start);
      next.lengths.push(length);
      next.found.push(found);
    };
    let from = 0;
    let to = text.length;
    let tail = 0;
    let shift = 0;
    if (last) {
      // Chunks before the changed lines are taken over with their artifacts; those after, moved.
      const { lo, hiOld, hiNew } = changedRegion(last.text, text);
      from = lo;
      to = hiNew;
      shift = hiNew - hiOld;
      let head = 0;
      let headArtifacts = 0;
      while (head < last.starts.length && last.starts[head] < lo) {
        headArtifacts += last.found[head].length;
        add(last.starts[head], last.lengths[head], last.found[head]);
        head++;
      }
      for (let i = 0; i < headArtifacts; i++) local.push(last.local[i]);
      tail = head;
      while (tail < last.starts.length && last.starts[tail] < hiOld) tail++;
    }
    for (const chunk of splitChunks(from === 0 && to === text.length ? text : text.slice(from, to))) {
      const start = chunk.start + from;
      const known = this.chunks.has(chunk.text);
      const found = this.local(chunk.text);
      for (const a of found) local.push(shiftArtifact(a, start));
      add(start, chunk.text.length, found);
      if (!known) yield;
    }
    if (last) {
      let skipped = 0;
      for (let i = 0; i < tail; i++) skipped += last.found[i].length;
      for (let i = tail; i < last.starts.length; i++) add(last.starts[i] + shift, last.lengths[i], last.found[i]);
      for (let i = skipped; i < last.local.length; i++) local.push(shift === 0 ? last.local[i] : shiftArtifact(last.local[i], shift));
    }
    this.evict();
    if (doc) doc.last = next;
    // Line kinds see the whole document; they may not change `local`, which the next version reuses.
    return detectLineArtifacts(text, [...local], this.options, this.verdict, doc?.lostMemo);
  }

  /** The same, run to the end. */
  detectAll(text: string, doc?: ArtifactDocument): Artifact[] {
    const steps = this.detect(text, doc);
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
