import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArticleAnalyzer, DocumentAnalysis } from './core/analyzer';
import type { Artifact, DetectOptions } from './core/artifacts';
import { ArtifactDocument, IncrementalArtifacts } from './core/artifacts/incremental';
import { compileUserPatterns, type CompiledPatterns, type RejectedPattern } from './core/artifacts/userPatterns';
import { checkFixAll, countHan, countHanAfterEdit, type FixAllCheck } from './core/artifacts/fixAllLimit';
import { servesDocument } from './core/language';
import { LineIndex } from './core/offsets';
import { createDefaultAnalyzer, weighWithAnalysis } from './core/pipeline';
import type { CoreResources } from './core/resources';
import { WorkspaceLearning, correctionOf, type Correction, type DecidedSpan } from './core/annotations/learning';
import { appendCorrection, archiveLearningFile, replayLearningFile } from './core/annotations/learningFile';
import { NerTagger } from './core/ner/tagger';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings';

/** Whether a file: URI names a file inside `folder`. */
function isInside(uri: string, folder: string): boolean {
  if (!uri.startsWith('file:')) return false;
  const rel = path.relative(folder, fileURLToPath(uri));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function sameSettings(a: ServerSettings, b: ServerSettings): boolean {
  // Both come from readSettings (or DEFAULT_SETTINGS): the same keys in the same order.
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Longest open document the LAC refine pass runs for (~0.5 s of re-tagging when it completes). */
const REFINE_MAX_CHARS = 100_000;

/** Documents whose previous version artifact detection remembers (see artifactSteps). */
const MAX_ARTIFACT_DOCUMENTS = 32;

/** What a language service is built from: the server passes the real parts, tests pass fakes. */
export interface LanguageServiceParts {
  resources: CoreResources;
  settings?: ServerSettings;
  log?: (message: string) => void;
}

/** One service per server (or CLI run, or test); nothing in it is shared through module state. */
export function createLanguageService(parts: LanguageServiceParts): AnalysisService {
  return new AnalysisService(parts.resources, parts.settings ?? DEFAULT_SETTINGS, parts.log ?? (() => undefined));
}

export interface DocumentState {
  analysis: DocumentAnalysis;
  lines: LineIndex;
}

/**
 * Holds the analysis of each open document at its current version. Analysis is synchronous and
 * cached per chunk inside the analyzer, so asking again after an edit costs only the changed lines.
 */
export class AnalysisService {
  private readonly states = new Map<string, { version: number; state: DocumentState }>();
  private readonly artifactCache = new Map<string, { version: number; artifacts: Artifact[] }>();

  constructor(
    readonly resources: CoreResources,
    public settings: ServerSettings,
    readonly log: (message: string) => void,
  ) {}

  private analyzerInstance: ArticleAnalyzer | undefined;

  get analyzer(): ArticleAnalyzer {
    // Local artifacts come from the same per-chunk cache as diagnostics, so neither detects twice.
    const detector = this.detector;
    const learning = this.learning;
    this.analyzerInstance ??= createDefaultAnalyzer(this.resources, {
      minConfidence: this.settings.minConfidence,
      localArtifacts: (text) => detector.local(text),
      model: learning.adapter ? learning : undefined,
      learned: learning,
    });
    return this.analyzerInstance;
  }

  private learningInstance: WorkspaceLearning | undefined;
  private learningPath: string | undefined;

  /**
   * What the annotator's decisions taught, on top of the shipped model (see
   * core/annotations/learning.ts); replayed from the workspace's learning file on first use.
   */
  get learning(): WorkspaceLearning {
    if (!this.learningInstance) {
      const model = this.resources.nerModel();
      const learning = new WorkspaceLearning(this.resources.segmenter(), model instanceof NerTagger ? model : undefined);
      this.learningInstance = learning;
      weighWithAnalysis(learning, this.resources, { minConfidence: this.settings.minConfidence });
      if (this.learningPath) {
        try {
          const { learned, badLines } = this.withNetworks(() => replayLearningFile(learning, this.learningPath!));
          if (learned) this.log(`learned again from ${learned} correction(s) in ${this.learningPath}`);
          if (badLines.length) this.log(`${this.learningPath}: line(s) ${badLines.slice(0, 20).join(', ')} could not be read and were left out`);
        } catch (err) {
          this.log(`learning history not read: ${(err as Error).message}`);
        }
      }
    }
    return this.learningInstance;
  }

  /**
   * Set when corrections were learned before the editor's refine pass loaded the networks: the
   * model learned them against its scores without the name network, and the network's output layer
   * learned nothing from them. The pass learns them again once the networks are there.
   */
  private learnedWithoutNetworks = false;

  /**
   * Runs a learning step with the networks' scores for its lines when they are loaded. Loading them
   * here would put seconds before the first tokens (the history is replayed on the first analysis),
   * so until the refine pass has loaded them the step is marked to be learned again.
   */
  private withNetworks<T>(fn: () => T): T {
    const refiner = this.resources.lacRefiner?.();
    if (!refiner) return fn();
    if (!refiner.loaded) {
      this.learnedWithoutNetworks = true;
      return fn();
    }
    const eager = refiner.eager;
    refiner.eager = true;
    try {
      return fn();
    } finally {
      refiner.eager = eager;
    }
  }

  /**
   * Once the networks are loaded, learns the corrections learned without them again, drops the
   * analyses and asks for fresh tokens; true when it did.
   */
  private relearnWithNetworks(): boolean {
    const refiner = this.resources.lacRefiner?.();
    if (!this.learnedWithoutNetworks || !refiner?.loaded || !this.learningInstance) return false;
    this.learnedWithoutNetworks = false;
    const learning = this.learningInstance;
    const history = [...learning.history];
    if (history.length === 0) return false;
    learning.reset();
    this.withNetworks(() => {
      for (const c of history) learning.learn(c);
    });
    this.log(`learned again from ${history.length} correction(s) with the name network's scores`);
    this.analyzerInstance?.clearCache();
    this.states.clear();
    this.onRefined?.();
    return true;
  }

  /** Where decisions are remembered (a workspace's .zh-article/learning.jsonl); none: memory only. */
  setLearningFile(file: string | undefined): void {
    this.learningPath = file;
    this.learningInstance = undefined;
    this.reset();
  }

  get learningFile(): string | undefined {
    return this.learningPath;
  }

  /**
   * Learns from a decision at `offset`: the sentence around it, with the entities in force after
   * the decision (`effective`) against what recognition had found (`automatic`). The documents'
   * analyses are dropped so the next request re-tags them with what was learned.
   */
  learnFromDecision(doc: Pick<TextDocument, 'uri' | 'getText'>, offset: number, effective: readonly DecidedSpan[], automatic: readonly DecidedSpan[]): Correction | undefined {
    const correction = correctionOf(doc.getText(), offset, effective, automatic, (s) => this.analyzer.views(s));
    if (!correction) return undefined;
    correction.source = doc.uri;
    correction.at = Date.now();
    this.withNetworks(() => this.learning.learn(correction));
    this.analyzer.clearCache();
    this.states.clear();
    // The history lives with the articles it came from: documents outside the workspace folder
    // (a scratch file, a test's temporary copy) teach this session only.
    if (this.learningPath && isInside(doc.uri, path.dirname(path.dirname(this.learningPath)))) {
      try {
        appendCorrection(this.learningPath, correction);
      } catch (err) {
        this.log(`the correction was learned but not saved to ${this.learningPath}: ${(err as Error).message}`);
      }
    }
    return correction;
  }

  /** Forgets everything learned (the history file is moved aside, not deleted). */
  resetLearning(): { backup?: string } {
    const backup = this.learningPath ? archiveLearningFile(this.learningPath) : undefined;
    this.learning.reset();
    this.analyzer.clearCache();
    this.states.clear();
    return { backup };
  }

  /** Called when analyses were refined with LAC's tags (the server refreshes the tokens). */
  onRefined?: () => void;

  /**
   * One slice of the editor's LAC refine pass (issue 13: paint first, refine later): LAC tags the
   * lines the model had to tag without its tags, until the queue is empty or `stop()` says so.
   * 'refined': the provisional chunks were dropped and the next request re-tags them with LAC
   * (onRefined was called); 'pending': more lines wait; 'idle': nothing to do. Skipped while an open
   * document is longer than REFINE_MAX_CHARS: re-tagging its chunks at once would hold the server.
   */
  refineStep(stop: () => boolean): 'refined' | 'pending' | 'idle' {
    const refiner = this.resources.lacRefiner?.();
    if (!refiner || !this.analyzerInstance) return 'idle';
    if (refiner.pending === 0) return this.relearnWithNetworks() ? 'refined' : 'idle';
    for (const { state } of this.states.values()) if (state.analysis.text.length > REFINE_MAX_CHARS) return 'idle';
    refiner.work(stop);
    if (refiner.pending > 0) return 'pending';
    if (this.relearnWithNetworks()) return 'refined';
    if (this.analyzerInstance.dropProvisional() === 0) return 'idle';
    // Same versions, new results: the cached states are stale (their unchanged chunks come back from the chunk cache).
    this.states.clear();
    this.onRefined?.();
    return 'refined';
  }

  /**
   * Runs fn with the refine pass completed and LAC computed as lines are tagged, so requests that
   * may wait (exports, the Entities view) answer as the CLI does rather than with a first paint.
   */
  settled<T>(fn: () => T): T {
    const refiner = this.resources.lacRefiner?.();
    if (!refiner) return fn();
    refiner.eager = true;
    try {
      refiner.work(() => false);
      this.relearnWithNetworks();
      if (this.analyzerInstance && this.analyzerInstance.dropProvisional() > 0) {
        this.states.clear();
        this.onRefined?.();
      }
      return fn();
    } finally {
      refiner.eager = false;
    }
  }

  private patterns: CompiledPatterns | undefined;
  private detectorInstance: IncrementalArtifacts | undefined;

  private get detector(): IncrementalArtifacts {
    this.detectorInstance ??= new IncrementalArtifacts(this.detectOptions());
    return this.detectorInstance;
  }

  private detectOptions(): DetectOptions {
    this.patterns ??= compileUserPatterns(this.settings.boilerplatePatterns);
    return {
      disabled: this.settings.disabledArtifacts as Artifact['kind'][],
      userPatterns: this.patterns.patterns,
      recoveryMemo: this.resources.recoveryMemo,
    };
  }

  /** Boilerplate patterns of the current settings that are refused, with the reason (to tell the user). */
  get rejectedPatterns(): RejectedPattern[] {
    this.patterns ??= compileUserPatterns(this.settings.boilerplatePatterns);
    return this.patterns.rejected;
  }

  /**
   * New settings: the analyzer and every result are dropped, since they may change recognition.
   * The same settings again (the client answers the configuration request right after start, and
   * again on every unrelated settings change) keep them: re-analysing a long open document for
   * nothing stalls the next keystroke by seconds. Returns whether anything changed.
   */
  applySettings(settings: ServerSettings): boolean {
    if (sameSettings(settings, this.settings)) return false;
    this.settings = settings;
    this.patterns = undefined;
    this.reset();
    return true;
  }

  /** The articleAnnotator.referenceDate setting, for articles without a dateline. */
  referenceDate(): { date: string; source: string } | undefined {
    return this.settings.referenceDate ? { date: this.settings.referenceDate, source: 'the setting articleAnnotator.referenceDate' } : undefined;
  }

  private resets = 0;

  /** Drops the analyzer and every result. */
  reset(): void {
    this.resets++;
    this.analyzerInstance = undefined;
    this.detectorInstance = undefined;
    this.states.clear();
    this.artifactCache.clear();
    this.fixAllChecks.clear();
    this.served.clear();
    this.artifactDocuments.clear();
  }

  private readonly served = new Map<string, { version: number; state: 'served' | 'notServed' | 'tooLarge' }>();

  /** Whether the document is served; decided once per version (it samples the text). */
  serves(doc: TextDocument): boolean {
    return this.servedState(doc) === 'served';
  }

  /**
   * 'tooLarge' when the document would be served but is longer than maxFileSize: it is left alone,
   * and diagnostics say so, rather than freezing the editor on a file no one reads as an article.
   */
  servedState(doc: TextDocument): 'served' | 'notServed' | 'tooLarge' {
    const known = this.served.get(doc.uri);
    if (known && known.version === doc.version) return known.state;
    const text = doc.getText();
    let state: 'served' | 'notServed' | 'tooLarge' = servesDocument(doc.languageId, text, this.settings.plaintext) ? 'served' : 'notServed';
    if (state === 'served' && text.length > this.settings.maxFileSize) state = 'tooLarge';
    this.served.set(doc.uri, { version: doc.version, state });
    return state;
  }

  get(doc: TextDocument): DocumentState | undefined {
    if (!this.serves(doc)) return undefined;
    const cached = this.states.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.state;
    const text = doc.getText();
    // The previous version's analysis: only the chunks of the lines an edit touched are looked at again.
    const analysis = this.analyzer.analyzeDocument(text, this.referenceDate(), cached?.state.analysis);
    // An analysis built on the previous one says which lines changed; the line index follows it.
    const edit = analysis.edit;
    const lines = cached && edit && edit.from === cached.state.analysis.id ? LineIndex.afterEdit(cached.state.lines, text, edit) : new LineIndex(text);
    const state = { analysis, lines };
    this.states.set(doc.uri, { version: doc.version, state });
    return state;
  }

  /** Every artifact of the document, including line-level kinds (boilerplate, repeats). */
  artifacts(doc: TextDocument): Artifact[] {
    const steps = this.artifactSteps(doc);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /**
   * The same as a generator that yields after each chunk it had to detect, so the caller can give
   * the event loop a turn (and a newer version its chance) and abandon stale work.
   */
  *artifactSteps(doc: TextDocument): Generator<void, Artifact[], void> {
    if (!this.serves(doc)) return [];
    const cached = this.artifactCache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.artifacts;
    const resets = this.resets;
    let memory = this.artifactDocuments.get(doc.uri);
    if (!memory) {
      // Kept for documents being edited; closed files counted for the queue pass through here too,
      // so only the most recent few keep their text and chunks.
      if (this.artifactDocuments.size >= MAX_ARTIFACT_DOCUMENTS) this.artifactDocuments.delete(this.artifactDocuments.keys().next().value!);
      this.artifactDocuments.set(doc.uri, (memory = new ArtifactDocument()));
    }
    const artifacts = yield* this.detector.detect(doc.getText(), memory);
    // Settings may have changed while this job was paused: its result is then not cached.
    if (resets === this.resets) this.artifactCache.set(doc.uri, { version: doc.version, artifacts });
    return artifacts;
  }

  private readonly fixAllChecks = new Map<string, { version: number; check: FixAllCheck }>();
  private readonly artifactDocuments = new Map<string, ArtifactDocument>();

  /** Whether fixing every artifact unattended keeps the article (core/artifacts/fixAllLimit.ts). */
  fixAllCheck(doc: TextDocument): FixAllCheck {
    const cached = this.fixAllChecks.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.check;
    const check = checkFixAll(doc.getText(), this.artifacts(doc), () => this.hanCount(doc));
    this.fixAllChecks.set(doc.uri, { version: doc.version, check });
    return check;
  }

  private readonly hanCounts = new Map<string, { text: string; count: number }>();

  /** Han characters of the document, counted from the last version's count for the changed characters only. */
  private hanCount(doc: TextDocument): number {
    const text = doc.getText();
    const last = this.hanCounts.get(doc.uri);
    const count = !last ? countHan(text) : last.text === text ? last.count : countHanAfterEdit(last.text, last.count, text);
    this.hanCounts.set(doc.uri, { text, count });
    return count;
  }

  forget(uri: string): void {
    this.hanCounts.delete(uri);
    this.fixAllChecks.delete(uri);
    this.states.delete(uri);
    this.artifactCache.delete(uri);
    this.served.delete(uri);
    this.artifactDocuments.delete(uri);
  }
}
