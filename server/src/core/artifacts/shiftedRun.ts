import { append, chainLength, chainOf, fromEnd, toArray, type Chain } from './chain';
import { CharModel, charModel, type CharScorer } from './charModel';
import { decodePair, encodeChar, inGb2312, isPrivateUse } from './gbk';
import { hasToneMark, isReadingOf, PINYIN_LETTERS, readingsOfAll } from './readings';
import { UNUSUAL_VARIANTS } from './variantForms';
import { toSimplified, toTraditional } from './wordList';

// Undoes one shifted stretch of GBK decoding. After the pinyin pass split a character, the
// decoder read every following character one byte late: each decoded character is (trail byte
// of one original character, lead byte of the next), until a byte below 0x80 brought it back in
// step. Walking the damaged characters, the lead byte left over ("pending") and the first byte of
// the next decoded character form an original character, so the run is determined except where
// information was lost: a pair that decoded to nothing (a user-defined pair, deleted: two bytes
// gone), a `?` (an invalid pair: one byte and the swallowed byte after it unknown) and ASCII that
// NFKC may have made of a full-width form. Those choices are searched with a beam ranked by the
// character language model, over any length of run.

const PY = new RegExp(`^([${PINYIN_LETTERS}]{1,7})\\)`);
const ANNOTATION_ANYWHERE = new RegExp(`\\([${PINYIN_LETTERS}]{1,7}\\)`, 'g');
/** What the model never sees: reading annotations, and a comma the converter put before `，。、；`. */
const ANNOTATION_OR_INJECTED_COMMA = new RegExp(`${ANNOTATION_ANYWHERE.source}|,(?=[,;，。、；])`, 'g');
const ANNOTATION_AFTER = new RegExp(`^\\(([${PINYIN_LETTERS}]{1,7})\\)`);
/**
 * States kept per position. At 12 the beam filled with one context read several ways (著者力求接近 /
 * 著名高力求接近 / 诌力求接近) and 毛澤東 fell off it. eval:repair --whole, exact / silently wrong:
 * msra_dev (--bio) seeds 1–30 839/41 → 845/36 at 18, the same at 24; CLUENER seeds 1–60 and 61–120
 * unchanged (1,691/38, 1,704/23). Affordable once the deleted-pair searches were remembered by
 * context (inContext) and states stopped copying their arrays (chain.ts).
 */
const BEAM = 18;
/** A shifted run never lasts longer than a line; this bounds work on pathological input. */
const MAX_RUN = 600;
/**
 * Below this log10 probability a character read straight through may hide a deleted pair. A
 * likely one can hide one too: 深 (C9 EE) reads well after 人們 where 生活 (C9 FA, BB EE) lost the
 * user-defined pair FA BB, and only the characters after show it. Articles of msra_dev's sentences
 * (full-width digits, People's Daily prose), exact / silently wrong: of 900 articles of 20
 * sentences, -3.6 → 871/20, -2.5 → 873/18, -1.5 → 874/17, -0.5 the same; `eval:repair --whole
 * --bio …/msra_dev_bio.txt` seeds 1–30: -3.6 → 835/44, -1.5 → 839/41. CLUENER seeds 1–60 and
 * 61–120 unchanged (1,691/38, 1,704/23); the evaluation ran 7% slower.
 */
const SUSPICIOUS = -1.5;
/** Middle characters of two deleted pairs are kept only above this log10 probability alone. */
const KNOWN_MIDDLE = -4.6;
/**
 * Priors (log10) of the lossy events, against reading straight through. A deleted pair is cheap:
 * a shifted run meets user-defined byte pairs often and the decoder drops each, and at 1.0 a
 * reading with one character fewer often won (一名神族 → 一民族). eval:repair --whole,
 * 30 articles per seed, exact / silently wrong: seeds 1–60 1,647 / 62 at 1.0, 1,652 / 61 at 0.6,
 * 1,651 / 56 at 0.3; seeds 61–120 (checked after) 1,646 / 75, 1,650 / 72, 1,653 / 66. With the
 * beam of 18 and the character after ranking the pairs (2026-11-28), msra_dev (--bio) seeds 1–30:
 * 851 / 27 at 0.3, 851 / 24 at 0.15, 851 / 29 at 0; CLUENER seeds 1–60 and 61–120 the same at 0.15
 * as at 0.3. The decoder deletes every user-defined pair it meets, so the cost only offsets the
 * model's preference for a reading with a character fewer.
 */
