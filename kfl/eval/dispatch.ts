// Runtime overload selection for calls the checker could not pin to one overload (an operand of
// static type `dyn`): the first declared overload whose parameter kinds fit the runtime values.
import { type OverloadDecl } from '../functions';
import { typeOfValue } from './conversions';
import { type KflType } from '../types';
import { type Implementation, OVERLOADS } from './overloads';
import { Duration, Timestamp } from './time';
import { DoubleValue, EvalError, isMap, type Result, TypeValue, UintValue, type Value } from './values';

/** An implementation that picks among `candidates` per call. Receiver overloads take the receiver first. */
export function dynamicDispatch(name: string, candidates: readonly OverloadDecl[]): Implementation {
  return (args) => {
    const overload = candidates.find((candidate) => fitsAll(candidate, args));
    const implementation = overload === undefined ? undefined : OVERLOADS.get(overload.id);
    return implementation === undefined ? noOverload(name, args) : implementation(args);
  };
}

function fitsAll(overload: OverloadDecl, args: readonly Value[]): boolean {
  const params = overload.receiver === undefined ? overload.params : [overload.receiver, ...overload.params];
  return params.length === args.length && params.every((param, i) => fits(param, args[i] as Value));
}

function fits(type: KflType, value: Value): boolean {
  switch (type.kind) {
    case 'bool': return typeof value === 'boolean';
    case 'int': return typeof value === 'number' || typeof value === 'bigint';
    case 'uint': return value instanceof UintValue;
    case 'double': return value instanceof DoubleValue;
    case 'string': return typeof value === 'string';
    case 'bytes': return value instanceof Uint8Array;
    case 'timestamp': return value instanceof Timestamp;
    case 'duration': return value instanceof Duration;
    case 'null_type': return value === null;
    case 'list': return Array.isArray(value);
    case 'map': case 'object': return isMap(value);
    case 'type': return value instanceof TypeValue;
    default: return true; // a type parameter or dyn
  }
}

function noOverload(name: string, args: readonly Value[]): Result {
  return new EvalError(`no such overload: ${name} applied to (${args.map((arg) => typeOfValue(arg).name).join(', ')})`);
}
