// Character-per-line BIO ("char\tTAG"), the layout of the common Chinese NER corpora (MSRA,
// People's Daily). One line per code point, so 𠀀 or an emoji is one line, never two halves.
// Sentences end after 。！？ (plus any closing quotes/brackets right after them) and at line
// breaks; whitespace is not written. No offsets appear, so ExportOptions.offsets is irrelevant.
// Overlapping spans cannot be expressed in BIO: the earlier (then longer) span wins and the
// other is left out. An entity cut by a sentence break starts again with B- in the next sentence.
import { selectSpans, tagOf } from './common';
import { EXPORT_TAGS } from './labels';
import type { ExportDocument, ExportFile, ExportOptions } from './types';

export const CONLL_FILE_NAME = 'annotations.conll';

const SENTENCE_END = new Set(['。', '！', '？']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', '〕', '】']);
const WHITESPACE = /^\s$/u;

/** BIO lines of one document, as sentences of "char\tTAG" lines. */
export function bioSentences(doc: ExportDocument, opts: ExportOptions): string[][] {
  const owner = new Int32Array(doc.text.length).fill(-1);
  const spans = selectSpans(doc, opts);
  const tags: string[] = [];
  spans.forEach((s) => {
    for (let i = s.start; i < s.end; i++) if (owner[i] >= 0) return;
    const k = tags.push(tagOf(s)) - 1;
    owner.fill(k, s.start, s.end);
  });

  const sentences: string[][] = [];
  let current: string[] = [];
  let prev = -1;
  let pendingEnd = false;
  const close = (): void => {
    if (current.length) sentences.push(current);
    current = [];
    prev = -1;
    pendingEnd = false;
  };
  const text = doc.text;
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const at = i;
    i += ch.length;
    if (ch === '\n' || ch === '\r') {
      close();
      continue;
    }
    if (WHITESPACE.test(ch)) continue;
    if (pendingEnd && !CLOSERS.has(ch)) close();
    const o = owner[at];
    const tag = o < 0 ? 'O' : `${o === prev ? 'I' : 'B'}-${tags[o]}`;
    prev = o;
    current.push(`${ch}\t${tag}`);
    if (SENTENCE_END.has(ch)) pendingEnd = true;
  }
  close();
  return sentences;
}

export function exportConll(docs: ExportDocument[], opts: ExportOptions): ExportFile[] {
  const all = docs.flatMap((d) => bioSentences(d, opts));
  return [{ name: CONLL_FILE_NAME, content: all.map((s) => s.join('\n') + '\n').join('\n') }];
}

export interface BioEntity {
  /** Character (code point) index in the sentence, inclusive. */
  start: number;
  /** Exclusive. */
  end: number;
  tag: string;
}

export interface BioSentence {
  chars: string[];
  tags: string[];
  entities: BioEntity[];
}

export class BioFormatError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'BioFormatError';
  }
}

/**
 * Strict reader for char-per-line BIO: every non-blank line is exactly one non-whitespace code
 * point, a tab, and O / B-TAG / I-TAG with TAG among EXPORT_TAGS; I-TAG must continue a B-TAG or
 * I-TAG of the same type in the same sentence. Anything else throws BioFormatError.
 */
export function readBioStrict(content: string, knownTags: readonly string[] = EXPORT_TAGS): BioSentence[] {
  const known = new Set(knownTags);
  const out: BioSentence[] = [];
  let cur: BioSentence = { chars: [], tags: [], entities: [] };
  let prevType: string | undefined;
  const flush = (): void => {
    if (cur.chars.length) out.push(cur);
    cur = { chars: [], tags: [], entities: [] };
    prevType = undefined;
  };
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return flush();
    const cols = line.split('\t');
    if (cols.length !== 2) throw new BioFormatError(n, `expected "char<TAB>tag", got ${JSON.stringify(line)}`);
    const [ch, tag] = cols;
    if (Array.from(ch).length !== 1 || WHITESPACE.test(ch)) throw new BioFormatError(n, `expected one non-whitespace character, got ${JSON.stringify(ch)}`);
    let type: string | undefined;
    if (tag !== 'O') {
      const m = /^([BI])-(.+)$/.exec(tag);
      if (!m) throw new BioFormatError(n, `malformed tag ${JSON.stringify(tag)}`);
      if (!known.has(m[2])) throw new BioFormatError(n, `unknown tag type ${JSON.stringify(m[2])}`);
      type = m[2];
      const idx = cur.chars.length;
      if (m[1] === 'I') {
        if (prevType !== type) throw new BioFormatError(n, `${tag} does not continue a ${type} entity`);
        cur.entities[cur.entities.length - 1].end = idx + 1;
      } else {
        cur.entities.push({ start: idx, end: idx + 1, tag: type });
      }
    }
    cur.chars.push(ch);
    cur.tags.push(tag);
    prevType = type;
  });
  flush();
  return out;
}
