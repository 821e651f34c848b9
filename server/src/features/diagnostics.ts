import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { kindInfo, summarize } from '../core/artifactPresentation';

export const DIAGNOSTIC_SOURCE = 'zh-article';
export const SUMMARY_CODE = 'artifact_summary';
export const TOO_LARGE_CODE = 'file_too_large';
/**
 * Diagnostics published per file. Every edit republishes them all, and a badly damaged long file
 * has tens of thousands (≈10 MB of JSON per keystroke at 1M characters); past this many the
 * summary says how many are not shown. Quick fixes and fix-all still cover every artifact.
 */
export const MAX_ARTIFACT_DIAGNOSTICS = 2000;

const SEVERITY = { faded: DiagnosticSeverity.Hint, info: DiagnosticSeverity.Information, warning: DiagnosticSeverity.Warning };

function tooLarge(service: AnalysisService, doc: TextDocument): Diagnostic {
  const n = doc.getText().length.toLocaleString('en-US');
  const max = service.settings.maxFileSize.toLocaleString('en-US');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: TOO_LARGE_CODE,
    message: `Not annotated: this file has ${n} characters, more than articleAnnotator.maxFileSize (${max}). No entities, artifacts or fixes are computed for it; raise the setting to annotate it.`,
  };
}

function summaryMessage(service: AnalysisService, doc: TextDocument, artifacts: Parameters<typeof summarize>[0]): string {
  const check = service.fixAllCheck(doc);
  const hidden = artifacts.length - MAX_ARTIFACT_DIAGNOSTICS;
  const shown = hidden > 0 ? ` (the first ${MAX_ARTIFACT_DIAGNOSTICS.toLocaleString('en-US')} are marked, ${hidden.toLocaleString('en-US')} more are not)` : '';
  if (!check.allowed) return `Crawl damage: ${summarize(artifacts)}${shown} — fix-all is off: ${check.reason}.`;
  return `Crawl damage: ${summarize(artifacts)}${shown} — Fix all with the quick fix (Ctrl+.) or on save.`;
}

/** One diagnostic per artifact, plus one warning at the top that counts them and offers fix-all. */
export function computeDiagnostics(service: AnalysisService, doc: TextDocument): Diagnostic[] {
  if (service.servedState(doc) === 'tooLarge') return [tooLarge(service, doc)];
  const artifacts = service.artifacts(doc);
  if (artifacts.length === 0) return [];
  const out: Diagnostic[] = [
    {
      range: { start: doc.positionAt(0), end: doc.positionAt(Math.min(doc.getText().indexOf('\n') >>> 0, 200, doc.getText().length)) },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: SUMMARY_CODE,
      message: summaryMessage(service, doc, artifacts),
    },
  ];
  for (const a of artifacts.length > MAX_ARTIFACT_DIAGNOSTICS ? artifacts.slice(0, MAX_ARTIFACT_DIAGNOSTICS) : artifacts) {
    const weight = kindInfo(a.kind).weight;
    out.push({
      range: { start: doc.positionAt(a.start), end: doc.positionAt(a.end) },
      severity: SEVERITY[weight],
      source: DIAGNOSTIC_SOURCE,
      code: a.kind,
      message: a.explanation,
      tags: weight === 'faded' ? [DiagnosticTag.Unnecessary] : undefined,
      data: { start: a.start, end: a.end, version: doc.version },
    });
  }
  return out;
}
