// Closures for function and method calls. String predicates with a constant argument and
// `matches` with a constant pattern are specialised (the pattern is compiled once, here); the
// rest evaluate their arguments left to right and call the overload's implementation.
import { type CallExpr, type Expr } from '../ast';
import { FUNCTIONS, type OverloadDecl } from '../functions';
import { constant, constantOf, type Eval } from './closures';
import { dynamicDispatch } from './dispatch';
import { elementCoercer } from './emitAccess';
import { fusedMapGet, fusedMatches, fusedStringTest, type StringTestKind } from './emitFused';
import { type EmitContext } from './emitContext';
import { mapGet } from './equality';
import { type Implementation, OVERLOADS } from './overloads';
import { compileRegex } from './regex';
import { EvalError, isMap, type Result, type Value } from './values';

type StringTest = (subject: string, argument: string) => boolean;

const STRING_TESTS: ReadonlyMap<string, StringTest> = new Map<string, StringTest>([
  ['contains_string', (s, t) => s.includes(t)],
  ['starts_with_string', (s, t) => s.startsWith(t)],
  ['ends_with_string', (s, t) => s.endsWith(t)],
]);

export function emitCall(node: CallExpr, ctx: EmitContext): Eval {
  const operands = node.target === undefined ? node.args : [node.target, ...node.args];
  const overload = ctx.staticOverload(node, operands);
  if (overload?.id === 'now') return constant(ctx.now);
  const args = operands.map((operand) => ctx.emit(operand));
  const id = overload?.id ?? '';
  const fused = fusedCall(id, operands, args, node, ctx);
  if (fused !== undefined) return fused;
  const stringTest = STRING_TESTS.get(id);
  if (stringTest !== undefined) return stringPredicate(args[0] as Eval, args[1] as Eval, stringTest);
  if (id === 'matches_string' || id === 'matches') return matchesCall(args[0] as Eval, args[1] as Eval);
  if (id === 'map_get') return mapGetCall(args as [Eval, Eval, Eval], elementCoercer(ctx.typeOf(node)));
  return strictCall(args, implementationOf(node, overload));
}

const FUSED_TESTS: ReadonlyMap<string, StringTestKind> = new Map<string, StringTestKind>([
  ['contains_string', 'contains'], ['starts_with_string', 'startsWith'], ['ends_with_string', 'endsWith'],
]);

/**
 * A record field with constant arguments: `path.startsWith("/api")`, `path.matches("^/v[0-9]+/")`,
 * `map_get(request.headers, "user-agent", "")`.
 */
function fusedCall(id: string, operands: readonly Expr[], args: readonly Eval[], node: CallExpr, ctx: EmitContext): Eval | undefined {
  const field = operands[0] === undefined ? undefined : ctx.directRead(operands[0]);
  const fixed = args[1] === undefined ? undefined : constantOf(args[1]);
  if (field === undefined || fixed === undefined || typeof fixed.value !== 'string') return undefined;
  if (id === 'map_get') {
    const fallback = constantOf(args[2] as Eval);
    const coerce = elementCoercer(ctx.typeOf(node));
    if (fallback === undefined || fallback.value instanceof EvalError || coerce === undefined) return undefined;
    return fusedMapGet(field, fixed.value, fallback.value, coerce);
  }
  const kind = FUSED_TESTS.get(id);
  if (kind !== undefined) return fusedStringTest(field, kind, fixed.value);
  if (id !== 'matches_string' && id !== 'matches') return undefined;
  const regex = compileRegex(fixed.value);
  return regex.ok ? fusedMatches(field, regex.test) : undefined;
}

function implementationOf(node: CallExpr, overload: OverloadDecl | undefined): Implementation {
  const direct = overload === undefined ? undefined : OVERLOADS.get(overload.id);
  if (direct !== undefined) return direct;
  const name = node.function.name;
  const receiverForm = node.target !== undefined;
  const candidates = (FUNCTIONS.get(name)?.overloads ?? []).filter((o) => (o.receiver !== undefined) === receiverForm);
  return dynamicDispatch(name, candidates);
}

/** The argument error, or the error of a non-string operand (only possible through `dyn`). */
function notString(value: Result): EvalError {
  return value instanceof EvalError ? value : new EvalError('no matching overload: expected a string');
}

function stringPredicate(subject: Eval, argument: Eval, test: StringTest): Eval {
  const fixed = constantOf(argument);
  if (fixed !== undefined && typeof fixed.value === 'string') {
    const k = fixed.value;
    return (record) => {
      const s = subject(record);
      return typeof s === 'string' ? test(s, k) : notString(s);
    };
  }
  return (record) => {
    const s = subject(record);
    if (typeof s !== 'string') return notString(s);
    const t = argument(record);
    return typeof t === 'string' ? test(s, t) : notString(t);
  };
}

function matchesCall(subject: Eval, pattern: Eval): Eval {
  const fixed = constantOf(pattern);
  if (fixed !== undefined && typeof fixed.value === 'string') {
    const regex = compileRegex(fixed.value);
    if (!regex.ok) return constant(new EvalError(`invalid regular expression: ${regex.problem.detail}`));
    const test = regex.test;
    return (record) => {
      const s = subject(record);
      return typeof s === 'string' ? test(s) : notString(s);
    };
  }
  return strictCall([subject, pattern], OVERLOADS.get('matches') as Implementation);
}

/** `map_get(m, k, d)`: never an error of its own; record map values are read through their type. */
function mapGetCall([map, key, fallback]: [Eval, Eval, Eval], coerce: ((raw: Value) => Result) | undefined): Eval {
  return (record) => {
    const m = map(record);
    if (m instanceof EvalError) return m;
    const k = key(record);
    if (k instanceof EvalError) return k;
    const d = fallback(record);
    if (d instanceof EvalError) return d;
    if (!isMap(m)) return new EvalError('no matching overload: map_get needs a map');
    const value = mapGet(m, k);
    if (value === undefined) return d;
    return coerce === undefined ? value : coerce(value);
  };
}

/** Arguments left to right; the first error is the result. */
function strictCall(args: readonly Eval[], implementation: Implementation): Eval {
  if (args.length === 1) {
    const [only] = args as [Eval];
    return (record) => {
      const a = only(record);
      return a instanceof EvalError ? a : implementation([a]);
    };
  }
  return (record) => {
    const values: Value[] = [];
    for (const arg of args) {
      const value = arg(record);
      if (value instanceof EvalError) return value;
      values.push(value);
    }
    return implementation(values);
  };
}
