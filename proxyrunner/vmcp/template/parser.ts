/**
 * Recursive-descent parser for Go `text/template`, producing the tree in `ast.ts`. Parse errors
 * read like Go's (`template: expand:1:5: function "foo" not defined`) so a config rejected here
 * names the same problem ToolHive would.
 */
import type { Command, Node, Operand, Pipeline, Pos } from './ast.ts';
import { lex, TemplateSyntaxError, type Token } from './lexer.ts';

export interface Template {
  readonly source: string;
  readonly root: Node[];
}

export interface ParseOptions {
  /** Names of the functions templates may call; anything else is a parse error, as in Go. */
  readonly funcs: ReadonlySet<string>;
  /** Variables defined outside the template (besides `$`). */
  readonly vars?: readonly string[];
}

type EndKind = 'end' | 'else' | 'eof';

class Parser {
  private i = 0;
  private readonly scopes: string[][] = [];
  private loopDepth = 0;

  private readonly src: string;
  private readonly toks: Token[];
  private readonly opts: ParseOptions;

  constructor(src: string, toks: Token[], opts: ParseOptions) {
    this.src = src;
    this.toks = toks;
    this.opts = opts;
    this.scopes.push(['$', ...(opts.vars ?? [])]);
  }

  parse(): Node[] {
    const { list, end } = this.list();
    if (end.kind !== 'eof') throw this.error(`unexpected {{${end.kind}}}`, end.pos);
    return list;
  }

  private error(msg: string, pos: Pos): TemplateSyntaxError {
    return new TemplateSyntaxError(msg, pos);
  }

