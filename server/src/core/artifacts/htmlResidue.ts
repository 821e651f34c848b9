import type { Artifact } from './types';

// HTML that survived text extraction: entities (`&nbsp;`, `&#20013;`) and tags (`<br>`, `</p>`).
// Only well-formed entities and tags with real HTML element names count, so `a<b`, `<5>` and
// `AT&T` are left alone.

const NAMED: Record<string, string> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', mdash: '—', ndash: '–',
  hellip: '…', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', times: '×', divide: '÷',
  deg: '°', plusmn: '±', yen: '¥', euro: '€', pound: '£', cent: '¢', sect: '§', para: '¶',
  permil: '‰', prime: '′', Prime: '″', larr: '←', rarr: '→', uarr: '↑', darr: '↓', zwsp: '',
  shy: '', zwj: '', zwnj: '', lrm: '', rlm: '',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g;

const ELEMENTS =
  'a|abbr|address|article|aside|audio|b|base|bdi|bdo|big|blockquote|body|br|button|canvas|caption|center|cite|code|col|colgroup|dd|del|details|dfn|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|mark|meta|nav|noscript|object|ol|optgroup|option|p|param|pre|q|s|samp|script|section|select|small|source|span|strike|strong|style|sub|summary|sup|table|tbody|td|textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr';
const TAG = new RegExp(`<!--[^\\n]*?-->|<\\/?(?:${ELEMENTS})(?:\\s[^<>\\n]*)?\\/?>`, 'gi');
const BLOCK = /^<\/?(?:br|p|div|li|tr|h[1-6]|hr|section|article|blockquote|table|ul|ol)\b/i;

export function detectHtmlResidue(text: string): Artifact[] {
  const out: Artifact[] = [];
  if (text.indexOf('&') >= 0) {
    ENTITY.lastIndex = 0;
    for (let m; (m = ENTITY.exec(text)); ) {
      const value = entityValue(m[1], m[2], m[3]);
      if (value === undefined) continue;
      const candidates = m[3] === 'nbsp' ? [' ', '\u00a0', ''] : [value];
      out.push({
        kind: 'html_entity',
        start: m.index,
        end: m.index + m[0].length,
        candidates,
        autoFix: true,
        explanation: `${m[0]} is an HTML entity left by text extraction; it stands for ${describe(value)}.`,
        detail: { entity: m[0], value },
      });
    }
  }
  if (text.indexOf('<') >= 0) {
    TAG.lastIndex = 0;
    for (let m; (m = TAG.exec(text)); ) {
      const block = BLOCK.test(m[0]);
      out.push({
        kind: 'html_tag',
        start: m.index,
        end: m.index + m[0].length,
        candidates: block ? ['', '\n'] : [''],
        autoFix: true,
        explanation: `${m[0].length > 40 ? m[0].slice(0, 40) + '…' : m[0]} is HTML markup left by text extraction; it is deleted${block ? ' (a line break is the alternative)' : ''}.`,
        detail: { tag: m[0] },
      });
    }
  }
  return out;
}

function entityValue(dec?: string, hexa?: string, name?: string): string | undefined {
  if (name !== undefined) return Object.prototype.hasOwnProperty.call(NAMED, name) ? NAMED[name] : undefined;
  const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hexa!, 16);
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

function describe(value: string): string {
  if (value === '') return 'an invisible mark (deleted)';
  if (value === ' ') return 'a space';
  return `"${value}"`;
}
