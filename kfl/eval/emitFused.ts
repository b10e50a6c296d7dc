// Fused closures: a record field or macro variable read and used in one closure — tested against
// constants (rawTests.ts) or looked up with `map_get(field, "key", default)` — instead of a reader
// closure, a coercion and an operator closure. The closures of all compiled filters share their
// call sites, where V8 sees every filter, so each call per record saved counts (kfl/README.md).
import { type Expr } from '../ast';
import { type KflType } from '../types';
import { type Eval } from './closures';
import { type EmitContext } from './emitContext';
import { type FieldUse } from './fieldReaders';
import { rawTestOf } from './rawTests';
import { isRecordMap, KflMap, type Result, type Value } from './values';

/** A record field (raw values: users coerce) or a macro variable (coerced already), with its static type. */
export interface FieldAccess {
  readonly use: FieldUse;
  readonly type: KflType;
}

/** A test of a field or macro variable against constants, as one closure over the record. */
export function fusedTest(node: Expr, ctx: EmitContext): Eval | undefined {
  const recognised = rawTestOf(node, ctx);
  if (recognised === undefined) return undefined;
  return ctx.directRead(recognised.subject)?.use(recognised.test);
}

/** `map_get(field, "key", default)` on a record map, the value read through its static type. */
export function fusedMapGet(field: FieldAccess, key: string, fallback: Value, coerce: (raw: Value) => Result): Eval | undefined {
  if (field.type.kind !== 'map') return undefined;
  return field.use((map) => {
    if (map instanceof KflMap) {
      const value = map.get(key);
      return value === undefined ? fallback : coerce(value);
    }
    // A key holding `undefined` is absent, as for every map read (equality.ts mapGet).
    const value = isRecordMap(map) && Object.hasOwn(map, key) ? map[key] : undefined;
    return value === undefined ? fallback : coerce(value as Value);
  });
}
