// Closures for operators: logic with error absorption, equality, ordering, membership, arithmetic,
// negation and the conditional. Hot shapes (an int or string field against a constant, `x in
// [constants]`) get dedicated closures; everything else goes through the overload table.
import { type BinaryExpr, type ConditionalExpr, type Expr, type RelationOp, type UnaryExpr } from '../ast';
import { BINARY_OPERATORS, type OverloadDecl, UNARY_OPERATORS } from '../functions';
import { type Activation, constantOf, type Eval, firstError } from './closures';
import { dynamicDispatch } from './dispatch';
import { type EmitContext } from './emitContext';
import { compareValues, mapHas, valuesEqual } from './equality';
import { addInt, compareInt, type Int } from './int64';
import { type Implementation, OVERLOADS } from './overloads';
import { compareStrings } from './strings';
import { EvalError, isMap, type Result, type Value } from './values';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A non-bool operand of a logical operator (only possible through `dyn`) is an error. */
function notBool(value: Result): EvalError {
  return value instanceof EvalError ? value : new EvalError('no matching overload: logical operator applied to a non-bool');
}

export function emitBinary(node: BinaryExpr, ctx: EmitContext): Eval {
  if (node.op === '&&' || node.op === '||') return logical(node.op, chainTerms(chainOf(node, node.op), ctx));
  const left = ctx.emit(node.left);
  const right = ctx.emit(node.right);
  const overload = ctx.staticOverload(node, [node.left, node.right]);
  switch (node.op) {
    case '==': return equality(left, right, false);
    case '!=': return equality(left, right, true);
    case 'in': return membership(left, right, overload);
    case '<': case '<=': case '>': case '>=': return relation(node.op, left, right, overload);
    default: {
      if (overload?.id === 'add_int64') return addInts(left, right);
      return strict2(left, right, implementationOf(node.op, overload, BINARY_OPERATORS.get(node.op)?.overloads ?? []));
    }
  }
}

/** The operands of a chain `a && b && c` (the parser balances long chains), in source order. */
export function chainOf(node: Expr, op: '&&' | '||'): Expr[] {
  return node.kind === 'binary' && node.op === op ? [...chainOf(node.left, op), ...chainOf(node.right, op)] : [node];
}

/**
 * The closures of a chain's operands, bool record fields (`http && …`, `dns || …`) first: the
 * operators are commutative for pure operands, including their error rules, so the order is free
 * and the cheapest operands decide most records.
 */
export function chainTerms(operands: readonly Expr[], ctx: EmitContext): Eval[] {
  const flags: Eval[] = [];
  const others: Eval[] = [];
  for (const operand of operands) {
    const field = ctx.directRead(operand);
    if (field?.type.kind === 'bool') flags.push(field.use(isTrue));
    else others.push(ctx.emit(operand));
  }
  return [...flags, ...others];
}

/** A bool field is `true` only when the record holds `true` (spec §6 rule 5: missing is false). */
const isTrue = (raw: unknown): boolean => raw === true;

/**
 * `&&`/`||` over a whole chain: the deciding value (`false` for `&&`, `true` for `||`) wins even
 * when another operand is an error, in either order (spec §4); otherwise the first error, if any.
 * Evaluation stops at the deciding value. Two operands get a loop-free closure.
 */
export function logical(op: '&&' | '||', terms: readonly Eval[]): Eval {
  const decisive = op === '||';
  if (terms.length === 2) {
    const [left, right] = terms as [Eval, Eval];
    return (record) => {
      const a = left(record);
      if (a === decisive) return decisive;
      const b = right(record);
      if (b === decisive) return decisive;
      if (a === !decisive) return b === !decisive ? !decisive : notBool(b);
      return notBool(a);
    };
  }
  return (record) => {
    let error: EvalError | undefined;
    for (let i = 0; i < terms.length; i++) {
      const value = (terms[i] as Eval)(record);
      if (value === decisive) return decisive;
      if (value !== !decisive) error ??= notBool(value);
    }
    return error ?? !decisive;
  };
}

// Two primitive runtime values are CEL-equal exactly when they are `===`: ints are normalised
// (number in the safe range, bigint beyond), doubles are boxed (so NaN is never a primitive), and
// errors are objects. Only objects need the general comparison.
function slowEquals(a: Result, b: Result): Result {
  return firstError(a, b) ?? valuesEqual(a as Value, b as Value);
}

function equality(left: Eval, right: Eval, negate: boolean): Eval {
  const fixed = constantOf(right);
  if (fixed !== undefined && typeof fixed.value !== 'object') {
    const k = fixed.value;
    return negate
      ? (record) => { const a = left(record); return typeof a !== 'object' ? a !== k : notResult(slowEquals(a, k)); }
      : (record) => { const a = left(record); return typeof a !== 'object' ? a === k : slowEquals(a, k); };
  }
  return negate
    ? (record) => {
      const a = left(record);
      const b = right(record);
      return typeof a !== 'object' && typeof b !== 'object' ? a !== b : notResult(slowEquals(a, b));
    }
    : (record) => {
      const a = left(record);
      const b = right(record);
      return typeof a !== 'object' && typeof b !== 'object' ? a === b : slowEquals(a, b);
    };
}

function notResult(result: Result): Result {
  return typeof result === 'boolean' ? !result : result;
}

