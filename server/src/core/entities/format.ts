import type { Entity } from '../types';

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

const QUALIFIER_WORDS: Record<string, string> = {
  APPROX: 'about',
  MORE_THAN: 'more than',
  LESS_THAN: 'nearly',
  EQUAL_OR_MORE: 'at least',
  EQUAL_OR_LESS: 'at most',
  START: 'start of',
  MID: 'middle of',
  END: 'end of',
};

/**
 * Human-readable normalised value for hovers: '642,000 元 (CNY)', 'more than 20,000 人次',
 * '10.7%', '3–5 人', 'ordinal 11', '2019 (去年 → 2019, from the dateline 2020-09-14)'.
 */
export function formatNormalized(e: Entity): string | undefined {
  if (e.value === undefined) return undefined;
  if (e.label === 'work') return `《${e.value}》`;
  const q = e.qualifier ? `${QUALIFIER_WORDS[e.qualifier] ?? e.qualifier} ` : '';
  if (typeof e.value === 'string') {
    const how = e.resolution ? ` (${e.resolution})` : '';
    return `${q}${e.value}${how}`;
  }
  const n = Array.isArray(e.value) ? `${fmt(e.value[0])}–${fmt(e.value[1])}` : fmt(e.value);
  switch (e.label) {
    case 'percent':
      return e.unit === '个百分点' ? `${q}${n} percentage points` : `${q}${n}%`;
    case 'money':
      return `${q}${n}${e.unit ? ` ${e.unit}` : ''}${e.currency ? ` (${e.currency})` : ''}`;
    case 'quantity':
    case 'number':
      return `${q}${n}${e.unit ? ` ${e.unit}` : ''}`;
    case 'ordinal':
      return `ordinal ${n}`;
    default:
      return `${q}${n}`;
  }
}
