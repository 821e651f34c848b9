import type { Hover, HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from '../analysisService';
import { NO_DECISIONS, type Decisions } from './decisionsView';
import { formatNormalized } from '../core/entities';
import { artifactCard, buildHoverCard } from '../core/hoverCard';
import { readPinyin } from '../core/pinyin';
import { toSimplifiedText } from '../core/simplify';

export function provideHover(service: AnalysisService, doc: TextDocument, p: HoverParams, decisions: Decisions = NO_DECISIONS): Hover | null {
  const state = service.get(doc);
  if (!state) return null;
  const offset = doc.offsetAt(p.position);
  const artifact = service.artifacts(doc).find((a) => offset >= a.start && offset < a.end);
  if (artifact) {
    return {
      contents: { kind: 'markdown', value: artifactCard(artifact, doc.getText().slice(artifact.start, artifact.end)) },
      range: { start: doc.positionAt(artifact.start), end: doc.positionAt(artifact.end) },
    };
  }
  const entities = decisions.effective(doc.uri, state.analysis.entities);
  const text = state.analysis.text;
  const entity = entities.find((e) => offset >= e.start && offset < e.end);
  let start: number;
  let end: number;
  let simplified: string;
  if (entity) {
    ({ start, end } = entity);
    simplified = entity.simplified ?? toSimplifiedText(entity.text);
  } else {
    const word = service.analyzer.wordAt(text, offset);
    if (!word) return null;
    ({ start, end, simplified } = word);
  }
  const mentions = entity
    ? entities.filter((e) => e.label === entity.label && (e.simplified ?? e.text) === simplified).length
    : undefined;
  const cedict = service.resources.cedict();
  const markdown = buildHoverCard(
    { original: text.slice(start, end), simplified, entity, mentions, normalized: entity ? formatNormalized(entity) : undefined },
    {
      pinyin: (s) => readPinyin(s, entity?.label === 'person'),
      lookup: (w) => cedict?.lookup(w) ?? [],
      edition: cedict?.edition,
    },
  );
  if (!markdown) return null;
  return { contents: { kind: 'markdown', value: markdown }, range: { start: doc.positionAt(start), end: doc.positionAt(end) } };
}
