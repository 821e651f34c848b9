import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArticleAnalyzer, DocumentAnalysis } from './core/analyzer';
import { Artifact, detectArtifacts } from './core/artifacts';
import { servesDocument } from './core/language';
import { LineIndex } from './core/offsets';
import { createDefaultAnalyzer } from './core/pipeline';
import type { CoreResources } from './core/resources';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings';

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
    this.analyzerInstance ??= createDefaultAnalyzer(this.resources, {
      minConfidence: this.settings.minConfidence,
      artifacts: this.detectOptions(),
    });
    return this.analyzerInstance;
  }

  private detectOptions() {
    return {
      disabled: this.settings.disabledArtifacts as Artifact['kind'][],
      boilerplatePatterns: this.settings.boilerplatePatterns,
      recoveryMemo: this.resources.recoveryMemo,
    };
  }

  /** New settings: the analyzer and every result are dropped, since they may change recognition. */
  applySettings(settings: ServerSettings): void {
    this.settings = settings;
    this.reset();
  }

  /** Drops the analyzer and every result. */
  reset(): void {
    this.analyzerInstance = undefined;
    this.states.clear();
    this.artifactCache.clear();
    this.served.clear();
  }

  private readonly served = new Map<string, { version: number; served: boolean }>();

  /** Whether the document is served; decided once per version (it samples the text). */
  serves(doc: TextDocument): boolean {
    const known = this.served.get(doc.uri);
    if (known && known.version === doc.version) return known.served;
    const served = servesDocument(doc.languageId, doc.getText(), this.settings.plaintext);
    this.served.set(doc.uri, { version: doc.version, served });
    return served;
  }

  get(doc: TextDocument): DocumentState | undefined {
    if (!this.serves(doc)) return undefined;
    const cached = this.states.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.state;
    const text = doc.getText();
    const state = { analysis: this.analyzer.analyzeDocument(text), lines: new LineIndex(text) };
    this.states.set(doc.uri, { version: doc.version, state });
    return state;
  }

  /** Every artifact of the document, including line-level kinds (boilerplate, repeats). */
  artifacts(doc: TextDocument): Artifact[] {
    if (!this.serves(doc)) return [];
    const cached = this.artifactCache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.artifacts;
    const artifacts = detectArtifacts(doc.getText(), this.detectOptions());
    this.artifactCache.set(doc.uri, { version: doc.version, artifacts });
    return artifacts;
  }

  forget(uri: string): void {
    this.states.delete(uri);
    this.artifactCache.delete(uri);
    this.served.delete(uri);
  }
}
