/**
 * Executes a parsed Go template over JSON data with Go's semantics: missing map keys give
 * `<no value>`, a field of a null value is an error, `and`/`or` short-circuit, `if` uses Go's
 * truthiness, `range` walks lists in order and maps by sorted key.
 */
import type { Command, Node, Operand, Pipeline, Pos } from './ast.ts';
import { MISSING, sprint } from './format.ts';
import { FUNCS, type TemplateFunc, truth } from './funcs.ts';
import type { Template } from './parser.ts';

export class TemplateExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateExecError';
  }
}

export interface ExecLimits {
  /** Largest output in bytes (ToolHive: 10 MB). */
  readonly maxOutputBytes: number;
  /** Most nested range/with/if levels and loop iterations before giving up. */
  readonly maxIterations: number;
}

const DEFAULT_LIMITS: ExecLimits = { maxOutputBytes: 10 * 1024 * 1024, maxIterations: 1_000_000 };

class Break {}
class Continue {}

interface Scope {
  readonly vars: Map<string, unknown>;
  readonly parent?: Scope;
}

class State {
  out = '';
  iterations = 0;
  readonly limits: ExecLimits;
  constructor(limits: ExecLimits) {
    this.limits = limits;
  }
}

function lookup(scope: Scope, name: string): unknown {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.vars.has(name)) return s.vars.get(name);
  }
  throw new TemplateExecError(`undefined variable: ${name}`);
}

function assign(scope: Scope, name: string, value: unknown): void {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.vars.has(name)) {
      s.vars.set(name, value);
      return;
    }
  }
  throw new TemplateExecError(`undefined variable: ${name}`);
}

function typeName(v: unknown): string {
  if (v === null) return 'interface {}';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'map[string]interface {}';
    default:
      return typeof v;
  }
}

function field(receiver: unknown, name: string): unknown {
  if (receiver === MISSING || receiver === undefined) return MISSING;
  if (receiver === null) throw new TemplateExecError(`nil pointer evaluating interface {}.${name}`);
  if (typeof receiver === 'object' && !Array.isArray(receiver)) {
    const rec = receiver as Record<string, unknown>;
    return Object.hasOwn(rec, name) ? rec[name] : MISSING;
  }
  throw new TemplateExecError(`can't evaluate field ${name} in type ${typeName(receiver)}`);
}

function fields(receiver: unknown, ident: readonly string[]): unknown {
  let v = receiver;
  for (const name of ident) v = field(v, name);
  return v;
}

function execError(_st: State, pos: Pos, pipe: Pipeline, err: unknown): TemplateExecError {
  if (err instanceof TemplateExecError && err.message.startsWith('template:')) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new TemplateExecError(
    `template: expand:${pos.line}:${pos.col}: executing "expand" at <${pipe.source}>: ${msg}`,
  );
}

function evalOperand(st: State, scope: Scope, dot: unknown, op: Operand, final: unknown[]): unknown {
  switch (op.kind) {
    case 'field':
      return fields(dot, op.ident);
    case 'variable':
      return fields(lookup(scope, op.name), op.ident);
    case 'dot':
      return dot;
    case 'string':
    case 'number':
    case 'bool':
      return op.value;
    case 'nil':
      return null;
    case 'chain':
      return fields(evalPipeline(st, scope, dot, op.pipe), op.ident);
    case 'func': {
      const fn = FUNCS[op.name];
      if (!fn) throw new TemplateExecError(`"${op.name}" is not a defined function`);
      return callFunc(st, scope, dot, op.name, fn, [], final);
    }
    default:
      throw new TemplateExecError('unknown operand');
  }
}

function callFunc(
  st: State,
  scope: Scope,
  dot: unknown,
  name: string,
  fn: TemplateFunc,
  argOps: readonly Operand[],
  final: unknown[],
): unknown {
  // `and`/`or` evaluate lazily, stopping at the first value that decides the result.
  if (name === 'and' || name === 'or') {
    const ops = [...argOps];
    if (ops.length + final.length === 0) throw new TemplateExecError(`wrong number of args for ${name}`);
    let v: unknown;
    for (const op of ops) {
      v = evalOperand(st, scope, dot, op, []);
      if (name === 'and' ? !truth(v) : truth(v)) return v;
    }
    for (const f of final) {
      v = f;
      if (name === 'and' ? !truth(v) : truth(v)) return v;
    }
    return v;
  }
  const args = argOps.map((op) => evalOperand(st, scope, dot, op, []));
  args.push(...final);
  return fn(...args);
}

