/**
 * Overload matching with type parameters. An argument of type `dyn` or `error` fits any
 * parameter (errors were reported where they arose; `dyn` is checked at run time).
 */
import { type OverloadDecl } from '../functions';
import { type KflType, Types, isOpen, listOf, mapOf, typeEquals, typeOf } from '../types';

export type Bindings = Map<string, KflType>;

/** Whether a value of type `arg` fits `param`, binding type parameters in `bindings`. */
export function fits(param: KflType, arg: KflType, bindings: Bindings): boolean {
  if (isOpen(arg)) return true;
  switch (param.kind) {
    case 'param': {
      const bound = bindings.get(param.name);
      if (bound === undefined || isOpen(bound)) {
        bindings.set(param.name, arg);
        return true;
      }
      return compatible(bound, arg);
    }
    case 'dyn':
      return true;
    case 'list':
      return arg.kind === 'list' && fits(param.element, arg.element, bindings);
    case 'map':
      return arg.kind === 'map' && fits(param.key, arg.key, bindings) && fits(param.value, arg.value, bindings);
    default:
      return typeEquals(param, arg);
  }
}

/**
 * Two concrete types that may meet (equality, a list literal's elements): equal up to `dyn`. Type
 * values all have the one CEL type `type`, whatever type they denote (`type(7) == type(7u)` is
 * false, not a mismatch); the denoted type only sharpens `typeOf` for the editor.
 */
export function compatible(a: KflType, b: KflType): boolean {
  if (isOpen(a) || isOpen(b)) return true;
  if (a.kind === 'list' && b.kind === 'list') return compatible(a.element, b.element);
  if (a.kind === 'map' && b.kind === 'map') return compatible(a.key, b.key) && compatible(a.value, b.value);
  if (a.kind === 'type' && b.kind === 'type') return true;
  return typeEquals(a, b);
}

/** `type` with bound parameters replaced; unbound ones become `dyn`. */
function substitute(type: KflType, bindings: Bindings): KflType {
  switch (type.kind) {
    case 'param':
      return bindings.get(type.name) ?? Types.dyn;
    case 'list':
      return listOf(substitute(type.element, bindings));
    case 'map':
      return mapOf(substitute(type.key, bindings), substitute(type.value, bindings));
    case 'type':
      return typeOf(substitute(type.of, bindings));
    default:
      return type;
  }
}

export interface OverloadMatch {
  readonly overload: OverloadDecl;
  readonly result: KflType;
}

// Types are interned (types.ts), so the answer for an overload set depends only on the operand
// type objects: remembered per set (the sets are the declarations' own arrays) in a trie keyed by
// the receiver and then each argument's type. The trie is bounded by the distinct types there are.
type TypeTrie = Map<KflType | undefined, TypeTrie | readonly OverloadMatch[]>;
const remembered = new WeakMap<readonly OverloadDecl[], TypeTrie[]>();

/** The overloads whose receiver (if any) and parameters accept the given types. */
export function matchOverloads(overloads: readonly OverloadDecl[], receiver: KflType | undefined, args: readonly KflType[]): readonly OverloadMatch[] {
  // One trie per argument count, so leaves and inner levels never share a key.
  let tries = remembered.get(overloads);
  if (!tries) remembered.set(overloads, (tries = []));
  let level = (tries[args.length] ??= new Map());
  let key: KflType | undefined = receiver;
  for (const arg of args) {
    let next = level.get(key) as TypeTrie | undefined;
    if (!next) level.set(key, (next = new Map()));
    level = next;
    key = arg;
  }
  let matches = level.get(key) as readonly OverloadMatch[] | undefined;
  if (!matches) level.set(key, (matches = computeMatches(overloads, receiver, args)));
  return matches;
}

function computeMatches(overloads: readonly OverloadDecl[], receiver: KflType | undefined, args: readonly KflType[]): OverloadMatch[] {
  const matches: OverloadMatch[] = [];
  for (const overload of overloads) {
    if (overload.params.length !== args.length || (overload.receiver === undefined) !== (receiver === undefined)) continue;
    const bindings: Bindings = new Map();
    if (overload.receiver && receiver && !fits(overload.receiver, receiver, bindings)) continue;
    if (overload.params.every((p, i) => fits(p, args[i], bindings))) matches.push({ overload, result: substitute(overload.result, bindings) });
  }
  return matches;
}

/**
 * The result of a resolved operator or call: the one match's result, the common result of
 * several (operands of type `dyn`), else `dyn`.
 */
export function resultOf(matches: readonly OverloadMatch[]): KflType {
  const [first, ...rest] = matches;
  if (!first) return Types.error;
  return rest.every((m) => typeEquals(m.result, first.result)) ? first.result : Types.dyn;
}

/** The result type all overloads share (`bool` for comparisons), used to go on after an error. */
export function commonResult(overloads: readonly OverloadDecl[]): KflType {
  const results = overloads.map((o) => o.result);
  return results.length > 0 && results.every((r) => r.kind !== 'param' && typeEquals(r, results[0])) ? results[0] : Types.error;
}
