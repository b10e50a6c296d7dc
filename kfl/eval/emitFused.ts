// Fused closures for the shapes that dominate real filters: a record field (or a macro variable)
// compared with a constant (`status_code >= 500`, `method == "POST"`), tested with a constant string
// (`path.startsWith("/api")`), matched against a constant pattern or a constant list. One closure
// reads the field and tests it, instead of a reader closure, a coercion and an operator closure:
// fewer indirect calls per record, which is most of what a closure tree costs.
import { type KflType } from '../types';
import { type Activation, type Eval } from './closures';
import { compareInt, type Int } from './int64';
import { readInt } from './recordValues';
import { compareStrings } from './strings';
import { KflMap, type RecordMap, type Result, type Value } from './values';

/** A record field (raw: readers check the type) or a macro variable (coerced already), with its static type. */
export interface FieldAccess {
  readonly read: (record: Activation) => unknown;
  readonly type: KflType;
}

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** `field op constant`, or undefined when the constant's kind does not fit the field's. */
export function fusedComparison(field: FieldAccess, op: ComparisonOp, k: Value): Eval | undefined {
  const { read } = field;
  if (field.type.kind === 'int' && typeof k === 'number') return intComparison(read, op, k);
  if (field.type.kind === 'string' && typeof k === 'string') {
    const text = (record: Activation): string => { const v = read(record); return typeof v === 'string' ? v : ''; };
    switch (op) {
      case '==': return (record) => { const v = read(record); return typeof v === 'string' ? v === k : k === ''; };
      case '!=': return (record) => { const v = read(record); return typeof v === 'string' ? v !== k : k !== ''; };
      case '<': return (record) => compareStrings(text(record), k) < 0;
      case '<=': return (record) => compareStrings(text(record), k) <= 0;
      case '>': return (record) => compareStrings(text(record), k) > 0;
      case '>=': return (record) => compareStrings(text(record), k) >= 0;
    }
  }
  if (field.type.kind === 'bool' && typeof k === 'boolean' && (op === '==' || op === '!=')) {
    return op === '==' ? (record) => (read(record) === true) === k : (record) => (read(record) === true) !== k;
  }
  return undefined;
}

/** Safe-integer fields take the number fast path; bigints and malformed values go through readInt. */
function intComparison(read: (record: Activation) => unknown, op: ComparisonOp, k: number): Eval {
  const slow = (v: unknown): number => compareInt(readInt(v) as Int, k);
  switch (op) {
    case '==': return (record) => { const v = read(record); return typeof v === 'number' && Number.isSafeInteger(v) ? v === k : slow(v) === 0; };
    case '!=': return (record) => { const v = read(record); return typeof v === 'number' && Number.isSafeInteger(v) ? v !== k : slow(v) !== 0; };
    case '<': return (record) => { const v = read(record); return typeof v === 'number' && Number.isSafeInteger(v) ? v < k : slow(v) < 0; };
    case '<=': return (record) => { const v = read(record); return typeof v === 'number' && Number.isSafeInteger(v) ? v <= k : slow(v) <= 0; };
    case '>': return (record) => { const v = read(record); return typeof v === 'number' && Number.isSafeInteger(v) ? v > k : slow(v) > 0; };
    case '>=': return (record) => { const v = read(record); return typeof v === 'number' && Number.isSafeInteger(v) ? v >= k : slow(v) >= 0; };
  }
}

export type StringTestKind = 'contains' | 'startsWith' | 'endsWith';

/** `field.startsWith("…")`, `field.endsWith("…")`, `field.contains("…")`; a missing field reads as "". */
export function fusedStringTest(field: FieldAccess, kind: StringTestKind, k: string): Eval | undefined {
  if (field.type.kind !== 'string') return undefined;
  const { read } = field;
  switch (kind) {
    case 'contains': return (record) => { const v = read(record); return typeof v === 'string' ? v.includes(k) : k === ''; };
    case 'startsWith': return (record) => { const v = read(record); return typeof v === 'string' ? v.startsWith(k) : k === ''; };
    case 'endsWith': return (record) => { const v = read(record); return typeof v === 'string' ? v.endsWith(k) : k === ''; };
  }
}

/** `field.matches("…")` with the pattern compiled once. */
export function fusedMatches(field: FieldAccess, test: (subject: string) => boolean): Eval | undefined {
  if (field.type.kind !== 'string') return undefined;
  const { read } = field;
  const empty = test('');
  return (record) => {
    const v = read(record);
    return typeof v === 'string' ? test(v) : empty;
  };
}

/** `field in [constants]` where every constant is a primitive (equality is then `===`). */
export function fusedMembership(field: FieldAccess, members: ReadonlySet<unknown>): Eval | undefined {
  const { read } = field;
  switch (field.type.kind) {
    case 'string': return (record) => { const v = read(record); return members.has(typeof v === 'string' ? v : ''); };
    case 'bool': return (record) => members.has(read(record) === true);
    case 'int': return (record) => {
      const v = read(record);
      return members.has(typeof v === 'number' && Number.isSafeInteger(v) ? v : readInt(v));
    };
    default: return undefined;
  }
}

/** `map_get(field, "key", default)` on a record map, the value read through its static type. */
export function fusedMapGet(field: FieldAccess, key: string, fallback: Value, coerce: (raw: Value) => Result): Eval | undefined {
  if (field.type.kind !== 'map') return undefined;
  const { read } = field;
  return (record) => {
    const map = read(record);
    if (map === null || typeof map !== 'object') return fallback;
    if (map instanceof KflMap) {
      const value = map.get(key);
      return value === undefined ? fallback : coerce(value);
    }
    return Object.hasOwn(map, key) ? coerce((map as RecordMap)[key] as Value) : fallback;
  };
}
