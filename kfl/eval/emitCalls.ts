// Closures for function and method calls. Tests of a field against constants are fused before
// they get here (emitFused.ts); string predicates with a constant argument, `matches` with a
// constant pattern (compiled once, here) and `map_get` on a record map with a constant key are
// specialised; the rest evaluate their arguments left to right and call the overload's
// implementation.
import { type CallExpr, type Expr } from '../ast';
import { FUNCTIONS, type OverloadDecl } from '../functions';
import { constant, constantOf, type Eval } from './closures';
import { dynamicDispatch } from './dispatch';
import { elementCoercer } from './emitAccess';
import { fusedMapGet } from './emitFused';
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
  if (id === 'map_get') return fusedMapGetCall(operands, node, ctx) ?? mapGetCall(args as [Eval, Eval, Eval], elementCoercer(ctx.typeOf(node)));
  const stringTest = STRING_TESTS.get(id);
  if (stringTest !== undefined) return stringPredicate(args[0] as Eval, args[1] as Eval, stringTest);
  if (id === 'matches_string' || id === 'matches') return matchesCall(args[0] as Eval, args[1] as Eval);
  return strictCall(args, implementationOf(node, overload));
}

/** `map_get(request.headers, "user-agent", "")`: a record map with a constant key and default. */
function fusedMapGetCall([map, key, fallback]: readonly Expr[], node: CallExpr, ctx: EmitContext): Eval | undefined {
  const field = map === undefined ? undefined : ctx.directRead(map);
  const fixedKey = key === undefined ? undefined : ctx.constantOf(key);
  const fixedFallback = fallback === undefined ? undefined : ctx.constantOf(fallback);
  const coerce = elementCoercer(ctx.typeOf(node));
  if (field === undefined || typeof fixedKey?.value !== 'string' || fixedFallback === undefined || fixedFallback.value instanceof EvalError || coerce === undefined) return undefined;
  return fusedMapGet(field, fixedKey.value, fixedFallback.value, coerce);
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
