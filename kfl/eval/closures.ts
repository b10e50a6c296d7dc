// The building blocks of compiled filters: a filter becomes a tree of closures, one per AST node,
// each taking the record and returning a value or an EvalError. No code is generated as text
// (no eval/new Function anywhere): specialisation happens by choosing among closures at compile
// time, using the checker's static types.
import { EvalError, type Result, type Value } from './values';

/** The record (or the conformance bindings) a filter reads. */
export type Activation = Readonly<Record<string, unknown>>;

export type Eval = (record: Activation) => Result;

/**
 * Mutable state of one compiled program, shared by its closures: the slots of macro variables.
 * Evaluation is synchronous and never re-enters the same program, so one frame suffices.
 */
export interface ProgramState {
  readonly frame: Value[];
}

/**
 * Work allowed per evaluation, in steps: a macro iteration is one step, a concatenation one step
 * per 16 elements (or bytes, or UTF-16 units) it produces. Generous for real filters, a bound for
 * nested macros over big lists. One counter for all programs is enough because evaluations run
 * one at a time, each from start to end; every entry point resets it.
 */
export const WORK_BUDGET = 1_000_000;
const work = { left: WORK_BUDGET };

export function resetWork(): void {
  work.left = WORK_BUDGET;
}

/** Spends `steps`; false when the evaluation has run out of work. */
export function spend(steps: number): boolean {
  work.left -= steps;
  return work.left >= 0;
}

export const budgetExceeded = (): EvalError => new EvalError('evaluation budget exceeded');

/**
 * The evaluation error for an exception out of a record (a throwing getter, an exhausted stack):
 * closures read every value through its static type and do not throw on records of any shape, so
 * the entry guards catch only what a malformed record causes, and that entry alone pays.
 */
export function malformed(error: unknown): EvalError {
  return new EvalError(`malformed record: ${error instanceof Error ? error.message : String(error)}`);
}

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
