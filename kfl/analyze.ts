/** `analyze`: parse, type-check and lint one filter. Never throws. */
import { type AnalyzeOptions, type CheckedAnalysis } from './checked';
import { type CheckFacts, checkTree } from './check/checker';
import { lint } from './check/lints';
import { DiagnosticSink } from './diagnostics';
import { defaultSchema } from './schema';
import { parse } from './syntax/parser';
import { Types } from './types';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

export function analyze(text: string, options: AnalyzeOptions = {}): CheckedAnalysis {
  const schema = options.schema ?? defaultSchema;
  const sink = new DiagnosticSink();
  const parsed = parse(text, sink);
  let facts: CheckFacts | undefined;
  if (parsed.ast) {
    facts = checkTree(text, parsed.ast, parsed.nodeCount, parsed.parents, schema, sink, options.timeZone);
    lint(text, parsed.ast, facts, schema, sink);
  }
  const empty = parsed.ast === undefined && !parsed.limited && sink.diagnostics.length === 0;
  const diagnostics = sink.diagnostics.sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return {
    text,
    ast: parsed.ast,
    diagnostics,
    resultType: empty ? Types.bool : (facts?.resultType ?? Types.error),
    empty,
    nodeCount: parsed.nodeCount,
    schema,
    tokens: parsed.tokens,
    comments: parsed.comments,
    typeOf: (node) => facts?.types[node.id] ?? Types.error,
    referenceOf: (node) => facts?.references[node.id],
    overloadOf: (node) => facts?.overloads[node.id],
    parentOf: (node) => facts?.parents[node.id],
  };
}
