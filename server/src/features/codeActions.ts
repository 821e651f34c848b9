import { CodeAction, CodeActionKind, CodeActionParams, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { fixTitle, kindInfo } from '../core/artifactPresentation';
import type { Artifact } from '../core/artifacts';
import { checkFixAll } from '../core/artifacts/fixAllLimit';
import { DIAGNOSTIC_SOURCE, SUMMARY_CODE } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.zhArticle`;

/** Quick fixes per artifact (one per candidate), fix-all per kind, and the source fix-all. */
export function provideCodeActions(service: AnalysisService, doc: TextDocument, p: CodeActionParams): CodeAction[] {
  const artifacts = service.artifacts(doc);
  if (artifacts.length === 0) return [];
  const only = p.context.only;
  const wantsFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k));
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
  const actions: CodeAction[] = [];

  if (wantsQuickFix) {
    const start = doc.offsetAt(p.range.start);
    const end = doc.offsetAt(p.range.end);
    const ours = p.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const touched = artifacts.filter((a) => a.start <= end && a.end >= start);
    const kinds = new Set<string>();
    for (const a of touched) {
      const diagnostic = ours.find((d) => d.code === a.kind && doc.offsetAt(d.range.start) === a.start);
      a.candidates.forEach((candidate, i) => {
        actions.push({
          title: fixTitle(a, candidate, doc.getText().slice(a.start, a.end)),
          kind: CodeActionKind.QuickFix,
          isPreferred: i === 0 && (a.autoFix || a.candidates.length > 1),
          diagnostics: diagnostic ? [diagnostic] : undefined,
          edit: { changes: { [doc.uri]: [edit(doc, a, candidate)] } },
        });
      });
      kinds.add(a.kind);
    }
    for (const kind of kinds) {
      const same = artifacts.filter((a) => a.kind === kind && a.autoFix);
      if (same.length > 1 && checkFixAll(doc.getText(), same).allowed) {
        actions.push({
          title: `Fix all ${same.length} ${kindInfo(kind).plural} in this file`,
          kind: CodeActionKind.QuickFix,
          edit: { changes: { [doc.uri]: same.map((a) => edit(doc, a, a.candidates[0])) } },
        });
      }
    }
    if ((ours.some((d) => d.code === SUMMARY_CODE) || touched.length > 0) && service.fixAllCheck(doc).allowed) {
      const all = fixAllEdits(doc, artifacts);
      if (all.length > 0) {
        actions.push({
          title: `Fix all ${all.length} crawl artifacts in this file`,
          kind: CodeActionKind.QuickFix,
          isPreferred: touched.length === 0,
          diagnostics: ours.filter((d) => d.code === SUMMARY_CODE),
          edit: { changes: { [doc.uri]: all } },
        });
      }
    }
  }
  // On save nobody is watching: a fix-all that would remove the article is not offered at all
  // (the summary diagnostic says why).
  if (wantsFixAll && only && service.fixAllCheck(doc).allowed) {
    const all = fixAllEdits(doc, artifacts);
    if (all.length > 0) actions.push({ title: 'Fix all crawl artifacts', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: all } } });
  }
  return actions;
}

/** Edits applying the preferred candidate of every artifact that is safe to fix unattended. */
export function fixAllEdits(doc: TextDocument, artifacts: readonly Artifact[]): TextEdit[] {
  return artifacts.filter((a) => a.autoFix && a.candidates.length > 0).map((a) => edit(doc, a, a.candidates[0]));
}

function edit(doc: TextDocument, a: Artifact, text: string): TextEdit {
  return { range: { start: doc.positionAt(a.start), end: doc.positionAt(a.end) }, newText: text };
}
