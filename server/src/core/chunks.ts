import { lineRanges, snapToCodePoint } from './offsets';

// Documents are analysed chunk by chunk so that an edit re-analyses only the chunk it touches.
// A chunk is a line (\n, \r\n or a lone \r ends one); very long lines (a 10 MB file with no
// newline) are cut at sentence ends, or hard-cut where there is none, so no single call to the segmenter grows without bound.

export interface Chunk {
  start: number;
  text: string;
}

const MAX_CHUNK = 2000;
const SENTENCE_END = /[。！？!?；;]/g;

export function splitChunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (const line of lineRanges(text)) if (line.end > line.start) pushLine(text, line.start, line.end, out);
  return out;
}

function pushLine(text: string, start: number, end: number, out: Chunk[]): void {
  let s = start;
  while (end - s > MAX_CHUNK) {
    const window = text.slice(s, s + MAX_CHUNK);
    let cut = -1;
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(window); m; m = SENTENCE_END.exec(window)) cut = m.index + 1;
    if (cut < MAX_CHUNK / 4) cut = MAX_CHUNK;
    // Never cut a surrogate pair in two.
    cut = snapToCodePoint(text, s + cut) - s;
    out.push({ start: s, text: text.slice(s, s + cut) });
    s += cut;
  }
  if (end > s) out.push({ start: s, text: text.slice(s, end) });
}
