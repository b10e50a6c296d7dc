// `compile(text)`: the query engine's entry point (kfl/README.md). A filter is analyzed with the
// same checker the language server uses — every error-level diagnostic rejects it, with the same
// code — and then turned into a closure tree (program.ts) that is run once per record.
import { analyze } from '../analyze';
import { type KflDiagnostic } from '../diagnostics';
import { type Schema } from '../schema';
import { type KflType } from '../types';
import { type Activation, resetWork } from './closures';
import { buildProgram, type Program } from './program';
import { type Timestamp, timestampFromMillis } from './time';
import { EvalError, type Result } from './values';

/** A record of spec §9 as the Hub builds it (kfl/README.md, "The KFL record"). */
export type KflRecord = Activation;

/** `true`/`false`, or the evaluation error that made the entry not match (counted as eval_errors). */
export type EvalOutcome = boolean | EvalError;

export interface CompileOptions {
  /** Default: `defaultSchema`. */
  schema?: Schema;
  /** Unix ms for `now()`; default `Date.now()` at compile time. */
  now?: number;
}

export type CompileResult =
  | {
    ok: true;
    /** True only when the filter evaluates to exactly `true`; errors make the entry not match. */
    predicate: (record: KflRecord) => boolean;
    evaluate: (record: KflRecord) => EvalOutcome;
    /** Warnings and infos only. */
    diagnostics: KflDiagnostic[];
  }
  | { ok: false; diagnostics: KflDiagnostic[] };

export function compile(text: string, options: CompileOptions = {}): CompileResult {
  const analysis = analyze(text, { schema: options.schema });
  if (analysis.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: analysis.diagnostics };
  const diagnostics = analysis.diagnostics;
  if (analysis.ast === undefined) return { ok: true, predicate: () => true, evaluate: () => true, diagnostics };
  const program = buildProgram(analysis, analysis.ast, nowOf(options));
  const run = guarded(program);
  return {
    ok: true,
    predicate: predicateOf(program),
    evaluate: (record) => {
      const result = run(record);
      return typeof result === 'boolean' ? result : result instanceof EvalError ? result : new EvalError('filter result is not a bool');
    },
    diagnostics,
  };
}

/** The hot entry point, kept to one closure around the program. */
function predicateOf({ run }: Program): (record: KflRecord) => boolean {
  return (record) => {
    resetWork();
    try {
      return run(record) === true;
    } catch {
      return false;
    }
  };
}

export type ExpressionResult = { ok: true; value: Result; type: KflType } | { ok: false; diagnostics: KflDiagnostic[] };

/**
 * Internal (the conformance suite): evaluates an expression of any type with `bindings` as the
 * record. The filter-must-be-bool rule does not apply to an expression; every other error does.
 */
export function evaluateExpression(text: string, bindings: Activation, options: CompileOptions = {}): ExpressionResult {
  const analysis = analyze(text, { schema: options.schema });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'kfl/not-bool');
  if (errors.length > 0 || analysis.ast === undefined) return { ok: false, diagnostics: errors.length > 0 ? errors : analysis.diagnostics };
  const run = guarded(buildProgram(analysis, analysis.ast, nowOf(options)));
  return { ok: true, value: run(bindings), type: analysis.typeOf(analysis.ast) };
}

function nowOf(options: CompileOptions): Timestamp {
  const now = timestampFromMillis(options.now ?? Date.now());
  return now instanceof EvalError ? (timestampFromMillis(0) as Timestamp) : now;
}

/**
 * Resets the per-evaluation budget and turns any exception into an evaluation error. The closures
 * read every record value through its static type and do not throw on records of any shape; this
 * is the last line of defence (a getter that throws, an exhausted stack), so that one entry pays,
 * not the query.
 */
function guarded({ run }: Program): (record: Activation) => Result {
  return (record) => {
    resetWork();
    try {
      return run(record);
    } catch (error: unknown) {
      return new EvalError(`malformed record: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