const VANISH_COST = 0.15;
// '' (nothing swallowed) is offered only where the text ends: a lone lead byte at the end of the input
// explains the `?` by itself, while a swallowed line break would add one the text may never have had.
const SWALLOW_COST: Record<string, number> = { '\n': 0.3, '': 0, '\r': 1.5 };
const OTHER_SWALLOW_COST = 1.5;
/** Bytes below 0x40 the decoder could have swallowed after an orphan lead byte (besides `(`); `?` is what the encoder wrote for a character GBK lacks. */
const SWALLOWABLE = ['\n', '\r', ',', '?', ' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '%', '-', '/', ':', '+'];
const SCORE_RIGHT = 6;
/** Deleted-pair explanations kept per step (the model ranks them first). */
const VANISH_OPTIONS = 6;

export interface RunEvent {
  type: 'pick' | 'vanished' | 'swallowed' | 'inside';
  py?: string;
  pair: [number, number];
  pairChar?: string;
  /** Byte offset in `bytes` of the second byte of the pair. */
  at: number;
}

export interface RunCandidate {
  /** Original characters from the damage start on (the prefix character excluded). */
  text: string;
  /** Offset in the damaged text where the repaired span ends. */
  end: number;
  score: number;
  /** Original bytes, prefix character first. */
  bytes: number[];
  events: RunEvent[];
}

interface State {
  pos: number;
  /** Lead byte waiting for its trail; -1 once decoding is back in step. */
  pending: number;
  chars: Chain<string> | undefined;
  bytes: Chain<number> | undefined;
  events: Chain<RunEvent> | undefined;
  score: number;
  a?: number;
  b?: number;
  /** Listed characters lie outside GB2312 (the converter's list), unless that finds nothing. */
  outside: boolean;
  /** The line is written in traditional characters: a simplified-only one is unlikely in it. */
  traditional: boolean;
  /** Log probability the last character added, and the context before a comma (undone when it proves injected). */
  lastLp?: number;
  beforeComma?: [number | undefined, number | undefined];
}

export interface RunStart {
  /** Offset just after the first `?pinyin)`. */
  pos: number;
  pending: number;
  bytes: number[];
  events: RunEvent[];
  /** Clean text before the damage (prefix character included) as LM context. */
  left: string;
}

const simpleCache = new Map<string, number>();
function simpleCode(ch: string): number {
  let c = simpleCache.get(ch);
  if (c === undefined) {
    // The model was trained on NFKC text, like the articles it ranks.
    c = (ch.length === 1 && ch.charCodeAt(0) < 0x80 ? ch : toSimplified(ch.normalize('NFKC'))).codePointAt(0)!;
    if (simpleCache.size > 50000) simpleCache.clear();
    simpleCache.set(ch, c);
  }
  return c;
}

const FLAT: CharScorer = { logProb: () => -4 };

/** A trigram's log10 probability is never taken below its bigram's by more than this, nor the bigram below the unigram's by more (see scorer). */
const BACKOFF_FLOOR = 1.5;
let bounded: { model: CharScorer; scorer: CharScorer } | undefined;

/**
 * The character model with its back-off bounded: after a frequent context the discounted mass
 * left for unseen continuations is tiny (意。也 scores -9.6 against 赦。也 at -7.1), so a rare
 * character that happens to reach a seen trigram beat the common word whose next trigram was
 * not in 2 M characters of training text.
 */
function scorer(): CharScorer {
  const model = charModel();
  if (!model) return FLAT;
  if (bounded?.model !== model) {
    bounded = {
      model,
      scorer: model instanceof CharModel ? model.bounded(BACKOFF_FLOOR) : {
        logProb(c, b, a) {
          const p3 = model.logProb(c, b, a);
          if (b === undefined) return p3;
          const p2 = a === undefined ? p3 : model.logProb(c, b);
          const p1 = model.logProb(c);
          return Math.max(p3, p2 - BACKOFF_FLOOR, p1 - 2 * BACKOFF_FLOOR);
        },
      },
    };
  }
  return bounded.scorer;
}

/** A test of one character, remembered: the conversions behind these tests cost more than the lookup. */
function perChar(test: (ch: string) => boolean): (ch: string) => boolean {
  const memo = new Map<string, boolean>();
  return (ch) => {
    let hit = memo.get(ch);
    if (hit === undefined) {
      hit = test(ch);
      if (memo.size > 50000) memo.clear();
      memo.set(ch, hit);
    }
    return hit;
  };
}

/** A simplified form with a different traditional one (国, not 后's twin 後 alone decides: 后 is both). */
const simplifiedOnly = perChar((ch) => /\p{Script=Han}/u.test(ch) && toTraditional(ch) !== ch);

/**
 * Whether a stretch of text is traditional: more traditional-only than simplified-only
 * characters, shifted runs (`?pinyin)` up to the next ASCII byte, random characters) left out.
 */
export function isTraditionalText(text: string): boolean {
  const clean = text.replace(SHIFTED_STRETCH, '');
  let trad = 0;
  let simp = 0;
  for (const ch of clean) {
    if (ch.charCodeAt(0) < 0x2e80) continue;
    if (toSimplified(ch) !== ch) trad++;
    else if (simplifiedOnly(ch)) simp++;
  }
  return trad > simp;
}
// Up to a mark that ends a phrase: letters, digits and dots may be forms NFKC narrowed (⒑ is `10.`).
const SHIFTED_STRETCH = new RegExp(`[?\\uFFFD][${PINYIN_LETTERS}]{1,7}\\)[^ ,;:!?()、。“”《》]*`, 'g');

/**
 * Prior (log10) against an original character NFKC changes other than the full-width marks
 * Chinese text is written with: the model, trained on NFKC text, sees `１` or `⒑` as the common
 * `1` or `10.`, so a run read on through aligned text (、海釣 as 10..9) looked cheap.
 */
const COMPAT_FORM_COST = 1.0;
const USUAL_FULL_WIDTH = new Set(['，', '；', '：', '（', '）', '？', '！', '\u3000']);
/** A character NFKC turns into several (⑿ → `(12)`, ㈱ → `(株)`). */
const expands = perChar((ch) => ch.charCodeAt(0) >= 0x80 && Array.from(ch.normalize('NFKC')).length > 1);
const rareCompatForm = perChar((ch) => ch.charCodeAt(0) >= 0x80 && !USUAL_FULL_WIDTH.has(ch) && ch.normalize('NFKC') !== ch);

/** Prior (log10) against a variant form the usual one would be written for (variantForms.ts). */
const VARIANT_COST = 1.0;

const COMMA = 0x2c;
const LINE_BREAK = 0x0a;
const MARKS_AFTER_INJECTED = new Set([0x2c, 0x3b, 0x3001, 0x3002]);

/**
 * The priors (log10) against an original character that emit charges besides the model. In a
 * traditional line that includes how rarely traditional text writes its simplified character
 * this way (the model's forms table): a simplified-only 体, or 曏 where 向 is the usual form.
 * That table replaced two flat costs (1.5 for simplified-only, 0.5 for phrase-only forms):
 * eval:repair --whole, exact / silently wrong (a lost line break still counted as wrong then),
 * seeds 1–60 1,658 / 53 → 1,663 / 45 (the cost capped at 3: 1,663 / 53, at 2: 1,658 / 53);
 * seeds 61–120 1,673 / 30 → 1,679 / 25. A line with no characters of either script (a short one
 * whose only other characters are the damage) is not judged traditional and gets no such cost.
 */
function charPrior(s: State, ch: string, lm: CharScorer): number {
  let extra = 0;
  if (s.traditional && lm.formLogProb) extra -= lm.formLogProb(ch.codePointAt(0)!);
  if (rareCompatForm(ch)) extra += COMPAT_FORM_COST;
  if (UNUSUAL_VARIANTS.has(ch)) extra += VARIANT_COST;
  return extra;
}

/**
 * A comma right before `，。、；` was injected and goes: where the state's last character is such a
 * comma and `c` is that mark, the context to score `c` in (the characters before the comma) and
 * the comma's own score to take back, so the model scores the mark as if the comma was never there.
 */
function injectedCommaBefore(s: State, c: number): { a?: number; b?: number; undo: number } | undefined {
  if (s.b !== COMMA || !MARKS_AFTER_INJECTED.has(c) || !s.beforeComma) return undefined;
  const [a, b] = s.beforeComma;
  return { a, b, undo: s.lastLp ?? 0 };
}

function emit(s: State, ch: string, bytes: number[], lm: CharScorer, extra = 0): State {
  const c = simpleCode(ch);
  extra += charPrior(s, ch, lm);
  const base = {
    ...s,
    // The repaired text is what the original became after NFKC (a full-width comma is ASCII).
    chars: append(s.chars, ch.normalize('NFKC')),
    bytes: append(s.bytes, ...bytes),
  };
  const dropped = injectedCommaBefore(s, c);
  if (dropped) {
    return { ...base, score: s.score - dropped.undo + lm.logProb(c, dropped.b, dropped.a) - extra, a: dropped.b, b: c, lastLp: 0, beforeComma: undefined };
  }
  let next = scoredNext({ ...base, score: s.score - extra }, c, lm);
  // The model scores what NFKC makes of a character, and a compatibility form can become several:
  // ⑿ (GBK A2 row) is `(12)`, which scored as `(` alone beat 會有專 as 會(12)專.
  if (expands(ch)) for (const r of Array.from(ch.normalize('NFKC')).slice(1)) next = scoredNext(next, simpleCode(r), lm);
  return next;
}

/** The state after `c` in the context of the state's last two characters, its model score added. */
function scoredNext(s: State, c: number, lm: CharScorer): State {
  const lp = lm.logProb(c, s.b, s.a);
  return { ...s, score: s.score + lp, a: s.b, b: c, lastLp: lp, beforeComma: c === COMMA ? [s.a, s.b] : undefined };
}

/**
 * `ch` (its `bytes` here), then the user-defined pair it began deleted: the decoder dropped `pair`,
 * the trail byte of ch and the lead of the next character. The deletion's prior is charged with ch.
 */
function thenDeleted(s: State, ch: string, bytes: number[], pair: [number, number], lm: CharScorer): State {
  const t = emit(s, ch, bytes, lm, VANISH_COST);
  return { ...t, events: append(t.events, { type: 'vanished', pair, at: chainLength(t.bytes) }) };
}

let pairCodes: Int32Array | undefined;
/** simpleCode of charOf(lead, trail), by table: the deleted-pair searches ask it in their innermost loops. */
function pairCode(lead: number, trail: number): number {
  pairCodes ??= new Int32Array(0x10000);
  const i = lead * 256 + trail;
  let c = pairCodes[i];
  if (c === 0) {
    const ch = charOf(lead, trail);
    if (ch === undefined) throw new Error(`no character at ${lead.toString(16)} ${trail.toString(16)}`);
    pairCodes[i] = c = simpleCode(ch);
  }
  return c;
}

function charOf(lead: number, trail: number): string | undefined {
  const ch = decodePair(lead, trail);
  return ch && !isPrivateUse(ch.charCodeAt(0)) ? ch : undefined;
}

/** GBK byte forms a damaged character may have had: NFKC turned full-width forms into ASCII. */
export function byteForms(ch: string): number[][] {
  const forms: number[][] = [];
  const own = encodeChar(ch);
  if (own && !(own.length === 1 && own[0] === 0x3f && ch !== '?')) forms.push(own);
  for (const pair of narrowedFrom().get(ch) ?? []) forms.push(pair);
  return forms;
}

/**
 * GBK characters NFKC changes, from one scan of the table: those it turns into one other character
 * (ｍ → m, ⅰ → i, ① → 1, the ideographic space → ' '), by that character, and those it turns into
 * two or more, by the first of them.
 */
let nfkcForms: { narrowed: Map<string, number[][]>; expansions: Map<string, [string, [number, number]][]> } | undefined;
function nfkcTables(): NonNullable<typeof nfkcForms> {
  if (!nfkcForms) {
    nfkcForms = { narrowed: new Map(), expansions: new Map() };
    const { narrowed, expansions } = nfkcForms;
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        const ch = charOf(a, b);
        if (!ch) continue;
        const n = ch.normalize('NFKC');
        if (n === ch) continue;
        if (n.length === 1) (narrowed.get(n) ?? narrowed.set(n, []).get(n)!).push([a, b]);
        else if (n.length >= 2) (expansions.get(n[0]) ?? expansions.set(n[0], []).get(n[0])!).push([n, [a, b]]);
      }
    }
  }
  return nfkcForms;
}

