/**
 * The KFL2 syntax tree.
 *
 * Every node carries `start`/`end` (UTF-16 offsets into the filter text, end exclusive) and an
 * `id` that is unique within one parse (0…nodeCount-1, in creation order), so later passes can
 * keep per-node facts in arrays or maps. The parser never throws: where the text is broken it
 * inserts a `missing` node (an expression was expected but absent) or an `error` node (a stretch
 * of text that does not fit the grammar, holding whatever sub-expressions could still be parsed),
 * and reports the problem in its diagnostics.
 *
 * Macros are explicit nodes (`has`, `comprehension`) rather than calls: the parser expands a call
 * into a macro node only when its shape is right (argument count, a plain identifier as the
 * variable). A malformed macro stays a `call` and the checker reports it (`kfl/arity`,
 * `kfl/macro-variable`). So a consumer of an error-free tree never sees a half-formed macro.
 *
 * The tree is immutable once parsed; consumers read it, they never patch it.
 */

/** A stretch of the filter text: UTF-16 offsets, `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A name written in the text (a field, method or macro-variable name) with its own span. */
export interface Name extends Span {
  /** The identifier text; `''` when the parser expected a name and found none. */
  readonly name: string;
}

interface NodeBase extends Span {
  /** Unique within one parse, dense from 0. */
  readonly id: number;
}

/** Literal values as the engine uses them: int64/uint64 as `bigint` so no precision is lost. */
export type LiteralValue =
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'uint'; readonly value: bigint }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'null'; readonly value: null };

/** `42`, `0x1Fu`, `1.5`, `"text"`, `r"raw"`, `b"bytes"`, `true`, `null`. */
export interface LiteralExpr extends NodeBase {
  readonly kind: 'literal';
  readonly literal: LiteralValue;
  /** Written in raw form (`r"…"`, `br'…'`): no escape processing. Needed for KFL v1 detection. */
  readonly raw: boolean;
}

/** A bare name: a field (`status_code`), an object (`src`) or a macro variable (`q`). */
export interface IdentExpr extends NodeBase {
  readonly kind: 'ident';
  readonly name: string;
}

/** `operand.field`: an object field, or on a map the same as `operand["field"]`. */
export interface SelectExpr extends NodeBase {
  readonly kind: 'select';
  readonly operand: Expr;
  readonly field: Name;
}

/** `operand[index]`: a list element or a map value. */
export interface IndexExpr extends NodeBase {
  readonly kind: 'index';
  readonly operand: Expr;
  readonly index: Expr;
  /** Offset of `[`. */
  readonly open: number;
  /** Offset of `]`, or `undefined` when it is missing. */
  readonly close: number | undefined;
}

/** A global call `f(a, b)` (no target) or a method call `target.f(a)`. */
export interface CallExpr extends NodeBase {
  readonly kind: 'call';
  readonly function: Name;
  readonly target: Expr | undefined;
  readonly args: readonly Expr[];
  /** Offset of `(`. */
  readonly open: number;
  /** Offset of `)`, or `undefined` when it is missing. */
  readonly close: number | undefined;
}

export type UnaryOp = '!' | '-';

/** `!operand` or `-operand`. Repeated operators nest (`!!x` is two nodes). */
export interface UnaryExpr extends NodeBase {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly opSpan: Span;
  readonly operand: Expr;
}

export type LogicalOp = '&&' | '||';
export type RelationOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type BinaryOp = LogicalOp | RelationOp | ArithmeticOp;

/** `left op right`. */
export interface BinaryExpr extends NodeBase {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}

/** `condition ? whenTrue : whenFalse`; only the chosen branch is evaluated. */
export interface ConditionalExpr extends NodeBase {
  readonly kind: 'conditional';
  readonly condition: Expr;
  readonly whenTrue: Expr;
  readonly whenFalse: Expr;
}

/** `[a, b, c]`. */
export interface ListExpr extends NodeBase {
  readonly kind: 'list';
  readonly elements: readonly Expr[];
}

/** One `key: value` of a map literal. Not an expression itself; it has a span but no id. */
export interface MapEntry extends Span {
  readonly key: Expr;
  readonly value: Expr;
}

/** `{k1: v1, k2: v2}`. */
export interface MapExpr extends NodeBase {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
}

/**
 * The `has(x.f)` macro: true when field or key `f` is present on `x`. `argument` is the select
 * being tested; it is not evaluated as a lookup.
 */
export interface HasExpr extends NodeBase {
  readonly kind: 'has';
  readonly function: Name;
  readonly argument: SelectExpr;
}

