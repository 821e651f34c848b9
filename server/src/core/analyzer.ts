import { evictOldest, getFresh } from './lru';
import { changedRegion, splitChunks, type Chunk } from './chunks';
import { fillKnownPersons } from './entities/knownPersons';
import { carriedNames, NO_NAMES, propagateNames, sourcesOf, type NameSources } from './entities/documentNames';
import { correctNames } from './entities/nameCorrections';
import { adminHeadShape } from './entities/organizations';
import { isTitledPeriodical } from './entities/works';
import type { Segmenter } from './segmenter';
import { MaskableArtifact, TextViews } from './textViews';
import type { Entity, Token } from './types';
import { anchorIso, type Anchor } from './values/timex';
import { localYuan } from './values/localYuan';
import { anchorAnaphoricDates } from './values/anaphoricDates';

/** An artifact as the detectors report it; the analyzer only needs what masking needs. */
export type LocalArtifact = MaskableArtifact & { kind: string };

export interface AnalyzerContext {
  /** The article's own date, which relative and partial dates are completed from. */
  anchor?: Anchor;
  /** The currency of a plain 元 in this article when it is not the renminbi (values/localYuan.ts). */
  yuan?: 'TWD';
}

/** A date known from outside the text (a setting, the file's date), 'YYYY[-MM[-DD]]'. */
export interface ReferenceDate {
  date: string;
  /** Said in hovers: 'the setting articleAnnotator.referenceDate', 'the file date'. */
  source: string;
}

/** Everything the analyzer uses, injected so that rules can be tested with fakes. */
export interface AnalyzerDeps {
  segmenter: Segmenter;
  /** Artifacts that can be judged within one chunk; masked before recognition. */
  detectLocalArtifacts?: (text: string) => LocalArtifact[];
  /** Rule recognizers on the clean simplified text. */
  recognizeRules: (text: string, tokens: Token[], ctx: AnalyzerContext) => Entity[];
  /**
   * Statistical recognizer for person/location/organization (optional). provisionalCount: a
   * counter that grows when it tags a line without information a background pass will add (LAC's
   * tags); chunks analysed while it grew are marked provisional (see dropProvisional).
   */
  ner?: { tag(text: string, tokens: Token[]): Entity[]; provisionalCount?: () => number };
  /** Finds the article's own date (dateline, date line), else takes the fallback. */
  findAnchor?: (text: string, fallback?: ReferenceDate) => Anchor | undefined;
  /** What the annotator's corrections taught (string memory), applied on the clean simplified view. */
  learned?: { apply(text: string, entities: Entity[], tokens?: Token[]): Entity[] };
}

export interface ChunkAnalysis {
  /** Offsets relative to the chunk's original text. */
  entities: Entity[];
  artifacts: LocalArtifact[];
  /** Simplified text of the repaired chunk, for hover and exports. */
  simplified: string;
  /** Tagged before LAC's tags of its lines were known (set only then). */
  provisional?: true;
}

export interface DocumentAnalysis {
  text: string;
  /** The article's date that dates were completed from. */
  anchor?: Anchor;
  /** Absolute offsets (UTF-16) in the document. */
  entities: Entity[];
  artifacts: LocalArtifact[];
  chunkCount: number;
  /** How many chunks had to be analysed (not found in the cache). */
  analysedChunks: number;
  /** What the next version's analysis starts from (see ArticleAnalyzer.analyzeDocument). */
  readonly parts?: AnalysisParts;
  /** Names this analysis for `edit` of the next one. */
  readonly id?: number;
  /**
   * Set when this analysis was built on an earlier one (`from`, its id): text[lo, hiNew) replaced
   * that text's [lo, hiOld); entities[0, head) are the earlier ones before lo, entities[head,
   * head + middle) those of the region, and the rest the earlier ones from hiOld on, moved by
   * hiNew - hiOld. Outside the region nothing else changed, so what is derived from entities
   * (semantic tokens) can be derived again for the region only.
   */
  readonly edit?: AnalysisEdit;
}

export interface AnalysisEdit {
  from: number;
  lo: number;
  hiOld: number;
  hiNew: number;
  head: number;
  middle: number;
  /** entities[head, head + middle), without listing the others. */
  entities: readonly Entity[];
}

let analysisIds = 0;

