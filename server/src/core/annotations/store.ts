// Annotator decisions for one open document, in UTF-16 offsets of its current text: manual spans,
// rejected automatic spans, and orphans (decisions whose text vanished; kept and reported, never
// dropped). Persisted through the code-point sidecar (toSidecar / fromSidecar).
import { CodePointIndex, splitsPair } from '../offsets';
import type { Entity, Label } from '../types';
import { anchorByText, commonEnds, contextAt, contextKept, contextScore, Occupancy, type AnchorContext, type AnchorRequest, type AnchorStats } from './anchor';
import { SIDECAR_FORMAT, SIDECAR_VERSION, hashText, type Sidecar } from './sidecar';

export interface ManualSpan {
  start: number;
  end: number;
  label: Label;
  text: string;
  note?: string;
}

/** An automatic span the annotator said is wrong; matched by label + text + position. */
export interface RejectedSpan {
  start: number;
  end: number;
  label: Label;
  text: string;
}

export interface OrphanedSpan {
  kind: 'manual' | 'rejected';
  /** Last known position; may be an empty range where the text was deleted. */
  start: number;
  end: number;
  label: Label;
  text: string;
  note?: string;
  reason: string;
  /** The characters around the span when it was lost; it is re-attached only where they match. */
  before?: string;
  after?: string;
  /**
   * Where its text stood relative to `start` when an edit removed it (the span began `gap` units
   * into the removed text), so undoing that edit puts it back exactly. Not persisted.
   */
  gap?: number;
}

export interface EditOutcome {
  /** Spans shifted without changing length. */
  shifted: number;
  /** Spans stretched, shrunk or clamped because the edit touched them. */
  resized: number;
  /** Spans whose whole text the edit removed; now in `orphaned`. */
  orphaned: OrphanedSpan[];
  /** Orphans whose text the edit put back where it was (an undo); spans again. */
  reattached: OrphanedSpan[];
}

export interface ReanchorOutcome {
  /** Spans at the same text position or moved only by the unchanged-context shift. */
  kept: number;
  /** Spans re-found at another occurrence of their text. */
  moved: number;
  /** Spans whose text could not be found; now in `orphaned`, with the reason. */
  orphaned: OrphanedSpan[];
  /** Earlier orphans whose text came back at their old place; spans again. */
  reattached: OrphanedSpan[];
}

export interface LabelAllOutcome {
  added: ManualSpan[];
  relabelled: number;
  /** Occurrences left alone because they overlap a different manual span. */
  skipped: number;
}

/** What an import did with each span it was given; kept + merged + refused.length = spans given. */
export interface ImportOutcome {
  /** New manual spans. */
  kept: number;
  /** Spans already present with the same range and label (duplicates in the file included). */
  merged: number;
  /** Spans left out, each with the reason; existing manual decisions always win. */
  refused: { start: number; end: number; label: Label; text: string; reason: string }[];
}

type Kind = 'manual' | 'rejected';

/** How far from its old place (UTF-16 units) an orphan's retyped text is looked for. */
const REATTACH_REACH = 256;
type AnySpan = ManualSpan | RejectedSpan;

const key = (s: { start: number; end: number; label: string; text: string }): string => `${s.start}:${s.end}:${s.label}:${s.text}`;
const byPosition = (a: { start: number; end: number }, b: { start: number; end: number }): number => a.start - b.start || a.end - b.end;