/** GBK pairs NFKC turns into one other character, by that character. */
function narrowedFrom(): Map<string, number[][]> {
  return nfkcTables().narrowed;
}

/** GBK symbols that NFKC turns into two or more characters and that start at `at`. */
function expansionsAt(text: string, at: number): [string, [number, number]][] {
  return (nfkcTables().expansions.get(text[at]) ?? []).filter(([n]) => text.startsWith(n, at));
}

let puaByTrail: Map<number, number[]> | undefined;
/** Lead bytes that make a user-defined pair with this trail byte. */
function userDefinedLeads(trail: number): number[] {
  if (!puaByTrail) {
    puaByTrail = new Map();
    for (const [a, b] of userDefinedPairs()) (puaByTrail.get(b) ?? puaByTrail.set(b, []).get(b)!).push(a);
  }
  return puaByTrail.get(trail) ?? [];
}

let puaFlags: Uint8Array | undefined;
/** Whether (a, b) is a user-defined pair: asked in the innermost loops, where a list search cost most of their time. */
function isUserDefinedPair(a: number, b: number): boolean {
  if (!puaFlags) {
    puaFlags = new Uint8Array(0x10000);
    for (const [x, y] of userDefinedPairs()) puaFlags[x * 256 + y] = 1;
  }
  return puaFlags[a * 256 + b] === 1;
}

let puaPairs: [number, number][] | undefined;
function userDefinedPairs(): [number, number][] {
  if (puaPairs) return puaPairs;
  puaPairs = [];
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = decodePair(a, b);
      if (ch && isPrivateUse(ch.charCodeAt(0))) puaPairs.push([a, b]);
    }
  }
  return puaPairs;
}

/** Builds the index of GBK characters by reading now (about a second), not in the first repair that needs it. */
export function warmReadingIndex(): void {
  charsReading('');
}

let byReading: Map<string, [number, number, string][]> | undefined;
/** Every GBK Han character with reading `py`, as (lead, trail, char); the index is built once. */
function charsReading(py: string): [number, number, string][] {
  if (!byReading) {
    byReading = new Map();
    const all: [number, number, string][] = [];
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        const ch = charOf(a, b);
        if (ch && /\p{Script=Han}/u.test(ch)) all.push([a, b, ch]);
      }
    }
    const readings = readingsOfAll(all.map((e) => e[2]));
    all.forEach((e, i) => {
      for (const r of readings[i]) {
        const list = byReading!.get(r);
        if (list) list.push(e);
        else byReading!.set(r, [e]);
      }
    });
  }
  return byReading.get(py.normalize('NFC')) ?? [];
}

