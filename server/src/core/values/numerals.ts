// The numeral grammar every value rule shares: Arabic digits (half- or fullwidth, thousands
// separators, decimals), Chinese numerals (〇/零, 两, 点 decimals, 十百千 and 万亿 scales), the two
// mixed ('3.5万', '1.2万亿', '3亿5000万') and vague forms ('十几', '数百', '两三千').

/** A numeral's value: a number, or both ends of a range ('两三千' → [2000, 3000]). */
export type NumValue = number | [number, number];

const CN_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const SMALL: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8, 兆: 1e12 };

// Regex sources. ARABIC allows 1,234 / １，２３４ (groups of exactly three) and 3.5 / ３．５. A
// full-width comma separates thousands only between full-width digits, as People's Daily sets
// them: after ASCII digits it is the sentence's (比分10，100米栏 …).
const D = '[0-9０-９]';
const THOUSANDS = '(?:,|(?<=[０-９])，(?=[０-９]))';
/**
 * A decimal part. Older mainland typesetting also writes the point as a middle dot (９·７８７); with
 * one or two digits after it the dot is a date's (3·15, 5·12: DOT_DATE_RE), so three are needed.
 */
const DECIMAL = `(?:[.．]${D}+|[·・](?=${D}{3})${D}+)`;
export const ARABIC = `${D}+(?:${THOUSANDS}${D}{3}(?!${D}))*${DECIMAL}?`;
const CN_CHARS = '〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億';
const CN_DIGITS = '〇零一二两三四五六七八九';
/** A Chinese numeral with an optional 点 decimal part and scale after it ('一千三百八十五点五万'). */
export const CHINESE = `[${CN_CHARS}]+(?:点[${CN_DIGITS}]+[十百千万亿萬億]*)?`;
/** Arabic digits with scales, possibly several groups ('3亿5000万', '1.2万亿'). */
export const MIXED = `${ARABIC}(?:[十百千万亿萬億兆]+(?:${D}+${DECIMAL}?[十百千万亿萬億]*)*)?`;
/** Vague numerals: '十几', '二十几', '几十', '几百万', '数千', '上万', '成千'. */
export const VAGUE = `(?:[几数上成]|[一二三四五六七八九]?十几)[十百千万亿]*(?:[万亿])?`;
/** Any numeral (alternatives ordered so the longest reading is tried first). */
export const NUMERAL = `(?:${MIXED}|${CHINESE}|${VAGUE})`;

/** Halfwidth digits and '.' for fullwidth ones; thousands separators dropped. */
export function normalizeDigits(s: string): string {
  return s
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1')
    .replace(/(\d)[·・](?=\d{3})/g, '$1.');
}

// Six decimals, and no more than 15 significant digits: 4985.6 × 1e8 is 498560000000.00006 in
// binary floating point, and past 2^53 / 1e6 the decimal rounding alone cannot remove that tail.
const round = (v: number): number => Number((Math.round(v * 1e6) / 1e6).toPrecision(15));

/**
 * The value of a numeral, or undefined when s is not one. Ranges of adjacent digits ('三四', '两三千')
 * and vague numerals ('十几' → [11, 19], '数百' → [200, 900]) give both ends.
 */
export function parseNumeral(input: string): NumValue | undefined {
  const s = normalizeDigits(input.trim());
  if (s.length === 0) return undefined;
  const vague = parseVague(s);
  if (vague) return vague;
  const range = /^([一二三四五六七八九两])([二三四五六七八九两])([十百千万亿]*)$/.exec(s);
  if (range) {
    const a = CN_DIGIT[range[1]];
    const b = CN_DIGIT[range[2]];
    if (b === a + 1 || (range[1] === '一' && range[2] === '两')) {
      const scale = range[3] ? parseScales(range[3]) : 1;
      if (scale === undefined) return undefined;
      return [round(a * scale), round(b * scale)];
    }
    return undefined;
  }
  // Digit by digit: '二〇二〇', '一九九七', '二０００', '八六三' (with a 0 or at least three digits).
  if (/^[〇零一二三四五六七八九0-9]+$/.test(s) && /[〇零一二三四五六七八九]/.test(s)) {
    if (s.length < 3 && !/[〇零0]/.test(s)) return s.length === 1 ? CN_DIGIT[s] : undefined;
    return Number([...s].map((c) => (c in CN_DIGIT ? CN_DIGIT[c] : Number(c))).join(''));
  }
  return parseScaled(s);
}

