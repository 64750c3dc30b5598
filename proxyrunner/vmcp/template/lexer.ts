/**
 * Lexer for Go `text/template` source: text between actions, and the tokens inside `{{ … }}`,
 * including trim markers (`{{- ` and ` -}}`) and comments (`{{/* … *\/}}`).
 */
import type { Pos } from './ast.ts';

export type TokenKind =
  | 'text'
  | 'open'
  | 'close'
  | 'ident'
  | 'field'
  | 'variable'
  | 'dot'
  | 'string'
  | 'number'
  | 'char'
  | 'lparen'
  | 'rparen'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'comma';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly pos: Pos;
  /** Offset in the source, for slicing pipeline text into messages. */
  readonly offset: number;
}

export class TemplateSyntaxError extends Error {
  constructor(message: string, pos: Pos, name = 'expand') {
    super(`template: ${name}:${pos.line}:${pos.col}: ${message}`);
    this.name = 'TemplateSyntaxError';
  }
}

const SPACE = /[ \t\r\n]/;

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const posAt = (offset: number): Pos => {
    // Positions are computed lazily from the last known line start.
    while (lineStart < offset) {
      const nl = src.indexOf('\n', lineStart);
      if (nl === -1 || nl >= offset) break;
      line++;
      lineStart = nl + 1;
    }
    return { line, col: offset - lineStart + 1 };
  };

  let trimNextText = false;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = open === -1 ? src.slice(i) : src.slice(i, open);
    const textStart = i;
    const actionStart = open;
    let trimLeft = false;
    if (open !== -1 && src[open + 2] === '-' && SPACE.test(src[open + 3] ?? '')) trimLeft = true;
    if (trimNextText) text = text.replace(/^[ \t\r\n]+/, '');
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    trimNextText = false;
    if (text !== '') tokens.push({ kind: 'text', value: text, pos: posAt(textStart), offset: textStart });
    if (open === -1) break;
    tokens.push({ kind: 'open', value: '{{', pos: posAt(open), offset: open });
    i = open + 2 + (trimLeft ? 2 : 0);

    // Comment: the whole action is `/* … */` with optional trim markers.
    const j = i;
    if (src.startsWith('/*', j)) {
      const end = src.indexOf('*/', j + 2);
      if (end === -1) throw new TemplateSyntaxError('unclosed comment', posAt(j));
      let k = end + 2;
      let trimRight = false;
      if (src.startsWith(' -}}', k)) {
        trimRight = true;
        k += 4;
      } else if (src.startsWith('}}', k)) {
        k += 2;
      } else {
        throw new TemplateSyntaxError('comment ends before closing delimiter', posAt(end));
      }
      tokens.pop(); // the comment produces no tokens
      i = k;
      trimNextText = trimRight;
      continue;
    }

    // Tokens inside the action, up to `}}` or ` -}}`.
    for (;;) {
      if (i >= src.length) throw new TemplateSyntaxError('unclosed action', posAt(actionStart));
      if (SPACE.test(src[i]!)) {
        if (src.startsWith('-}}', i + 1)) {
          tokens.push({ kind: 'close', value: '-}}', pos: posAt(i), offset: i });
          i += 4;
          trimNextText = true;
          break;
        }
        i++;
        continue;
      }
      if (src.startsWith('}}', i)) {
        tokens.push({ kind: 'close', value: '}}', pos: posAt(i), offset: i });
        i += 2;
        break;
      }
      const start = i;
      const c = src[i]!;
      const push = (kind: TokenKind, value: string): void => {
        tokens.push({ kind, value, pos: posAt(start), offset: start });
      };
      if (c === '(') {
        push('lparen', c);
        i++;
      } else if (c === ')') {
        push('rparen', c);
        i++;
      } else if (c === '|') {
        push('pipe', c);
        i++;
      } else if (c === ',') {
        push('comma', c);
        i++;
      } else if (c === ':' && src[i + 1] === '=') {
        push('declare', ':=');
        i += 2;
      } else if (c === '=') {
        push('assign', '=');
        i++;
      } else if (c === '"') {
        let k = i + 1;
        while (k < src.length && src[k] !== '"') {
          if (src[k] === '\\') k++;
          if (src[k] === '\n') throw new TemplateSyntaxError('unterminated quoted string', posAt(start));
          k++;
        }
        if (k >= src.length) throw new TemplateSyntaxError('unterminated quoted string', posAt(start));
        push('string', src.slice(i, k + 1));
        i = k + 1;
      } else if (c === '`') {
        const k = src.indexOf('`', i + 1);
        if (k === -1) throw new TemplateSyntaxError('unterminated raw quoted string', posAt(start));
        push('string', src.slice(i, k + 1));
        i = k + 1;
      } else if (c === "'") {
        let k = i + 1;
        while (k < src.length && src[k] !== "'") {
          if (src[k] === '\\') k++;
          k++;
        }
        if (k >= src.length) throw new TemplateSyntaxError('unterminated character constant', posAt(start));
        push('char', src.slice(i, k + 1));
        i = k + 1;
      } else if (c === '$') {
        let k = i + 1;
        while (isIdentChar(src[k])) k++;
        // `$x.a.b` lexes as a variable followed by field tokens.
        push('variable', src.slice(i, k));
        i = k;
      } else if (c === '.') {
        if (isIdentChar(src[i + 1]) && !/[0-9]/.test(src[i + 1]!)) {
          let k = i + 1;
          while (isIdentChar(src[k])) k++;
          push('field', src.slice(i, k));
          i = k;
        } else if (/[0-9]/.test(src[i + 1] ?? '')) {
          const m = /^\.[0-9]+([eE][+-]?[0-9]+)?/.exec(src.slice(i))!;
          push('number', m[0]);
          i += m[0].length;
        } else {
          push('dot', '.');
          i++;
        }
      } else if (/[0-9+-]/.test(c)) {
        const m =
          /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9]+)?)/.exec(
            src.slice(i),
          );
        if (!m) throw new TemplateSyntaxError(`bad character ${JSON.stringify(c)}`, posAt(start));
        push('number', m[0]);
        i += m[0].length;
      } else if (/[A-Za-z_]/.test(c)) {
        let k = i;
        while (isIdentChar(src[k])) k++;
        push('ident', src.slice(i, k));
        i = k;
      } else {
        throw new TemplateSyntaxError(`bad character ${JSON.stringify(c)}`, posAt(start));
      }
    }
  }
  return tokens;
}