/** The chunks of an analysis with their results, for analysing the next version from it. */
interface AnalysisParts {
  analyzer: ArticleAnalyzer;
  generation: number;
  anchorKey: string;
  /** Offset and length of each chunk (not its text: a slice would keep the old document alive). */
  starts: number[];
  lengths: number[];
  /** Each chunk's own analysis (what the cache holds). */
  results: ChunkAnalysis[];
  /** The same with the article's person names carried to their other mentions (what is shown). */
  shown: ChunkAnalysis[];
  /** The names carried: the document's persons. */
  names: NameSources;
  /** In how many chunks each of them was found. */
  nameCounts: Map<string, number>;
  /** Their simplified forms (only ever added to; shared by the versions of a document). */
  nameForms: Map<string, string | undefined>;
}

const NAME_LABELS = new Set(['person', 'location', 'organization']);

/**
 * Runs the pipeline: original chunk → artifacts masked → simplified → tokens → recognizers →
 * spans mapped back to the original. Results are cached by chunk text, so an edit re-analyses
 * only the chunks it changed.
 */
export class ArticleAnalyzer {
  private readonly cache = new Map<string, ChunkAnalysis>();
  /** Chunks prepared for recognition, by the same key; kept when learning empties `cache`. */
  private readonly preparedCache = new Map<string, PreparedChunk>();

  constructor(private readonly deps: AnalyzerDeps, private readonly maxCacheEntries = 50_000) {}

  /** Bumped when cached results stop being valid, so older analyses are not built on. */
  private generation = 0;

  /**
   * `previous`, the analysis of an earlier version of the same document, makes the cost follow
   * the edit: only the chunks of the changed lines are looked up or analysed, the others and their
   * entities are taken over (moved by the edit's length when after it). The result is the same as
   * without it.
   */
  analyzeDocument(text: string, reference?: ReferenceDate, previous?: DocumentAnalysis): DocumentAnalysis {
    const anchor = this.deps.findAnchor?.(text, reference);
    const yuan = localYuan(text);
    const ctx: AnalyzerContext = { anchor, yuan };
    // What the whole article tells every chunk: a change of it analyses every chunk again.
    const anchorKey = (anchor ? `${anchorIso(anchor)} ${anchor.source}` : '') + (yuan ? ` 元=${yuan}` : '');
    const prev = previous?.parts;
    if (prev && prev.analyzer === this && prev.generation === this.generation && prev.anchorKey === anchorKey) {
      return this.reanalyse(previous!, prev, text, anchor, ctx);
    }
    const parts = this.newParts(anchorKey);
    let analysed = 0;
    for (const chunk of splitChunks(text)) {
      const [result, fresh] = this.chunkResult(chunk, anchorKey, ctx);
      if (fresh) analysed++;
      addPart(parts, chunk.start, chunk.text.length, result);
    }
    this.evict();
    showAllWithNames(parts, text);
    return documentAnalysis(text, anchor, parts, analysed);
  }

  private newParts(anchorKey: string): AnalysisParts {
    return { analyzer: this, generation: this.generation, anchorKey, starts: [], lengths: [], results: [], shown: [], names: NO_NAMES, nameCounts: new Map(), nameForms: new Map() };
  }

  /** The cached result of a chunk, or a new one; and whether it had to be analysed. */
  private chunkResult(chunk: Chunk, anchorKey: string, ctx: AnalyzerContext): [ChunkAnalysis, boolean] {
    const key = `${anchorKey}\u0000${chunk.text}`;
    const cached = this.maxCacheEntries > 0 ? getFresh(this.cache, key) : undefined;
    if (cached) return [cached, false];
    const result = this.analyzeChunk(chunk.text, ctx, this.maxCacheEntries > 0 ? key : undefined);
    if (this.maxCacheEntries > 0) this.cache.set(key, result);
    return [result, true];
  }

