import type { PlaintextMode } from './core/language';

/** `articleAnnotator.*` settings as the server reads them; defaults match package.json. */
export interface ServerSettings {
  plaintext: PlaintextMode;
  /** Model-made entities with a lower confidence are not shown (0..1). */
  minConfidence: number;
  /** Artifact kinds whose detection is switched off. */
  disabledArtifacts: string[];
  /** Extra boilerplate line patterns (regular expressions). */
  boilerplatePatterns: string[];
  /** Articles' date when a text has no dateline or date line ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; '' none). */
  referenceDate: string;
  /** Longer documents (UTF-16 code units) are not analysed; a diagnostic says so. */
  maxFileSize: number;
  /** Custom labels manual spans may carry besides the entity types (articleAnnotator.labels), as written. */
  labels: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = {
  plaintext: 'auto',
  minConfidence: 0,
  disabledArtifacts: [],
  boilerplatePatterns: [],
  referenceDate: '',
  maxFileSize: 2_000_000,
  labels: [],
};

/** Reads the client's configuration object defensively: bad values fall back to defaults. */
export function readSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const plaintext = r.plaintext === 'always' || r.plaintext === 'never' || r.plaintext === 'auto' ? r.plaintext : DEFAULT_SETTINGS.plaintext;
  const conf = typeof r.minConfidence === 'number' && r.minConfidence >= 0 && r.minConfidence <= 1 ? r.minConfidence : DEFAULT_SETTINGS.minConfidence;
  const artifacts = (r.artifacts && typeof r.artifacts === 'object' ? r.artifacts : {}) as Record<string, unknown>;
  const disabled = Object.entries(artifacts)
    .filter(([k, v]) => k !== 'boilerplatePatterns' && v === false)
    // Settings are camelCase (pinyinAnnotation); artifact kinds are snake_case (pinyin_annotation).
    .map(([k]) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  // Patterns are kept as written: the service compiles them and reports the ones it refuses.
  const patterns = Array.isArray(artifacts.boilerplatePatterns) ? artifacts.boilerplatePatterns.filter((p): p is string => typeof p === 'string') : [];
  const referenceDate = typeof r.referenceDate === 'string' && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(r.referenceDate.trim()) ? r.referenceDate.trim() : '';
  const maxFileSize = typeof r.maxFileSize === 'number' && r.maxFileSize >= 0 ? Math.floor(r.maxFileSize) : DEFAULT_SETTINGS.maxFileSize;
  // Kept as written, valid or not: the server names a malformed one when it is used.
  const labels = Array.isArray(r.labels) ? r.labels.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim()) : [];
  return { plaintext, minConfidence: conf, disabledArtifacts: disabled, boilerplatePatterns: patterns, referenceDate, maxFileSize, labels };
}
