// The CEL parser suite (@bufbuild/cel-spec, extracted from cel-go) over KFL's syntax: KFL must
// accept exactly what cel-go accepts, and for accepted input produce the same tree — compared as
// cel-go's debug string, with macros expanded as cel-go expands them (conformance/celAst.ts).
// Pass counts are held to conformance/parsing.expected.json.
import path from 'node:path';
import { type IncrementalTest, getParsingSuite } from '@bufbuild/cel-spec/testdata/tests.js';
import { KindAdorner, toDebugString } from '@bufbuild/cel-spec/testdata/to-debug-string.js';
import { analyze } from '../../../kfl/analyze';
import { DiagnosticSink } from '../../../kfl/diagnostics';
import { parse } from '../../../kfl/syntax/parser';
import { REPO_ROOT } from '../../support/paths';
import { toCelExpr } from './conformance/celAst';
import { describeAgainstRecord, type Outcome, summarize } from './conformance/expectations';

const RECORD = path.join(REPO_ROOT, 'test', 'kfl', 'eval', 'conformance', 'parsing.expected.json');
const SOURCE = '@bufbuild/cel-spec 0.6.1 (cel-go parser tests)';

/** Why a parser test is outside KFL's syntax (spec §3), or undefined when it is in. */
function exclusionReason(test: IncrementalTest): string | undefined {
  const expr = test.original.expr;
  const error = test.error ?? '';
  if (/recursion|lookahead limit/.test(error) && test.ast === undefined) return "cel-go's parser limits (KFL's are spec §3)";
  if (expr.includes('`')) return 'backtick-quoted field names';
  if (/\.\?|\[\?|\{\s*\?|,\s*\?/.test(expr)) return 'optional syntax (extension library)';
  if (/[A-Za-z0-9_]\s*\{/.test(expr.replace(/\bin\s*\{/g, ''))) return 'message construction';
  if (expr.includes('existsOne')) return "cel-go's macro alias existsOne";
  if (expr.includes('__result__')) return "cel-go's reserved accumulator name";
  return undefined;
}

function runTest(test: IncrementalTest): { passed: boolean; detail: string } {
  const sink = new DiagnosticSink();
  const { ast } = parse(test.original.expr, sink);
  const errors = sink.diagnostics.filter((d) => d.severity === 'error');
  const celAccepts = test.ast !== undefined;
  if (errors.length > 0 || ast === undefined) {
    return celAccepts
      ? { passed: false, detail: `rejected (${errors.map((d) => d.code).join(', ')}), cel-go accepts` }
      : { passed: true, detail: '' };
  }
  if (!celAccepts) {
    return rejectsMacroShape(test.original.expr)
      ? { passed: true, detail: '' }
      : { passed: false, detail: `accepted, cel-go rejects: ${(test.error ?? '').split('\n')[0]}` };
  }
  const mine = toDebugString(toCelExpr(ast), KindAdorner.singleton);
  return mine === test.ast ? { passed: true, detail: '' } : { passed: false, detail: `tree differs:\n${mine}\n--- cel-go:\n${test.ast}` };
}

/**
 * KFL's parser keeps a malformed macro (`1.all(2, 3)`, `has(m)`) as a plain call and its checker
 * rejects it (kfl/ast.ts); cel-go rejects it while parsing. Either way the filter is refused.
 */
function rejectsMacroShape(expr: string): boolean {
  return analyze(expr).diagnostics.some((d) => d.code === 'kfl/macro-variable' || (d.code === 'kfl/type-mismatch' && d.args.reason === 'has'));
}

describe('CEL parser suite (KFL syntax)', () => {
  const excluded = new Map<string, number>();
  const outcomes: Outcome[] = [];
  const seen = new Map<string, number>();
  for (const test of getParsingSuite().tests) {
    const reason = exclusionReason(test);
    if (reason !== undefined) {
      excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
      continue;
    }
    const count = (seen.get(test.name) ?? 0) + 1;
    seen.set(test.name, count);
    let outcome: { passed: boolean; detail: string };
    try {
      outcome = runTest(test);
    } catch (error: unknown) {
      outcome = { passed: false, detail: `exception: ${error instanceof Error ? error.message : String(error)}` };
    }
    outcomes.push({ section: 'parsing', name: `parsing/${test.name}${count > 1 ? `#${count}` : ''}`, ...outcome });
  }
  describeAgainstRecord(RECORD, summarize(SOURCE, excluded, outcomes), outcomes);
});
