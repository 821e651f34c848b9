import { RE2JS } from 're2js';

// Boilerplate patterns come from workspace settings, so a repository the user merely opened can
// supply them. JavaScript's backtracking engine can take exponential time (`(a+)+$` on a line of
// `a`s never finishes), so they run on RE2JS, whose matching time is linear in the line. What
// RE2 cannot run (look-around, back-references) and what would match every line is refused, with
// a reason the server shows to the user instead of dropping the pattern in silence.

export interface UserPattern {
  source: string;
  test(line: string): boolean;
}

export interface RejectedPattern {
  source: string;
  reason: string;
}

export interface CompiledPatterns {
  patterns: UserPattern[];
  rejected: RejectedPattern[];
}

/** Longer sources are refused: RE2's program grows with the pattern, and no page widget needs one. */
const MAX_SOURCE = 500;

/**
 * Ordinary article sentences (written for this check, in both scripts): a boilerplate pattern that
 * matches one of them would remove article text, so it is refused as too broad.
 */
const ORDINARY_LINES = [
  '今天上午，市政府召开新闻发布会，介绍了今年前三季度全市经济运行的总体情况。',
  '專家指出，這項措施將在明年春季全面實施，預計惠及數十萬家庭。',
  '他说，大家都很关心这件事。',
];

export function compileUserPatterns(sources: readonly string[] | undefined): CompiledPatterns {
  const patterns: UserPattern[] = [];
  const rejected: RejectedPattern[] = [];
  for (const source of sources ?? []) {
    const result = compileOne(source);
    if ('reason' in result) rejected.push(result);
    else patterns.push(result);
  }
  return { patterns, rejected };
}

function compileOne(source: string): UserPattern | RejectedPattern {
  const refuse = (reason: string): RejectedPattern => ({ source, reason });
  if (source.length > MAX_SOURCE) return refuse(`longer than ${MAX_SOURCE} characters`);
  try {
    new RegExp(source, 'u');
  } catch (err) {
    return refuse(`not a valid regular expression (${(err as Error).message})`);
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(toRe2Syntax(source));
  } catch (err) {
    return refuse(
      `uses a feature that cannot be matched in bounded time, such as look-around or a back-reference (${(err as Error).message})`,
    );
  }
  const test = (line: string): boolean => re.matcher(line).find();
  if (test('')) return refuse('matches an empty string, so it would match every line');
  const ordinary = ORDINARY_LINES.find(test);
  if (ordinary) return refuse(`matches ordinary article sentences (such as “${ordinary}”), so it would remove the article`);
  return { source, test };
}

/**
 * JavaScript escapes RE2 spells differently: \uXXXX and \u{X…} are \x{…} in RE2, and
 * \p{Script=Han} is \p{Han}. Everything else is the same in both dialects or refused by RE2.
 */
export function toRe2Syntax(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch !== '\\' || i + 1 >= source.length) {
      out += ch;
      continue;
    }
    const rest = source.slice(i + 1);
    let m: RegExpExecArray | null;
    if ((m = /^u\{([0-9a-fA-F]{1,6})\}/.exec(rest)) || (m = /^u([0-9a-fA-F]{4})/.exec(rest))) {
      out += `\\x{${m[1]}}`;
      i += m[0].length;
    } else if ((m = /^([pP])\{(?:Script|sc|Script_Extensions|scx)=(\w+)\}/.exec(rest))) {
      out += `\\${m[1]}{${m[2]}}`;
      i += m[0].length;
    } else {
      // Any other escape is copied whole, so an escaped backslash never starts a new escape.
      out += ch + source[i + 1];
      i++;
    }
  }
  return out;
}
