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
}

export const DEFAULT_SETTINGS: ServerSettings = {
  plaintext: 'auto',
  minConfidence: 0,
  disabledArtifacts: [],
  boilerplatePatterns: [],
  referenceDate: '',
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
  const patterns = Array.isArray(artifacts.boilerplatePatterns)
    ? artifacts.boilerplatePatterns.filter((p): p is string => typeof p === 'string' && isValidRegex(p))
    : [];
  const referenceDate = typeof r.referenceDate === 'string' && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(r.referenceDate.trim()) ? r.referenceDate.trim() : '';
  return { plaintext, minConfidence: conf, disabledArtifacts: disabled, boilerplatePatterns: patterns, referenceDate };
}

function isValidRegex(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}
