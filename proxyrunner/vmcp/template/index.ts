/**
 * Go `text/template` for composite tools, as ToolHive's composer uses it: parse once when the
 * config loads (so a bad template is rejected with its path), render per step.
 */
import type { Node, Operand, Pipeline } from './ast.ts';
import { execute } from './exec.ts';
import { FUNC_NAMES } from './funcs.ts';
import { parseTemplate, type Template } from './parser.ts';

export { TemplateExecError } from './exec.ts';
export { TemplateSyntaxError } from './lexer.ts';
export type { Template } from './parser.ts';

const cache = new Map<string, Template>();
const CACHE_LIMIT = 4096;

/** Parses a template (cached by source). Throws TemplateSyntaxError. */
export function compile(src: string): Template {
  let t = cache.get(src);
  if (!t) {
    t = parseTemplate(src, { funcs: FUNC_NAMES });
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(src, t);
  }
  return t;
}

/** Renders `src` with `data` as dot. Plain strings without `{{` are returned as they are. */
export function render(src: string, data: unknown): string {
  if (!src.includes('{{')) return src;
  return execute(compile(src), data);
}

/**
 * Field chains the template reads from the top-level data, e.g. `.steps.fetch.output.text`
 * (ToolHive's `templates.ExtractReferences`), used to check `defaultResults` at load time.
 */
export function references(src: string): string[] {
  const refs = new Set<string>();
  const walkPipe = (p: Pipeline): void => {
    for (const cmd of p.cmds) for (const op of cmd.args) walkOp(op);
  };
  const walkOp = (op: Operand): void => {
    if (op.kind === 'field') refs.add(`.${op.ident.join('.')}`);
    if (op.kind === 'chain') {
      walkPipe(op.pipe);
      if (op.ident.length > 0) refs.add(`.${op.ident.join('.')}`);
    }
  };
  const walk = (nodes: readonly Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'action') walkPipe(n.pipe);
      if (n.kind === 'if' || n.kind === 'range' || n.kind === 'with') {
        walkPipe(n.pipe);
        walk(n.list);
        if (n.elseList) walk(n.elseList);
      }
    }
  };
  walk(compile(src).root);
  return [...refs];
}
