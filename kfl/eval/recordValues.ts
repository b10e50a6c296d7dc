// Reading the KFL record format (kfl/README.md, "The KFL record") as runtime values, by the field's
// static type. A missing key — or a value of the wrong shape, since records are built from
// captured traffic — reads as the type's default: "", 0, false, b"", [], {}, the Unix epoch.
import { type KflType } from '../types';
import { FIELD_ACCESS, type FieldUse } from './fieldReaders';
import { type Int, intFromBig } from './int64';
import { Duration, Timestamp, timestampFromMillis } from './time';
import { DoubleValue, EvalError, isRecordMap, KflMap, type Result, UintValue, type Value } from './values';

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_LIST: readonly Value[] = Object.freeze([]);
const EMPTY_MAP: Readonly<Record<string, never>> = Object.freeze(Object.create(null) as Record<string, never>);
const EPOCH = new Timestamp(0, 0);
const ZERO_DURATION = new Duration(0n);
const ZERO_UINT = new UintValue(0n);
const ZERO_DOUBLE = new DoubleValue(0);

export type Coerce = (raw: unknown) => Result;

/** The converter from a record value to the runtime value of `type`. */
export function coercerFor(type: KflType): Coerce {
  switch (type.kind) {
    case 'bool': return (raw) => raw === true;
    case 'string': return (raw) => (typeof raw === 'string' ? raw : '');
    case 'int': return readInt;
    case 'uint': return readUint;
    case 'double': return readDouble;
    case 'bytes': return (raw) => (raw instanceof Uint8Array ? raw : EMPTY_BYTES);
    case 'timestamp': return readTimestamp;
    case 'duration': return (raw) => (raw instanceof Duration ? raw : ZERO_DURATION);
    case 'list': return (raw) => (Array.isArray(raw) ? (raw as Value[]) : EMPTY_LIST);
    case 'map': return readMap;
    case 'object': return (raw) => (isRecordMap(raw) ? raw : EMPTY_MAP);
    default: return (raw) => (raw === undefined ? new EvalError('no value') : (raw as Value)); // dyn: already a runtime value
  }
}

export function readInt(raw: unknown): Int {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw + 0 : 0;
  if (typeof raw === 'bigint') {
    const value = intFromBig(raw);
    return value instanceof EvalError ? 0 : value;
  }
  return 0;
}

function readUint(raw: unknown): UintValue {
  if (raw instanceof UintValue) return raw;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return new UintValue(BigInt(raw));
  if (typeof raw === 'bigint' && raw >= 0n && raw < 2n ** 64n) return new UintValue(raw);
  return ZERO_UINT;
}

function readDouble(raw: unknown): DoubleValue {
  if (raw instanceof DoubleValue) return raw;
  return typeof raw === 'number' ? new DoubleValue(raw) : ZERO_DOUBLE;
}

/** Record timestamps are Unix ms (a fraction carries µs); runtime Timestamps pass through. */
export function readTimestamp(raw: unknown): Result {
  if (typeof raw === 'number') return timestampFromMillis(raw);
  return raw instanceof Timestamp ? raw : EPOCH;
}

function readMap(raw: unknown): Value {
  return raw instanceof KflMap || isRecordMap(raw) ? raw : EMPTY_MAP;
}

// Names an object inherits from Object.prototype: reading one of them needs an own-property
// check, every other name can be read directly (a missing own key reads as undefined).
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * `use` applied to the raw value at a dotted path of the record (undefined where a step is
 * missing): the generated code of a field of spec §9, else the generic path reader.
 */
export function fieldUse(segments: readonly string[]): FieldUse {
  const known = FIELD_ACCESS.get(segments.join('.'));
  if (known !== undefined) return known;
  const read = rawPathReader(segments);
  return (use) => (record) => use(read(record));
}

/** A reader of the raw value at a dotted path of the record, undefined where any step is missing. */
export function rawPathReader(segments: readonly string[]): (record: Readonly<Record<string, unknown>>) => unknown {
  const guarded = segments.some((segment) => INHERITED.has(segment));
  if (!guarded && segments.length === 1) {
    const [name] = segments as [string];
    return (record) => record[name];
  }
  if (!guarded && segments.length === 2) {
    const [outer, inner] = segments as [string, string];
    return (record) => {
      const object = record[outer];
      return object !== null && typeof object === 'object' ? (object as Record<string, unknown>)[inner] : undefined;
    };
  }
  if (!guarded && segments.length === 3) {
    const [outer, middle, inner] = segments as [string, string, string];
    return (record) => {
      const object = record[outer];
      if (object === null || typeof object !== 'object') return undefined;
      const nested = (object as Record<string, unknown>)[middle];
      return nested !== null && typeof nested === 'object' ? (nested as Record<string, unknown>)[inner] : undefined;
    };
  }
  return (record) => {
    let value: unknown = record;
    for (const segment of segments) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    return value;
  };
}