  private reanalyse(previous: DocumentAnalysis, prev: AnalysisParts, text: string, anchor: DocumentAnalysis['anchor'], ctx: AnalyzerContext): DocumentAnalysis {
    const { lo, hiOld, hiNew } = changedRegion(previous.text, text);
    const shift = hiNew - hiOld;
    const parts = this.newParts(prev.anchorKey);
    const n = prev.starts.length;
    // Chunks before the region: taken over as they are, with their entities and artifacts.
    let head = 0;
    let headEntities = 0;
    while (head < n && prev.starts[head] < lo) {
      headEntities += prev.shown[head].entities.length;
      addPart(parts, prev.starts[head], prev.lengths[head], prev.results[head], prev.shown[head]);
      head++;
    }
    // Chunks from the end of the region on: the same, moved.
    let tail = head;
    while (tail < n && prev.starts[tail] < hiOld) tail++;
    let analysed = 0;
    const region: Chunk[] = [];
    for (const chunk of splitChunks(text.slice(lo, hiNew))) {
      chunk.start += lo;
      const [result, fresh] = this.chunkResult(chunk, prev.anchorKey, ctx);
      if (fresh) analysed++;
      region.push(chunk);
      addPart(parts, chunk.start, chunk.text.length, result);
    }
    for (let i = tail; i < n; i++) addPart(parts, prev.starts[i] + shift, prev.lengths[i], prev.results[i], prev.shown[i]);
    this.evict();
    // A name found or lost by the edit changes what is shown wherever it is written: those chunks
    // are shown again, and an edit is reported only when they all lie in its region.
    const changed = countNames(parts, prev, head, tail, region.length);
    const regionEntities: Entity[] = [];
    region.forEach((chunk, k) => {
      const shown = withNames(chunk.text, parts.results[head + k], parts.names);
      parts.shown[head + k] = shown;
      for (const e of shown.entities) regionEntities.push(moved(e, chunk.start));
    });
    let outside = false;
    for (const i of chunksWriting(parts, text, changed)) {
      if (i >= head && i < head + region.length) continue;
      parts.shown[i] = withNames(text.slice(parts.starts[i], parts.starts[i] + parts.lengths[i]), parts.results[i], parts.names);
      outside = true;
    }
    const edit = previous.id === undefined || outside ? undefined : { from: previous.id, lo, hiOld, hiNew, head: headEntities, middle: regionEntities.length, entities: regionEntities };
    return documentAnalysis(text, anchor, parts, analysed, edit);
  }

  analyzeChunk(text: string, ctx: AnalyzerContext = {}, key?: string): ChunkAnalysis {
    const { artifacts, views, tokens, rules: ruleSpans } = this.prepared(text, ctx, key);
    const simple = views.simplifiedText;
    const misses = this.deps.ner?.provisionalCount?.();
    const model = this.deps.ner?.tag(simple, tokens);
    const provisional = misses !== undefined && this.deps.ner!.provisionalCount!() !== misses;
    // A name whose only evidence is jieba's nr/ns tag is one the model has already weighed (those
    // tags are among its features) and left out: on the three development files such additions
    // were 46 wrong and 10 right.
    const rules = model ? ruleSpans.filter((r) => r.source !== 'tagger') : ruleSpans;
    const corrected = fillKnownPersons(simple, tokens, correctNames(simple, tokens, mergeEntities(model ?? [], rules)));
    const found = this.deps.learned ? this.deps.learned.apply(simple, corrected, tokens) : corrected;
    const entities: Entity[] = [];
    for (const e of found) {
      const [start, end] = views.toOriginal(e.start, e.end);
      if (end <= start) continue;
      entities.push({ ...e, start, end, text: text.slice(start, end), simplified: simple.slice(e.start, e.end) });
    }
    return provisional ? { entities, artifacts, simplified: simple, provisional } : { entities, artifacts, simplified: simple };
  }

  /**
   * What recognition starts from, which learning from corrections does not change: after a
   * decision only the model and the learned rules run again (the bench's decision → tokens: jieba
   * and the rules were a fifth of it).
   */
  private prepared(text: string, ctx: AnalyzerContext, key?: string): PreparedChunk {
    const cached = key === undefined ? undefined : getFresh(this.preparedCache, key);
    if (cached) return cached;
    const artifacts = this.deps.detectLocalArtifacts?.(text) ?? [];
    const views = new TextViews(text, artifacts);
    const simple = views.simplifiedText;
    const tokens = this.deps.segmenter.tag(simple);
    const rules = this.deps.recognizeRules(simple, tokens, ctx);
    const out: PreparedChunk = { artifacts, views, tokens, rules };
    if (key !== undefined) this.preparedCache.set(key, out);
    return out;
  }

  /**
   * Forgets the cached results of provisional chunks, once what they lacked is known (LAC's tags),
   * so the next analysis re-tags those chunks only. Returns how many were dropped.
   */
  dropProvisional(): number {
    let dropped = 0;
    for (const [key, result] of this.cache) {
      if (!result.provisional) continue;
      this.cache.delete(key);
      dropped++;
    }
    // Analyses built on the dropped results must not be taken over by the next version's.
    if (dropped > 0) this.generation++;
    return dropped;
  }

  /**
   * Forgets cached chunk results: the recognizers changed (learning from a correction). What they
   * start from (artifacts, views, tokens, rule spans) stays.
   */
  clearCache(): void {
    this.generation++;
    this.cache.clear();
  }

