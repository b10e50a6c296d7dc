/** Tree questions the checker and its lints ask: dotted paths, conjunctions, sameness. */
import { type Expr, childrenOf } from '../ast';

/** `src.pod.name` for a chain of plain names, else undefined. */
export function dottedPath(node: Expr): string | undefined {
  if (node.kind === 'ident') return node.name;
  if (node.kind === 'select' && node.field.name !== '') {
    const operand = dottedPath(node.operand);
    return operand === undefined ? undefined : `${operand}.${node.field.name}`;
  }
  return undefined;
}

/** The terms of a chain of `&&` (balanced or not), in source order. */
export function conjuncts(node: Expr, into: Expr[] = []): Expr[] {
  if (node.kind === 'binary' && node.op === '&&') {
    conjuncts(node.left, into);
    conjuncts(node.right, into);
  } else {
    into.push(node);
  }
  return into;
}

/**
 * Every term that is AND-ed with `node` by an enclosing `&&` (at any height): when such a term is
 * false the enclosing `&&` is false, whatever `node` does, errors included.
 */
export function guardingTerms(node: Expr, parents: readonly (Expr | undefined)[]): Expr[] {
  const terms: Expr[] = [];
  let child = node;
  for (let parent = parents[node.id]; parent; child = parent, parent = parents[parent.id]) {
    if (parent.kind === 'binary' && parent.op === '&&') conjuncts(parent.left === child ? parent.right : parent.left, terms);
  }
  return terms;
}

/** Structural equality, ignoring positions. */
export function sameExpr(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'literal': {
      const l = b as typeof a;
      if (a.literal.type !== l.literal.type) return false;
      if (a.literal.type === 'bytes' && l.literal.type === 'bytes') return a.literal.value.length === l.literal.value.length && a.literal.value.every((v, i) => v === (l.literal.value as Uint8Array)[i]);
      return a.literal.value === l.literal.value;
    }
    case 'ident':
      return a.name === (b as typeof a).name;
    case 'select':
      return a.field.name === (b as typeof a).field.name && sameExpr(a.operand, (b as typeof a).operand);
    case 'call':
    case 'has':
      if (a.function.name !== (b as typeof a).function.name) return false;
      break;
    case 'comprehension':
      if (a.macro !== (b as typeof a).macro || a.variable.name !== (b as typeof a).variable.name) return false;
      break;
    case 'unary':
    case 'binary':
      if (a.op !== (b as typeof a).op) return false;
      break;
    default:
      break;
  }
  const ca = childrenOf(a);
  const cb = childrenOf(b);
  return ca.length === cb.length && ca.every((c, i) => sameExpr(c, cb[i]));
}