function evalCommand(st: State, scope: Scope, dot: unknown, cmd: Command, final: unknown[]): unknown {
  const [head, ...rest] = cmd.args;
  if (!head) throw new TemplateExecError('empty command');
  if (head.kind === 'func') {
    const fn = FUNCS[head.name];
    if (!fn) throw new TemplateExecError(`"${head.name}" is not a defined function`);
    return callFunc(st, scope, dot, head.name, fn, rest, final);
  }
  if (rest.length > 0 || final.length > 0) {
    const what = head.kind === 'field' ? `.${head.ident.join('.')}` : head.kind;
    throw new TemplateExecError(`can't give argument to non-function ${what}`);
  }
  return evalOperand(st, scope, dot, head, final);
}

function evalPipeline(st: State, scope: Scope, dot: unknown, pipe: Pipeline): unknown {
  let value: unknown;
  let first = true;
  for (const cmd of pipe.cmds) {
    value = evalCommand(st, scope, dot, cmd, first ? [] : [value]);
    first = false;
  }
  if (pipe.decl.length === 1) {
    if (pipe.isAssign) assign(scope, pipe.decl[0]!, value);
    else scope.vars.set(pipe.decl[0]!, value);
  }
  return value;
}

function write(st: State, text: string): void {
  st.out += text;
  if (Buffer.byteLength(st.out) > st.limits.maxOutputBytes) {
    throw new TemplateExecError(
      `template output too large: ${Buffer.byteLength(st.out)} bytes (max ${st.limits.maxOutputBytes})`,
    );
  }
}

function walk(st: State, scope: Scope, dot: unknown, nodes: readonly Node[]): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        write(st, node.text);
        break;
      case 'action': {
        let v: unknown;
        try {
          v = evalPipeline(st, scope, dot, node.pipe);
        } catch (err) {
          throw execError(st, node.pos, node.pipe, err);
        }
        if (node.pipe.decl.length === 0) write(st, sprint(v));
        break;
      }
      case 'if':
      case 'with': {
        const inner: Scope = { vars: new Map(), parent: scope };
        let v: unknown;
        try {
          v = evalPipeline(st, inner, dot, node.pipe);
        } catch (err) {
          throw execError(st, node.pos, node.pipe, err);
        }
        if (truth(v)) walk(st, inner, node.kind === 'with' ? v : dot, node.list);
        else if (node.elseList) walk(st, inner, dot, node.elseList);
        break;
      }
      case 'range':
        walkRange(st, scope, dot, node);
        break;
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      default:
        break;
    }
  }
}

function walkRange(st: State, scope: Scope, dot: unknown, node: Extract<Node, { kind: 'range' }>): void {
  const inner: Scope = { vars: new Map(), parent: scope };
  let v: unknown;
  const pipe = node.pipe;
  try {
    // The declared names are bound per element below, not to the collection.
    v = evalPipeline(st, inner, dot, { ...pipe, decl: [] });
  } catch (err) {
    throw execError(st, node.pos, pipe, err);
  }
  let entries: Array<[unknown, unknown]>;
  if (v === MISSING || v === null || v === undefined) entries = [];
  else if (Array.isArray(v)) entries = v.map((e, i) => [i, e]);
  else if (typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    entries = Object.keys(rec)
      .sort()
      .map((k) => [k, rec[k]]);
  } else if (typeof v === 'number' && Number.isInteger(v)) {
    entries = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
  } else {
    throw execError(st, node.pos, pipe, new TemplateExecError(`range can't iterate over ${sprint(v)}`));
  }
  if (entries.length === 0) {
    if (node.elseList) walk(st, inner, dot, node.elseList);
    return;
  }
  for (const [key, elem] of entries) {
    if (++st.iterations > st.limits.maxIterations) {
      throw new TemplateExecError(`template exceeded ${st.limits.maxIterations} loop iterations`);
    }
    const iter: Scope = { vars: new Map(), parent: inner };
    if (pipe.decl.length === 1) iter.vars.set(pipe.decl[0]!, elem);
    if (pipe.decl.length === 2) {
      iter.vars.set(pipe.decl[0]!, key);
      iter.vars.set(pipe.decl[1]!, elem);
    }
    try {
      walk(st, iter, elem, node.list);
    } catch (e) {
      if (e instanceof Break) break;
      if (e instanceof Continue) continue;
      throw e;
    }
  }
}

/** Renders `tmpl` with `data` as dot (and `$`). `vars` predefines variables such as `$item`. */
export function execute(
  tmpl: Template,
  data: unknown,
  limits: ExecLimits = DEFAULT_LIMITS,
  vars?: Record<string, unknown>,
): string {
  const st = new State(limits);
  const scope: Scope = { vars: new Map<string, unknown>([['$', data]]) };
  for (const [k, v] of Object.entries(vars ?? {})) scope.vars.set(k, v);
  walk(st, scope, data, tmpl.root);
  return st.out;
}

export type { TemplateFunc };
export { FUNCS };