  /** The views of a piece of text as recognition sees it: artifacts masked, then simplified. */
  views(text: string): TextViews {
    return new TextViews(text, this.deps.detectLocalArtifacts?.(text) ?? []);
  }

  /**
   * The word (jieba token of the repaired, simplified text) under an offset of the document, with
   * its span in the original text.
   */
  wordAt(text: string, offset: number): { start: number; end: number; simplified: string } | undefined {
    const chunk = splitChunks(text).find((c) => offset >= c.start && offset < c.start + c.text.length);
    if (!chunk) return undefined;
    const views = new TextViews(chunk.text, this.deps.detectLocalArtifacts?.(chunk.text) ?? []);
    const at = views.toSimplified(offset - chunk.start);
    const token = this.deps.segmenter
      .tag(views.simplifiedText)
      .find((t) => at >= t.start && at < t.end);
    if (!token || !token.word.trim()) return undefined;
    const [start, end] = views.toOriginal(token.start, token.end);
    return { start: start + chunk.start, end: end + chunk.start, simplified: token.word };
  }

  private evict(): void {
    evictOldest(this.cache, this.maxCacheEntries);
    // Fewer: they hold tokens and offset maps, and only the open documents' are needed again soon.
    evictOldest(this.preparedCache, Math.min(this.maxCacheEntries, MAX_PREPARED));
  }
}

/** Prepared chunks kept at most (a 10,000-character article is a few hundred). */
const MAX_PREPARED = 5_000;

/** What ArticleAnalyzer.prepared keeps of a chunk. */
interface PreparedChunk {
  artifacts: LocalArtifact[];
  views: TextViews;
  tokens: Token[];
  rules: Entity[];
}

/**
 * An analysis whose document-wide lists are made when first read: after an edit, tokens need
 * only the region's entities, and copying 60,000 moved entities per keystroke of a long article
 * (with the garbage it leaves) was the larger part of re-analysing it.
 */
function documentAnalysis(text: string, anchor: DocumentAnalysis['anchor'], parts: AnalysisParts, analysedChunks: number, edit?: AnalysisEdit): DocumentAnalysis {
  let entities: Entity[] | undefined;
  let artifacts: LocalArtifact[] | undefined;
  return {
    text,
    anchor,
    chunkCount: parts.starts.length,
    analysedChunks,
    parts,
    id: ++analysisIds,
    edit,
    get entities(): Entity[] {
      return (entities ??= anchorAnaphoricDates(text, flatten(parts, (r) => r.entities, parts.shown), anchor));
    },
    get artifacts(): LocalArtifact[] {
      return (artifacts ??= flatten(parts, (r) => r.artifacts));
    },
  };
}

function flatten<T extends { start: number; end: number }>(parts: AnalysisParts, of: (r: ChunkAnalysis) => readonly T[], results = parts.results): T[] {
  const out: T[] = [];
  for (let i = 0; i < parts.starts.length; i++) for (const x of of(results[i])) out.push(moved(x, parts.starts[i]));
  return out;
}

/** The document's person names, and every chunk shown with them. */
function showAllWithNames(parts: AnalysisParts, text: string): void {
  for (const r of parts.results) tally(parts, r, 1);
  parts.names = sourcesOfCounted(parts);
  parts.shown = parts.results.map((r, i) => withNames(text.slice(parts.starts[i], parts.starts[i] + parts.lengths[i]), r, parts.names));
}

const chunkNames = new WeakMap<ChunkAnalysis, Map<string, string | undefined>>();
function namesOf(r: ChunkAnalysis): Map<string, string | undefined> {
  let names = chunkNames.get(r);
  if (!names) chunkNames.set(r, (names = carriedNames(r.entities)));
  return names;
}

/** Counts the names of one chunk's result in `parts` (sign 1) or takes them out (sign -1). */
function tally(parts: AnalysisParts, r: ChunkAnalysis, sign: 1 | -1): void {
  for (const [name, form] of namesOf(r)) {
    const n = (parts.nameCounts.get(name) ?? 0) + sign;
    if (n > 0) parts.nameCounts.set(name, n);
    else parts.nameCounts.delete(name);
    if (sign > 0 && !parts.nameForms.has(name)) parts.nameForms.set(name, form);
  }
}

function sourcesOfCounted(parts: AnalysisParts): NameSources {
  return sourcesOf(new Map([...parts.nameCounts.keys()].map((n) => [n, parts.nameForms.get(n)])));
}

