import type { Span, TaggedSentence } from './bio';
import type { EntityType } from './labels';

/** CLUENER2020 fine-grained types that are names in our sense; the rest (position, book, game, movie, scene) are not entities. */
const CLUENER_TYPES: Record<string, EntityType> = {
  name: 'PER',
  address: 'LOC',
  organization: 'ORG',
  government: 'ORG',
  company: 'ORG',
};

export interface CluenerOptions {
  /** Leave out the first `skip` texts (kept unseen for evaluation). */
  skip?: number;
  /** Leave out every text with a mention of one of these kinds (conventions that differ from MSRA's). */
  without?: readonly string[];
}

interface CluenerRecord {
  text: string;
  label?: Record<string, Record<string, [number, number][]>>;
}

/**
 * Reads CLUENER's train.json: a sequence of (pretty-printed) JSON objects
 * `{"text", "label": {type: {mention: [[start, endInclusive], …]}}}`. Offsets are code points in
 * the original; they are converted to UTF-16. Overlapping spans keep the earlier-starting one.
 */
export function parseCluener(content: string, opts: CluenerOptions = {}): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let n = 0;
  for (const record of jsonObjects(content)) {
    const r = record as CluenerRecord;
    if (typeof r.text !== 'string') continue;
    if (n++ < (opts.skip ?? 0)) continue;
    if (opts.without?.some((kind) => kind in (r.label ?? {}))) continue;
    const u16 = codePointToUtf16(r.text);
    const spans: Span[] = [];
    for (const [kind, mentions] of Object.entries(r.label ?? {})) {
      const type = CLUENER_TYPES[kind];
      if (!type) continue;
      for (const ranges of Object.values(mentions)) {
        for (const [s, e] of ranges) if (e + 1 < u16.length && s <= e) spans.push({ start: u16[s], end: u16[e + 1], type });
      }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: Span[] = [];
    for (const s of spans) if (kept.length === 0 || s.start >= kept[kept.length - 1].end) kept.push(s);
    out.push({ text: r.text, spans: kept });
  }
  return out;
}

/** UTF-16 offset of every code-point offset 0..length. */
function codePointToUtf16(text: string): number[] {
  const out: number[] = [];
  let u = 0;
  for (const ch of text) {
    out.push(u);
    u += ch.length;
  }
  out.push(u);
  return out;
}

/** Top-level JSON objects of a concatenated stream (JSON Lines or pretty-printed). */
function* jsonObjects(content: string): Generator<unknown> {
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) {
      yield JSON.parse(content.slice(start, i + 1));
    }
  }
}
