// The runtime value model of compiled filters.
//
// Every runtime value describes its own CEL type, so `dyn`, `type()` and heterogeneous equality
// need no side tables, while the values that filters touch on every record stay plain JS values:
//
//   bool       boolean
//   int        number (a safe integer) or, only outside the safe range, bigint (see int64.ts)
//   uint       UintValue (boxed: no record field is a uint, so boxing costs nothing on hot paths)
//   double     DoubleValue (boxed for the same reason; the boxes keep int and double apart)
//   string     string           bytes      Uint8Array
//   timestamp  Timestamp        duration   Duration (time.ts)
//   list       readonly array   map        a record's plain object (string keys) or KflMap
//   null       null             type       TypeValue
//
// Evaluation errors are values too (EvalError): closures return them instead of throwing, so the
// fast path pays only for the type test it needs anyway, and `&&`/`||` can absorb them.
import { type Duration, type Timestamp } from './time';

export type Value =
  | boolean | number | bigint | string | Uint8Array | UintValue | DoubleValue | Timestamp | Duration
  | readonly Value[] | RecordMap | KflMap | TypeValue | null;

/** A map read from a record: a plain object whose own properties are the entries. */
export interface RecordMap { readonly [key: string]: unknown }

/** What a compiled closure returns. */
export type Result = Value | EvalError;

export class EvalError {
  constructor(readonly message: string) {}
}

export class UintValue {
  constructor(readonly value: bigint) {}
}

export class DoubleValue {
  constructor(readonly value: number) {}
}

/** The value of `type(x)` and of type names such as `int`. */
export class TypeValue {
  private static readonly _interned = new Map<string, TypeValue>();
  private constructor(readonly name: string) {}

  static of(name: string): TypeValue {
    let type = TypeValue._interned.get(name);
    if (type === undefined) {
      type = new TypeValue(name);
      TypeValue._interned.set(name, type);
    }
    return type;
  }
}

/**
 * A map built by the filter (literals, conformance bindings). Keys are normalised so that keys
 * CEL considers equal (`1`, `1u`, `1.0`) find the same entry; the original key is kept for
 * iteration and `type()`.
 */
export class KflMap {
  private readonly _entries = new Map<unknown, { key: Value; value: Value }>();

  get size(): number { return this._entries.size; }

  /** Adds an entry; false when an equal key is already present. */
  add(key: Value, value: Value): boolean {
    const norm = normalizeKey(key);
    if (norm === undefined || this._entries.has(norm)) return false;
    this._entries.set(norm, { key, value });
    return true;
  }

  get(key: Value): Value | undefined {
    const norm = normalizeKey(key);
    return norm === undefined ? undefined : this._entries.get(norm)?.value;
  }

  has(key: Value): boolean {
    const norm = normalizeKey(key);
    return norm !== undefined && this._entries.has(norm);
  }

  *entries(): IterableIterator<[Value, Value]> {
    for (const { key, value } of this._entries.values()) yield [key, value];
  }

  keys(): Value[] {
    return Array.from(this._entries.values(), (entry) => entry.key);
  }
}

/** Numeric keys collapse to one number/bigint so that 1, 1u and 1.0 meet; other kinds are kept apart. */
function normalizeKey(key: Value): unknown {
  if (typeof key === 'string' || typeof key === 'boolean' || typeof key === 'number') return key;
  if (typeof key === 'bigint') return key;
  if (key instanceof UintValue) return key.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(key.value) : key.value;
  if (key instanceof DoubleValue) {
    const d = key.value;
    if (!Number.isInteger(d)) return undefined;
    return Number.isSafeInteger(d) ? d : BigInt(d);
  }
  return undefined;
}

export function isMap(value: unknown): value is RecordMap | KflMap {
  return value instanceof KflMap || isRecordMap(value);
}

/** A plain object from a record (arrays, bytes and runtime classes are not maps). */
export function isRecordMap(value: unknown): value is RecordMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
