// Implementations of the strict overloads of kfl/functions.ts, keyed by overload id. Arguments
// arrive evaluated, left to right, already free of errors and of the declared kinds (the checker
// or the runtime dispatcher made sure). The compiler uses these directly for calls it does not
// specialise, and for `dyn` operands.
import { budgetExceeded, spend } from './closures';
import { durationField, type DurationField, timestampField, type TimestampField } from './calendar';
import {
  doubleToInt, doubleToUint, formatDouble, intToUint, stringToBool, stringToDouble, stringToInt, stringToUint, toBytesValue,
  toStringValue, typeOfValue, uintToInt,
} from './conversions';
import { compareValues, mapGet, mapHas, mapSize, valuesEqual } from './equality';
import {
  addInt, addUint, divideInt, divideUint, type Int, intFromBig, moduloInt, moduloUint, multiplyInt, multiplyUint, negateInt,
  subtractInt, subtractUint,
} from './int64';
import { compileRegex } from './regex';
import { codePointLength } from './strings';
import {
  addDuration, Duration, durationInRange, parseDuration, parseTimestamp, subtractTimestamps, type Timestamp, timestampFromSeconds,
} from './time';
import { DoubleValue, EvalError, type KflMap, type RecordMap, type Result, UintValue, type Value } from './values';

export type Implementation = (args: readonly Value[]) => Result;

/** A concatenation spends one step of the evaluation's work per 16 elements, bytes or UTF-16 units it makes. */
const affordable = (length: number): boolean => spend(Math.ceil(length / 16));

const int = (v: Value): Int => v as Int;
const uint = (v: Value): UintValue => v as UintValue;
const dbl = (v: Value): number => (v as DoubleValue).value;
const str = (v: Value): string => v as string;
const bytes = (v: Value): Uint8Array => v as Uint8Array;
const list = (v: Value): readonly Value[] => v as readonly Value[];
const map = (v: Value): RecordMap | KflMap => v as RecordMap | KflMap;
const time = (v: Value): Timestamp => v as Timestamp;
const span = (v: Value): Duration => v as Duration;

function concatStrings(a: string, b: string): Result {
  return affordable(a.length + b.length) ? a + b : budgetExceeded();
}

function concatLists(a: readonly Value[], b: readonly Value[]): Result {
  if (!affordable(a.length + b.length)) return budgetExceeded();
  return a.length === 0 ? b : b.length === 0 ? a : [...a, ...b];
}