/** Search from a run start; candidates best first (at most `limit`). */
export function recoverRun(text: string, starts: RunStart[], limit: number, outside = true, traditional = false): RunCandidate[] {
  const lm = scorer();
  // Remembered for one run only: the model may change between runs (tests swap it), and one run's
  // contexts seldom recur in the next.
  for (const memo of [singleMemo, doubleMemo, questionMemo, lone80Memo]) memo.clear();
  const finished: State[] = [];
  // Lattice by position in the damaged text: every transition consumes at least one character.
  const byPos = new Map<number, State[]>();
  const push = (s: State) => {
    if (s.pending < 0) {
      finished.push(s);
      return;
    }
    const list = byPos.get(s.pos);
    if (list) list.push(s);
    else byPos.set(s.pos, [s]);
  };
  for (const st of starts) {
    const ctx = Array.from(st.left).map(simpleCode);
    push({ pos: st.pos, pending: st.pending, chars: undefined, bytes: chainOf(st.bytes), events: chainOf(st.events), score: 0, a: ctx[ctx.length - 2], b: ctx[ctx.length - 1], outside, traditional });
  }
  const first = Math.min(...starts.map((s) => s.pos));
  for (let pos = first; pos < text.length && pos - first < MAX_RUN; pos++) {
    const states = byPos.get(pos);
    if (!states) continue;
    byPos.delete(pos);
    states.sort((x, y) => y.score - x.score);
    for (const s of states.slice(0, BEAM)) step(text, s, lm, push);
  }
  if (finished.length === 0) return [];

  // Candidates ending at different places are compared over the same stretch of text.
  const far = Math.max(...finished.map((s) => s.pos));
  const first0 = Math.min(...starts.map((st) => st.pos));
  // Reading annotations out: they would count as quoted text (SHORT_QUOTE).
  const lineBefore = text.slice(text.lastIndexOf('\n', first0 - 1) + 1, first0).replace(ANNOTATION_ANYWHERE, '');
  // Thousands of states end at a few places with a few contexts, and the text to their right is
  // the same for all: it is scored once per place and context.
  const rests = new Map<number, string>();
  const rights = new Map<string, number>();
  const scored = finished.map((s) => {
    let rest = rests.get(s.pos);
    if (rest === undefined) rests.set(s.pos, (rest = cleanRight(text, s.pos, far)));
    let right = 0;
    let a = s.a;
    let b = s.b;
    // A swallowed comma that ends the run right before `，。、；` goes as in emit (女士們,、 lost to
    // 女士個、 by the comma's cost).
    const first = rest.codePointAt(0);
    const dropped = first === undefined ? undefined : injectedCommaBefore(s, simpleCode(String.fromCodePoint(first)));
    if (dropped) {
      right -= dropped.undo;
      [a, b] = [dropped.a, dropped.b];
    }
    const key = dropped ? undefined : `${s.pos}|${a}|${b}`;
    const known = key === undefined ? undefined : rights.get(key);
    if (known !== undefined) right = known;
    else {
      for (const ch of rest) {
        const c = simpleCode(ch);
        right += lm.logProb(c, b, a);
        a = b;
        b = c;
      }
      // The text ends where its line does (a chunk is a line): the model was trained on sentences
      // framed by line breaks, so the end is scored like one (處女作。 ends a line, 處女作, hardly).
      // eval:repair --whole, exact / silently wrong: seeds 1–60 1,654/55 → 1,656/53; 61–120 unchanged.
      if (far >= text.length) right += lm.logProb(LINE_BREAK, b, a);
      if (key !== undefined) rights.set(key, right);
    }
    const atLineEnd = s.pos >= text.length || text[s.pos] === '\n' || text[s.pos] === '\r';
    const chars = toArray(s.chars);
    return { s, chars, total: s.score + right - unbalanced(lineBefore, chars, atLineEnd) - orphanAnnotation(text, s) };
  });
  scored.sort((x, y) => y.total - x.total);
  const seen = new Set<string>();
  const all: RunCandidate[] = [];
  for (const { s, chars, total } of scored) {
    // A comma the converter injected before `，。、；` can sit inside the run, or end it right before one; it goes like any other.
    const repaired = (chars.join('') + (text[s.pos] ?? '')).replace(/,(?=[,;，。、；])/g, '').slice(0, text[s.pos] === undefined ? undefined : -1);
    const key = `${s.pos}|${repaired}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({ text: repaired, end: s.pos, score: total, bytes: toArray(s.bytes), events: toArray(s.events) });
  }
  // The best of each distinct reading of the Han characters first: one reading followed by every
  // mark a swallowed byte could have been (器。 器、 器— …) would otherwise fill the list, and the
  // word list, which ranks the candidates next, would never see 女作 of 處女作. eval:repair: seeds
  // 11–16 156 → 157 of 180, --whole seeds 11–25 408 → 410 of 450, seeds 1 and 2 unchanged.
  const out: RunCandidate[] = [];
  const readings = new Set<string>();
  for (const c of all) {
    const han = c.text.replace(/[^\p{Script=Han}]/gu, '');
    if (readings.has(han)) continue;
    readings.add(han);
    out.push(c);
    if (out.length === limit) break;
  }
  for (const c of all) {
    if (out.length === limit) break;
    if (!out.includes(c)) out.push(c);
  }
  return out.sort((x, y) => y.score - x.score);
}

/** Prior (log10) against a reading that leaves a reading annotation after a character it is not the reading of. */
const ORPHAN_ANNOTATION_COST = 4.0;

/**
 * The converter put `(pinyin)` right after the bytes of a character with that reading; one that
 * stands whole right after a run's last character must be that character's (針對(gè)人 is no
 * reading of 針?qiāng)?(gè)人: 個 was lost with it).
 */
function orphanAnnotation(text: string, s: State): number {
  const m = ANNOTATION_AFTER.exec(text.slice(s.pos, s.pos + 12));
  if (!m || !hasToneMark(m[1])) return 0;
  const last = s.chars?.last;
  return last && isReadingOf(m[1], last) ? 0 : ORPHAN_ANNOTATION_COST;
}

/**
 * Log10 cost per unbalanced mark: a title never spans a line (the character model, trained on
 * text with few titles, can prefer `。` to the `》` that closes one by three units); a quotation
 * may run over paragraphs.
 */
const PAIRS: readonly [string, string, number][] = [['《', '》', 5], ['“', '”', 1], ['「', '」', 1], ['『', '』', 1]];

/**
 * Quotes and title marks a reading leaves unbalanced in its line: a closing one with none open
 * before it, or one left open where a line ends (a swallowed line break, or the run reaching the
 * end of its line). The model sees three characters; `”` after an open `“` is beyond it.
 */
function unbalanced(before: string, chars: readonly string[], atLineEnd: boolean): number {
  let cost = 0;
  for (const [open, close, weight] of PAIRS) {
    let depth = 0;
    // Characters since the innermost open mark was opened.
    let since = 0;
    for (const ch of before) {
      since++;
      if (ch === open) {
        depth++;
        since = 0;
      } else if (ch === close && depth > 0) depth--;
    }
    const leftOpen = () => (since <= SHORT_QUOTE ? weight * SHORT_QUOTE_FACTOR : weight);
    for (const ch of chars) {
      since++;
      if (ch === open) {
        depth++;
        since = 0;
      } else if (ch === close) {
        if (depth === 0) cost += weight;
        else depth--;
      } else if (ch === '\n') {
        if (depth > 0) cost += leftOpen();
        depth = 0;
      }
    }
    if (atLineEnd && depth > 0) cost += leftOpen();
  }
  return cost;
}

/**
 * A quotation that runs on to the next paragraph opens a long passage; one opened a few
 * characters before the line ends quotes a term (“虛擬戰場”) and closes in the line, so leaving
 * it open costs more. eval:repair --whole, exact / silently wrong: seeds 1–60 1,649/60 → 1,654/55
 * (factor 2: unchanged; 5: as 3); seeds 61–120, checked after: 1,667/35 → 1,670/32.
 */
const SHORT_QUOTE = 12;
const SHORT_QUOTE_FACTOR = 3;

/**
 * Another `?pinyin)` to the right stands for a character with that reading, whether a reading
 * that stops before it leaves it to be repaired on its own or one that reads on takes it in (撥專項
 * of seed 001). Its letters are no text: scored as such, they made a reading that stops before it
 * (每個 of 每?zǒng)? with 0x80 alone) lose to one that read on through it as a shifted run. It
 * is scored as the commonest character with its reading. eval:repair --whole, exact / silently
 * wrong: msra_dev seeds 1–30 851/24 → 856/22; CLUENER seeds 1–60 and 61–120 unchanged.
 */
const LATER_DAMAGE = new RegExp(`[?\\uFFFD]([${PINYIN_LETTERS}]{1,7})\\)`, 'g');
const commonestByReading = new Map<string, string>();
let commonestModel: CharScorer | undefined;
/** The commonest GBK character read `py` (with lead byte `lead` when given), by the model alone; '' if none. */
function commonestReading(py: string, lead?: number): string {
  const lm = scorer();
  if (commonestModel !== lm) {
    commonestByReading.clear();
    commonestModel = lm;
  }
  const key = lead === undefined ? py : `${py}|${lead}`;
  let hit = commonestByReading.get(key);
  if (hit === undefined) {
    let best = -Infinity;
    hit = '';
    for (const [l, , ch] of charsReading(py)) {
      if (lead !== undefined && l !== lead) continue;
      const lp = lm.logProb(simpleCode(ch));
      if (lp > best) [hit, best] = [ch, lp];
    }
    if (commonestByReading.size > 5000) commonestByReading.clear();
    commonestByReading.set(key, hit);
  }
  return hit;
}

/**
 * The text after a candidate's end up to `far` plus SCORE_RIGHT characters, annotations and
 * injected commas out. Every candidate is scored up to the same place in the text: counting the
 * characters to `far` before taking the annotations out gave a candidate that stopped before one
 * (幹活。⏎ before 鄭(zhèng)) seven characters more to pay for than one that read through it.
 */
function cleanRight(text: string, from: number, far: number): string {
  const head = text.slice(from, far);
  let after = text.slice(far, far + 3 * SCORE_RIGHT);
  const nl = after.indexOf('\n');
  if (nl >= 0) after = after.slice(0, nl + 1);
  const clean = (s: string) => Array.from(s.replace(LATER_DAMAGE, (_, py: string) => commonestReading(py)).replace(ANNOTATION_OR_INJECTED_COMMA, ''));
  // The character after `far` goes with the head, so an injected comma that ends it is seen.
  const next = Array.from(after)[0] ?? '';
  const upToFar = clean(head + next).length - (next ? 1 : 0);
  return clean(head + after).slice(0, upToFar + SCORE_RIGHT).join('');
}

function step(text: string, s: State, lm: CharScorer, push: (s: State) => void): void {
  const p = s.pending;
  const cp = text.codePointAt(s.pos)!;
  const ch = String.fromCodePoint(cp);
  const next = s.pos + ch.length;
  // A line break cannot be read while out of step: the decoder would have paired it.
  if (ch === '\n' || ch === '\r') return;

  if (ch === '?' || ch === '\uFFFD') stepQuestion(text, s, lm, push);

  // The character as read: (trail of the pending character, lead of the next one); a symbol NFKC
  // spelled out in several characters (⑽ became `(10)`) was one pair too.
  const readings: [number[], number, string][] = byteForms(ch).map((f) => [f, next, ch]);
  for (const [spelled, pair] of expansionsAt(text, s.pos)) readings.push([pair, s.pos + spelled.length, decodePair(pair[0], pair[1])!]);
  for (const [form, next, ch] of readings) {
    if (form.length === 1) {
      const o = charOf(p, form[0]);
      let plain: State | undefined;
      if (o) {
        plain = emit(s, o, [form[0]], lm);
        push(afterAnnotation(text, { ...plain, pos: next, pending: -1 }, o));
      }
      // The byte that brings decoding back in step may also follow a deleted user-defined pair
      // (近羣 = BD FC C1 74 with FC C1 deleted reads as the rare 絫 = BD 74).
      if (!plain || plain.score - s.score < SUSPICIOUS) {
        for (const [va, vb] of bestVanished(s, form[0], lm, lookahead(text, next)[0])) {
          const last = charOf(vb, form[0])!;
          const t = emit(thenDeleted(s, charOf(p, va)!, [va], [va, vb], lm), last, [vb, form[0]], lm);
          push(afterAnnotation(text, { ...t, pos: next, pending: -1 }, last));
        }
      }
      continue;
    }
    const [x, y] = form;
    const o = charOf(p, x);
    let plain: State | undefined;
    if (o) {
      plain = emit(s, o, [x], lm);
      push(continueWith(text, plain, y, next, ch, lm));
    }
    // A user-defined pair read between them vanished: two bytes (x', y') are lost before this one.
    if (!o || plain!.score - s.score < SUSPICIOUS) {
      const look = y < 0x80 ? y : charAfter(text, next, y);
      const single = bestVanished(s, x, lm, look);
      for (const [va, vb] of single) {
        const t = emit(thenDeleted(s, charOf(p, va)!, [va], [va, vb], lm), charOf(vb, x)!, [vb, x], lm);
        push(continueWith(text, t, y, next, ch, lm));
      }
      // Two user-defined pairs in a row (a full-width mark between characters of those rows),
      // looked for only when one deleted pair explains nothing well.
      const doubles = bestDoubleVanished(s, x, lm);
      for (const [va, vb, va2, vb2] of doubles) {
        let t = thenDeleted(s, charOf(p, va)!, [va], [va, vb], lm);
        t = thenDeleted(t, charOf(vb, va2)!, [vb, va2], [va2, vb2], lm);
        t = emit(t, charOf(vb2, x)!, [vb2, x], lm);
        push(continueWith(text, t, y, next, ch, lm));
      }
    }
  }
}

/** Like bestVanished for two deleted pairs: the middle character is kept only if the model knows it. */
function bestDoubleVanished(s: State, x: number, lm: CharScorer): [number, number, number, number][] {
  return inContext(doubleMemo, s, x, undefined, () => searchDoubleVanished(s, x, lm));
}

function searchDoubleVanished(s: State, x: number, lm: CharScorer): [number, number, number, number][] {
  const { firsts } = firstsInContext(s, lm);
  const mids: [number, number, number, number][] = [];
  for (const [va, f] of firsts.slice(0, 3)) {
    const c1 = pairCode(s.pending, va);
    for (const vb of userDefinedByLead().find((e) => e[0] === va)![1]) {
      // The middle characters in context: after 人， the commoner 二 and 国 must not crowd out 而.
      for (const [va2] of middlesFor(vb, lm)) {
        const middle = charOf(vb, va2)!;
        mids.push([va, vb, va2, pairScore(s, f, c1, pairCode(vb, va2), lm) - charPrior(s, middle, lm)]);
      }
    }
  }
  mids.sort((m, n) => n[3] - m[3]);
  const out: [number, number, number, number, number][] = [];
  for (const [va, vb, va2, sc] of mids.slice(0, 8)) {
    // The last character is ranked in context (after the middle one), not by frequency alone:
    // 而且 beats the commoner 而要 only once 而 is known.
    const mid = pairCode(vb, va2);
    let taken = 0;
    for (const [vb2] of secondsFor(x, lm)) {
      if (!isUserDefinedPair(va2, vb2)) continue;
      // Ranked with emit's priors too: ⒖ (NFKC `15.`) is cheap to the model alone.
      const last = charOf(vb2, x)!;
      out.push([va, vb, va2, vb2, sc + lm.logProb(pairCode(vb2, x), mid) - charPrior(s, last, lm)]);
      if (++taken === VANISH_OPTIONS) break;
    }
  }
  out.sort((m, n) => n[4] - m[4]);
  return out.slice(0, 3).map((e) => [e[0], e[1], e[2], e[3]]);
}

const MIDDLE_OPTIONS = 4;
const middles = perModel<[number, number][]>();
/** The few best characters (vb, va2) with va2 the first byte of a user-defined pair, by the model alone; only known characters. */
function middlesFor(vb: number, lm: CharScorer): [number, number][] {
  return middles(lm, vb, () => {
    const hit: [number, number][] = [];
    for (const [va2] of userDefinedByLead()) {
      const o2 = charOf(vb, va2);
      if (!o2) continue;
      const g = lm.logProb(simpleCode(o2));
      if (g > KNOWN_MIDDLE) hit.push([va2, g]);
    }
    hit.sort((m, n) => n[1] - m[1]);
    return hit.slice(0, MIDDLE_OPTIONS);
  });
}

/** A cache by byte that lasts as long as the character model it was computed with. */
function perModel<V>(): (lm: CharScorer, key: number, compute: () => V) => V {
  const cache = new Map<number, V>();
  let model: CharScorer | undefined;
  return (lm, key, compute) => {
    if (model !== lm) {
      cache.clear();
      model = lm;
    }
    let hit = cache.get(key);
    if (hit === undefined) cache.set(key, (hit = compute()));
    return hit;
  };
}

/**
 * Score of the two characters around a deleted pair, the first scored `f` in context: as emit does,
 * a comma before `，。、；` counts as injected (the mark is scored as if the comma were not there),
 * or 們，、 (a full-width comma the converter put before 、, its trail byte and 、's lead deleted)
 * ranked below every other pair and was never tried.
 */
function pairScore(s: State, f: number, c1: number, c2: number, lm: CharScorer): number {
  if (c1 === COMMA && MARKS_AFTER_INJECTED.has(c2)) return lm.logProb(c2, s.b, s.a);
  return f + lm.logProb(c2, c1, s.b);
}

/** The few user-defined pairs (va, vb) that best explain a gap before byte x, by the model. */
function bestVanished(s: State, x: number, lm: CharScorer, look: number | undefined): [number, number, number][] {
  return inContext(singleMemo, s, x, look, () => searchVanished(s, x, lm, look));
}

/**
 * Deleted-pair searches remembered by what they depend on: the beam often holds one context read
 * several ways (著者力求接近 / 著名高力求接近), and those states ask the same question at a step.
 */
type SearchMemo<T> = Map<string, T>;
const singleMemo: SearchMemo<[number, number, number][]> = new Map();
const doubleMemo: SearchMemo<[number, number, number, number][]> = new Map();
const questionMemo: SearchMemo<[number, number, number, number][]> = new Map();
const lone80Memo: SearchMemo<[number, number, number][]> = new Map();
function inContext<T>(memo: SearchMemo<T>, s: State, x: number, look: number | undefined, search: () => T): T {
  const key = `${s.pending}|${s.a}|${s.b}|${x}|${look}|${s.traditional ? 1 : 0}`;
  let hit = memo.get(key);
  if (hit === undefined) {
    if (memo.size > 20000) memo.clear();
    memo.set(key, (hit = search()));
  }
  return hit;
}

function searchVanished(s: State, x: number, lm: CharScorer, look: number | undefined): [number, number, number][] {
  // Second characters (vb, x) ranked alone once per x; per first byte va only the few best of
  // them are combined with the first character (pending, va) in context, then rescored in full.
  const rough: [number, number, number][] = [];
  const { firsts, byLead: firstScore } = firstsInContext(s, lm);
  for (const [va] of userDefinedByLead()) {
    const f = firstScore.get(va);
    if (f === undefined) continue;
    let taken = 0;
    for (const [vb, g] of secondsFor(x, lm)) {
      if (!isUserDefinedPair(va, vb)) continue;
      rough.push([va, vb, f + g]);
      if (++taken === VANISH_OPTIONS) break;
    }
  }
  rough.sort((m, n) => n[2] - m[2]);
  // ... and the first characters likeliest in context with every second character that fits:
  // 他熟 is found although 熟 is not among the commonest characters ending in its byte.
  const seconds = secondsFor(x, lm);
  // Pairs scored in full, so the rescoring below does not score them again.
  const full = new Map<number, number>();
  // The explanations that fit best with the character after (vb, x), where the text tells it:
  // 央 of 央行 is rare after `，` alone. Only added to the best in context, never in their place:
  // another deleted pair may stand between, and then `look` is not the next character (希望能
  // came back as 牛蛙 when they replaced them).
  const ahead = new BestWithNext<[number, number, number]>(LOOKAHEAD_OPTIONS);
  for (const [va, f] of firsts.slice(0, VANISH_OPTIONS)) {
    const c1 = pairCode(s.pending, va);
    const inContext: [number, number, number][] = [];
    for (const [vb] of seconds) {
      if (!isUserDefinedPair(va, vb)) continue;
      const c2 = pairCode(vb, x);
      const score = pairScore(s, f, c1, c2, lm);
      full.set(va * 256 + vb, score);
      inContext.push([va, vb, score]);
      if (look !== undefined) ahead.offer([va, vb, score], score, () => lm.logProb(look, c2, c1));
    }
    inContext.sort((m, n) => n[2] - m[2]);
    rough.unshift(...inContext.slice(0, VANISH_OPTIONS));
  }
  // Every explanation gathered is rescored, not the first few in the list: those are the last
  // first characters' (unshift), and cutting there dropped 攻擊 of 的攻擊力 for the rarer 刽.
  const fine = dedupePairs(rough).map(([va, vb]) => {
    const known = full.get(va * 256 + vb);
    if (known !== undefined) return [va, vb, known] as [number, number, number];
    const c1 = pairCode(s.pending, va);
    const c2 = pairCode(vb, x);
    const score = pairScore(s, firstScore.get(va)!, c1, c2, lm);
    if (look !== undefined) ahead.offer([va, vb, score], score, () => lm.logProb(look, c2, c1));
    return [va, vb, score] as [number, number, number];
  });
  fine.sort((m, n) => n[2] - m[2]);
  return dedupePairs([...fine.slice(0, VANISH_OPTIONS), ...ahead.items]);
}

/** Explanations kept besides the best in context because the character after fits them best. */
const LOOKAHEAD_OPTIONS = 2;

/**
 * The k best of the entries offered, by their score plus the character after's log probability.
 * That can only lower a score, so an entry whose own score cannot beat the k-th costs no further
 * lookup: the model's lookups are most of a repair's time.
 */
class BestWithNext<T> {
  private readonly kept: [T, number][] = [];
  constructor(private readonly k: number) {}

  offer(item: T, score: number, next: () => number): void {
    const full = this.kept.length === this.k;
    if (full && score <= this.kept[this.k - 1][1]) return;
    const total = score + next();
    if (full && total <= this.kept[this.k - 1][1]) return;
    let i = this.kept.length;
    while (i > 0 && this.kept[i - 1][1] < total) i--;
    this.kept.splice(i, 0, [item, total]);
    if (this.kept.length > this.k) this.kept.pop();
  }

  get items(): T[] {
    return this.kept.map((e) => e[0]);
  }
}

/**
 * The character after the one a deleted pair leaves behind, where the text already tells it: the
 * next byte y with the first byte of the next character read. Deleted-pair explanations are cut
 * to a few, and the character after decides between them (央 of 央行 is rare after `，` alone).
 */
function charAfter(text: string, next: number, y: number): number | undefined {
  const cp = text.codePointAt(next);
  if (cp === undefined) return undefined;
  // `?pinyin)`: the character was annotated and its trail byte met the `(`; lead y and the reading
  // tell it. 接近毛 of 毛澤東, with 澤 annotated, ranked ninth among the deleted-pair readings in
  // context (接近东, 接近公, …) until 澤 was seen after it. eval:repair --whole, exact / silently
  // wrong: msra_dev seeds 1–30 845/36 → 850/30; CLUENER seeds 1–60 and 61–120 unchanged.
  if (cp === 0x3f) return annotatedAfter(text, next, y);
  // An ASCII byte that completes a character with y ends the run there (合，身體 read as 希眢w: 體
  // is F3 77); a full-width letter NFKC narrowed to it is the rarer reading (ｗ, A3 F7).
  // eval:repair --whole, exact / silently wrong: msra_dev seeds 1–30 850/30 → 851/27; CLUENER
  // seeds 1–60 and 61–120 unchanged.
  if (cp >= 0x40 && cp < 0x80) {
    const c = charOf(y, cp);
    if (c !== undefined) return simpleCode(c);
  }
  const forms = byteForms(String.fromCodePoint(cp)).filter((f) => f.length === 2);
  if (forms.length !== 1) return undefined;
  const c = charOf(y, forms[0][0]);
  return c === undefined ? undefined : simpleCode(c);
}

/** The commonest character with lead byte y and the reading of the `?pinyin)` at `at`, if any. */
function annotatedAfter(text: string, at: number, y: number): number | undefined {
  const m = PY.exec(text.slice(at + 1, at + 13));
  if (!m || !hasToneMark(m[1])) return undefined;
  const ch = commonestReading(m[1], y);
  return ch ? simpleCode(ch) : undefined;
}

interface FirstsInContext {
  /** (va, score) best first. */
  firsts: [number, number][];
  /** The same scores by va, for callers that go through userDefinedByLead() in its own order. */
  byLead: Map<number, number>;
}

let firstsMemo: { s: State; lm: CharScorer; result: FirstsInContext } | undefined;
/**
 * The first bytes va of user-defined pairs that make a character with the state's pending byte,
 * each with that character's score in context. Every deleted-pair search of a step starts from
 * these (on hostile text those searches were most of the repair's time), so the last state's are kept.
 */
function firstsInContext(s: State, lm: CharScorer): FirstsInContext {
  if (firstsMemo?.s === s && firstsMemo.lm === lm) return firstsMemo.result;
  const firsts: [number, number][] = [];
  for (const [va] of userDefinedByLead()) {
    const o1 = charOf(s.pending, va);
    if (o1) firsts.push([va, lm.logProb(simpleCode(o1), s.b, s.a)]);
  }
  const byLead = new Map(firsts);
  firsts.sort((m, n) => n[1] - m[1]);
  const result = { firsts, byLead };
  firstsMemo = { s, lm, result };
  return result;
}

function dedupePairs(list: [number, number, number][]): [number, number, number][] {
  const seen = new Set<number>();
  return list.filter(([va, vb]) => !seen.has(va * 256 + vb) && !!seen.add(va * 256 + vb));
}

const secondsCache = new Map<number, [number, number][]>();
let secondsModel: CharScorer | undefined;
/** Lead bytes vb for which (vb, x) is a character, best first by the model alone. */
function secondsFor(x: number, lm: CharScorer): [number, number][] {
  if (secondsModel !== lm) {
    secondsCache.clear();
    secondsModel = lm;
  }
  let hit = secondsCache.get(x);
  if (!hit) {
    hit = [];
    for (let vb = 0x40; vb <= 0xfe; vb++) {
      const o = vb >= 0x81 ? charOf(vb, x) : undefined;
      if (o) hit.push([vb, lm.logProb(simpleCode(o))]);
    }
    hit.sort((m, n) => n[1] - m[1]);
    secondsCache.set(x, hit);
  }
  return hit;
}

let puaByLead: [number, number[]][] | undefined;
function userDefinedByLead(): [number, number[]][] {
  if (!puaByLead) {
    const m = new Map<number, number[]>();
    for (const [a, b] of userDefinedPairs()) (m.get(a) ?? m.set(a, []).get(a)!).push(b);
    puaByLead = [...m];
  }
  return puaByLead;
}

/** After the original byte x: y is the lead of the next character, or ASCII in step again. */
function continueWith(text: string, s: State, y: number, next: number, read: string, lm: CharScorer): State {
  if (y < 0x80) {
    const t = emit(s, String.fromCharCode(y), [y], lm);
    return afterAnnotation(text, { ...t, pos: next, pending: -1 }, t.chars!.last);
  }
  // The lead byte is an original byte too: `bytes` holds the original text's bytes in order.
  let t: State = { ...s, pos: next, pending: y, bytes: append(s.bytes, y) };
  // The read pair itself was a listed character: `(pinyin)` went in after it, and the shift goes on.
  const m = ANNOTATION_AFTER.exec(text.slice(next, next + 12));
  if (m && hasToneMark(m[1]) && isReadingOf(m[1], read) && !(s.outside && inGb2312(read))) {
    t = {
      ...t,
      pos: next + m[0].length,
      events: append(t.events, { type: 'inside', py: m[1], pair: [fromEnd(t.bytes, 1)!, y], pairChar: read, at: chainLength(t.bytes) - 1 }),
    };
  }
  void lm;
  return t;
}

/** Once back in step, an annotation right after the last repaired character belongs to the run. */
function afterAnnotation(text: string, s: State, last: string): State {
  const m = ANNOTATION_AFTER.exec(text.slice(s.pos, s.pos + 12));
  if (m && hasToneMark(m[1]) && isReadingOf(m[1], last)) return { ...s, pos: s.pos + m[0].length };
  return s;
}

function stepQuestion(text: string, s: State, lm: CharScorer, push: (s: State) => void): void {
  const p = s.pending;
  const after = s.pos + 1;
  const m = PY.exec(text.slice(after, after + 12));
  if (m && hasToneMark(m[1])) {
    // `?pinyin)`: the character ending here was annotated, and its trail byte met the `(`.
    const py = m[1];
    const end = after + m[0].length;
    for (const [lead, trail, o] of charsReading(py)) {
      if (lead !== p || (s.outside && inGb2312(o))) continue;
      const t = emit(s, o, [trail], lm);
      push({ ...t, pos: end, pending: -1, events: append(t.events, { type: 'pick', py, pair: [p, trail], pairChar: o, at: chainLength(t.bytes) - 1 }) });
    }
    // ... or a user-defined pair vanished before that character.
    for (const [lead, trail, o] of charsReading(py)) {
      if (s.outside && inGb2312(o)) continue;
      for (const va of userDefinedLeads(lead)) {
        const vb = lead;
        const o1 = charOf(p, va);
        if (!o1) continue;
        const t = emit(thenDeleted(s, o1, [va], [va, vb], lm), o, [vb, trail], lm);
        push({ ...t, pos: end, pending: -1, events: append(t.events, { type: 'pick', py, pair: [vb, trail], pairChar: o, at: chainLength(t.bytes) - 1 }) });
      }
    }
    return;
  }
  // A `?` alone: an invalid pair (pending + a trail byte T, then one swallowed byte), or a lone
  // byte 0x80 / 0xFF that no decoder reads.
  const options: State[] = [];
  // The decoder took T for a lead byte: below 0x80 it would have shown as ASCII instead of `?`.
  for (let trail = 0x81; trail <= 0xfe; trail++) {
    const o = charOf(p, trail);
    if (!o) continue;
    options.push(emit(s, o, [trail], lm));
  }
  const o80 = charOf(p, 0x80);
  if (o80) push(afterAnnotation(text, { ...emit(s, o80, [0x80], lm), pos: after, pending: -1 }, o80));
  for (const [u, last] of vanishedBeforeLone80(s, lm)) push(afterAnnotation(text, { ...u, pos: after, pending: -1 }, last));
  // The pair before the invalid one may have been user-defined and deleted (三名,。 read as (FD C3) gone, (FB ,) → `?`).
  // Every reading goes with every byte it may have swallowed, ranked together with the few
  // characters after the `?`: the character alone in its left context prunes the right one away
  // where only what follows tells (基 of 基地 after 創作, 》 that closes a title at a line end).
  const nextCh = text[after] ?? '';
  const ahead = lookahead(text, after);
  const combos: [State, string, number][] = [];
  for (const t of [...options, ...vanishedBeforeQuestion(s, lm)]) {
    for (const sw of ['', ...SWALLOWABLE]) {
      if (sw === '' && nextCh !== '') continue;
      if (sw === '\r' && nextCh !== '\n') continue;
      // An ASCII comma before NFKC is the converter's, which it put only right before `，。、；`.
      if (sw === ',' && !INJECTED_BEFORE.has(nextCh)) continue;
      let score = t.score - swallowCost(sw);
      let a = t.a;
      let b = t.b;
      // The injected comma is scored as never there, as emit() does once the mark after it comes.
      for (const c of sw && sw !== ',' ? [sw.charCodeAt(0), ...ahead] : ahead) {
        score += lm.logProb(c, b, a);
        a = b;
        b = c;
      }
      combos.push([t, sw, score]);
    }
  }
  combos.sort((x, y) => y[2] - x[2]);
  // Distinct readings first: one reading with twenty swallowed bytes would fill the list.
  const perReading = new Map<State, number>();
  const kept: [State, string, number][] = [];
  for (const c of combos) {
    const n = perReading.get(c[0]) ?? 0;
    if (n === SWALLOWS_PER_READING || (n === 0 && perReading.size === QUESTION_OPTIONS)) continue;
    perReading.set(c[0], n + 1);
    kept.push(c);
  }
  for (const [t, sw] of kept) {
    let u: State = { ...t, score: t.score - swallowCost(sw) };
    if (sw) u = emit(u, sw, [sw.charCodeAt(0)], lm);
    u = { ...u, pos: after, pending: -1, events: append(u.events, { type: 'swallowed', pair: [p, fromEnd(u.bytes, sw ? 1 : 0)!], at: chainLength(u.bytes) - 1 }) };
    push(u);
  }
}

/** Deleted-pair readings before a lone 0x80 kept. */
const VANISHED_BEFORE_80 = 4;

/**
 * A `?` that is the trail byte 0x80 alone, after a deleted user-defined pair: (pending, va), then
 * (va, vb) gone, then (vb, 0x80), which no decoder reads without its lead (針對個 = E1 98 8C A6
 * 82 80 with 98 8C annotated and A6 82 deleted reads 針?qiāng)?). Back in step after it.
 */
function vanishedBeforeLone80(s: State, lm: CharScorer): [State, string][] {
  return inContext(lone80Memo, s, 0x80, undefined, () => bestBeforeLone80(s, lm)).map(([va, vb]) => {
    const last = charOf(vb, 0x80)!;
    return [emit(thenDeleted(s, charOf(s.pending, va)!, [va], [va, vb], lm), last, [vb, 0x80], lm), last];
  });
}

function bestBeforeLone80(s: State, lm: CharScorer): [number, number, number][] {
  const pairs: [number, number, number][] = [];
  const { byLead } = firstsInContext(s, lm);
  for (const [va, vbs] of userDefinedByLead()) {
    const f = byLead.get(va);
    if (f === undefined) continue;
    const c1 = pairCode(s.pending, va);
    for (const vb of vbs) {
      const o2 = charOf(vb, 0x80);
      if (o2) pairs.push([va, vb, f + lm.logProb(simpleCode(o2), c1, s.b)]);
    }
  }
  pairs.sort((m, n) => n[2] - m[2]);
  return pairs.slice(0, VANISHED_BEFORE_80);
}

/** Readings of a `?` kept for the end of the run, each with its likeliest swallowed bytes. */
const QUESTION_OPTIONS = 16;
const SWALLOWS_PER_READING = 4;
/** Characters after a `?` that rank its readings. */
const LOOKAHEAD = 3;

/** The first few characters at `from` as the model sees them: annotations and injected commas out, up to a line break. */
function lookahead(text: string, from: number): number[] {
  const s = text.slice(from, from + 4 * LOOKAHEAD + 16).replace(ANNOTATION_OR_INJECTED_COMMA, '');
  const out: number[] = [];
  for (const ch of s) {
    out.push(simpleCode(ch));
    if (out.length === LOOKAHEAD || ch === '\n') break;
  }
  return out;
}

const INJECTED_BEFORE = new Set([',', '。', '、', ';']);
const INJECTED_SWALLOW_COST = 0.2;

function swallowCost(sw: string): number {
  return sw === ',' ? INJECTED_SWALLOW_COST : (SWALLOW_COST[sw] ?? OTHER_SWALLOW_COST);
}

/**
 * States for `?` after a deleted user-defined pair: (pending, va), (va, vb) deleted, then (vb, T)
 * whose trail T made the invalid pair. The few likeliest first characters in context, each with
 * the few likeliest second characters after it.
 */
function vanishedBeforeQuestion(s: State, lm: CharScorer): State[] {
  return inContext(questionMemo, s, -1, undefined, () => bestBeforeQuestion(s, lm)).map(([va, vb, t]) =>
    emit(thenDeleted(s, charOf(s.pending, va)!, [va], [va, vb], lm), charOf(vb, t)!, [vb, t], lm),
  );
}

function bestBeforeQuestion(s: State, lm: CharScorer): [number, number, number, number][] {
  // First and second characters ranked together in context: a first character that is rare
  // after its left context may start a common word (作基 is rare, 基地 is not).
  const pairs: [number, number, number, number][] = [];
  const { byLead } = firstsInContext(s, lm);
  for (const [va] of userDefinedByLead()) {
    const f = byLead.get(va);
    if (f === undefined) continue;
    const c1 = pairCode(s.pending, va);
    for (const [vb, t] of afterDeleted(va, lm)) {
      pairs.push([va, vb, t, pairScore(s, f, c1, pairCode(vb, t), lm)]);
    }
  }
  pairs.sort((m, n) => n[3] - m[3]);
  return pairs.slice(0, VANISHED_BEFORE_QUESTION);
}

/** Deleted-pair readings before a `?` ranked with the readings without one. */
const VANISHED_BEFORE_QUESTION = 18;
const AFTER_DELETED_OPTIONS = 40;
const afterDeletedPairs = perModel<[number, number][]>();
/** Characters (vb, T) that can follow a deleted pair (va, vb) with T a lead byte, commonest first (the model alone, once per va). */
function afterDeleted(va: number, lm: CharScorer): [number, number][] {
  return afterDeletedPairs(lm, va, () => {
    const scored: [number, number, number][] = [];
    for (const vb of userDefinedByLead().find((e) => e[0] === va)![1]) {
      for (let t = 0x81; t <= 0xfe; t++) {
        const o2 = charOf(vb, t);
        if (o2) scored.push([vb, t, lm.logProb(simpleCode(o2))]);
      }
    }
    scored.sort((m, n) => n[2] - m[2]);
    return scored.slice(0, 4 * AFTER_DELETED_OPTIONS).map(([vb, t]) => [vb, t]);
  });
}

/** Lost bytes X for which (prev, X) is a character read `py` (outside GB2312 when asked). */
export function lostBytes(prev: number, py: string, outsideGb2312: boolean): number[] {
  const out: number[] = [];
  for (const [lead, trail, ch] of charsReading(py)) {
    if (lead !== prev) continue;
    // X decoded together with `(` as `?`, so it was a lead byte.
    if (trail < 0x81) continue;
    if (outsideGb2312 && inGb2312(ch)) continue;
    out.push(trail);
  }
  return out;
}
