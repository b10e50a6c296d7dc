// The building blocks of compiled filters: a filter becomes a tree of closures, one per AST node,
// each taking the record and returning a value or an EvalError. No code is generated as text
// (no eval/new Function anywhere): specialisation happens by choosing among closures at compile
// time, using the checker's static types.
import { EvalError, type Result, type Value } from './values';

/** The record (or the conformance bindings) a filter reads. */
export type Activation = Readonly<Record<string, unknown>>;

export type Eval = (record: Activation) => Result;

/**
 * Mutable state of one compiled program, shared by its closures: macro variable slots and the
 * work budget of the current evaluation. Evaluation is synchronous and never re-enters the same
 * program, so one state per program suffices.
 */
export interface ProgramState {
  readonly frame: Value[];
  /** Comprehension iterations left for the current evaluation. */
  budget: number;
}

/** Iterations allowed per evaluation: generous for real filters, a bound for nested macros over big lists. */
export const ITERATION_BUDGET = 1_000_000;

export const budgetExceeded = (): EvalError => new EvalError('evaluation budget exceeded');

const constants = new WeakMap<Eval, Result>();

/** A closure that always returns `value`, recognisable by `constantOf`. */
export function constant(value: Result): Eval {
  const run: Eval = () => value;
  constants.set(run, value);
  return run;
}

/** The value of a closure made by `constant`, wrapped so that `null` is distinguishable from "not constant". */
export function constantOf(run: Eval): { value: Result } | undefined {
  return constants.has(run) ? { value: constants.get(run) as Result } : undefined;
}

/** The first error among already evaluated operands (CEL reports the leftmost). */
export function firstError(a: Result, b: Result): EvalError | undefined {
  if (a instanceof EvalError) return a;
  return b instanceof EvalError ? b : undefined;
}
