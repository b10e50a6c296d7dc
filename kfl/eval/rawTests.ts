// Tests of one raw value against constants — the shapes that dominate real filters:
// `status_code >= 500`, `method == "POST"`, `path.startsWith("/api")`, `q.endsWith(".local")`,
// `url.matches("^/v[0-9]+/")`, `method in ["PUT", "POST"]`, `"TXT" in dns_question_types`,
// `"authorization" in request.headers`, the same of `map_get(m, "k", d)`, and `!` of any of them. A test reads its subject's raw
// value the way the field readers do (a missing or malformed value is the type's default), so it
// never fails and never errors. It runs on a record field through the field's own access code
// (fieldReaders.ts), on a macro variable, or per element inside a macro loop (emitMacros.ts):
// either way the subject is never turned into a runtime value first.
import { type BinaryExpr, type CallExpr, type Expr } from '../ast';
import { type KflType } from '../types';
import { type EmitContext } from './emitContext';
import { compareInt, type Int } from './int64';
import { readInt } from './recordValues';
import { compileRegex } from './regex';
import { compareStrings } from './strings';
import { EvalError, isRecordMap, KflMap, type Value } from './values';

export type RawTest = (raw: unknown) => boolean;

/** A recognised test: the node it reads (a field or a macro variable) and the test of its raw value. */
export interface RawTestShape {
  readonly subject: Expr;
  readonly test: RawTest;
}

/** The node as a test of one subject against constants, or undefined when it is not of that form. */
export function rawTestOf(node: Expr, ctx: EmitContext): RawTestShape | undefined {
  switch (node.kind) {
    case 'binary': return binaryTest(node, ctx);
    case 'call': return callTest(node, ctx);
    case 'unary': {
      const inner = node.op === '!' ? rawTestOf(node.operand, ctx) : undefined;
      if (inner === undefined) return undefined;
      const test = inner.test;
      return { subject: inner.subject, test: (raw) => !test(raw) };
    }
    default: return undefined;
  }
}

/** A constant operand's value; an error folded at compile time is left to the general path. */
function constantValue(node: Expr | undefined, ctx: EmitContext): Value | undefined {
  const value = node === undefined ? undefined : ctx.constantOf(node)?.value;
  return value instanceof EvalError ? undefined : value;
}

function binaryTest(node: BinaryExpr, ctx: EmitContext): RawTestShape | undefined {
  if (node.op === '&&' || node.op === '||') return undefined;
  if (node.op === 'in') {
    const members = constantValue(node.right, ctx);
    if (Array.isArray(members)) return shape(node.left, membershipTest(ctx.typeOf(node.left), members), ctx);
    const element = constantValue(node.left, ctx);
    return element === undefined ? undefined : shape(node.right, containerTest(ctx.typeOf(node.right), element), ctx);
  }
  const k = constantValue(node.right, ctx);
  return k === undefined ? undefined : shape(node.left, comparisonTest(ctx.typeOf(node.left), node.op, k), ctx);
}

function callTest(node: CallExpr, ctx: EmitContext): RawTestShape | undefined {
  const id = ctx.analysis.overloadOf(node)?.id;
  const [subject, argument] = id === 'matches' ? [node.args[0], node.args[1]] : [node.target, node.args[0]];
  const k = constantValue(argument, ctx);
  if (subject === undefined || typeof k !== 'string' || ctx.typeOf(subject).kind !== 'string') return undefined;
  switch (id) {
    case 'contains_string': return shape(subject, (raw) => (typeof raw === 'string' ? raw.includes(k) : k === ''), ctx);
    case 'starts_with_string': return shape(subject, (raw) => (typeof raw === 'string' ? raw.startsWith(k) : k === ''), ctx);
    case 'ends_with_string': return shape(subject, (raw) => (typeof raw === 'string' ? raw.endsWith(k) : k === ''), ctx);
    case 'matches_string':
    case 'matches': {
      const regex = compileRegex(k);
      if (!regex.ok) return undefined; // the general path reports the error per evaluation
      const matches = regex.test;
      return shape(subject, (raw) => matches(typeof raw === 'string' ? raw : ''), ctx);
    }
    default: return undefined;
  }
}

/**
 * The test of `subject`, or — for `map_get(m, "k", d)` with a constant key and default — the same
 * test of the value looked up in `m`, so `map_get(request.headers, "user-agent", "")
 * .startsWith("curl/")` reads the header map once and tests in the same closure. A key holding
 * `undefined` is absent, as for every map read (equality.ts `mapGet`).
 */
