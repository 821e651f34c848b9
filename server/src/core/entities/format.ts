import type { Entity } from '../types';

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** Human-readable normalised value for hovers: '642,000 元', '2022-09-16', '5%', '20,000+ 人次'. */
export function formatNormalized(e: Entity): string | undefined {
  if (e.value === undefined) return undefined;
  if (typeof e.value === 'string') return e.label === 'work' ? `《${e.value}》` : e.value;
  // '2万余人次' is at least 20000: the value is the lower bound, '+' says so.
  const approx = /[余多]/.test(e.text) ? '+' : '';
  const n = fmt(e.value) + approx;
  switch (e.label) {
    case 'percent':
      return `${n}%`;
    case 'money':
    case 'quantity':
      return e.unit ? `${n} ${e.unit}` : n;
    case 'number':
      if (/^总?第/.test(e.text)) return `ordinal ${n}${e.unit ? ` (${e.unit})` : ''}`;
      return n;
    default:
      return n;
  }
}
