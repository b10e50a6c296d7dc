// `compile(text)`: the query engine's entry point (kfl/README.md). A filter is analyzed with the
// same checker the language server uses — every error-level diagnostic rejects it, with the same
// code — and then turned into a closure tree (program.ts) that is run once per record.
import { analyze } from '../analyze';
import { type KflDiagnostic } from '../diagnostics';
import { type Schema } from '../schema';
import { type KflType } from '../types';
import { type Activation } from './closures';
import { type EvalOutcome } from './entries';
import { buildProgram } from './program';
import { type Timestamp, timestampFromMillis } from './time';
import { EvalError, type Result } from './values';

/** A record of spec §9 as the Hub builds it (kfl/README.md, "The KFL record"). */
export type KflRecord = Activation;

export type { EvalOutcome } from './entries';

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
  const { predicate, evaluate } = buildProgram(analysis, analysis.ast, nowOf(options));
  return { ok: true, predicate, evaluate, diagnostics };
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
  const { run } = buildProgram(analysis, analysis.ast, nowOf(options));
  return { ok: true, value: run(bindings), type: analysis.typeOf(analysis.ast) };
}

function nowOf(options: CompileOptions): Timestamp {
  const now = timestampFromMillis(options.now ?? Date.now());
  return now instanceof EvalError ? (timestampFromMillis(0) as Timestamp) : now;
}