/** A plain number: ranges and vague numerals give undefined. */
export function parseNumber(s: string): number | undefined {
  const v = parseNumeral(s);
  return typeof v === 'number' ? v : undefined;
}

function parseScales(s: string): number | undefined {
  let v = 1;
  for (const ch of s) {
    const u = SMALL[ch] ?? BIG[ch];
    if (u === undefined) return undefined;
    v *= u;
  }
  return v;
}

function parseVague(s: string): [number, number] | undefined {
  let m = /^([一二三四五六七八九]?)十几([十百千万亿]*)$/.exec(s);
  if (m) {
    const tens = m[1] ? CN_DIGIT[m[1]] * 10 : 10;
    const scale = parseScales(m[2]) ?? 1;
    return [round((tens + 1) * scale), round((tens + 9) * scale)];
  }
  m = /^[几数]([十百千万亿]+)$/.exec(s);
  if (m) {
    const scale = parseScales(m[1]);
    return scale === undefined ? undefined : [2 * scale, 9 * scale];
  }
  m = /^[上成]([十百千万亿]+)$/.exec(s);
  if (m) {
    // '上千' is 'reaching a thousand': the bound itself up to just under the next order.
    const scale = parseScales(m[1]);
    return scale === undefined ? undefined : [scale, 9 * scale];
  }
  return undefined;
}

// Positional reading with scales; digits may be Arabic numbers ('3亿5000万', '64.2万').
function parseScaled(s: string): number | undefined {
  let total = 0; // completed big-unit groups
  let largestBig = 0; // largest big unit applied to total
  let section = 0; // value below the current big unit
  let digit: number | undefined; // pending digit or Arabic number
  let lastSmall = Infinity;
  let prevUnit = 0;
  let sawArabic = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/\d/.test(ch)) {
      const m = /^\d+(?:\.\d+)?/.exec(s.slice(i))!;
      if (digit !== undefined) return undefined;
      digit = Number(m[0]);
      sawArabic = true;
      prevUnit = 0;
      i += m[0].length;
      continue;
    }
    if (ch === '点') {
      // Decimal part read digit by digit: '三点二' 3.2, '零点六' 0.6.
      const m = /^[〇零一二三四五六七八九]+/.exec(s.slice(i + 1));
      if (!m) return undefined;
      const whole = section + (digit ?? 0);
      section = 0;
      digit = Number(`${whole}.${[...m[0]].map((c) => CN_DIGIT[c]).join('')}`);
      lastSmall = 1; // no small unit may follow the decimals
      prevUnit = 0;
      i += 1 + m[0].length;
      continue;
    }
    if (ch in CN_DIGIT) {
      if (CN_DIGIT[ch] === 0) {
        prevUnit = 0;
        i++;
        continue;
      }
      if (digit !== undefined) return undefined;
      digit = CN_DIGIT[ch];
      i++;
      continue;
    }
    if (ch in SMALL) {
      const unit = SMALL[ch];
      if (unit >= lastSmall) return undefined; // '百十', '千千': not one numeral
      section += (digit ?? 1) * unit;
      digit = undefined;
      lastSmall = unit;
      prevUnit = unit;
      i++;
      continue;
    }
    if (ch in BIG) {
      const unit = BIG[ch];
      const group = section + (digit ?? 0);
      if (i === 0) return undefined; // a bare '万' is a word, not a number
      // '一万二千七百四十七万': a repeated or larger unit scales everything before it.
      if (largestBig === 0 || unit >= largestBig) {
        total = (total + group) * unit;
        largestBig = unit;
      } else {
        total += group * unit;
      }
      section = 0;
      digit = undefined;
      lastSmall = Infinity;
      prevUnit = unit;
      i++;
      continue;
    }
    return undefined;
  }
  // Abbreviated trailing digit: '一万二' is 12000 and '三百五' is 350, as spoken.
  if (digit !== undefined && !sawArabic && prevUnit >= 100 && Number.isInteger(digit)) {
    return round(total + section + digit * (prevUnit / 10));
  }
  return round(total + section + (digit ?? 0));
}

/** Lower end of a value (the number itself, or a range's first end). */
export const lowerEnd = (v: NumValue): number => (typeof v === 'number' ? v : v[0]);

/** Multiplies a value (both ends of a range). */
export function scaleValue(v: NumValue, k: number): NumValue {
  return typeof v === 'number' ? round(v * k) : [round(v[0] * k), round(v[1] * k)];
}