const SIGN_TESTS: Record<Exclude<RelationOp, '==' | '!=' | 'in'>, (sign: number) => boolean> = {
  '<': (s) => s < 0, '<=': (s) => s <= 0, '>': (s) => s > 0, '>=': (s) => s >= 0,
};

function relation(op: '<' | '<=' | '>' | '>=', left: Eval, right: Eval, overload: OverloadDecl | undefined): Eval {
  const test = SIGN_TESTS[op];
  if (overload?.id.endsWith('_int64')) return intRelation(op, left, right);
  if (overload?.id.endsWith('_string')) {
    return (record) => {
      const a = left(record);
      const b = right(record);
      if (typeof a === 'string' && typeof b === 'string') return test(compareStrings(a, b));
      return firstError(a, b) ?? new EvalError('no matching overload');
    };
  }
  // Other types, and `dyn` operands (where ints, uints and doubles compare numerically).
  return (record) => {
    const a = left(record);
    const b = right(record);
    const error = firstError(a, b);
    if (error !== undefined) return error;
    const sign = compareValues(a as Value, b as Value);
    return sign instanceof EvalError ? sign : test(sign);
  };
}

/** Int comparisons: plain `<` on numbers; bigints (beyond 2^53) and errors take the slow path. */
function intRelation(op: '<' | '<=' | '>' | '>=', left: Eval, right: Eval): Eval {
  const test = SIGN_TESTS[op];
  const slow = (a: Result, b: Result): Result => firstError(a, b) ?? test(compareInt(a as Int, b as Int));
  const fixed = constantOf(right);
  if (fixed !== undefined && typeof fixed.value === 'number') {
    const k = fixed.value;
    switch (op) {
      case '<': return (record) => { const a = left(record); return typeof a === 'number' ? a < k : slow(a, k); };
      case '<=': return (record) => { const a = left(record); return typeof a === 'number' ? a <= k : slow(a, k); };
      case '>': return (record) => { const a = left(record); return typeof a === 'number' ? a > k : slow(a, k); };
      case '>=': return (record) => { const a = left(record); return typeof a === 'number' ? a >= k : slow(a, k); };
    }
  }
  return (record) => {
    const a = left(record);
    const b = right(record);
    return typeof a === 'number' && typeof b === 'number' ? test(a - b) : slow(a, b);
  };
}

function membership(left: Eval, right: Eval, overload: OverloadDecl | undefined): Eval {
  const fixed = constantOf(right);
  // `method in ["PUT", "PATCH"]`: a set of primitive constants; their equality is `===` (see above).
  if (fixed !== undefined && Array.isArray(fixed.value) && fixed.value.every((element: Value) => typeof element !== 'object')) {
    const members = new Set<unknown>(fixed.value);
    return (record) => {
      const a = left(record);
      return typeof a !== 'object' ? members.has(a) : a instanceof EvalError ? a : (fixed.value as Value[]).some((element) => valuesEqual(a, element));
    };
  }
  return strict2(left, right, overload?.id === 'in_map' ? inMap : overload?.id === 'in_list' ? inList : inAny);
}

const inList: Implementation = ([element, list]) => (list as Value[]).some((member) => valuesEqual(element as Value, member));
const inMap: Implementation = ([key, map]) => mapHas(map as never, key as Value);
const inAny: Implementation = (args) => {
  const container = args[1] as Value;
  if (Array.isArray(container)) return inList(args);
  return isMap(container) ? inMap(args) : new EvalError('no matching overload: in');
};

function addInts(left: Eval, right: Eval): Eval {
  return (record) => {
    const a = left(record);
    const b = right(record);
    if (typeof a === 'number' && typeof b === 'number') {
      const sum = a + b;
      if (sum <= MAX_SAFE && sum >= -MAX_SAFE) return sum;
    }
    return firstError(a, b) ?? addInt(a as Int, b as Int);
  };
}

/** The overload's implementation, or runtime dispatch among the operator's overloads for `dyn` operands. */
function implementationOf(name: string, overload: OverloadDecl | undefined, candidates: readonly OverloadDecl[]): Implementation {
  const direct = overload === undefined ? undefined : OVERLOADS.get(overload.id);
  return direct ?? dynamicDispatch(name, candidates);
}

function strict2(left: Eval, right: Eval, implementation: Implementation): Eval {
  return (record: Activation) => {
    const a = left(record);
    if (a instanceof EvalError) return a;
    const b = right(record);
    if (b instanceof EvalError) return b;
    return implementation([a, b]);
  };
}

export function emitUnary(node: UnaryExpr, ctx: EmitContext): Eval {
  const operand = ctx.emit(node.operand);
  if (node.op === '!') {
    return (record) => {
      const a = operand(record);
      return typeof a === 'boolean' ? !a : notBool(a);
    };
  }
  const implementation = implementationOf('-', ctx.staticOverload(node, [node.operand]), UNARY_OPERATORS.get('-')?.overloads ?? []);
  return (record) => {
    const a = operand(record);
    return a instanceof EvalError ? a : implementation([a]);
  };
}

/** Only the chosen branch is evaluated; a non-bool condition is an error. */
export function emitConditional(node: ConditionalExpr, ctx: EmitContext): Eval {
  const condition = ctx.emit(node.condition);
  const whenTrue = ctx.emit(node.whenTrue);
  const whenFalse = ctx.emit(node.whenFalse);
  return (record) => {
    const c = condition(record);
    if (c === true) return whenTrue(record);
    if (c === false) return whenFalse(record);
    return notBool(c);
  };
}
