// The annotator's decisions for each open document (an AnnotationStore) and their persistence in
// the sidecar next to the article. Free of LSP imports so the CLI can load sidecars the same way;
// the server creates one AnnotationStores (inside its AnnotationService) and injects it.
import * as path from 'path';
import { fileURLToPath } from 'url';
import { commonEnds } from './anchor';
import { parseSidecar, serializeSidecar, sidecarPathFor, SidecarError } from './sidecar';
import { AnnotationStore, type OrphanedSpan } from './store';
import { offsetAtPosition } from '../offsets';
import { readTextFile, removeStaleTemps, writeFileAtomic } from '../io/safeFiles';
import type { Entity } from '../types';

export interface Reporter {
  warn(message: string): void;
  error(message: string): void;
}

/** A sidecar read from disk: its store, or why it cannot be used (the file is then never written). */
export interface LoadedSidecar {
  store?: AnnotationStore;
  error?: string;
  /** Spans that were orphaned when the file was read (new ones and ones already recorded). */
  orphaned: readonly OrphanedSpan[];
  existed: boolean;
  hashMatched: boolean;
  /** Orphans of the file whose text is back; the file then differs from the store. */
  reattached?: number;
}

/** Reads the sidecar of an article whose current text is `text`; no sidecar gives an empty store. */
export function loadSidecar(articlePath: string, text: string): LoadedSidecar {
  const file = sidecarPathFor(articlePath);
  // A write killed before its rename leaves a temporary file; the next load takes it away.
  removeStaleTemps(file);
  let json: string;
  try {
    // Only a regular file within the size limit; a BOM some editors add is not part of the JSON.
    json = readTextFile(file).text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { store: new AnnotationStore(text), orphaned: [], existed: false, hashMatched: true };
    return { error: `${file}: cannot be read (${(err as Error).message}). Manual annotations are off for this article and the file was left untouched.`, orphaned: [], existed: true, hashMatched: false };
  }
  try {
    const { store, hashMatched, reanchor } = AnnotationStore.fromSidecar(text, parseSidecar(json));
    return { store, orphaned: store.orphaned, existed: true, hashMatched, reattached: reanchor.reattached.length };
  } catch (err) {
    const message = err instanceof SidecarError ? err.message : `cannot be used (${(err as Error).message})`;
    return { error: `${file}: ${message}. Manual annotations are off for this article and the file was left untouched; fix or remove it.`, orphaned: [], existed: true, hashMatched: false };
  }
}

/**
 * Writes the article's sidecar atomically. A sidecar that is a symbolic link stays one: the file
 * it points to is written (in its own folder); a link to nothing is refused.
 */
export function saveSidecar(articlePath: string, store: AnnotationStore): string {
  const file = sidecarPathFor(articlePath);
  writeFileAtomic(file, serializeSidecar(store.toSidecar()), { symlink: 'target' });
  return file;
}

/** A file path for file: URIs; other schemes (untitled) keep their decisions in memory only. */
export function articlePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** An LSP-style content change: a range replaced by text, or the whole text. */
export interface ContentChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

interface Entry {
  path?: string;
  store?: AnnotationStore;
  error?: string;
  existed: boolean;
  savedRevision: number;
}

