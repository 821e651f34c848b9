import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { kindInfo, summarize } from '../core/artifactPresentation';

export const DIAGNOSTIC_SOURCE = 'zh-article';
export const SUMMARY_CODE = 'artifact_summary';

const SEVERITY = { faded: DiagnosticSeverity.Hint, info: DiagnosticSeverity.Information, warning: DiagnosticSeverity.Warning };

/** One diagnostic per artifact, plus one warning at the top that counts them and offers fix-all. */
export function computeDiagnostics(service: AnalysisService, doc: TextDocument): Diagnostic[] {
  const artifacts = service.artifacts(doc);
  if (artifacts.length === 0) return [];
  const out: Diagnostic[] = [
    {
      range: { start: doc.positionAt(0), end: doc.positionAt(Math.min(doc.getText().indexOf('\n') >>> 0, 200, doc.getText().length)) },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: SUMMARY_CODE,
      message: `Crawl damage: ${summarize(artifacts)} — Fix all with the quick fix (Ctrl+.) or on save.`,
    },
  ];
  for (const a of artifacts) {
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
