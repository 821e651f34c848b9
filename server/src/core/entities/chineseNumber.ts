// Parsing of Chinese and mixed Arabic/Chinese numerals ('两', '十一', '64.2万', '二〇二二', '百分之五').

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters that can make up a Chinese numeral (for building regular expressions). */
export const CN_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億';
/** Magnitude characters that may follow Arabic digits ('64.2万'). */
export const MAGNITUDE_CHARS = '十百千万亿萬億';

// Approximation markers are dropped: '2万余' is normalised to its lower bound 20000.
const APPROX = /[余多来几]+$/;

/**
 * Value of a Chinese, Arabic or mixed numeral, or undefined when s is not one number.
 * Digit-by-digit numerals ('二〇二二') are read positionally; '一两' or '三四' (ranges) are rejected.
 */
export function parseChineseNumber(input: string): number | undefined {
  let s = toHalfWidth(input.trim()).replace(APPROX, '');
  if (s.length === 0) return undefined;
  const percent = /^百分之(.+)$/.exec(s);
  if (percent) return parseChineseNumber(percent[1]);
  const permille = /^千分之(.+)$/.exec(s);
  if (permille) {
    const v = parseChineseNumber(permille[1]);
    return v === undefined ? undefined : round(v / 10);
  }
  // Arabic mantissa with optional Chinese magnitudes: '64.2万', '3.5亿', '1.2万亿'.
  const mixed = /^(\d+(?:\.\d+)?)([十百千万亿萬億]*)$/.exec(s);
  if (mixed) {
    let v = Number(mixed[1]);
    for (const ch of mixed[2]) v *= SMALL_UNITS[ch] ?? BIG_UNITS[ch];
    return round(v);
  }
  if (/^[〇零一二三四五六七八九]{2,}$/.test(s) && (s.length >= 3 || /[〇零]/.test(s))) {
    return Number([...s].map((c) => DIGITS[c]).join(''));
  }
  s = s.replace(/拾/g, '十').replace(/佰/g, '百').replace(/仟/g, '千').replace(/萬/g, '万').replace(/億/g, '亿');
  if (!/^[〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖十百千万亿]+$/.test(s)) return undefined;
  return parsePositional(s);
}

// '一千二百三十四', '十一', '三万五千', '两亿'. Returns undefined for malformed sequences
// such as two digits in a row ('一两') outside the digit-by-digit form.
function parsePositional(s: string): number | undefined {
  let total = 0; // completed 亿/万 groups
  let section = 0; // value below the current big unit
  let digit: number | undefined;
  let lastSmall = Infinity;
  let prevUnit = 0; // unit just before the current digit, 0 when a digit or 零 came between
  for (const ch of s) {
    if (ch in DIGITS) {
      if (DIGITS[ch] === 0) prevUnit = 0;
      if (digit !== undefined && DIGITS[ch] !== 0 && digit !== 0) return undefined;
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      const unit = SMALL_UNITS[ch];
      if (unit >= lastSmall) return undefined;
      section += (digit ?? 1) * unit; // '十一' has no leading digit
      digit = undefined;
      lastSmall = unit;
      prevUnit = unit;
    } else {
      const unit = BIG_UNITS[ch];
      const group = section + (digit ?? 0);
      if (group === 0 && total === 0) return undefined;
      total = (total + group) * unit;
      section = 0;
      digit = undefined;
      lastSmall = Infinity;
      prevUnit = unit;
    }
  }
  // Abbreviated trailing digit: '一万二' is 12000 and '三百五' is 350, as spoken.
  if (digit !== undefined && prevUnit >= 100) return total + section + digit * (prevUnit / 10);
  return total + section + (digit ?? 0);
}

function toHalfWidth(s: string): string {
  return s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
