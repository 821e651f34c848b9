import { PINYIN_LETTERS } from './readings';
import type { Artifact } from './types';

// `命令,,防控` / `責任,。`: the crawler put an ASCII comma directly before `，。、；` (after NFKC
// the first and last of these are ASCII too). A comma before a comma or a full stop is never
// Chinese punctuation, but `a,,b` and `x,;y` are legitimate in ASCII data (CSV, code), so a pair
// of ASCII marks counts only with Chinese text on one side. A Latin word, a number or a pinyin
// annotation between the pair and the Chinese text (`B,,Blair說`, `題,,2009年`, `稱(chèng),,`) does
// not make it ASCII data, nor does a list of such words whose full-width commas NFKC made ASCII
// (`SPL，MSL，，OSL` came out as `SPL,MSL,,OSL`).

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
      if (!chineseBeside(text, i, -1) && !chineseBeside(text, i + 1, 1)) continue;
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

/**
 * ASCII next to a mark other than commas and spaces: Latin words, numbers, brackets, `$`, `%`, a
 * pinyin annotation just before it (whole, or `?pinyin)` when its `(` was swallowed by a broken
 * byte). What lies past them decides.
 */
const WORD_BEFORE = new RegExp(`(?:[(?]?[${PINYIN_LETTERS}]{1,7}\\)|[\\x21-\\x2b\\x2d-\\x7e]{1,40})$`);
const WORD_AFTER = /^[\x21-\x2b\x2d-\x7e]{1,40}/;
/** Words without `;` (a Chinese semicolon after NFKC) joined by single commas, maybe with one at the Chinese end. */
const LIST_WORD = '[\\x21-\\x2b\\x2d-\\x3a\\x3c-\\x7e]{1,40}';
const LIST_BEFORE = new RegExp(`,?(?:${LIST_WORD},){0,8}${LIST_WORD}$`);
const LIST_AFTER = new RegExp(`^(?:${LIST_WORD},){0,8}${LIST_WORD},?`);

/** Whether the first character past the ASCII words on one side of offset `at` is Chinese. */
function chineseBeside(text: string, at: number, dir: -1 | 1): boolean {
  return isChineseAt(text, pastWords(text, at, dir, dir < 0 ? WORD_BEFORE : WORD_AFTER)) || isChineseAt(text, pastWords(text, at, dir, dir < 0 ? LIST_BEFORE : LIST_AFTER));
}

/** The offset of the first character past what `words` matches on one side of `at`. */
function pastWords(text: string, at: number, dir: -1 | 1, words: RegExp): number {
  if (dir < 0) {
    const m = words.exec(text.slice(Math.max(0, at - 200), at));
    return at - 1 - (m ? m[0].length : 0);
  }
  const m = words.exec(text.slice(at + 1, at + 201));
  return at + 1 + (m ? m[0].length : 0);
}

function isChineseAt(text: string, j: number): boolean {
  if (j < 0 || j >= text.length) return false;
  const c = text.charCodeAt(j);
  return c > 0x7f && c !== 0xfffd;
}