/** Index of the first span (sorted, not overlapping, so ends ascend too) ending after offset. */
function firstEndingAfter(spans: readonly { end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The manual span overlapping [start, end), if any, in O(log n). */
function overlapping<T extends { start: number; end: number }>(manual: readonly T[], start: number, end: number): T | undefined {
  const m = manual[firstEndingAfter(manual, start)];
  return m && m.start < end ? m : undefined;
}


export class AnnotationStore {
  private _text: string;
  /** False after a length-only edit until syncText supplies the real text. */
  private textKnown = true;
  private _manual: ManualSpan[] = [];
  private _rejected: RejectedSpan[] = [];
  private _orphaned: OrphanedSpan[] = [];
  private _revision = 0;
  private readonly entities = new WeakMap<ManualSpan, Entity>();

  constructor(text: string, init: { manual?: ManualSpan[]; rejected?: RejectedSpan[]; orphaned?: OrphanedSpan[] } = {}) {
    this._text = text;
    for (const m of init.manual ?? []) this.checkRange(m.start, m.end);
    for (const r of init.rejected ?? []) this.checkRange(r.start, r.end);
    this._manual = (init.manual ?? []).map((m) => ({ ...m, text: text.slice(m.start, m.end) })).sort(byPosition);
    this._rejected = (init.rejected ?? []).map((r) => ({ ...r })).sort(byPosition);
    this._orphaned = (init.orphaned ?? []).map((o) => ({ ...o }));
  }

  get text(): string {
    return this._text;
  }
  get manual(): readonly ManualSpan[] {
    return this._manual;
  }
  get rejected(): readonly RejectedSpan[] {
    return this._rejected;
  }
  get orphaned(): readonly OrphanedSpan[] {
    return this._orphaned;
  }
  /** Increases on every change of decisions or positions; compare to know when to save. */
  get revision(): number {
    return this._revision;
  }

  private checkRange(start: number, end: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > this._text.length || start >= end) {
      throw new RangeError(`span [${start}, ${end}) is empty or outside the text (length ${this._text.length})`);
    }
    if (splitsPair(this._text, start) || splitsPair(this._text, end)) throw new RangeError(`span [${start}, ${end}) splits a surrogate pair`);
  }

  /** Adds a manual span; manual spans it overlaps are replaced (returned), so manual spans never overlap. */
  addManual(start: number, end: number, label: Label, note?: string): { span: ManualSpan; replaced: ManualSpan[] } {
    this.checkRange(start, end);
    const span: ManualSpan = { start, end, label, text: this._text.slice(start, end) };
    if (note !== undefined) span.note = note;
    // Manual spans never overlap, so the ones this replaces are one run of the sorted list.
    const from = firstEndingAfter(this._manual, start);
    let to = from;
    while (to < this._manual.length && this._manual[to].start < end) to++;
    const replaced = this._manual.splice(from, to - from, span);
    this._revision++;
    return { span, replaced };
  }

  /** Removes the manual span at exactly [start, end); false if there is none. */
  removeManual(start: number, end: number): boolean {
    const before = this._manual.length;
    this._manual = this._manual.filter((m) => !(m.start === start && m.end === end));
    if (this._manual.length === before) return false;
    this._revision++;
    return true;
  }

  /** Changes the label of the manual span at exactly [start, end); false if there is none. */
  relabel(start: number, end: number, label: Label): boolean {
    const m = this._manual.find((x) => x.start === start && x.end === end);
    if (!m) return false;
    if (m.label !== label) {
      m.label = label;
      this._revision++;
    }
    return true;
  }

  /** Marks an automatic span as wrong; it stays out of merge() while its label, text and position match. */
  reject(entity: Pick<Entity, 'start' | 'end' | 'label' | 'text'>): void {
    if (this._rejected.some((r) => key(r) === key(entity))) return;
    this._rejected = [...this._rejected, { start: entity.start, end: entity.end, label: entity.label, text: entity.text }].sort(byPosition);
    this._revision++;
  }

  /** Undoes reject(); false if the span was not rejected. */
  accept(entity: Pick<Entity, 'start' | 'end' | 'label' | 'text'>): boolean {
    const before = this._rejected.length;
    this._rejected = this._rejected.filter((r) => key(r) !== key(entity));
    if (this._rejected.length === before) return false;
    this._revision++;
    return true;
  }

  /** Forgets orphans (after the user has seen them); all when no predicate is given. */
  dismissOrphans(which?: (o: OrphanedSpan) => boolean): number {
    const before = this._orphaned.length;
    this._orphaned = which ? this._orphaned.filter((o) => !which(o)) : [];
    if (this._orphaned.length !== before) this._revision++;
    return before - this._orphaned.length;
  }

  /**
   * Labels every occurrence of `needle` as a manual span. An existing manual span on exactly that
   * range is relabelled; an occurrence overlapping a different manual span is skipped, since that
   * span is an earlier decision.
   */
  labelAllOccurrences(needle: string, label: Label): LabelAllOutcome {
    const outcome: LabelAllOutcome = { added: [], relabelled: 0, skipped: 0 };
    if (needle === '') return outcome;
    for (let i = this._text.indexOf(needle); i >= 0; i = this._text.indexOf(needle, i + needle.length)) {
      const end = i + needle.length;
      if (splitsPair(this._text, i) || splitsPair(this._text, end)) continue;
      const other = overlapping(this._manual, i, end);
      if (other && other.start === i && other.end === end) {
        if (other.label !== label) {
          other.label = label;
          outcome.relabelled++;
        }
      } else if (other) {
        outcome.skipped++;
      } else {
        outcome.added.push({ start: i, end, label, text: needle });
      }
    }
    // One merge of two sorted lists: adding thousands of occurrences one by one was quadratic.
    if (outcome.added.length) this._manual = mergeSorted(this._manual, outcome.added);
    if (outcome.added.length || outcome.relabelled) this._revision++;
    return outcome;
  }

  /**
   * Adds imported spans as manual spans without ever removing a decision: a span equal to an
   * existing manual span (or to one earlier in the same import) is merged; one overlapping an
   * existing manual span with another range or label is refused as a conflict (the annotator's
   * span stays); nested or overlapping imported spans keep the first by position (the outer one)
   * and refuse the others, since manual spans never overlap. One sort and binary searches.
   */
  importSpans(spans: readonly { start: number; end: number; label: Label }[]): ImportOutcome {
    const outcome: ImportOutcome = { kept: 0, merged: 0, refused: [] };
    const existing = this._manual;
    const added: ManualSpan[] = [];
    const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    const refuse = (x: { start: number; end: number; label: Label }, reason: string): void => {
      outcome.refused.push({ start: x.start, end: x.end, label: x.label, text: this._text.slice(x.start, x.end), reason });
    };
    for (const x of sorted) {
      try {
        this.checkRange(x.start, x.end);
      } catch (err) {
        refuse(x, (err as Error).message);
        continue;
      }
      const mine = overlapping(existing, x.start, x.end);
      if (mine) {
        if (mine.start === x.start && mine.end === x.end && mine.label === x.label) outcome.merged++;
        else refuse(x, `conflicts with your manual ${mine.label} ${JSON.stringify(mine.text)} at ${mine.start}–${mine.end}, which was kept`);
        continue;
      }
      const prev = added[added.length - 1];
      if (prev && prev.end > x.start) {
        if (prev.start === x.start && prev.end === x.end && prev.label === x.label) outcome.merged++;
        else refuse(x, `overlaps the imported ${prev.label} ${JSON.stringify(prev.text)} at ${prev.start}–${prev.end} (manual spans cannot overlap)`);
        continue;
      }
      added.push({ start: x.start, end: x.end, label: x.label, text: this._text.slice(x.start, x.end) });
      outcome.kept++;
    }
    if (added.length) {
      this._manual = mergeSorted(existing, added);
      this._revision++;
    }
    return outcome;
  }

  /**
   * Moves spans through an editor change replacing [start, end) with `replacement` (the new text,
   * or only its length). Edit before a span: shift. Edit inside: stretch or shrink. Edit across a
   * boundary: the span is clamped to what is left of it. Edit removing a span's whole text: the
   * span becomes an orphan. Insertions exactly at a span boundary stay outside it. With a length
   * only, span texts are unknown until syncText.
   */
  applyEdit(start: number, end: number, replacement: string | number): EditOutcome {
    if (!(0 <= start && start <= end && end <= this._text.length)) {
      throw new RangeError(`edit [${start}, ${end}) is outside the text (length ${this._text.length})`);
    }
    const n = typeof replacement === 'string' ? replacement.length : replacement;
    const delta = n - (end - start);
    const insert = typeof replacement === 'string' ? replacement : '\ufffd'.repeat(n);
    const oldText = this._text;
    this._text = oldText.slice(0, start) + insert + oldText.slice(end);
    if (typeof replacement !== 'string') this.textKnown = false;

    const outcome: EditOutcome = { shifted: 0, resized: 0, orphaned: [], reattached: [] };
    const move = <T extends AnySpan>(spans: T[], kind: Kind): T[] => {
      // Manual spans are disjoint and sorted, so the ones ending before the edit are one run left as is.
      const from = kind === 'manual' ? firstEndingAfter(spans, start) : 0;
      const kept: T[] = spans.slice(0, from);
      let reorder = false;
      for (let i = from; i < spans.length; i++) {
        const s = spans[i];
        let ns: number;
        let ne: number;
        if (end <= s.start && !(start === end && start === s.end)) {
          // Entirely before the span (an insertion at its start included): its text is unchanged.
          if (delta !== 0) {
            s.start += delta;
            s.end += delta;
            outcome.shifted++;
          }
          kept.push(s);
          continue;
        } else if (start >= s.end) {
          kept.push(s);
          continue;
        } else if (start <= s.start && end >= s.end && !(start === s.start && end === s.end && n > 0)) {
          const o: OrphanedSpan = { kind, start, end: start, label: s.label, text: s.text, reason: `its text ${JSON.stringify(s.text)} was deleted`, gap: s.start - start };
          if ('note' in s && s.note !== undefined) o.note = s.note;
          if (this.textKnown) Object.assign(o, contextAt(oldText, s.start, s.end));
          this._orphaned.push(o);
          outcome.orphaned.push(o);
          continue;
        } else if (start >= s.start && end <= s.end) {
          ns = s.start;
          ne = s.end + delta;
          outcome.resized++;
        } else if (start < s.start) {
          // Cuts the span's head: it now starts after the replacement.
          ns = start + n;
          ne = s.end + delta;
          outcome.resized++;
        } else {
          // Cuts the span's tail.
          ns = s.start;
          ne = start;
          outcome.resized++;
        }
        kept.push({ ...s, start: ns, end: ne, text: this._text.slice(ns, ne) });
        reorder = true;
      }
      // Shifts keep the order; only a clamped span can move past another.
      return reorder ? kept.sort(byPosition) : kept;
    };
    this.moveOrphans(this._orphaned, start, end, n);
    this._manual = move(this._manual, 'manual');
    this._rejected = move(this._rejected, 'rejected');
    if (typeof replacement === 'string') {
      // Orphans of this very edit included: retyping a sentence with the labelled word unchanged keeps its label.
      outcome.reattached = this.reattach(this._orphaned, start, start + n);
      if (outcome.reattached.length) outcome.orphaned = outcome.orphaned.filter((o) => !outcome.reattached.includes(o));
    }
    this._revision++;
    return outcome;
  }

  /** Carries orphans' last known places through an edit; one inside the replaced text goes to its start. */
  private moveOrphans(orphans: readonly OrphanedSpan[], start: number, end: number, n: number): void {
    const delta = n - (end - start);
    for (const o of orphans) {
      if (o.start > end || (o.start === end && end > start)) {
        o.start += delta;
        o.end = Math.max(o.start, o.end + delta);
      } else if (o.start > start) {
        o.gap = (o.gap ?? 0) + o.start - start;
        o.start = o.end = start;
      }
    }
  }

  /**
   * Re-attaches the given orphans whose text now stands again at their old place, inside the new
   * text [from, to) or touching it: exactly where it was removed from (an undo), or nearby with
   * its old surroundings on at least one side. Orphans without a recorded surrounding only come
   * back at the exact place.
   */
  private reattach(orphans: readonly OrphanedSpan[], from: number, to: number): OrphanedSpan[] {
    const back: OrphanedSpan[] = [];
    const text = this._text;
    for (const o of orphans) {
      if (o.start < from || o.start > to) continue;
      const context: AnchorContext | undefined = o.before !== undefined && o.after !== undefined ? { before: o.before, after: o.after } : undefined;
      const fits = (at: number): boolean =>
        at >= 0 &&
        text.startsWith(o.text, at) &&
        !splitsPair(text, at) &&
        !splitsPair(text, at + o.text.length) &&
        (!context || contextKept(text, at, o.text.length, context)) &&
        (o.kind === 'rejected' || !overlapping(this._manual, at, at + o.text.length));
      let at = o.start + (o.gap ?? 0);
      if (!fits(at)) {
        at = -1;
        if (context) {
          // Retyped rather than undone: the best-matching occurrence near its old place, if any
          // matches (bounded, so a paste over thousands of orphans stays linear).
          let best = 0;
          const near = o.start + (o.gap ?? 0);
          const lo = Math.max(0, from - o.text.length, near - REATTACH_REACH);
          const hi = Math.min(to, near + REATTACH_REACH);
          for (let i = text.indexOf(o.text, lo); i >= 0 && i <= hi; i = text.indexOf(o.text, i + 1)) {
            const score = fits(i) ? contextScore(text, i, o.text.length, context) : 0;
            if (score > best) [best, at] = [score, i];
          }
        }
      }
      if (at < 0) continue;
      const span = { start: at, end: at + o.text.length, label: o.label, text: o.text };
      if (o.kind === 'manual') {
        const m: ManualSpan = o.note !== undefined ? { ...span, note: o.note } : span;
        this._manual = mergeSorted(this._manual, [m]);
      } else if (!this._rejected.some((r) => key(r) === key(span))) {
        this._rejected = mergeSorted(this._rejected, [span]);
      }
      back.push(o);
    }
    if (back.length) {
      const gone = new Set(back);
      this._orphaned = this._orphaned.filter((o) => !gone.has(o));
    }
    return back;
  }

  /**
   * The editor's string of the text this store already has (after a change both applied): kept
   * instead of the store's own, so a long document is held once and the store's copy (built by
   * concatenation) is never flattened again to find a line.
   */
  adoptText(text: string): void {
    this._text = text;
  }

  /**
   * Supplies the full text after length-only edits. Same length: span texts are refreshed from it.
   * Different length (edits were missed): falls back to reanchor.
   */
  syncText(text: string): ReanchorOutcome | undefined {
    if (text.length !== this._text.length) {
      this.textKnown = true;
      return this.reanchor(text);
    }
    this._text = text;
    this.textKnown = true;
    for (const s of [...this._manual, ...this._rejected]) s.text = text.slice(s.start, s.end);
    this._revision++;
    return undefined;
  }

  /**
   * The spans to show and export: automatic spans minus rejected ones (same label, text and
   * position) and minus any overlapping a manual span, plus the manual spans (source 'manual').
   */
  merge(automatic: readonly Entity[]): Entity[] {
    const rejected = new Set(this._rejected.map(key));
    const manual = this._manual;
    const order = (a: Entity, b: Entity): number => byPosition(a, b) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    // The analyzer's entities come sorted; then one sweep over both sorted lists finds the
    // overlaps and a second merges them (comparing every pair cost seconds per keystroke with
    // 10^5 labels; even a binary search per entity is dominated by cache misses at that size).
    let sorted: readonly Entity[] = automatic;
    for (let k = 1; k < automatic.length; k++) {
      if (order(automatic[k - 1], automatic[k]) > 0) {
        sorted = [...automatic].sort(order);
        break;
      }
    }
    const auto: Entity[] = [];
    let j = 0;
    for (const a of sorted) {
      // Manual spans are disjoint, so their ends ascend with their starts.
      while (j < manual.length && manual[j].end <= a.start) j++;
      if (j < manual.length && manual[j].start < a.end) continue;
      if (rejected.size && rejected.has(key(a))) continue;
      auto.push(a);
    }
    const out: Entity[] = [];
    let i = 0;
    for (const m of manual) {
      while (i < auto.length && byPosition(auto[i], m) < 0) out.push(auto[i++]);
      out.push(this.entityOf(m));
    }
    while (i < auto.length) out.push(auto[i++]);
    return out;
  }

  /** The manual span as an entity, made again only when it changed (merge runs on every keystroke). */
  private entityOf(m: ManualSpan): Entity {
    const e = this.entities.get(m);
    if (e && e.start === m.start && e.end === m.end && e.label === m.label && e.text === m.text) return e;
    const fresh: Entity = { start: m.start, end: m.end, label: m.label, text: m.text, source: 'manual' };
    this.entities.set(m, fresh);
    return fresh;
  }

  /**
   * Re-finds every span in a text changed outside the editor. Spans in the unchanged head or tail
   * keep their place (shifted by the length change); the others go to the nearest occurrence of
   * their text to where they were; spans whose text is gone become orphans with the reason.
   */
  reanchor(newText: string, stats?: AnchorStats): ReanchorOutcome {
    const old = this._text;
    const { prefix, suffix } = commonEnds(old, newText);
    const changedEnd = old.length - suffix;
    const delta = newText.length - old.length;
    const outcome: ReanchorOutcome = { kept: 0, moved: 0, orphaned: [], reattached: [] };
    // Outside the changed middle the text is the same, so a span there is where its shift says.
    const placeOf = (sp: AnySpan): number | undefined => {
      if (!this.textKnown) return undefined;
      if (sp.end <= prefix) return sp.start;
      if (sp.start >= changedEnd) return sp.start + delta;
      return undefined;
    };
    const hintOf = (sp: AnySpan): number => (sp.start <= prefix ? sp.start : Math.max(prefix, sp.start + delta));
    // A span in the changed part moves only where its old surroundings are (see anchor.ts).
    const contextOf = (sp: AnySpan): AnchorContext | undefined => (this.textKnown ? contextAt(old, sp.start, sp.end) : undefined);
    const orphans = this._orphaned.slice();
    this.moveOrphans(orphans, prefix, changedEnd, newText.length - suffix - prefix);
    this._manual = this.relocate(this._manual, 'manual', newText, placeOf, hintOf, outcome, contextOf, stats);
    this._rejected = this.relocate(this._rejected, 'rejected', newText, placeOf, hintOf, outcome, contextOf, stats);
    this._text = newText;
    this.textKnown = true;
    outcome.reattached = this.reattach(orphans, prefix, newText.length - suffix);
    this._revision++;
    return outcome;
  }

  /** The sidecar for the current text (code-point offsets). */
  toSidecar(): Sidecar {
    if (!this.textKnown) throw new Error('the text is unknown after a length-only edit; call syncText before saving');
    const idx = new CodePointIndex(this._text);
    const cp = (o: number): number => idx.toCodePoint(o);
    const sc: Sidecar = {
      format: SIDECAR_FORMAT,
      version: SIDECAR_VERSION,
      textHash: hashText(this._text),
      offsets: 'codepoint',
      spans: this._manual.map((m) => {
        const s: Sidecar['spans'][number] = { start: cp(m.start), end: cp(m.end), label: m.label, text: m.text, source: 'manual' };
        if (m.note !== undefined) s.note = m.note;
        return s;
      }),
      rejected: this._rejected.map((r) => ({ start: cp(r.start), end: cp(r.end), label: r.label, text: r.text })),
    };
    if (this._orphaned.length) {
      sc.orphaned = this._orphaned.map((o) => {
        const x: NonNullable<Sidecar['orphaned']>[number] = { kind: o.kind, start: cp(o.start), end: cp(o.end), label: o.label, text: o.text, reason: o.reason };
        if (o.note !== undefined) x.note = o.note;
        if (o.before !== undefined && o.after !== undefined) Object.assign(x, { before: o.before, after: o.after });
        return x;
      });
    }
    return sc;
  }

  /**
   * A store for `text` from a parsed sidecar. When the hash matches, spans land where the file
   * says; otherwise (the article changed while the editor was closed) each span is re-found by its
   * text near its recorded position, and the unmatched become orphans.
   */
  static fromSidecar(text: string, sc: Sidecar): { store: AnnotationStore; hashMatched: boolean; reanchor: ReanchorOutcome } {
    const idx = new CodePointIndex(text);
    const u16 = (o: number): number => (sc.offsets === 'utf16' ? Math.min(o, text.length) : idx.toUtf16(o));
    const hashMatched = sc.textHash === hashText(text);
    const store = new AnnotationStore(text, {
      orphaned: (sc.orphaned ?? []).map((o) => ({ ...o, start: u16(o.start), end: u16(o.end) })),
    });
    // Positions from the file are exact when the hash matches and a hint otherwise; either way a
    // span is only placed where the text really holds its text.
    store.textKnown = false;
    store._manual = sc.spans.map((s) => {
      const m: ManualSpan = { start: u16(s.start), end: u16(s.end), label: s.label, text: s.text };
      if (s.note !== undefined) m.note = s.note;
      return m;
    });
    store._rejected = sc.rejected.map((r) => ({ start: u16(r.start), end: u16(r.end), label: r.label, text: r.text }));
    const outcome = store.reanchorInPlace(hashMatched);
    // Text that came back while the editor was closed (a reverted file) takes its orphans back.
    outcome.reattached = store.reattach(store._orphaned, 0, text.length);
    store._revision = 0;
    return { store, hashMatched, reanchor: outcome };
  }

  /**
   * reanchor against the current text, for spans whose positions are exact (the file's hash
   * matches) or only hints (the article changed while closed; there is no old text to compare,
   * so spans are walked in order and follow the shift their neighbours needed).
   */
  private reanchorInPlace(exact: boolean): ReanchorOutcome {
    const text = this._text;
    const outcome: ReanchorOutcome = { kept: 0, moved: 0, orphaned: [], reattached: [] };
    const placeOf = (sp: AnySpan): number | undefined =>
      exact && text.slice(sp.start, sp.end) === sp.text && !splitsPair(text, sp.start) && !splitsPair(text, sp.end) ? sp.start : undefined;
    this._manual = this.relocate(this._manual, 'manual', text, placeOf, (sp) => sp.start, outcome);
    this._rejected = this.relocate(this._rejected, 'rejected', text, placeOf, (sp) => sp.start, outcome);
    this.textKnown = true;
    return outcome;
  }

  /**
   * Keeps each span where `placeOf` says it still stands, then places the rest by anchorByText
   * around `hintOf` (with the old surroundings from `contextOf`, when known); what cannot be
   * placed becomes an orphan, with its surroundings so that it can come back.
   */
  private relocate<T extends AnySpan>(
    spans: T[],
    kind: Kind,
    text: string,
    placeOf: (s: AnySpan) => number | undefined,
    hintOf: (s: AnySpan) => number,
    outcome: ReanchorOutcome,
    contextOf: (s: AnySpan) => AnchorContext | undefined = () => undefined,
    stats?: AnchorStats,
  ): T[] {
    const kept: T[] = [];
    const pending: T[] = [];
    const occupied = new Occupancy(text.length, kind === 'manual');
    for (const s of spans) {
      const pos = placeOf(s);
      if (pos !== undefined && occupied.free(pos, pos + s.text.length)) {
        kept.push({ ...s, start: pos, end: pos + s.text.length });
        occupied.take(pos, pos + s.text.length);
        outcome.kept++;
      } else pending.push(s);
    }
    const requests: AnchorRequest[] = pending.map((s) => {
      const r: AnchorRequest = { text: s.text, hint: hintOf(s) };
      const context = contextOf(s);
      if (context) r.context = context;
      return r;
    });
    anchorByText(requests, text, occupied, kind === 'manual', stats).forEach((r, i) => {
      const s = pending[i];
      if ('reason' in r) {
        const at = Math.min(requests[i].hint, text.length);
        const o: OrphanedSpan = { kind, start: at, end: at, label: s.label, text: s.text, reason: r.reason };
        if ('note' in s && s.note !== undefined) o.note = s.note;
        const context = requests[i].context;
        if (context) Object.assign(o, context);
        this._orphaned.push(o);
        outcome.orphaned.push(o);
      } else {
        if (r.start === s.start) outcome.kept++;
        else outcome.moved++;
        kept.push({ ...s, start: r.start, end: r.end });
      }
    });
    return kept.sort(byPosition);
  }
}

/** Two position-sorted lists as one (a linear merge; both inputs stay untouched). */
function mergeSorted<T extends { start: number; end: number }>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && byPosition(a[i], b[j]) <= 0)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
