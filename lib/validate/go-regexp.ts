/**
 * Go `regexp` (RE2 syntax) → JavaScript `RegExp` with the same matches. The API server checks
 * `pattern` with Go's regexp, whose classes differ from JavaScript's in ways that matter for
 * real schemas: `\s`, `\d` and `\w` are ASCII-only, `.` matches everything but `\n`, and POSIX
 * classes like `[[:space:]]` exist. Constructs RE2 rejects (backreferences, lookaround) throw.
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const PERL_CLASSES: Record<string, string> = {
  d: '0-9',
  s: '\\t\\n\\f\\r ',
  w: '0-9A-Za-z_',
};

// Characters that must stay escaped in a JavaScript `u`-mode pattern.
const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/', '-']);

export class GoRegexpError extends Error {}

function escapeLiteral(ch: string, inClass: boolean): string {
  if (JS_SYNTAX.has(ch))
    return inClass && ch !== '\\' && ch !== ']' && ch !== '-' && ch !== '^' ? ch : `\\${ch}`;
  return ch;
}

/** Translates one RE2 escape starting at `src[i] === '\\'`; returns [js, nextIndex]. */
function translateEscape(src: string, i: number, inClass: boolean): [string, number] {
  const c = src[i + 1];
  if (c === undefined) throw new GoRegexpError('trailing backslash at end of expression');
  const perl = PERL_CLASSES[c.toLowerCase()];
  if (perl !== undefined && 'dswDSW'.includes(c)) {
    if (c === c.toLowerCase()) return [inClass ? perl : `[${perl}]`, i + 2];
    if (inClass) throw new GoRegexpError(`negated class \\${c} inside a character class is not supported`);
    return [`[^${perl}]`, i + 2];
  }
  switch (c) {
    case 'a':
      return ['\\x07', i + 2];
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
      return [`\\${c}`, i + 2];
    case 'A':
      if (inClass) throw new GoRegexpError('invalid escape sequence: \\A');
      return ['(?<![\\s\\S])', i + 2];
    case 'z':
      if (inClass) throw new GoRegexpError('invalid escape sequence: \\z');
      return ['(?![\\s\\S])', i + 2];
    case 'b':
    case 'B':
      if (inClass) throw new GoRegexpError(`invalid escape sequence: \\${c}`);
      return [`\\${c}`, i + 2];
    case 'x': {
      if (src[i + 2] === '{') {
        const end = src.indexOf('}', i + 3);
        if (end < 0) throw new GoRegexpError('invalid escape sequence: \\x{');
        return [`\\u{${src.slice(i + 3, end)}}`, end + 1];
      }
      const hex = src.slice(i + 2, i + 4);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new GoRegexpError(`invalid escape sequence: \\x${hex}`);
      return [`\\x${hex}`, i + 4];
    }
    case 'p':
    case 'P': {
      if (src[i + 2] === '{') {
        const end = src.indexOf('}', i + 3);
        if (end < 0) throw new GoRegexpError('invalid character class range');
        return [`\\${c}{${src.slice(i + 3, end)}}`, end + 1];
      }
      return [`\\${c}{${src[i + 2] ?? ''}}`, i + 3];
    }
    case 'Q': {
      const end = src.indexOf('\\E', i + 2);
      const literal = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
      const js = [...literal].map((ch) => escapeLiteral(ch, inClass)).join('');
      return [js, end < 0 ? src.length : end + 2];
    }
    default:
      if (/[0-9]/.test(c)) {
        if (c === '0') return ['\\0', i + 2];
        throw new GoRegexpError(`invalid escape sequence: \\${c}`);
      }
      if (/[A-Za-z]/.test(c)) throw new GoRegexpError(`invalid escape sequence: \\${c}`);
      return [escapeLiteral(c, inClass), i + 2];
  }
}

function translateClass(src: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (src[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === ']' && !first) return [`${out}]`, i + 1];
    first = false;
    if (ch === '[' && src[i + 1] === ':') {
      const end = src.indexOf(':]', i + 2);
      if (end > 0) {
        let name = src.slice(i + 2, end);
        const negated = name.startsWith('^');
        if (negated) name = name.slice(1);
        const cls = POSIX_CLASSES[name];
        if (cls === undefined) throw new GoRegexpError(`invalid character class range: [:${name}:]`);
        if (negated) throw new GoRegexpError('negated POSIX classes are not supported');
        out += cls;
        i = end + 2;
        continue;
      }
    }
    if (ch === '\\') {
      const [js, next] = translateEscape(src, i, true);
      out += js;
      i = next;
      continue;
    }
    out += ch === '[' || ch === '/' ? `\\${ch}` : ch;
    i += ch.length;
  }
  throw new GoRegexpError('missing closing ]');
}

/** Translates an RE2 pattern; throws GoRegexpError for syntax Go would reject or we cannot map. */
export function translateGoRegexp(pattern: string): { source: string; flags: string } {
  let flags = 'u';
  let dotAll = false;
  let out = '';
  let i = 0;
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead) {
    const f = lead[1] ?? '';
    if (f.includes('i')) flags += 'i';
    if (f.includes('m')) flags += 'm';
    if (f.includes('s')) dotAll = true;
    if (f.includes('U')) throw new GoRegexpError('ungreedy flag is not supported');
    i = lead[0].length;
  }
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const [js, next] = translateEscape(pattern, i, false);
      out += js;
      i = next;
    } else if (ch === '[') {
      const [js, next] = translateClass(pattern, i);
      out += js;
      i = next;
    } else if (ch === '.') {
      out += dotAll ? '[\\s\\S]' : '[^\\n]';
      i++;
    } else if (ch === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 3;
      } else if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
      } else {
        throw new GoRegexpError(`invalid or unsupported Perl syntax: (?${rest.slice(0, 1)}`);
      }
    } else if (ch === '/') {
      out += '\\/';
      i++;
    } else {
      out += ch;
      i += ch.length;
    }
  }
  return { source: out, flags };
}

/** Compiles a Go regexp for `MatchString` semantics (unanchored search). */
export function compileGoRegexp(pattern: string): RegExp {
  const { source, flags } = translateGoRegexp(pattern);
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new GoRegexpError(e instanceof Error ? e.message : String(e));
  }
}
