// CEL equality and ordering over runtime values (values.ts).
//
// Equality is heterogeneous as in the CEL spec: values of different kinds are unequal rather than
// an error, and int, uint and double compare by numeric value (`dyn(1) == 1u`). The checker
// already rejects mixed numeric types in typed code (spec §6 rule 2), so this only shows through
// `dyn`. Ordering across numeric kinds is numeric too; any other mix has no ordering.
import { compareStrings } from './strings';
import { compareTimestamps, Duration, Timestamp } from './time';
import { DoubleValue, EvalError, isMap, KflMap, type RecordMap, TypeValue, UintValue, type Value } from './values';

export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b && !(a instanceof DoubleValue)) return true; // the same double box may hold NaN
  if (typeof a === 'string' || typeof a === 'boolean' || typeof b === 'string' || typeof b === 'boolean') return false;
  if (isNumeric(a) || isNumeric(b)) return isNumeric(a) && isNumeric(b) && compareNumeric(a, b) === 0;
  if (a === null || b === null) return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (a instanceof Timestamp) return b instanceof Timestamp && compareTimestamps(a, b) === 0;
  if (a instanceof Duration) return b instanceof Duration && a.nanos === b.nanos;
  if (a instanceof TypeValue) return false; // interned: equal types are the same object
  if (Array.isArray(a)) return Array.isArray(b) && listsEqual(a, b);
  if (isMap(a)) return isMap(b) && mapsEqual(a, b);
  return false;
}

type Numeric = number | bigint | UintValue | DoubleValue;

function isNumeric(v: Value): v is Numeric {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof UintValue || v instanceof DoubleValue;
}

/**
 * Sign of a − b for any two numeric values, or NaN when a double NaN is involved. Against a
 * double, an int or uint is converted to double first (so 2^63 − 1 equals 2^63.0), as the CEL
 * conformance suite requires; int against uint compares exactly.
 */
function compareNumeric(a: Numeric, b: Numeric): number {
  let x = a instanceof UintValue || a instanceof DoubleValue ? a.value : a;
  let y = b instanceof UintValue || b instanceof DoubleValue ? b.value : b;
  if (a instanceof DoubleValue || b instanceof DoubleValue) {
    x = Number(x);
    y = Number(y);
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  }
  // JS relational operators compare number and bigint by exact mathematical value.
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sign of a − b for values of one orderable kind (or mixed numerics); an error otherwise. */
export function compareValues(a: Value, b: Value): number | EvalError {
  if (isNumeric(a) && isNumeric(b)) return compareNumeric(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  if (a instanceof Timestamp && b instanceof Timestamp) return compareTimestamps(a, b);
  if (a instanceof Duration && b instanceof Duration) return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
  return new EvalError('no such overload: values of these types have no ordering');
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

function listsEqual(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i] as Value, b[i] as Value)) return false;
  return true;
}

function mapsEqual(a: RecordMap | KflMap, b: RecordMap | KflMap): boolean {
  if (mapSize(a) !== mapSize(b)) return false;
  for (const [key, value] of mapEntries(a)) {
    const other = mapGet(b, key);
    if (other === undefined || !valuesEqual(value, other)) return false;
  }
  return true;
}

// Map access shared by both map representations. A record map's entries are its own enumerable
// properties; inherited names such as `constructor` are never entries.

export function mapGet(map: RecordMap | KflMap, key: Value): Value | undefined {
  if (map instanceof KflMap) return map.get(key);
  return typeof key === 'string' && Object.hasOwn(map, key) ? (map[key] as Value) : undefined;
}

export function mapHas(map: RecordMap | KflMap, key: Value): boolean {
  if (map instanceof KflMap) return map.has(key);
  return typeof key === 'string' && Object.hasOwn(map, key);
}

export function mapSize(map: RecordMap | KflMap): number {
  return map instanceof KflMap ? map.size : Object.keys(map).length;
}

export function mapKeys(map: RecordMap | KflMap): Value[] {
  return map instanceof KflMap ? map.keys() : Object.keys(map);
}

export function mapEntries(map: RecordMap | KflMap): Iterable<[Value, Value]> {
  return map instanceof KflMap ? map.entries() : Object.entries(map) as [Value, Value][];
}