export class AnnotationStores {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly reporter: Reporter) {}

  /** Loads the document's sidecar (reanchoring when the article changed); reports orphans and corrupt files. */
  open(uri: string, text: string): void {
    const file = articlePathOf(uri);
    if (!file) {
      this.entries.set(uri, { store: new AnnotationStore(text), existed: false, savedRevision: 0 });
      return;
    }
    const loaded = loadSidecar(file, text);
    // A sidecar reanchored to a changed article differs from the file: the next save rewrites it.
    const savedRevision = loaded.hashMatched && !loaded.reattached ? (loaded.store?.revision ?? 0) : -1;
    this.entries.set(uri, { path: file, store: loaded.store, error: loaded.error, existed: loaded.existed, savedRevision });
    if (loaded.error) {
      this.reporter.error(loaded.error);
      return;
    }
    if (loaded.orphaned.length) {
      const list = loaded.orphaned.slice(0, 5).map((o) => `${o.label} "${o.text}"`).join(', ');
      this.reporter.warn(
        `${path.basename(file)}: ${loaded.orphaned.length} annotation(s) no longer match the article text and are kept as orphans in ${path.basename(sidecarPathFor(file))}: ${list}${loaded.orphaned.length > 5 ? ', …' : ''}`,
      );
    }
  }

  close(uri: string): void {
    this.entries.delete(uri);
    this.followed.delete(uri);
  }

  store(uri: string): AnnotationStore | undefined {
    return this.entries.get(uri)?.store;
  }

  /** Why manual annotation is off for the document (its sidecar is unreadable), if it is. */
  error(uri: string): string | undefined {
    return this.entries.get(uri)?.error;
  }

  sidecarPath(uri: string): string | undefined {
    const p = this.entries.get(uri)?.path;
    return p ? sidecarPathFor(p) : undefined;
  }

  /** Moves the spans through editor changes, applied in order as the client sent them. */
  applyChanges(uri: string, changes: readonly ContentChange[]): OrphanedSpan[] {
    const store = this.entries.get(uri)?.store;
    if (!store) return [];
    const orphaned: OrphanedSpan[] = [];
    this.followed.delete(uri);
    let expected: { start: number; text: string } | undefined;
    for (const c of changes) {
      const old = store.text;
      if (c.range) {
        // LSP positions count \r, \n and \r\n as line breaks: core/offsets' model, not a local one.
        const start = offsetAtPosition(old, c.range.start);
        const end = Math.max(start, offsetAtPosition(old, c.range.end));
        // What the text around a lone change must read afterwards, taken from the old text (flat)
        // rather than the store's new one, which is a concatenation that reading would flatten.
        if (changes.length === 1) {
          const from = Math.max(0, start - SYNC_WINDOW);
          expected = { start: from, text: old.slice(from, start) + c.text + old.slice(end, end + SYNC_WINDOW) };
        }
        orphaned.push(...store.applyEdit(start, end, c.text).orphaned);
      } else {
        orphaned.push(...this.replaceAll(store, c.text));
      }
    }
    if (expected) this.followed.set(uri, expected);
    return orphaned;
  }

  /**
   * Documents whose last change (a single one) applyChanges followed, with what the text around it
   * must read: sync compares only that, since comparing a long document's two copies cost more
   * per keystroke than the rest of the change. Batches of several changes are compared in full.
   */
  private readonly followed = new Map<string, { start: number; text: string }>();

  /**
   * Brings the store to `text` when it missed changes (a full-text edit, the smallest diff). After
   * a change applyChanges followed, the store has the text already: comparing a long document's
   * two copies cost more per keystroke than the rest of the change.
   */
  sync(uri: string, text: string): OrphanedSpan[] {
    const store = this.entries.get(uri)?.store;
    const expected = this.followed.get(uri);
    this.followed.delete(uri);
    // Same length and the same characters around what was written: the edit landed where the
    // editor put it. A change applied at another place (an offset model that disagrees) differs
    // there, and falls through to the full comparison, which moves or orphans spans properly.
    if (store && expected && store.text.length === text.length && text.startsWith(expected.text, expected.start)) store.adoptText(text);
    if (!store || store.text === text) return [];
    return this.replaceAll(store, text);
  }

  private replaceAll(store: AnnotationStore, text: string): OrphanedSpan[] {
    const old = store.text;
    const { prefix, suffix } = commonEnds(old, text);
    return store.applyEdit(prefix, old.length - suffix, text.slice(prefix, text.length - suffix)).orphaned;
  }

  /**
   * Writes the sidecar when decisions or positions changed since the last write. Nothing is
   * written for articles that never had a decision, nor ever over an unreadable sidecar.
   */
  save(uri: string, force = false): string | undefined {
    const e = this.entries.get(uri);
    if (!e?.store || !e.path || e.error) return undefined;
    const s = e.store;
    if (!force && s.revision === e.savedRevision) return undefined;
    if (!e.existed && s.manual.length === 0 && s.rejected.length === 0 && s.orphaned.length === 0) return undefined;
    const file = saveSidecar(e.path, s);
    e.existed = true;
    e.savedRevision = s.revision;
    return file;
  }

  /** Automatic entities merged with the document's decisions (the automatic ones when it has none). */
  effective(uri: string, automatic: readonly Entity[]): Entity[] {
    return this.affects(uri) ? this.entries.get(uri)!.store!.merge(automatic) : (automatic as Entity[]);
  }

  /** Whether effective() may differ from the automatic entities: the document has manual or rejected spans. */
  affects(uri: string): boolean {
    const store = this.entries.get(uri)?.store;
    return !!store && (store.manual.length > 0 || store.rejected.length > 0);
  }
}

/** How far around an edit sync compares the two copies: past the line an edit usually stays in. */
const SYNC_WINDOW = 256;
