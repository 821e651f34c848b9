import { ENTITY_TYPES, EntityType, NUM_TAGS, Part, TAG_O, tagOf, tagPart, tagType } from './labels';

/** An entity span in a sentence; offsets are UTF-16, end exclusive. T is the type vocabulary. */
export interface Span<T extends string = EntityType> {
  start: number;
  end: number;
  type: T;
}

export interface TaggedSentence<T extends string = EntityType> {
  text: string;
  spans: Span<T>[];
}

/**
 * Maps a corpus type name to ours. Accepts MSRA/People's Daily names, Weibo's `PER.NAM` style
 * (nominal `.NOM` mentions are not names), GPE as location, and jieba-style nr/ns/nt.
 */
export function defaultTypeMap(raw: string): EntityType | undefined {
  const [name, kind] = raw.toUpperCase().split('.');
  if (kind === 'NOM') return undefined;
  switch (name) {
    case 'PER':
    case 'PERSON':
    case 'NR':
      return 'PER';
    case 'LOC':
    case 'LOCATION':
    case 'GPE':
    case 'NS':
      return 'LOC';
    case 'ORG':
    case 'ORGANIZATION':
    case 'NT':
      return 'ORG';
    default:
      return undefined;
  }
}

/**
 * Reads a one-character-per-line tagged file: the character (optionally followed by other
 * characters such as Weibo's segment digit), a space or tab, and a BIO / BIOES / BMES tag; a blank
 * line between sentences. Spans follow conlleval's lenient reading: an I/M/E that does not continue
 * an open span of its type starts a new one.
 */
export function parseTaggedText(content: string): TaggedSentence[];
export function parseTaggedText<T extends string>(content: string, mapType: (raw: string) => T | undefined): TaggedSentence<T>[];
export function parseTaggedText(content: string, mapType: (raw: string) => string | undefined = defaultTypeMap): TaggedSentence<string>[] {
  const out: TaggedSentence<string>[] = [];
  let chars: string[] = [];
  let spans: Span<string>[] = [];
  let pos = 0;
  let open: { start: number; type: string } | undefined;
  const close = (end: number) => {
    if (open) spans.push({ start: open.start, end, type: open.type });
    open = undefined;
  };
  const flush = () => {
    close(pos);
    if (chars.length > 0) out.push({ text: chars.join(''), spans });
    chars = [];
    spans = [];
    pos = 0;
  };
  for (const rawLine of content.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    const m = /^(\S+)[ \t]+(\S+)\s*$/u.exec(line) ?? /^([ \t\u3000])[ \t]+(\S+)\s*$/u.exec(line);
    if (!m) continue;
    const ch = String.fromCodePoint(m[1].codePointAt(0)!);
    const tag = m[2];
    const dash = tag.search(/[-_]/);
    const prefix = dash < 0 ? tag.toUpperCase() : tag.slice(0, dash).toUpperCase();
    const type = dash < 0 ? undefined : mapType(tag.slice(dash + 1));
    const start = pos;
    pos += ch.length;
    chars.push(ch);
    if (prefix === 'O' || type === undefined) {
      close(start);
      continue;
    }
    const continues = open !== undefined && open.type === type;
    if (prefix === 'B') {
      close(start);
      open = { start, type };
    } else if (prefix === 'S') {
      close(start);
      spans.push({ start, end: pos, type });
    } else if (prefix === 'I' || prefix === 'M') {
      if (!continues) {
        close(start);
        open = { start, type };
      }
    } else if (prefix === 'E') {
      if (!continues) {
        close(start);
        open = { start, type };
      }
      close(pos);
    } else {
      close(start);
    }
  }
  flush();
  return out;
}

/** BIOES tag indices (see labels.ts) for a text of `length` code units with the given spans. */
export function spansToTags(length: number, spans: readonly Span[]): Uint8Array {
  const tags = new Uint8Array(length);
  for (const s of spans) {
    const t = ENTITY_TYPES.indexOf(s.type);
    if (s.end - s.start === 1) {
      tags[s.start] = tagOf(t, Part.S);
      continue;
    }
    tags[s.start] = tagOf(t, Part.B);
    for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = tagOf(t, Part.I);
    tags[s.end - 1] = tagOf(t, Part.E);
  }
  return tags;
}

/** Spans of a BIOES tag sequence; ill-formed runs are read leniently, as in parseTaggedText. */
export function tagsToSpans(tags: ArrayLike<number>): Span[] {
  const spans: Span[] = [];
  let openStart = -1;
  let openType = -1;
  const close = (end: number) => {
    if (openStart >= 0) spans.push({ start: openStart, end, type: ENTITY_TYPES[openType] });
    openStart = -1;
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (tag === TAG_O || tag >= NUM_TAGS) {
      close(i);
      continue;
    }
    const type = tagType(tag);
    const part = tagPart(tag);
    const continues = openStart >= 0 && openType === type;
    if (part === Part.B || part === Part.S || !continues) {
      close(i);
      openStart = i;
      openType = type;
    }
    if (part === Part.E || part === Part.S) close(i + 1);
  }
  close(tags.length);
  return spans;
}