/**
 * The name counts of `parts` (an edit of `prev`: its chunks [head, tail) replaced by `regionCount`
 * new ones at head), and the names found or lost; `parts.names` follows them.
 */
function countNames(parts: AnalysisParts, prev: AnalysisParts, head: number, tail: number, regionCount: number): Set<string> {
  parts.nameCounts = new Map(prev.nameCounts);
  parts.nameForms = prev.nameForms;
  for (let i = head; i < tail; i++) tally(parts, prev.results[i], -1);
  for (let i = head; i < head + regionCount; i++) tally(parts, parts.results[i], 1);
  const changed = new Set<string>();
  for (const name of prev.nameCounts.keys()) if (!parts.nameCounts.has(name)) changed.add(name);
  for (const name of parts.nameCounts.keys()) if (!prev.nameCounts.has(name)) changed.add(name);
  parts.names = changed.size === 0 ? prev.names : sourcesOfCounted(parts);
  return changed;
}

/** The chunks whose text holds one of `names`. */
function chunksWriting(parts: AnalysisParts, text: string, names: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      // The chunk starting at or before `at` (binary search over the sorted starts).
      let lo = 0;
      let hi = parts.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (parts.starts[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      if (lo >= 0 && at + name.length <= parts.starts[lo] + parts.lengths[lo]) out.add(lo);
    }
  }
  return out;
}

function withNames(chunkText: string, result: ChunkAnalysis, names: NameSources): ChunkAnalysis {
  const entities = propagateNames(chunkText, result.entities, names);
  return entities === result.entities ? result : { ...result, entities: entities as Entity[] };
}

function moved<T extends { start: number; end: number }>(x: T, by: number): T {
  return { ...x, start: x.start + by, end: x.end + by };
}

function addPart(parts: AnalysisParts, start: number, length: number, result: ChunkAnalysis, shown = result): void {
  parts.starts.push(start);
  parts.lengths.push(length);
  parts.results.push(result);
  parts.shown.push(shown);
}

/**
 * Model spans for names come first; rule spans fill what the model left. Numeric and title labels
 * are the rules' alone. Where a rule span for a name is certain, the rule wins:
 * - a word-list hit covering a model span that it extends (the model finds 四川省, the list the
 *   whole office);
 * - an organisation built from place + administrative head (市直, 市委, 区直, 县委…) + organisation
 *   word (娄底 + 市直机关 + 工委) over model spans that are only places inside it, the first at its
 *   start: such a body is one organisation. Without the head test the rule's other bodies cost
 *   0.45 F1 on msra_dev, where 北京 + 西城区公安分局 is a place and a body.
 */
export function mergeEntities(model: Entity[], rules: Entity[]): Entity[] {
  const ruleNames = rules.filter((r) => NAME_LABELS.has(r.label));
  const ruleOther = rules.filter((r) => !NAME_LABELS.has(r.label));
  const overrides = ruleNames.filter((r) => {
    if (r.label !== 'organization' || r.source !== 'rule') return false;
    const inside = model.filter((m) => m.start < r.end && r.start < m.end);
    if (inside.length === 0 || inside[0].start !== r.start) return false;
    if (!inside.every((m) => m.label === 'location' && m.start >= r.start && m.end <= r.end && m.end - m.start < r.end - r.start)) return false;
    return adminHeadShape(r.text.slice(inside[0].end - r.start));
  });
  // A 《title》 is a work: the names the model finds inside it (《长江七号》 → 长江) are not; a
  // periodical's name inside its brackets is one organization, whatever the model made of it.
  const works = rules.filter((r) => r.label === 'work' || isTitledPeriodical(r));
  const chosen: Entity[] = [];
  for (const m of model) {
    if (works.some((w) => w.start < m.end && m.start < w.end)) continue;
    const wider = ruleNames.find(
      (r) => r.source === 'dictionary' && r.start <= m.start && r.end >= m.end && r.end - r.start > m.end - m.start,
    );
    if (!wider && !overrides.some((r) => r.start <= m.start && m.end <= r.end)) chosen.push(m);
  }
  const byStart = (a: Entity, b: Entity) => a.start - b.start || b.end - a.end;
  const out = [...chosen].sort(byStart);
  for (const r of [...overrides, ...ruleNames, ...ruleOther].sort(byStart)) {
    if (!out.some((o) => o.start < r.end && r.start < o.end)) insertSorted(out, r);
  }
  return out;
}

function insertSorted(arr: Entity[], e: Entity): void {
  let i = arr.length;
  while (i > 0 && arr[i - 1].start > e.start) i--;
  arr.splice(i, 0, e);
}