function shape(subject: Expr, test: RawTest | undefined, ctx: EmitContext): RawTestShape | undefined {
  if (test === undefined) return undefined;
  if (subject.kind !== 'call' || ctx.analysis.overloadOf(subject)?.id !== 'map_get') return { subject, test };
  const [map, key, fallback] = subject.args;
  const k = constantValue(key, ctx);
  const d = constantValue(fallback, ctx);
  if (map === undefined || typeof k !== 'string' || d === undefined || ctx.typeOf(map).kind !== 'map') return undefined;
  return {
    subject: map,
    test: (raw) => {
      const value = isRecordMap(raw) ? (Object.hasOwn(raw, k) ? raw[k] : undefined) : raw instanceof KflMap ? raw.get(k) : undefined;
      return test(value === undefined ? d : value);
    },
  };
}

/** `subject op k` for int, string and bool subjects with a constant of the same kind. */
function comparisonTest(type: KflType, op: BinaryExpr['op'], k: Value): RawTest | undefined {
  if (type.kind === 'int' && typeof k === 'number') return intTest(op, k);
  if (type.kind === 'string' && typeof k === 'string') {
    const text = (raw: unknown): string => (typeof raw === 'string' ? raw : '');
    switch (op) {
      case '==': return (raw) => text(raw) === k;
      case '!=': return (raw) => text(raw) !== k;
      case '<': return (raw) => compareStrings(text(raw), k) < 0;
      case '<=': return (raw) => compareStrings(text(raw), k) <= 0;
      case '>': return (raw) => compareStrings(text(raw), k) > 0;
      case '>=': return (raw) => compareStrings(text(raw), k) >= 0;
      default: return undefined;
    }
  }
  if (type.kind === 'bool' && typeof k === 'boolean') {
    if (op === '==') return (raw) => (raw === true) === k;
    if (op === '!=') return (raw) => (raw === true) !== k;
  }
  return undefined;
}

/** Safe integers take the number fast path; bigints and malformed values go through readInt. */
function intTest(op: BinaryExpr['op'], k: number): RawTest | undefined {
  const slow = (raw: unknown): number => compareInt(readInt(raw) as Int, k);
  switch (op) {
    case '==': return (raw) => (typeof raw === 'number' && Number.isSafeInteger(raw) ? raw === k : slow(raw) === 0);
    case '!=': return (raw) => (typeof raw === 'number' && Number.isSafeInteger(raw) ? raw !== k : slow(raw) !== 0);
    case '<': return (raw) => (typeof raw === 'number' && Number.isSafeInteger(raw) ? raw < k : slow(raw) < 0);
    case '<=': return (raw) => (typeof raw === 'number' && Number.isSafeInteger(raw) ? raw <= k : slow(raw) <= 0);
    case '>': return (raw) => (typeof raw === 'number' && Number.isSafeInteger(raw) ? raw > k : slow(raw) > 0);
    case '>=': return (raw) => (typeof raw === 'number' && Number.isSafeInteger(raw) ? raw >= k : slow(raw) >= 0);
    default: return undefined;
  }
}

/** `subject in [constants]`: primitive constants, whose CEL equality is `===` (ints are normalised). */
function membershipTest(type: KflType, list: readonly Value[]): RawTest | undefined {
  if (!list.every((element) => typeof element !== 'object')) return undefined;
  const members = new Set<unknown>(list);
  switch (type.kind) {
    case 'string': return (raw) => members.has(typeof raw === 'string' ? raw : '');
    case 'bool': return (raw) => members.has(raw === true);
    case 'int': return (raw) => members.has(typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : readInt(raw));
    default: return undefined;
  }
}

/** `"k" in subject` for a list of strings (an element of another kind equals no string) or a map with string keys. */
function containerTest(type: KflType, k: Value): RawTest | undefined {
  if (typeof k !== 'string') return undefined;
  if (type.kind === 'list' && type.element.kind === 'string') {
    return (raw) => {
      if (!Array.isArray(raw)) return false;
      for (let i = 0; i < raw.length; i++) if (raw[i] === k) return true;
      return false;
    };
  }
  if (type.kind === 'map' && type.key.kind === 'string') {
    return (raw) => (raw instanceof KflMap ? raw.has(k) : isRecordMap(raw) && Object.hasOwn(raw, k));
  }
  return undefined;
}
