// Helpers for the engine's semantics tests: compile a filter (failing loudly when it is rejected)
// and evaluate it against a record, with extra fields declared where a test needs them.
import * as assert from 'node:assert/strict';
import { compile, type EvalOutcome, type KflRecord } from '../../../kfl/eval/compile';
import { EvalError } from '../../../kfl/eval/values';
import { defaultSchema, extendSchema, type FieldSpec, type Schema } from '../../../kfl/schema';

/** `true`, `false` or `'error'`: what a filter gave for a record. */
export type Outcome = boolean | 'error';

export const NOW = Date.UTC(2026, 2, 14, 17, 0, 0);

/** The default schema plus fields of the given types (`{ s: 'string', n: 'int' }`). */
export function schemaWith(fields: Record<string, string>): Schema {
  const specs: FieldSpec[] = Object.entries(fields).map(([path, type]) => ({ path, type, protocol: 'test', description: '' }));
  return extendSchema(defaultSchema, specs);
}

export function evaluate(text: string, record: KflRecord = {}, schema?: Schema): Outcome {
  const compiled = compile(text, { schema, now: NOW });
  assert.ok(compiled.ok, `${text} should compile: ${compiled.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.args)}`).join('; ')}`);
  const outcome: EvalOutcome = compiled.evaluate(record);
  const predicate = compiled.predicate(record);
  assert.equal(predicate, outcome === true, `${text}: predicate and evaluate disagree`);
  return outcome instanceof EvalError ? 'error' : outcome;
}

/** Asserts each `[filter, expected]` against one record. */
export function expectAll(cases: readonly (readonly [string, Outcome])[], record: KflRecord = {}, schema?: Schema): void {
  const wrong = cases
    .map(([text, expected]) => ({ text, expected, actual: evaluate(text, record, schema) }))
    .filter((c) => c.actual !== c.expected)
    .map((c) => `${c.text}: expected ${c.expected}, got ${c.actual}`);
  assert.deepEqual(wrong, []);
}
