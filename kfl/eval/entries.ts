// The entry points of a compiled filter: `predicate` and `evaluate` per record, each with the
// evaluation guard — a fresh work budget, and an exception out of a malformed record (a throwing
// getter, an exhausted stack) made an evaluation error for that entry alone. The caller's call is
// the one every record pays, so the common root shapes are entry points themselves instead of a
// wrapper around the closure tree: `flag && rest` is the flag's generated guard, which turns a
// record of another kind away inline (fieldReaders.ts), and the predicate of a chain `a && b`,
// `a || b` runs its terms directly, since only "exactly true" matters to it.
import { type Expr } from '../ast';
import { Types } from '../types';
import { type Activation, type Eval, malformed, resetWork } from './closures';
import { type EmitContext } from './emitContext';
import { chainOf, chainTerms, logical } from './emitOperators';
import { FLAG_GUARDS, type FlagGuard } from './fieldReaders';
import { EvalError, type Result } from './values';

/** `true`/`false`, or the evaluation error that made the entry not match (counted as eval_errors). */
export type EvalOutcome = boolean | EvalError;

export interface Entries {
  /** The value of the whole expression (any type), guarded. */
  readonly run: (record: Activation) => Result;
  readonly predicate: (record: Activation) => boolean;
  readonly evaluate: (record: Activation) => EvalOutcome;
}

const isTrue = (outcome: Result): boolean => outcome === true;
const asOutcome = (outcome: Result): EvalOutcome =>
  typeof outcome === 'boolean' || outcome instanceof EvalError ? outcome : new EvalError('filter result is not a bool');
const asValue = (outcome: Result): Result => outcome;

export function buildEntries(root: Expr, ctx: EmitContext): Entries {
  const op = root.kind === 'binary' && (root.op === '&&' || root.op === '||') ? root.op : undefined;
  if (op === undefined) {
    const run = ctx.emit(root);
    return { run: guarded(run, asValue), predicate: guarded(run, isTrue), evaluate: guarded(run, asOutcome) };
  }
  const operands = chainOf(root, op);
  const flag = op === '&&' ? guardedFlag(operands, ctx) : undefined;
  if (flag !== undefined) {
    const rest = operands.filter((operand) => operand !== flag.operand);
    // A lone bool operand yields a bool or an error already; more, or a `dyn` one, make a chain.
    const restRun = rest.length === 1 && ctx.typeOf(rest[0] as Expr) === Types.bool ? ctx.emit(rest[0] as Expr) : logical('&&', chainTerms(rest, ctx));
    return { run: flag.guard(restRun, asValue), predicate: flag.guard(restRun, isTrue), evaluate: flag.guard(restRun, asOutcome) };
  }
  const terms = chainTerms(operands, ctx);
  const run = logical(op, terms);
  return { run: guarded(run, asValue), predicate: chainPredicate(op, terms), evaluate: guarded(run, asOutcome) };
}

/** The first operand that is a protocol or L4 flag of spec §9 with a generated guard. */
function guardedFlag(operands: readonly Expr[], ctx: EmitContext): { operand: Expr; guard: FlagGuard } | undefined {
  for (const operand of operands) {
    const reference = operand.kind === 'ident' ? ctx.analysis.referenceOf(operand) : undefined;
    const guard = reference?.kind === 'field' && reference.field.flag ? FLAG_GUARDS.get(reference.field.path) : undefined;
    if (guard !== undefined) return { operand, guard };
  }
  return undefined;
}

function guarded<T>(run: Eval, settle: (outcome: Result) => T): (record: Activation) => T {
  return (record) => {
    resetWork();
    try {
      return settle(run(record));
    } catch (error: unknown) {
      return settle(malformed(error));
    }
  };
}

/** `&&`: every term exactly true; `||`: some term exactly true. An error never makes a match. */
function chainPredicate(op: '&&' | '||', terms: readonly Eval[]): (record: Activation) => boolean {
  const conjunction = op === '&&';
  return (record) => {
    resetWork();
    try {
      for (let i = 0; i < terms.length; i++) if (((terms[i] as Eval)(record) === true) !== conjunction) return !conjunction;
      return conjunction;
    } catch {
      return false;
    }
  };
}
