/**
 * What `analyze` returns, and the checker's output contract that the engine (kfl/eval) compiles
 * from. Stable: changes are additive only.
 *
 * For an analysis without error-level diagnostics the engine may rely on:
 * - `typeOf(node)` for every node of `ast`: a concrete type, or `dyn` where static typing was
 *   switched off (`dyn(x)`, elements of `[]`). Never `error`, never a type parameter.
 * - `referenceOf(node)` for every `ident` and `select` node:
 *   - `field`: a schema entry. For a select on an object (`src.pod.name`) the whole path is the
 *     field; read it from the record with the type's default when the key is absent (README,
 *     "The KFL record"). Objects (`src`, `src.pod`) are fields of object type.
 *   - `variable`: a macro variable bound by `binder` (an element of a list, a key of a map).
 *   - `map-key`: `m.key` on a map (or a `dyn` value), the same as `m["key"]`: a missing key is an
 *     evaluation error (inside `has(…)` it is a presence test instead).
 *   - `type`: a type name used as a value (`int`, `list`, … in `TYPE_NAMES` of functions.ts); its
 *     value is the CEL type of that name, the one `type(x)` returns.
 * - `overloadOf(node)` for every `call`, `unary`, `binary` and `index` node: the overload of
 *   functions.ts that applies (`&&` is `logical_and`, `in` on a map is `in_map`, …). `undefined`
 *   only when an operand is `dyn` and several overloads fit: dispatch on the runtime value then. Conditional, list, map, `has` and comprehension nodes have no overload; their
 *   meaning is fixed by the node kind (`ComprehensionExpr.macro`; the target's type says list or
 *   map).
 * - Literal values are already decoded in the AST (`LiteralExpr.literal`).
 *
 * Get one with `analyze(text, options)` from `kfl/analyze.ts` (re-exported by kfl/index.ts).
 */
import { type BinaryExpr, type CallExpr, type ComprehensionExpr, type Expr, type IdentExpr, type IndexExpr, type SelectExpr, type Span, type UnaryExpr } from './ast';
import { type KflDiagnostic } from './diagnostics';
import { type OverloadDecl } from './functions';
import { type FieldInfo, type Schema } from './schema';
import { type Token } from './syntax/tokens';
import { type KflType } from './types';

export type Reference =
  | { readonly kind: 'field'; readonly field: FieldInfo }
  | { readonly kind: 'variable'; readonly name: string; readonly binder: ComprehensionExpr }
  | { readonly kind: 'map-key'; readonly key: string }
  | { readonly kind: 'type'; readonly name: string };

export interface AnalyzeOptions {
  /** Default: `defaultSchema`. */
  schema?: Schema;
  /**
   * IANA zone used where a quick fix turns a person's local time into UTC or shows it (KFL v1
   * `datetime(…)`, `timestamp > <Unix ms>`). Default: the process's zone.
   */
  timeZone?: string;
}

/** The public result of `analyze` (kfl/README.md). */
export interface Analysis {
  /** Undefined when the filter is empty (only whitespace and comments). */
  ast: Expr | undefined;
  diagnostics: KflDiagnostic[];
  /** Type of the whole filter; `bool` for a valid filter (and for the empty one). */
  resultType: KflType;
  /** Only whitespace and comments: the filter matches everything. */
  empty: boolean;
}

/** `analyze`'s full result: the public `Analysis` plus the checker's facts per node. */
export interface CheckedAnalysis extends Analysis {
  /** The text that was analyzed. */
  readonly text: string;
  /** Node ids run from 0 to `nodeCount - 1`. */
  readonly nodeCount: number;
  readonly schema: Schema;
  /** The scanned tokens (ending with `eof`) and `//` comments, for the editor services. */
  readonly tokens: readonly Token[];
  readonly comments: readonly Span[];
  typeOf(node: Expr): KflType;
  referenceOf(node: IdentExpr | SelectExpr): Reference | undefined;
  overloadOf(node: CallExpr | UnaryExpr | BinaryExpr | IndexExpr): OverloadDecl | undefined;
  parentOf(node: Expr): Expr | undefined;
}
