import { parseNumber } from '../values/numerals';

/**
 * Value of one Chinese, Arabic or mixed numeral ('两', '64.2万', '二〇二二', '百分之五'), or
 * undefined when s is not one number (ranges such as '一两' included). A trailing approximation
 * (余, 多, 来) is dropped: '2万余' reads as its lower bound. The grammar is values/numerals.ts.
 */
export function parseChineseNumber(input: string): number | undefined {
  const s = input.trim().replace(/[余多来几]+$/, '');
  const per = /^([百千])分之(.+)$/.exec(s);
  if (per) {
    const v = parseNumber(per[2]);
    return v === undefined ? undefined : per[1] === '千' ? Math.round((v / 10) * 1e6) / 1e6 : v;
  }
  return parseNumber(s.replace(/萬/g, '万').replace(/億/g, '亿'));
}
