// Which tests of the CEL conformance suite are in KFL's subset, decided by rule (never by picking
// tests that happen to pass). A test is out when its section exercises something KFL does not
// have, or when the test itself needs a feature KFL excludes. Every exclusion carries its reason,
// and the counts per reason are part of the recorded expectations.
import { type IncrementalTest } from '@bufbuild/cel-spec/testdata/tests.js';
import { EXTENSION_FUNCTIONS, FUNCTIONS, MACROS } from '../../../../kfl/functions';
import { typeNameOf } from './protoValues';

/** Top-level sections about features KFL does not have (spec §5: no extension libraries; no protobuf). */
export const EXCLUDED_SECTIONS: Readonly<Record<string, string>> = {
  bindings_ext: 'extension library: cel.bind',
  block_ext: 'extension library: cel.block',
  encoders_ext: 'extension library: encoders',
  math_ext: 'extension library: math',
  string_ext: 'extension library: strings',
  optionals: 'extension library: optional types',
  macros2: 'extension library: two-variable comprehensions',
  proto2: 'protobuf messages',
  proto3: 'protobuf messages',
  proto2_ext: 'protobuf messages',
  enums: 'protobuf enums',
  wrappers: 'protobuf wrapper types',
  dynamic: 'protobuf well-known types and JSON values',
  namespace: 'containers (name resolution in a protobuf package)',
};

// Operators and macro internals in cel-go's debug AST (`_&&_`, `@in`, `__comprehension__`,
// `!_`): not function names a filter can write.
const INTERNAL_CALL = /^[_@!-]/;

/** Why a test is outside KFL's subset, or undefined when it is in. */
export function exclusionReason(section: string, test: IncrementalTest): string | undefined {
  const sectionReason = EXCLUDED_SECTIONS[section];
  if (sectionReason !== undefined) return sectionReason;
  const original = test.original;
  if (original.disableCheck) return 'needs unchecked evaluation (KFL always type-checks)';
  if (original.checkOnly) return 'checks a deduced type without evaluating';
  if (original.container !== '') return 'containers (name resolution in a protobuf package)';
  if (original.resultMatcher.case === 'unknown' || original.resultMatcher.case === 'anyUnknowns') return 'unknown values';
  for (const decl of original.typeEnv) {
    if (decl.declKind.case === 'function') return 'declares custom functions';
    if (decl.declKind.case === 'ident' && typeNameOf(decl.declKind.value.type) === undefined) return 'variables of protobuf types';
  }
  if (containsCase(original.bindings, PROTO_VALUES) || containsCase(original.resultMatcher, PROTO_VALUES)) return 'protobuf message values';
  // cel-go's debug AST prints a message construction as `Name{`; a map literal's `{` never
  // follows a name. Tests cel-go could not parse have no AST: look at the text, minus `in {`.
  const ast = test.ast ?? original.expr;
  const construction = test.ast === undefined ? /(?<![A-Za-z0-9_])(?!in\s)[A-Za-z_][A-Za-z0-9_.]*\s*\{/ : /[A-Za-z0-9_.]\{/;
  const code = stripLiterals(ast);
  if (construction.test(code)) return 'message construction';
  if (code.includes('`')) return 'backtick-quoted field names';
  if (/(?:^|[\s([,!-])\.[A-Za-z_]/.test(code)) return 'leading-dot names';
  if (/google\.protobuf\.|cel\.expr\./.test(original.expr)) return 'protobuf types';
  const outside = calledFunctions(ast).find((name) => !FUNCTIONS.has(name) && !MACROS.has(name) && !INTERNAL_CALL.test(name));
  if (outside !== undefined) return EXTENSION_FUNCTIONS.has(outside) ? 'extension library function' : `function outside KFL: ${outside}`;
  return undefined;
}

/** Names written before `(` outside string literals: global functions and methods. */
function calledFunctions(text: string): string[] {
  return [...stripLiterals(text).matchAll(/(?:^|[^A-Za-z0-9_@])([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1] as string);
}

function stripLiterals(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
}

const PROTO_VALUES: ReadonlySet<unknown> = new Set(['objectValue', 'enumValue']);

/** Whether a protobuf-es message tree holds a oneof whose `case` is in `cases`. */
function containsCase(message: unknown, cases: ReadonlySet<unknown>): boolean {
  if (message === null || typeof message !== 'object' || message instanceof Uint8Array) return false;
  if (cases.has((message as { case?: unknown }).case)) return true;
  return Object.values(message).some((child) => containsCase(child, cases));
}
