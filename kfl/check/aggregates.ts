/** List and map literals: one element type, allowed key types, no duplicate literal keys. */
import { type ListExpr, type MapExpr } from '../ast';
import { type KflType, Types, formatType, isOpen, listOf, mapOf } from '../types';
import { type CheckContext } from './context';
import { compatible } from './overloads';

const KEY_KINDS: ReadonlySet<string> = new Set(['int', 'uint', 'bool', 'string']);

export function checkList(ctx: CheckContext, node: ListExpr): KflType {
  let element: KflType | undefined;
  for (const item of node.elements) {
    const type = ctx.check(item);
    if (isOpen(type)) continue;
    if (element === undefined) element = type;
    else if (!compatible(element, type)) ctx.sink.report('kfl/type-mismatch', item, { reason: 'list-elements', first: formatType(element), other: formatType(type) });
  }
  return listOf(element ?? Types.dyn);
}

export function checkMap(ctx: CheckContext, node: MapExpr): KflType {
  let key: KflType | undefined;
  let value: KflType | undefined;
  const seen = new Set<string>();
  for (const entry of node.entries) {
    const keyType = ctx.check(entry.key);
    const valueType = ctx.check(entry.value);
    if (!isOpen(keyType)) {
      if (!KEY_KINDS.has(keyType.kind)) ctx.sink.report('kfl/type-mismatch', entry.key, { reason: 'map-key-type', got: formatType(keyType) });
      else if (key === undefined) key = keyType;
      else if (!compatible(key, keyType)) ctx.sink.report('kfl/type-mismatch', entry.key, { reason: 'map-keys', first: formatType(key), other: formatType(keyType) });
    }
    if (!isOpen(valueType)) {
      if (value === undefined) value = valueType;
      else if (!compatible(value, valueType)) ctx.sink.report('kfl/type-mismatch', entry.value, { reason: 'map-values', first: formatType(value), other: formatType(valueType) });
    }
    if (entry.key.kind === 'literal' && entry.key.literal.type !== 'bytes') {
      const identity = `${entry.key.literal.type}:${String(entry.key.literal.value)}`;
      if (seen.has(identity)) ctx.sink.report('kfl/type-mismatch', entry.key, { reason: 'duplicate-key', key: ctx.textOf(entry.key) });
      seen.add(identity);
    }
  }
  return mapOf(key ?? Types.dyn, value ?? Types.dyn);
}