  private peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }

  private next(): Token {
    const t = this.toks[this.i++];
    if (!t) {
      const last = this.toks[this.toks.length - 1];
      throw this.error('unexpected EOF', last?.pos ?? { line: 1, col: 1 });
    }
    return t;
  }

  private expect(kind: Token['kind'], context: string): Token {
    const t = this.next();
    if (t.kind !== kind) throw this.error(`unexpected ${describe(t)} in ${context}`, t.pos);
    return t;
  }

  /** Parses nodes until `{{end}}`, `{{else …}}` or the end of input. */
  private list(): { list: Node[]; end: { kind: EndKind; pos: Pos; elseIf?: string } } {
    const list: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) return { list, end: { kind: 'eof', pos: { line: 0, col: 0 } } };
      if (t.kind === 'text') {
        this.i++;
        list.push({ kind: 'text', text: t.value });
        continue;
      }
      // `{{`
      this.i++;
      const kw = this.peek();
      if (kw?.kind === 'ident') {
        switch (kw.value) {
          case 'end':
            this.i++;
            this.expect('close', 'end');
            return { list, end: { kind: 'end', pos: kw.pos } };
          case 'else': {
            this.i++;
            const after = this.peek();
            if (after?.kind === 'ident' && (after.value === 'if' || after.value === 'with')) {
              this.i++;
              return { list, end: { kind: 'else', pos: kw.pos, elseIf: after.value } };
            }
            this.expect('close', 'else');
            return { list, end: { kind: 'else', pos: kw.pos } };
          }
          case 'if':
          case 'with':
          case 'range':
            this.i++;
            list.push(this.control(kw.value, kw.pos));
            continue;
          case 'break':
          case 'continue':
            this.i++;
            if (this.loopDepth === 0) throw this.error(`{{${kw.value}}} outside {{range}}`, kw.pos);
            this.expect('close', kw.value);
            list.push({ kind: kw.value, pos: kw.pos });
            continue;
          case 'define':
          case 'template':
          case 'block':
            throw this.error(`{{${kw.value}}} is not supported in composite tool templates`, kw.pos);
          default:
            break;
        }
      }
      const pipe = this.pipeline('command', true);
      list.push({ kind: 'action', pos: pipe.pos, pipe });
    }
  }

  private control(kind: 'if' | 'with' | 'range', pos: Pos): Node {
    this.scopes.push([]);
    const pipe = this.pipeline(kind, true, kind === 'range');
    if (kind === 'range') this.loopDepth++;
    const body = this.list();
    if (kind === 'range') this.loopDepth--;
    let elseList: Node[] | undefined;
    if (body.end.kind === 'else') {
      if (body.end.elseIf) {
        // `{{else if x}}` is `{{else}}{{if x}}…{{end}}` sharing the outer {{end}}.
        const nested = this.control(body.end.elseIf as 'if' | 'with', body.end.pos);
        elseList = [nested];
      } else {
        const e = this.list();
        if (e.end.kind !== 'end') throw this.error(`expected end; found ${e.end.kind}`, e.end.pos);
        elseList = e.list;
      }
    } else if (body.end.kind !== 'end') {
      throw this.error(`unexpected EOF: missing {{end}} for {{${kind}}}`, pos);
    }
    this.scopes.pop();
    return { kind, pos, pipe, list: body.list, ...(elseList ? { elseList } : {}) };
  }

  private declared(name: string): boolean {
    return this.scopes.some((s) => s.includes(name));
  }

  /** A pipeline up to `}}` (or `)` when nested). */
  private pipeline(context: string, toClose: boolean, allowTwo = false): Pipeline {
    const first = this.peek();
    const startOffset = first?.offset ?? 0;
    const pos = first?.pos ?? { line: 1, col: 1 };
    const decl: string[] = [];
    let isAssign = false;
    // Declarations: `$x :=`, `$x =`, `$i, $v :=`.
    if (first?.kind === 'variable') {
      const second = this.peek(1);
      const third = this.peek(2);
      const fourth = this.peek(3);
      if (second?.kind === 'declare' || second?.kind === 'assign') {
        decl.push(first.value);
        isAssign = second.kind === 'assign';
        this.i += 2;
      } else if (
        allowTwo &&
        second?.kind === 'comma' &&
        third?.kind === 'variable' &&
        (fourth?.kind === 'declare' || fourth?.kind === 'assign')
      ) {
        decl.push(first.value, third.value);
        isAssign = fourth.kind === 'assign';
        this.i += 4;
      }
    }
    if (isAssign) {
      for (const d of decl) if (!this.declared(d)) throw this.error(`undefined variable "${d}"`, pos);
    }
    const cmds: Command[] = [];
    let endOffset = startOffset;
    for (;;) {
      const cmd = this.command(context);
      cmds.push(cmd);
      const t = this.next();
      endOffset = t.offset;
      if (t.kind === 'pipe') continue;
      if (toClose && t.kind === 'close') break;
      if (!toClose && t.kind === 'rparen') break;
      throw this.error(`unexpected ${describe(t)} in ${context}`, t.pos);
    }
    if (cmds.length === 0) throw this.error(`missing value for ${context}`, pos);
    if (!isAssign) this.scopes[this.scopes.length - 1]!.push(...decl);
    // A non-first command whose first word is not a function cannot take the piped value.
    for (let k = 1; k < cmds.length; k++) {
      const head = cmds[k]!.args[0];
      if (head && head.kind !== 'func' && head.kind !== 'chain') {
        throw this.error(`non executable command in pipeline stage ${k + 1}`, pos);
      }
    }
    return { pos, decl, isAssign, cmds, source: this.src.slice(startOffset, endOffset).trim() };
  }

  private command(context: string): Command {
    const args: Operand[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) throw this.error('unexpected EOF', { line: 0, col: 0 });
      if (t.kind === 'close' || t.kind === 'pipe' || t.kind === 'rparen') break;
      args.push(this.operand());
    }
    if (args.length === 0) {
      const t = this.peek()!;
      throw this.error(`missing value for ${context}`, t.pos);
    }
    return { args };
  }

  /** Field names directly after the previous token (`.a.b`, `$x.a`, `(…).a`), no space between. */
  private fields(): string[] {
    const ident: string[] = [];
    for (;;) {
      const prev = this.toks[this.i - 1];
      const t = this.peek();
      if (!prev || t?.kind !== 'field' || t.offset !== prev.offset + prev.value.length) break;
      ident.push(this.next().value.slice(1));
    }
    return ident;
  }

  private operand(): Operand {
    const t = this.next();
    switch (t.kind) {
      case 'field':
        return { kind: 'field', ident: [t.value.slice(1), ...this.fields()] };
      case 'dot':
        if (this.peek()?.kind === 'field') throw this.error('unexpected . after term', t.pos);
        return { kind: 'dot' };
      case 'variable':
        if (!this.declared(t.value)) throw this.error(`undefined variable "${t.value}"`, t.pos);
        return { kind: 'variable', name: t.value, ident: this.fields() };
      case 'string':
        return { kind: 'string', value: unquote(t.value, t.pos) };
      case 'char': {
        const s = unquote(`"${t.value.slice(1, -1).replace(/"/g, '\\"')}"`, t.pos);
        return { kind: 'number', value: s.codePointAt(0) ?? 0, isInt: true };
      }
      case 'number': {
        const text = t.value.replace(/_/g, '');
        const isInt =
          /^[+-]?(0[xXbBoO])?[0-9a-fA-F]+$/.test(text) && !/[.eE]/.test(text.replace(/^0[xX]/, ''));
        let value: number;
        if (/^[+-]?0[bB]/.test(text)) value = Number(text.replace(/0[bB]/, '0b'));
        else if (/^[+-]?0[oO]/.test(text)) value = Number(text.replace(/0[oO]/, '0o'));
        else value = Number(text);
        if (Number.isNaN(value)) throw this.error(`bad number syntax: "${t.value}"`, t.pos);
        return { kind: 'number', value, isInt };
      }
      case 'ident':
        if (t.value === 'true' || t.value === 'false') return { kind: 'bool', value: t.value === 'true' };
        if (t.value === 'nil') return { kind: 'nil' };
        if (!this.opts.funcs.has(t.value)) throw this.error(`function "${t.value}" not defined`, t.pos);
        return { kind: 'func', name: t.value };
      case 'lparen': {
        this.scopes.push([]);
        const pipe = this.pipeline('parenthesized pipeline', false);
        this.scopes.pop();
        return { kind: 'chain', pipe, ident: this.fields() };
      }
      default:
        throw this.error(`unexpected ${describe(t)} in operand`, t.pos);
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'close':
      return '"}}"';
    case 'rparen':
      return '")"';
    case 'lparen':
      return '"("';
    default:
      return `"${t.value}"`;
  }
}

