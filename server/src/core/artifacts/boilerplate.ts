import type { Artifact } from './types';
import type { UserPattern } from './userPatterns';
import { toTraditional } from './wordList';

// Whole lines that belong to the web page, not the article: report/edit stubs, browser
// warnings, breadcrumbs, share/print/login/captcha widgets. Patterns are written in simplified
// Chinese and widened to traditional forms when compiled. Each matches a whole (trimmed,
// already repaired) line, so article sentences that merely mention these words stay; article
// metadata such as titles, datelines and real 来源/责编 credits is kept (the gold keeps it).

const BUTTON =
  '(?:打印本页|打印正文|打印此文|打印|关闭本页|关闭窗口|关闭|收藏本页|收藏|返回顶部|返回|字体\\s*[:：]?(?:\\s*[大中小])*)';

const BUILT_IN: readonly string[] = [
  '^>*\\s*我要(?:举报|纠错|投稿|评论)$',
  '^(?:责编|责任编辑|编辑)\\s*[:：]\\s*(?:admin|administrator|管理员|系统管理员|root)$',
  '^来源\\s*[:：]\\s*(?:admin|管理员|系统管理员|本站|本网)?$',
  '^尊敬的(?:用户|读者|访客|网友)\\s*[,，]?\\s*您好\\s*[!！]?$',
  '^.{0,20}不支持您(?:当前)?所?使用的浏览器.{0,160}$',
  '^为了更好.{0,20}(?:浏览|展示|体验).{0,80}浏览器.{0,80}$',
  '^(?:您的|您现在的|您当前的|当前)位置\\s*[:：].{0,160}$',
  '^首页\\s*[>›»].{0,160}$',
  '^加载中\\s*[.。…]*$',
  '^(?:刷新|换一张|看不清[,，]?\\s*换一张)$',
  '^切换至(?:语音|文字|图片)验证码?$',
  '^返回文字点选验证$',
  '^(?:用户登录|用户注册|登录|注册|忘记密码[?？]?|立即登录|退出登录)$',
  '^分享到\\s*[:：]?.{0,40}$',
  '^(?:微信)?扫一扫\\s*[:：]?.{0,20}$',
  '^.{0,10}点\\s*“发现”\\s*[,，]?\\s*扫一下$',
  '^.{0,16}分享[至到]朋友圈\\s*[。.]?$',
  '^scan me\\s*[!！]?$',
  '^[x×✕✖╳]$',
  '^请?点击查看原文\\s*[:：]?$',
  '^(?:上一篇|下一篇)\\s*[:：].{0,80}$',
  `^(?:[【\\[]?\\s*${BUTTON}\\s*[】\\]]?\\s*[|｜]?\\s*)+$`,
];

/** Longest line a pattern is tried on; page widgets are short, article paragraphs are not. */
const MAX_LINE = 200;

let builtIn: RegExp[] | undefined;

/** The built-in patterns, each simplified Han character widened to a class with its traditional forms. */
function builtInPatterns(): RegExp[] {
  if (builtIn) return builtIn;
  builtIn = BUILT_IN.map((src) => new RegExp(widen(src), 'iu'));
  return builtIn;
}

function widen(src: string): string {
  let out = '';
  let inClass = false;
  for (const ch of src) {
    if (ch === '[' && !out.endsWith('\\')) inClass = true;
    else if (ch === ']' && !out.endsWith('\\')) inClass = false;
    if (/\p{Script=Han}/u.test(ch)) {
      const forms = new Set([ch, ...Array.from(toTraditional(ch))]);
      out += forms.size > 1 ? (inClass ? [...forms].join('') : `[${[...forms].join('')}]`) : ch;
    } else out += ch;
  }
  return out;
}

export interface Line {
  /** Offset of the first character and of the line break (or text end). */
  start: number;
  end: number;
  /** Where the next line starts (after \n, \r\n or a lone \r; see lineRanges in core/offsets). */
  next: number;
  /** The line with local artifacts repaired, trimmed. */
  clean: string;
}

/** Which pattern marks a line as boilerplate: 'built-in', a user pattern's source, or undefined. */
export type BoilerplateVerdict = string | undefined;

/** Whether a line is short enough to be page furniture at all (longer ones are never tried). */
export function mayBeBoilerplate(clean: string): boolean {
  return clean.length > 0 && clean.length <= MAX_LINE;
}

export function isBoilerplate(clean: string, user: readonly UserPattern[]): BoilerplateVerdict {
  if (!mayBeBoilerplate(clean)) return undefined;
  for (const re of builtInPatterns()) if (re.test(clean)) return 'built-in';
  for (const p of user) if (p.test(clean)) return p.source;
  return undefined;
}

/** The span that removes a whole line: with the line break before it, or after it for the first line. */
export function lineSpan(text: string, line: Line): { start: number; end: number } {
  if (line.start > 0) {
    // The break before is \r\n (two units) or a lone \n or \r.
    const crlf = line.start >= 2 && text.charCodeAt(line.start - 1) === 10 && text.charCodeAt(line.start - 2) === 13;
    return { start: line.start - (crlf ? 2 : 1), end: line.end };
  }
  return { start: 0, end: line.next };
}

/** Boilerplate lines; the indexes of the lines found are added to `found`. */
export function detectBoilerplate(text: string, lines: readonly Line[], verdict: (clean: string) => BoilerplateVerdict, found: Set<number>): Artifact[] {
  const out: Artifact[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const pattern = verdict(line.clean);
    if (pattern === undefined) continue;
    found.add(i);
    const span = lineSpan(text, line);
    const builtin = pattern === 'built-in';
    out.push({
      kind: 'boilerplate_line',
      ...span,
      candidates: [''],
      autoFix: true,
      explanation: `"${line.clean.length > 30 ? line.clean.slice(0, 30) + '…' : line.clean}" is page furniture, not article text (${builtin ? 'built-in list' : `your pattern /${pattern}/`}); the line is removed.`,
      detail: { line: line.clean, pattern },
    });
  }
  return out;
}

/** Shortest paragraph whose repetition counts: short lines (headings, captions) legitimately repeat. */
const MIN_DUPLICATE = 20;

export function detectDuplicateParagraphs(text: string, lines: readonly Line[], skip: ReadonlySet<number>): Artifact[] {
  const out: Artifact[] = [];
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    if (skip.has(i) || line.clean.length < MIN_DUPLICATE) return;
    const first = seen.get(line.clean);
    if (first === undefined) {
      seen.set(line.clean, i);
      return;
    }
    out.push({
      kind: 'duplicate_paragraph',
      ...lineSpan(text, line),
      candidates: [''],
      autoFix: true,
      explanation: `This paragraph repeats line ${first + 1} word for word; the later copy is removed.`,
      detail: { firstLine: first },
    });
  });
  return out;
}
