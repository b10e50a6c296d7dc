/** Operators: `!`, unary `-`, binary operators, `in`, and the conditional. */
import { type BinaryExpr, type ConditionalExpr, type UnaryExpr } from '../ast';
import { replaceFix } from '../diagnostics';
import { BINARY_OPERATORS, UNARY_OPERATORS } from '../functions';
import { type KflType, Types, formatType, isOpen } from '../types';
import { type CheckContext } from './context';
import { reportComparisonMismatch } from './mismatch';
import { commonResult, compatible, matchOverloads, resultOf } from './overloads';
import { reportV1RawCompare } from './v1';

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);

export function checkUnary(ctx: CheckContext, node: UnaryExpr): KflType {
  const operand = ctx.check(node.operand);
  const decl = UNARY_OPERATORS.get(node.op)!;
  const matches = matchOverloads(decl.overloads, undefined, [operand]);
  if (matches.length === 1) ctx.setOverload(node, matches[0].overload);
  if (matches.length > 0) return resultOf(matches);
  ctx.sink.report('kfl/type-mismatch', node, { reason: 'unary', op: node.op, type: formatType(operand) });
  return commonResult(decl.overloads);
}

export function checkBinary(ctx: CheckContext, node: BinaryExpr): KflType {
  const left = ctx.check(node.left);
  const right = ctx.check(node.right);
  const decl = BINARY_OPERATORS.get(node.op)!;
  const matches = matchOverloads(decl.overloads, undefined, [left, right]);
  if (matches.length === 1) ctx.setOverload(node, matches[0].overload);
  reportV1RawCompare(ctx, node);
  if (matches.length > 0) return resultOf(matches);
  if (left.kind !== 'error' && right.kind !== 'error') reportBinaryMismatch(ctx, node, left, right);
  return commonResult(decl.overloads);
}

export function checkConditional(ctx: CheckContext, node: ConditionalExpr): KflType {
  const condition = ctx.check(node.condition);
  if (!isOpen(condition) && condition !== Types.bool) ctx.sink.report('kfl/type-mismatch', node.condition, { reason: 'condition', type: formatType(condition) });
  const whenTrue = ctx.check(node.whenTrue);
  const whenFalse = ctx.check(node.whenFalse);
  if (compatible(whenTrue, whenFalse)) return isOpen(whenTrue) ? whenFalse : whenTrue;
  ctx.sink.report('kfl/type-mismatch', node.whenFalse, { reason: 'branches', left: formatType(whenTrue), right: formatType(whenFalse) });
  return Types.error;
}

function reportBinaryMismatch(ctx: CheckContext, node: BinaryExpr, left: KflType, right: KflType): void {
  if (node.op === '&&' || node.op === '||') {
    const culprit = left !== Types.bool && !isOpen(left) ? node.left : node.right;
    ctx.sink.report('kfl/type-mismatch', culprit, { reason: 'logical', op: node.op, type: formatType(ctx.typeOf(culprit)) });
  } else if (COMPARISONS.has(node.op)) {
    reportComparisonMismatch(ctx, node, left, right);
  } else if (node.op === 'in') {
    reportInMismatch(ctx, node, left, right);
  } else {
    ctx.sink.report('kfl/type-mismatch', node.opSpan, { reason: 'operator', op: node.op, left: formatType(left), right: formatType(right) });
  }
}

/** `"admin" in path` (a substring test written as membership) and element/key type mismatches. */
function reportInMismatch(ctx: CheckContext, node: BinaryExpr, left: KflType, right: KflType): void {
  if (right.kind === 'list' || right.kind === 'map') {
    const expected = right.kind === 'list' ? right.element : right.key;
    ctx.sink.report('kfl/type-mismatch', node.left, { reason: 'in-left', expected: formatType(expected), container: formatType(right), got: formatType(left) });
    return;
  }
  const args: Record<string, string> = { reason: 'in-right', right: ctx.textOf(node.right), type: formatType(right) };
  const fixes = [];
  if (right === Types.string && left === Types.string) {
    const receiver = ['ident', 'select', 'call', 'index'].includes(node.right.kind) ? ctx.textOf(node.right) : `(${ctx.textOf(node.right)})`;
    args.suggestion = `${receiver}.contains(${ctx.textOf(node.left)})`;
    fixes.push(replaceFix(`Replace with \`${args.suggestion}\``, node, args.suggestion, true));
  }
  ctx.sink.report('kfl/type-mismatch', node.right, args, fixes);
}