/** Go string literal (interpreted "…" or raw `…`) to its value. */
function unquote(lit: string, pos: Pos): string {
  if (lit.startsWith('`')) return lit.slice(1, -1).replace(/\r/g, '');
  let out = '';
  const body = lit.slice(1, -1);
  for (let k = 0; k < body.length; k++) {
    const c = body[k]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++k];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case '"':
      case "'":
        out += e;
        break;
      case 'x':
        out += String.fromCharCode(Number.parseInt(body.slice(k + 1, k + 3), 16));
        k += 2;
        break;
      case 'u':
        out += String.fromCodePoint(Number.parseInt(body.slice(k + 1, k + 5), 16));
        k += 4;
        break;
      case 'U':
        out += String.fromCodePoint(Number.parseInt(body.slice(k + 1, k + 9), 16));
        k += 8;
        break;
      default:
        if (e !== undefined && /[0-7]/.test(e)) {
          out += String.fromCharCode(Number.parseInt(body.slice(k, k + 3), 8));
          k += 2;
          break;
        }
        throw new TemplateSyntaxError(`invalid syntax in string literal ${lit}`, pos);
    }
  }
  return out;
}

export function parseTemplate(src: string, opts: ParseOptions): Template {
  const tokens = lex(src);
  return { source: src, root: new Parser(src, tokens, opts).parse() };
}
