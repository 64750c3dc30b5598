/**
 * Syntax tree of a Go `text/template` (the subset composite tools use: actions, pipelines,
 * variables, if/else if/range/with, break/continue, comments and trim markers).
 */

export interface Pos {
  readonly line: number;
  readonly col: number;
}

export type Node = TextNode | ActionNode | IfNode | RangeNode | WithNode | BreakNode | ContinueNode;

export interface TextNode {
  readonly kind: 'text';
  readonly text: string;
}

export interface ActionNode {
  readonly kind: 'action';
  readonly pos: Pos;
  readonly pipe: Pipeline;
}

export interface IfNode {
  readonly kind: 'if';
  readonly pos: Pos;
  readonly pipe: Pipeline;
  readonly list: Node[];
  readonly elseList?: Node[];
}

export interface RangeNode {
  readonly kind: 'range';
  readonly pos: Pos;
  readonly pipe: Pipeline;
  readonly list: Node[];
  readonly elseList?: Node[];
}

export interface WithNode {
  readonly kind: 'with';
  readonly pos: Pos;
  readonly pipe: Pipeline;
  readonly list: Node[];
  readonly elseList?: Node[];
}

export interface BreakNode {
  readonly kind: 'break';
  readonly pos: Pos;
}

export interface ContinueNode {
  readonly kind: 'continue';
  readonly pos: Pos;
}

export interface Pipeline {
  readonly pos: Pos;
  /** `$x :=` (declare) or `$x =` (assign); two names in `range $i, $v :=`. */
  readonly decl: string[];
  readonly isAssign: boolean;
  readonly cmds: Command[];
  /** Source text, for error messages (`at <...>`). */
  readonly source: string;
}

export interface Command {
  readonly args: Operand[];
}

export type Operand =
  | { readonly kind: 'field'; readonly ident: string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly ident: string[] }
  | { readonly kind: 'dot' }
  | { readonly kind: 'func'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly isInt: boolean }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'nil' }
  | { readonly kind: 'chain'; readonly pipe: Pipeline; readonly ident: string[] };
