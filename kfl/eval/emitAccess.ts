// Closures for reading data: record fields (with default substitution), macro variables, map keys
// (`m.key`, `m[key]`), list elements and `has(x.f)`.
import { type HasExpr, type IdentExpr, type IndexExpr, type SelectExpr } from '../ast';
import { type KflType } from '../types';
import { type Activation, constant, type Eval } from './closures';
import { type EmitContext } from './emitContext';
import { mapGet, mapHas } from './equality';
import { indexList, indexMap } from './overloads';
import { coercerFor, fieldUse, rawPathReader } from './recordValues';
import { EvalError, isMap, type Result, TypeValue, type Value } from './values';

/** `status_code`, `src.pod.name`, a macro variable, `m.key` on a map, or a type name such as `int`. */
export function emitReference(node: IdentExpr | SelectExpr, ctx: EmitContext): Eval {
  const reference = ctx.analysis.referenceOf(node);
  if (reference === undefined) return () => new EvalError(`internal: unresolved name at ${node.start}`);
  switch (reference.kind) {
    case 'field': return fieldReader(reference.field.path.split('.'), reference.field.type);
    case 'variable': {
      const { frame } = ctx.state;
      const slot = ctx.slotOf(reference.binder);
      return () => frame[slot] as Value;
    }
    case 'map-key': {
      const operand = ctx.emit((node as SelectExpr).operand);
      return mapLookup(operand, reference.key, elementCoercer(ctx.typeOf(node)));
    }
    case 'type': return constant(TypeValue.of(reference.name));
  }
}

/** A record field read through its static type: the coercion runs inside the field's access code. */
function fieldReader(segments: readonly string[], type: KflType): Eval {
  return fieldUse(segments)(coercerFor(type));
}

/**
 * How values taken out of a container (map values, list elements) are read: record containers
 * hold record-format values, so typed elements are coerced like fields; `dyn` elements are
 * runtime values already.
 */
export function elementCoercer(type: KflType): ((raw: Value) => Result) | undefined {
  if (type.kind === 'dyn' || type.kind === 'param' || type.kind === 'error') return undefined;
  return coercerFor(type);
}

function mapLookup(operand: Eval, key: string, coerce: ((raw: Value) => Result) | undefined): Eval {
  return (record) => {
    const target = operand(record);
    if (target instanceof EvalError) return target;
    if (!isMap(target)) return new EvalError(`no such field: ${key}`);
    const value = mapGet(target, key);
    if (value === undefined) return new EvalError(`no such key: '${key}'`);
    return coerce === undefined ? value : coerce(value);
  };
}

/** `list[i]` and `map[k]`; the overload says which when the operand type is static. */
export function emitIndex(node: IndexExpr, ctx: EmitContext): Eval {
  const operand = ctx.emit(node.operand);
  const index = ctx.emit(node.index);
  const coerce = elementCoercer(ctx.typeOf(node));
  const read = (target: Value, key: Value): Result => {
    if (Array.isArray(target)) return indexList(target, key);
    if (isMap(target)) return indexMap(target, key);
    return new EvalError('no such overload: index');
  };
  return (record: Activation) => {
    const target = operand(record);
    if (target instanceof EvalError) return target;
    const key = index(record);
    if (key instanceof EvalError) return key;
    const value = read(target, key);
    return coerce === undefined || value instanceof EvalError ? value : coerce(value);
  };
}

/** `has(x.f)`: key presence on a map; field presence on a record object. Never a lookup. */
export function emitHas(node: HasExpr, ctx: EmitContext): Eval {
  const select = node.argument;
  const reference = ctx.analysis.referenceOf(select);
  if (reference?.kind === 'field') {
    // `has(src.pod)`: is the last key present on its (present) parent object?
    const segments = reference.field.path.split('.');
    const parent = rawPathReader(segments.slice(0, -1));
    const key = segments[segments.length - 1] as string;
    return (record) => {
      const object = segments.length === 1 ? record : parent(record);
      return object !== null && typeof object === 'object' && Object.hasOwn(object, key) && (object as Record<string, unknown>)[key] !== undefined;
    };
  }
  const operand = ctx.emit(select.operand);
  const key = select.field.name;
  return (record) => {
    const target = operand(record);
    if (target instanceof EvalError) return target;
    return isMap(target) ? mapHas(target, key) : new EvalError(`has() needs a map or an object; got a ${typeof target}`);
  };
}
