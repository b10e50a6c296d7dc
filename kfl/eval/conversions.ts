// CEL's standard conversions (`bool()`, `int()`, `uint()`, `double()`, `string()`, `bytes()`, `type()`),
// with cel-go's range rules: a conversion that cannot represent its input is an evaluation error.
import { type Int, intFromBig, MAX_INT64, MAX_UINT64, uintFromBig } from './int64';
import { utf8Decode, utf8Encode } from './strings';
import { Duration, formatDuration, formatTimestamp, Timestamp } from './time';
import { DoubleValue, EvalError, isMap, TypeValue, UintValue, type Value } from './values';

const TWO_TO_63 = 2 ** 63;
const TWO_TO_64 = 2 ** 64;
const rangeError = (what: string): EvalError => new EvalError(`${what} out of range`);

export function doubleToInt(d: number): Int | EvalError {
  // cel-go requires MinInt64 < d < MaxInt64 as doubles, so ±2^63 itself is out of range.
  if (!(d > -TWO_TO_63 && d < TWO_TO_63)) return rangeError('int conversion');
  const truncated = Math.trunc(d);
  return Number.isSafeInteger(truncated) ? truncated + 0 : intFromBig(BigInt(truncated));
}

export function doubleToUint(d: number): UintValue | EvalError {
  if (!(d >= 0 && d < TWO_TO_64)) return rangeError('uint conversion');
  return new UintValue(BigInt(Math.trunc(d)));
}

export function uintToInt(u: UintValue): Int | EvalError {
  return u.value > MAX_INT64 ? rangeError('int conversion') : intFromBig(u.value);
}

export function intToUint(i: Int): UintValue | EvalError {
  return i < 0 ? rangeError('uint conversion') : new UintValue(BigInt(i));
}

// strconv.ParseInt / ParseUint with base 10: an optional sign (ParseInt only) and digits.
const DECIMAL_INT = /^[+-]?\d+$/;
const DECIMAL_UINT = /^\+?\d+$/;

export function stringToInt(s: string): Int | EvalError {
  if (!DECIMAL_INT.test(s) || s.length > 24) return new EvalError(`cannot convert "${clip(s)}" to int`);
  return intFromBig(BigInt(s));
}

export function stringToUint(s: string): UintValue | EvalError {
  if (!DECIMAL_UINT.test(s) || s.length > 24) return new EvalError(`cannot convert "${clip(s)}" to uint`);
  const value = BigInt(s);
  return value > MAX_UINT64 ? rangeError('uint conversion') : uintFromBig(value);
}

// strconv.ParseBool, as cel-go converts strings to bool: these spellings only (no `TrUe`).
const BOOL_SPELLINGS: ReadonlyMap<string, boolean> = new Map([
  ...['1', 't', 'T', 'true', 'TRUE', 'True'].map((s): [string, boolean] => [s, true]),
  ...['0', 'f', 'F', 'false', 'FALSE', 'False'].map((s): [string, boolean] => [s, false]),
]);

export function stringToBool(s: string): boolean | EvalError {
  return BOOL_SPELLINGS.get(s) ?? new EvalError(`cannot convert "${clip(s)}" to bool`);
}

// strconv.ParseFloat: decimal or exponent notation, or inf/infinity/nan in any case.
const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

export function stringToDouble(s: string): DoubleValue | EvalError {
  if (DECIMAL_FLOAT.test(s)) return new DoubleValue(Number(s));
  const special = SPECIAL_FLOAT.exec(s);
  if (special === null) return new EvalError(`cannot convert "${clip(s)}" to double`);
  if (special[2]?.toLowerCase() === 'nan') return new DoubleValue(NaN);
  return new DoubleValue(special[1] === '-' ? -Infinity : Infinity);
}

/** Go's `%g` with the shortest precision, as cel-go formats doubles: exponent form below 1e-4 and from 1e6 on. */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? '+Inf' : '-Inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const [mantissa, exponentText] = d.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(d);
}

export function toStringValue(value: Value): string | EvalError {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof UintValue) return String(value.value);
  if (value instanceof DoubleValue) return formatDouble(value.value);
  if (value instanceof Uint8Array) return utf8Decode(value) ?? new EvalError('invalid UTF-8 in bytes to string conversion');
  if (value instanceof Timestamp) return formatTimestamp(value);
  if (value instanceof Duration) return formatDuration(value);
  return new EvalError('no such overload: string()');
}

export function toBytesValue(value: Value): Uint8Array | EvalError {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return utf8Encode(value);
  return new EvalError('no such overload: bytes()');
}

/** The CEL type of a runtime value, as `type(x)` returns it. */
export function typeOfValue(value: Value): TypeValue {
  return TypeValue.of(typeNameOf(value));
}

function typeNameOf(value: Value): string {
  switch (typeof value) {
    case 'boolean': return 'bool';
    case 'number': case 'bigint': return 'int';
    case 'string': return 'string';
    default: break;
  }
  if (value === null) return 'null_type';
  if (value instanceof UintValue) return 'uint';
  if (value instanceof DoubleValue) return 'double';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Timestamp) return 'google.protobuf.Timestamp';
  if (value instanceof Duration) return 'google.protobuf.Duration';
  if (value instanceof TypeValue) return 'type';
  if (Array.isArray(value)) return 'list';
  return isMap(value) ? 'map' : 'dyn';
}

function clip(s: string): string {
  return s.length > 32 ? `${s.slice(0, 32)}…` : s;
}
