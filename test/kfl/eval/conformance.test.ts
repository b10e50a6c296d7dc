// The CEL conformance suite (@bufbuild/cel-spec) over KFL's subset: each test's expression is
// analyzed with the test's declared variables as the schema and evaluated with its bindings as the
// record; the result must have the expected value and CEL type, or be an evaluation error when
// one is expected. Pass counts per section are held to conformance/conformance.expected.json, and
// every failure must be a rejection by one of KFL's deliberate rules (conformance/deliberate.ts).
import assert from 'node:assert/strict';
import path from 'node:path';
import { type ExprValue } from '@bufbuild/cel-spec/cel/expr/eval_pb.js';
import { type IncrementalTest, getConformanceSuite } from '@bufbuild/cel-spec/testdata/tests.js';
import { formatCELType } from '@bufbuild/cel-spec/testdata/to-debug-string.js';
import { evaluateExpression } from '../../../kfl/eval/compile';
import { EvalError, type Value } from '../../../kfl/eval/values';
import { Schema } from '../../../kfl/schema';
import { formatType } from '../../../kfl/types';
import { REPO_ROOT } from '../../support/paths';
import { deliberateRules } from './conformance/deliberate';
import { describeAgainstRecord, type Outcome, summarize } from './conformance/expectations';
import { describe as describeValue, fromProto, strictlyEqual, typeNameOf } from './conformance/protoValues';
import { exclusionReason } from './conformance/subset';

const RECORD = path.join(REPO_ROOT, 'test', 'kfl', 'eval', 'conformance', 'conformance.expected.json');
const SOURCE = '@bufbuild/cel-spec 0.6.1 (cel-spec v0.25.1): conformance';

interface TestResult {
  readonly passed: boolean;
  readonly detail: string;
  /** A failure by one of KFL's deliberate differences from CEL (conformance/deliberate.ts). */
  readonly deliberate?: boolean;
}

function runTest(test: IncrementalTest): TestResult {
  const original = test.original;
  const specs = original.typeEnv.flatMap((decl) => {
    const type = decl.declKind.case === 'ident' ? typeNameOf(decl.declKind.value.type) : undefined;
    return type === undefined ? [] : [{ path: decl.name, type, protocol: 'test', description: '' }];
  });
  const result = evaluateExpression(original.expr, bindingsOf(original.bindings), { schema: Schema.fromSpecs(specs) });
  if (!result.ok) {
    const codes = result.diagnostics.map((d) => d.code).join(', ');
    const rules = deliberateRules(result.diagnostics);
    return { passed: false, detail: rules.length > 0 ? `rejected (${codes}): ${rules.join('; ')}` : `rejected (${codes}) by no deliberate rule`, deliberate: rules.length > 0 };
  }
  const actual = result.value;
  const matcher = original.resultMatcher;
  switch (matcher.case) {
    case 'evalError':
    case 'anyEvalErrors':
      return actual instanceof EvalError ? pass() : { passed: false, detail: `expected an error, got ${describeValue(actual)}` };
    case 'typedResult': {
      const expectedType = formatCELType(matcher.value.deducedType);
      const actualType = formatType(result.type);
      if (matcher.value.deducedType !== undefined && kflTypeName(expectedType) !== actualType) {
        return { passed: false, detail: `deduced type ${actualType}, expected ${expectedType}` };
      }
      return matcher.value.result === undefined ? pass() : compareValue(actual, fromProto(matcher.value.result));
    }
    case 'value': return compareValue(actual, fromProto(matcher.value));
    default: return compareValue(actual, true); // no matcher: the expression must be true
  }
}

function compareValue(actual: Value | EvalError, expected: Value): TestResult {
  if (actual instanceof EvalError) return { passed: false, detail: `error: ${actual.message}` };
  return strictlyEqual(actual, expected) ? pass() : { passed: false, detail: `got ${describeValue(actual)}, expected ${describeValue(expected)}` };
}

const pass = (): TestResult => ({ passed: true, detail: '' });

/** cel-go prints timestamps and durations by their protobuf names, and the null type as `null`. */
function kflTypeName(celType: string): string {
  return celType.replace(/google\.protobuf\.Timestamp/g, 'timestamp').replace(/google\.protobuf\.Duration/g, 'duration').replace(/^null$/, 'null_type');
}

/** Dotted variable names (`a.b.c`) become nested objects, as KFL reads `src.pod.name`. */
function bindingsOf(bindings: { [name: string]: ExprValue }): Record<string, unknown> {
  const record: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, binding] of Object.entries(bindings)) {
    if (binding.kind.case !== 'value') continue;
    const segments = name.split('.');
    let target = record;
    for (const segment of segments.slice(0, -1)) target = (target[segment] ??= Object.create(null)) as Record<string, unknown>;
    target[segments[segments.length - 1] as string] = fromProto(binding.kind.value);
  }
  return record;
}

describe('CEL conformance suite (KFL subset)', () => {
  const excluded = new Map<string, number>();
  const outcomes: Outcome[] = [];
  const gaps: string[] = [];
  for (const top of getConformanceSuite().suites) {
    for (const sub of top.suites) {
      const seen = new Map<string, number>();
      for (const test of sub.tests) {
        const reason = exclusionReason(top.name, test);
        if (reason !== undefined) {
          excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
          continue;
        }
        const count = (seen.get(test.name) ?? 0) + 1;
        seen.set(test.name, count);
        const section = `${top.name}/${sub.name}`;
        const name = `${section}/${test.name}${count > 1 ? `#${count}` : ''}`;
        let result: TestResult;
        try {
          result = runTest(test);
        } catch (error: unknown) {
          result = { passed: false, detail: `exception: ${error instanceof Error ? error.message : String(error)}` };
        }
        outcomes.push({ section, name, passed: result.passed, detail: result.detail });
        if (!result.passed && result.deliberate !== true) gaps.push(`${name}: ${result.detail}`);
      }
    }
  }
  it('fails only where KFL deliberately differs from CEL', () => assert.deepEqual(gaps, []));
  describeAgainstRecord(RECORD, summarize(SOURCE, excluded, outcomes), outcomes);
});
