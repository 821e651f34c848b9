import * as fs from 'fs';

// How a character behaves in jieba's dictionary: of the dictionary words containing it, what share
// are person names (nr), transliterated names (nrt), places (ns), organizations (nt), as first or
// later character. This generalises beyond listed words: a given-name character such as 雁 or 琦
// scores high for nr even inside a name no list contains.

/** Dictionary tag groups profiled, in code order. */
const GROUPS: Record<string, number> = { nr: 0, nrfg: 0, nrt: 1, ns: 2, nt: 3 };
export const PROFILE_GROUPS = 4;
/** Codes per character: group × (first character, later character). */
export const PROFILE_WIDTH = PROFILE_GROUPS * 2;

export interface CharProfiles {
  /** The profiled characters (BMP only), one UTF-16 unit each. */
  chars: string;
  /** codes[i * PROFILE_WIDTH + group * 2 + (first ? 0 : 1)]: a 0–5 share bucket. */
  codes: Uint8Array;
}

/** Bucket of a share: 0 never, then <2 %, <8 %, <25 %, <50 %, ≥50 %. */
function bucket(count: number, total: number): number {
  if (count === 0) return 0;
  const r = count / (total + 2);
  return r < 0.02 ? 1 : r < 0.08 ? 2 : r < 0.25 ? 3 : r < 0.5 ? 4 : 5;
}

/** Profiles from jieba's dictionary file. */
export function readCharProfiles(dictPath: string): CharProfiles {
  return charProfilesOf(fs.readFileSync(dictPath, 'utf8'));
}

/** Profiles of every character appearing in a group word of a dictionary ("word freq tag" lines). */
export function charProfilesOf(dictionary: string): CharProfiles {
  const totals = new Uint32Array(0x10000);
  const counts = new Uint32Array(0x10000 * PROFILE_WIDTH);
  for (const line of dictionary.split('\n')) {
    const [word, , tag] = line.trim().split(/\s+/);
    if (!word || !tag) continue;
    const group = GROUPS[tag];
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      totals[c]++;
      if (group !== undefined && word.length > 1) counts[c * PROFILE_WIDTH + group * 2 + (i === 0 ? 0 : 1)]++;
    }
  }
  const chars: string[] = [];
  const codes: number[] = [];
  for (let c = 0; c < 0x10000; c++) {
    let any = false;
    for (let k = 0; k < PROFILE_WIDTH; k++) if (counts[c * PROFILE_WIDTH + k] > 0) any = true;
    if (!any) continue;
    chars.push(String.fromCharCode(c));
    for (let k = 0; k < PROFILE_WIDTH; k++) codes.push(bucket(counts[c * PROFILE_WIDTH + k], totals[c]));
  }
  return { chars: chars.join(''), codes: Uint8Array.from(codes) };
}

/** Packed profile lookup by UTF-16 code unit. */
export class CharProfileTable {
  /** For each code unit, its codes packed 3 bits each (8 codes → 24 bits); 0 when unprofiled. */
  private readonly packed = new Int32Array(0x10000);

  constructor(p: CharProfiles) {
    for (let i = 0; i < p.chars.length; i++) {
      let v = 0;
      for (let k = 0; k < PROFILE_WIDTH; k++) v |= p.codes[i * PROFILE_WIDTH + k] << (3 * k);
      this.packed[p.chars.charCodeAt(i)] = v;
    }
  }

  /** All codes of a code unit, packed (see above); 0 for out-of-range values such as padding. */
  packedOf(c: number): number {
    return c >= 0 && c < 0x10000 ? this.packed[c] : 0;
  }
}

/** Codes of one group from a packed value: first-character bucket × 8 + later-character bucket. */
export function groupCode(packed: number, group: number): number {
  return (packed >>> (6 * group)) & 63;
}
