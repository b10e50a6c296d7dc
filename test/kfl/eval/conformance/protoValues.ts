// Conversions between the conformance suite's protobuf values (cel.expr.Value, cel.expr.Type) and
// the engine's runtime values and type names, plus the strict comparison the suite asks for
// (same CEL type and same value, so `1` does not match `1u` or `1.0`).
import { type Type } from '@bufbuild/cel-spec/cel/expr/checked_pb.js';
import { type Value as ProtoValue } from '@bufbuild/cel-spec/cel/expr/value_pb.js';
import { intFromBig } from '../../../../kfl/eval/int64';
import { Duration, Timestamp } from '../../../../kfl/eval/time';
import { DoubleValue, EvalError, isMap, KflMap, TypeValue, UintValue, type Value } from '../../../../kfl/eval/values';
import { mapEntries, mapGet, mapSize } from '../../../../kfl/eval/equality';

/** Thrown for protobuf values KFL has no runtime form for; the subset rules exclude such tests first. */
export class Unrepresentable extends Error {}

export function fromProto(value: ProtoValue): Value {
  const kind = value.kind;
  switch (kind.case) {
    case 'nullValue': return null;
    case 'boolValue': return kind.value;
    case 'int64Value': {
      const int = intFromBig(kind.value);
      if (int instanceof EvalError) throw new Unrepresentable('int64 out of range');
      return int;
    }
    case 'uint64Value': return new UintValue(kind.value);
    case 'doubleValue': return new DoubleValue(kind.value);
    case 'stringValue': return kind.value;
    case 'bytesValue': return kind.value;
    case 'typeValue': return TypeValue.of(kind.value);
    case 'listValue': return kind.value.values.map(fromProto);
    case 'mapValue': {
      const map = new KflMap();
      for (const entry of kind.value.entries) {
        if (entry.key === undefined || entry.value === undefined) throw new Unrepresentable('map entry without key or value');
        map.add(fromProto(entry.key), fromProto(entry.value));
      }
      return map;
    }
    default: throw new Unrepresentable(`protobuf ${kind.case ?? 'empty'} value`);
  }
}

/** Same CEL type and equal value; NaN equals NaN here, since the suite writes expected NaNs. */
export function strictlyEqual(actual: Value, expected: Value): boolean {
  if (expected instanceof DoubleValue) {
    return actual instanceof DoubleValue && (Object.is(actual.value, expected.value) || actual.value === expected.value);
  }
  if (expected instanceof UintValue) return actual instanceof UintValue && actual.value === expected.value;
  if (typeof expected === 'number' || typeof expected === 'bigint') return typeof actual === typeof expected && actual === expected;
  if (expected instanceof Uint8Array) return actual instanceof Uint8Array && actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  if (expected instanceof Timestamp) return actual instanceof Timestamp && actual.seconds === expected.seconds && actual.nanos === expected.nanos;
  if (expected instanceof Duration) return actual instanceof Duration && actual.nanos === expected.nanos;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e: Value, i) => strictlyEqual(actual[i] as Value, e));
  }
  if (isMap(expected)) {
    if (!isMap(actual) || mapSize(actual) !== mapSize(expected)) return false;
    for (const [key, value] of mapEntries(expected)) {
      const other = mapGet(actual, key);
      if (other === undefined || !strictlyEqual(other, value)) return false;
    }
    return true;
  }
  return actual === expected; // bool, string, null, interned TypeValue
}

/** A KFL schema type name for a declared variable type, or undefined when KFL has no such type. */
export function typeNameOf(type: Type | undefined): string | undefined {
  const kind = type?.typeKind;
  switch (kind?.case) {
    case 'dyn': return 'dyn';
    case 'null': return 'null_type';
    case 'primitive': return PRIMITIVE_NAMES[kind.value];
    case 'wellKnown': return kind.value === 2 ? 'timestamp' : kind.value === 3 ? 'duration' : undefined;
    case 'listType': {
      const element = typeNameOf(kind.value.elemType);
      return element === undefined ? undefined : `list(${element})`;
    }
    case 'mapType': {
      const key = typeNameOf(kind.value.keyType);
      const value = typeNameOf(kind.value.valueType);
      return key === undefined || value === undefined ? undefined : `map(${key}, ${value})`;
    }
    default: return undefined;
  }
}

const PRIMITIVE_NAMES: Record<number, string | undefined> = { 1: 'bool', 2: 'int', 3: 'uint', 4: 'double', 5: 'string', 6: 'bytes' };

/** Short text of a runtime value for failure reports. */
export function describe(value: Value | EvalError): string {
  if (value instanceof EvalError) return `error(${value.message})`;
  if (value instanceof UintValue) return `${value.value}u`;
  if (value instanceof DoubleValue) return `${value.value} (double)`;
  if (typeof value === 'bigint') return `${value}`;
  if (value instanceof TypeValue) return `type(${value.name})`;
  if (value instanceof Timestamp) return `timestamp(${value.seconds}s ${value.nanos}ns)`;
  if (value instanceof Duration) return `duration(${value.nanos}ns)`;
  if (value instanceof Uint8Array) return `b[${value.join(',')}]`;
  if (Array.isArray(value)) return `[${value.map((v: Value) => describe(v)).join(', ')}]`;
  if (isMap(value)) return `{${[...mapEntries(value)].map(([k, v]) => `${describe(k)}: ${describe(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}
