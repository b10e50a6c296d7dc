/**
 * What the checker's parts share while checking one filter: the text, the schema, the
 * diagnostics, and the facts recorded per node (type, reference, overload). checker.ts owns
 * the walk; calls.ts, operators.ts, members.ts, literals.ts and v1.ts add to it.
 */
import { type Expr, type Span } from '../ast';
import { type Reference } from '../checked';
import { type DiagnosticSink } from '../diagnostics';
import { type OverloadDecl } from '../functions';
import { type Schema } from '../schema';
import { type KflType } from '../types';

/** A macro variable in scope. */
export interface Binding {
  readonly type: KflType;
  readonly binder: Extract<Expr, { kind: 'comprehension' }>;
}

export interface CheckContext {
  readonly text: string;
  readonly schema: Schema;
  readonly sink: DiagnosticSink;
  /** IANA zone for quick-fix titles that show local time. */
  readonly timeZone: string | undefined;
  /** Checks `node` (once) and returns its type. */
  check(node: Expr): KflType;
  /** The type recorded for a node already checked. */
  typeOf(node: Expr): KflType;
  setReference(node: Expr, reference: Reference): void;
  referenceOf(node: Expr): Reference | undefined;
  setOverload(node: Expr, overload: OverloadDecl): void;
  parentOf(node: Expr): Expr | undefined;
  /** The innermost macro variable of that name. */
  lookupVariable(name: string): Binding | undefined;
  /** Names of the macro variables in scope, innermost first. */
  variableNames(): string[];
  /** Runs `body` with `name` bound. */
  withVariable<T>(name: string, binding: Binding, body: () => T): T;
  /** Source text of a node or span. */
  textOf(span: Span): string;
}
