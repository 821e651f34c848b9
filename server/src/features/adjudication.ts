// AdjudicationRequest: two annotators' sidecars decided into the open article's own annotations.
import { type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnnotationService } from '../core/annotations/service';
import { hashText, parseSidecar } from '../core/annotations/sidecar';
import { adjudicateInStore } from '../core/annotations/storeAdjudication';
import { readRegularFile } from '../core/io/safeFiles';
import { AdjudicationParams, AdjudicationRequest, AdjudicationResult, AnnotationsChangedNotification } from '../protocol';

type Guard = <T>(name: string, fallback: T, fn: () => T) => T;

export function registerAdjudication(connection: Connection, documents: TextDocuments<TextDocument>, annotations: AnnotationService, guard: Guard): void {
  connection.onRequest(AdjudicationRequest.method, (p: AdjudicationParams): AdjudicationResult => {
    const fail = (message: string): AdjudicationResult => ({ ok: false, message, agreed: 0, disagreements: 0, decided: 0, pending: [], conflicts: [] });
    return guard('adjudication', fail('Adjudication failed; see the output log.'), () => {
      const doc = documents.get(p.uri);
      const store = annotations.store(p.uri);
      if (!doc || !store) return fail('Open the article first.');
      const text = doc.getText();
      annotations.sync(p.uri, text);
      const sides = [];
      for (const file of [p.a, p.b]) {
        let side;
        try {
          side = parseSidecar(readRegularFile(file).toString('utf8'));
        } catch (err) {
          return fail(`${file}: ${(err as Error).message}`);
        }
        // Offsets only mean something against the text they were made on.
        if (side.textHash !== hashText(text)) return fail(`${file} was made for another version of this article (its text hash differs).`);
        if (side.offsets !== 'codepoint') return fail(`${file}: only code-point sidecars can be adjudicated.`);
        sides.push(side.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.text })));
      }
      const choice = p.choice && { start: doc.offsetAt(p.choice.range.start), end: doc.offsetAt(p.choice.range.end), choice: p.choice.choice };
      let r;
      try {
        r = adjudicateInStore(store, text, sides[0], sides[1], choice);
      } catch (err) {
        return fail((err as Error).message);
      }
      let message = r.chosen ? `${r.chosen[0].toUpperCase()}${r.chosen.slice(1)}.` : `${r.agreed} agreed span(s) taken; ${r.decided} of ${r.disagreements} disagreement(s) decided.`;
      try {
        const file = annotations.save(p.uri, text);
        if (file) message += ` Saved to ${file}.`;
      } catch (err) {
        return { ...fail(`The annotation file could not be written (${(err as Error).message}); the decisions are kept until the editor closes unless a later save succeeds.`), ...r, ok: false, pending: [] };
      }
      void connection.languages.semanticTokens.refresh().catch(() => undefined);
      void connection.sendNotification(AnnotationsChangedNotification.method, { uri: p.uri });
      return {
        ok: true,
        message,
        agreed: r.agreed,
        disagreements: r.disagreements,
        decided: r.decided,
        pending: r.pending.map((d) => ({ range: { start: doc.positionAt(d.start), end: doc.positionAt(d.end) }, a: d.a, b: d.b })),
        conflicts: r.conflicts,
      };
    });
  });
}
