// What the core AnnotationService needs from the server: automatic entities from the analysis
// service (open documents at their current version, closed articles analysed from their text),
// learning through the same service, and the editor's text of open documents.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { AnalysisService } from './analysisService';
import type { AnnotationHost, Reporter } from './core/annotations';

export function annotationHost(documents: TextDocuments<TextDocument>, service: AnalysisService, reporter: Reporter, log: (m: string) => void): AnnotationHost {
  const docOf = (uri: string, text: string): TextDocument => {
    const open = documents.get(uri);
    if (open && open.getText() === text) return open;
    // A closed article: served on the same terms as if it were opened (its language from its extension).
    return TextDocument.create(uri, /\.article$/i.test(uri) ? 'zh-article' : 'plaintext', 0, text);
  };
  return {
    automatic(uri, text) {
      const doc = docOf(uri, text);
      if (documents.get(uri) === doc) return service.get(doc)?.analysis.entities ?? [];
      const served = service.servedState(doc) === 'served';
      // Nothing of a closed article stays cached: the editor never asks about it by version.
      service.forget(uri);
      if (!served) return [];
      return service.analyzer.analyzeDocument(text, service.referenceDate()).entities;
    },
    learn(uri, text, offset, effective, automatic) {
      const c = service.learnFromDecision({ uri, getText: () => text }, offset, effective, automatic);
      return c ? `learned from "${c.text.length > 24 ? `${c.text.slice(0, 24)}…` : c.text}"` : undefined;
    },
    customLabels: () => service.settings.labels,
    openText: (uri) => documents.get(uri)?.getText(),
    reporter,
    log,
  };
}
