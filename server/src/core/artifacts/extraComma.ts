import type { Artifact } from './types';

// `命令,,防控` / `責任,。`: the crawler put an ASCII comma directly before `，。、；` (after NFKC
// the first and last of these are ASCII too). A comma before a comma or a full stop is never
// Chinese punctuation, but `a,,b` and `x,;y` are legitimate in ASCII data (CSV, code), so a pair
// of ASCII marks counts only with Chinese text on one side.

const CANDIDATE = /,(?=[,;，。、；])/g;

export function detectExtraCommas(text: string): Artifact[] {
  if (text.indexOf(',') < 0) return [];
  const out: Artifact[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m; (m = CANDIDATE.exec(text)); ) {
    const i = m.index;
    const next = text[i + 1];
    // A run of three or more commas is deliberate (or not this crawler's doing): leave it.
    if ((i > 0 && text[i - 1] === ',') || (next === ',' && text[i + 2] === ',')) continue;
    if (next === ',' || next === ';') {
      const before = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      const after = i + 2 < text.length ? text.charCodeAt(i + 2) : 0x20;
      if (!(before > 0x7f && before !== 0xfffd) && !(after > 0x7f && after !== 0xfffd)) continue;
    }
    out.push({
      kind: 'extra_comma',
      start: i,
      end: i + 1,
      candidates: [''],
      autoFix: true,
      explanation: `A comma was injected directly before "${next}"; Chinese never puts a comma there, so it is deleted.`,
      detail: { before: next },
    });
  }
  return out;
}