export type ComprehensionMacro = 'all' | 'exists' | 'exists_one' | 'map' | 'filter';

/**
 * A comprehension macro on a list (per element) or a map (per key):
 *
 * | written                   | predicate | transform |
 * |---------------------------|-----------|-----------|
 * | `t.exists(x, p)`          | `p`       | —         |
 * | `t.all(x, p)`             | `p`       | —         |
 * | `t.exists_one(x, p)`      | `p`       | —         |
 * | `t.filter(x, p)`          | `p`       | —         |
 * | `t.map(x, e)`             | —         | `e`       |
 * | `t.map(x, p, e)`          | `p`       | `e`       |
 *
 * `variable` is bound inside `predicate` and `transform` only.
 */
export interface ComprehensionExpr extends NodeBase {
  readonly kind: 'comprehension';
  readonly macro: ComprehensionMacro;
  readonly function: Name;
  readonly target: Expr;
  readonly variable: Name;
  readonly predicate: Expr | undefined;
  readonly transform: Expr | undefined;
}

/** Where an expression was required but the text has none (zero-width or covering a bad token). */
export interface MissingExpr extends NodeBase {
  readonly kind: 'missing';
}

/**
 * Text that does not fit the grammar, e.g. `http dns` (two expressions without an operator).
 * `children` are the expressions that could still be parsed inside it, so they are checked too.
 */
export interface ErrorExpr extends NodeBase {
  readonly kind: 'error';
  readonly children: readonly Expr[];
}

export type Expr =
  | LiteralExpr
  | IdentExpr
  | SelectExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | ListExpr
  | MapExpr
  | HasExpr
  | ComprehensionExpr
  | MissingExpr
  | ErrorExpr;

export type ExprKind = Expr['kind'];

/**
 * Calls `visit(child, context)` on each direct sub-expression of `node`, in source order, without
 * allocating: the parser and checker walk every node, and a module-level `visit` with a
 * `context` needs no closure per call (see `childrenOf` for an array).
 */
export function forEachChild<C>(node: Expr, visit: (child: Expr, context: C) => void, context: C): void {
  switch (node.kind) {
    case 'literal':
    case 'ident':
    case 'missing':
      return;
    case 'select':
    case 'unary':
      visit(node.operand, context);
      return;
    case 'index':
      visit(node.operand, context);
      visit(node.index, context);
      return;
    case 'call':
      if (node.target) visit(node.target, context);
      for (const arg of node.args) visit(arg, context);
      return;
    case 'binary':
      visit(node.left, context);
      visit(node.right, context);
      return;
    case 'conditional':
      visit(node.condition, context);
      visit(node.whenTrue, context);
      visit(node.whenFalse, context);
      return;
    case 'list':
      for (const element of node.elements) visit(element, context);
      return;
    case 'map':
      for (const entry of node.entries) {
        visit(entry.key, context);
        visit(entry.value, context);
      }
      return;
    case 'has':
      visit(node.argument, context);
      return;
    case 'comprehension':
      visit(node.target, context);
      if (node.predicate) visit(node.predicate, context);
      if (node.transform) visit(node.transform, context);
      return;
    case 'error':
      for (const child of node.children) visit(child, context);
      return;
  }
}

/** The direct sub-expressions of `node`, in source order. */
export function childrenOf(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case 'literal':
    case 'ident':
    case 'missing':
      return [];
    case 'select':
      return [node.operand];
    case 'index':
      return [node.operand, node.index];
    case 'call':
      return node.target ? [node.target, ...node.args] : node.args;
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.condition, node.whenTrue, node.whenFalse];
    case 'list':
      return node.elements;
    case 'map':
      return node.entries.flatMap((e) => [e.key, e.value]);
    case 'has':
      return [node.argument];
    case 'comprehension':
      return [node.target, ...(node.predicate ? [node.predicate] : []), ...(node.transform ? [node.transform] : [])];
    case 'error':
      return node.children;
  }
}

/**
 * The innermost node whose span contains `offset` (end inclusive, so a caret right after a name
 * finds it), preceded by its ancestors from the root. Empty when `offset` is outside the tree.
 */
export function nodePathAt(root: Expr, offset: number): Expr[] {
  const path: Expr[] = [];
  let node: Expr | undefined = root;
  while (node && node.start <= offset && offset <= node.end) {
    path.push(node);
    node = childrenOf(node).find((c) => c.start <= offset && offset <= c.end && c.end > c.start);
  }
  return path;
}