function concatBytes(a: Uint8Array, b: Uint8Array): Result {
  if (!affordable(a.length + b.length)) return budgetExceeded();
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function matchesPattern(input: string, pattern: string): Result {
  const regex = compileRegex(pattern);
  return regex.ok ? regex.test(input) : new EvalError(`invalid regular expression: ${regex.problem.detail}`);
}

/** `list[index]`: the index may be an int, or through `dyn` a uint or an integral double. */
export function indexList(target: readonly Value[], index: Value): Result {
  let position: number | bigint;
  if (typeof index === 'number' || typeof index === 'bigint') position = index;
  else if (index instanceof UintValue) position = index.value;
  else if (index instanceof DoubleValue && Number.isInteger(index.value)) position = index.value;
  else return new EvalError('invalid_argument: list index must be an int');
  if (position < 0 || position >= target.length) return new EvalError(`invalid_argument: index ${position} out of range [0, ${target.length})`);
  return target[Number(position)] as Value;
}

export function indexMap(target: RecordMap | KflMap, key: Value): Result {
  const value = mapGet(target, key);
  return value === undefined ? new EvalError(`no such key: ${describeKey(key)}`) : value;
}

function describeKey(key: Value): string {
  const text = typeof key === 'string' ? `'${key}'` : toStringValue(key);
  return typeof text === 'string' && text.length <= 64 ? text : '…';
}

function relation(test: (sign: number) => boolean): Implementation {
  return ([a, b]) => {
    const sign = compareValues(a, b);
    return sign instanceof EvalError ? sign : test(sign);
  };
}

const less = relation((s) => s < 0);
const lessEquals = relation((s) => s <= 0);
const greater = relation((s) => s > 0);
const greaterEquals = relation((s) => s >= 0);

const TIMESTAMP_ACCESSORS: readonly [string, TimestampField][] = [
  ['year', 'getFullYear'], ['month', 'getMonth'], ['day_of_year', 'getDayOfYear'], ['day_of_month', 'getDayOfMonth'],
  ['day_of_month_1_based', 'getDate'], ['day_of_week', 'getDayOfWeek'], ['hours', 'getHours'], ['minutes', 'getMinutes'],
  ['seconds', 'getSeconds'], ['milliseconds', 'getMilliseconds'],
];
const DURATION_ACCESSORS: readonly [string, DurationField][] = [
  ['hours', 'getHours'], ['minutes', 'getMinutes'], ['seconds', 'getSeconds'], ['milliseconds', 'getMilliseconds'],
];

const entries: [string, Implementation][] = [
  ['add_int64', ([a, b]) => addInt(int(a), int(b))],
  ['add_uint64', ([a, b]) => addUint(uint(a), uint(b))],
  ['add_double', ([a, b]) => new DoubleValue(dbl(a) + dbl(b))],
  ['add_string', ([a, b]) => concatStrings(str(a), str(b))],
  ['add_bytes', ([a, b]) => concatBytes(bytes(a), bytes(b))],
  ['add_list', ([a, b]) => concatLists(list(a), list(b))],
  ['add_duration_duration', ([a, b]) => durationInRange(span(a).nanos + span(b).nanos)],
  ['add_timestamp_duration', ([a, b]) => addDuration(time(a), span(b))],
  ['add_duration_timestamp', ([a, b]) => addDuration(time(b), span(a))],
  ['subtract_int64', ([a, b]) => subtractInt(int(a), int(b))],
  ['subtract_uint64', ([a, b]) => subtractUint(uint(a), uint(b))],
  ['subtract_double', ([a, b]) => new DoubleValue(dbl(a) - dbl(b))],
  ['subtract_duration_duration', ([a, b]) => durationInRange(span(a).nanos - span(b).nanos)],
  ['subtract_timestamp_duration', ([a, b]) => addDuration(time(a), new Duration(-span(b).nanos))],
  ['subtract_timestamp_timestamp', ([a, b]) => subtractTimestamps(time(a), time(b))],
  ['multiply_int64', ([a, b]) => multiplyInt(int(a), int(b))],
  ['multiply_uint64', ([a, b]) => multiplyUint(uint(a), uint(b))],
  ['multiply_double', ([a, b]) => new DoubleValue(dbl(a) * dbl(b))],
  ['divide_int64', ([a, b]) => divideInt(int(a), int(b))],
  ['divide_uint64', ([a, b]) => divideUint(uint(a), uint(b))],
  ['divide_double', ([a, b]) => new DoubleValue(dbl(a) / dbl(b))],
  ['modulo_int64', ([a, b]) => moduloInt(int(a), int(b))],
  ['modulo_uint64', ([a, b]) => moduloUint(uint(a), uint(b))],
  ['negate_int64', ([a]) => negateInt(int(a))],
  ['negate_double', ([a]) => new DoubleValue(-dbl(a))],
  ['logical_not', ([a]) => !(a as boolean)],
  ['equals', ([a, b]) => valuesEqual(a, b)],
  ['not_equals', ([a, b]) => !valuesEqual(a, b)],
  ['in_list', ([a, b]) => list(b).some((element) => valuesEqual(a, element))],
  ['in_map', ([a, b]) => mapHas(map(b), a)],
  ['index_list', ([a, b]) => indexList(list(a), b)],
  ['index_map', ([a, b]) => indexMap(map(a), b)],
  ['contains_string', ([a, b]) => str(a).includes(str(b))],
  ['starts_with_string', ([a, b]) => str(a).startsWith(str(b))],
  ['ends_with_string', ([a, b]) => str(a).endsWith(str(b))],
  ['matches_string', ([a, b]) => matchesPattern(str(a), str(b))],
  ['matches', ([a, b]) => matchesPattern(str(a), str(b))],
  ['map_get', ([m, k, d]) => { const value = mapGet(map(m), k); return value === undefined ? d : value; }],
  ['string_to_timestamp', ([a]) => { const p = parseTimestamp(str(a)); return p.ok ? p.value : new EvalError(`invalid timestamp "${str(a)}"`); }],
  ['string_to_duration', ([a]) => { const p = parseDuration(str(a)); return p.ok ? p.value : new EvalError(`invalid duration "${str(a)}"`); }],
  ['int64_to_timestamp', ([a]) => timestampFromSeconds(int(a))],
  ['int64_to_duration', ([a]) => new Duration(BigInt(int(a)))],
  ['timestamp_to_timestamp', ([a]) => a],
  ['duration_to_duration', ([a]) => a],
  ['duration_to_int64', ([a]) => intFromBig(span(a).nanos)],
  ['bool_to_bool', ([a]) => a],
  ['string_to_bool', ([a]) => stringToBool(str(a))],
  ['int64_to_int64', ([a]) => a],
  ['uint64_to_int64', ([a]) => uintToInt(uint(a))],
  ['double_to_int64', ([a]) => doubleToInt(dbl(a))],
  ['string_to_int64', ([a]) => stringToInt(str(a))],
  ['timestamp_to_int64', ([a]) => time(a).seconds],
  ['uint64_to_uint64', ([a]) => a],
  ['int64_to_uint64', ([a]) => intToUint(int(a))],
  ['double_to_uint64', ([a]) => doubleToUint(dbl(a))],
  ['string_to_uint64', ([a]) => stringToUint(str(a))],
  ['double_to_double', ([a]) => a],
  ['int64_to_double', ([a]) => new DoubleValue(Number(int(a)))],
  ['uint64_to_double', ([a]) => new DoubleValue(Number(uint(a).value))],
  ['string_to_double', ([a]) => stringToDouble(str(a))],
  ['double_to_string', ([a]) => formatDouble(dbl(a))],
  ['type', ([a]) => typeOfValue(a)],
  ['to_dyn', ([a]) => a],
  ['bytes_to_bytes', ([a]) => a],
  ['string_to_bytes', ([a]) => toBytesValue(a)],
  ...['string_to_string', 'int64_to_string', 'uint64_to_string', 'bool_to_string', 'bytes_to_string', 'timestamp_to_string', 'duration_to_string']
    .map((id): [string, Implementation] => [id, ([a]) => toStringValue(a)]),
  ...['size_string', 'string_size'].map((id): [string, Implementation] => [id, ([a]) => codePointLength(str(a))]),
  ...['size_bytes', 'bytes_size'].map((id): [string, Implementation] => [id, ([a]) => bytes(a).length]),
  ...['size_list', 'list_size'].map((id): [string, Implementation] => [id, ([a]) => list(a).length]),
  ...['size_map', 'map_size'].map((id): [string, Implementation] => [id, ([a]) => mapSize(map(a))]),
  ...['bool', 'int64', 'uint64', 'double', 'string', 'bytes', 'timestamp', 'duration'].flatMap((suffix): [string, Implementation][] => [
    [`less_${suffix}`, less], [`less_equals_${suffix}`, lessEquals], [`greater_${suffix}`, greater], [`greater_equals_${suffix}`, greaterEquals],
  ]),
  ...TIMESTAMP_ACCESSORS.flatMap(([suffix, field]): [string, Implementation][] => [
    [`timestamp_to_${suffix}`, ([t]) => timestampField(time(t), field)],
    [`timestamp_to_${suffix}_with_tz`, ([t, zone]) => timestampField(time(t), field, str(zone))],
  ]),
  ...DURATION_ACCESSORS.map(([suffix, field]): [string, Implementation] => [`duration_to_${suffix}`, ([d]) => durationField(span(d), field)]),
];

export const OVERLOADS: ReadonlyMap<string, Implementation> = new Map(entries);
