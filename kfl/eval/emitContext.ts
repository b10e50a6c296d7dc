// What the per-node emitters share: the checker's facts, the program state and recursion.
import { type BinaryExpr, type CallExpr, type ComprehensionExpr, type Expr, type UnaryExpr } from '../ast';
import { type CheckedAnalysis } from '../checked';
import { type OverloadDecl } from '../functions';
import { type KflType } from '../types';
import { type Eval, type ProgramState } from './closures';
import { type FieldAccess } from './emitFused';
import { type Timestamp } from './time';
import { type Result } from './values';

export interface EmitContext {
  readonly analysis: CheckedAnalysis;
  readonly state: ProgramState;
  /** The value of `now()`, fixed when the filter is compiled. */
  readonly now: Timestamp;
  emit(node: Expr): Eval;
  /** The node's value when it reads neither the record nor a macro variable (folded at compile time). */
  constantOf(node: Expr): { value: Result } | undefined;
  typeOf(node: Expr): KflType;
  /** The frame slot of the variable bound by a comprehension. */
  slotOf(binder: ComprehensionExpr): number;
  /**
   * The checker's overload when it holds at run time; undefined when an operand is statically
   * `dyn`, since the checker then picks by the other operands and the value may be of any kind.
   */
  staticOverload(node: CallExpr | UnaryExpr | BinaryExpr, operands: readonly Expr[]): OverloadDecl | undefined;
  /**
   * How to read a node's value without evaluating it, when it is a record field (the raw value,
   * to be type-checked by the reader) or a macro variable (already coerced): for fused closures.
   */
  directRead(node: Expr): FieldAccess | undefined;
}
