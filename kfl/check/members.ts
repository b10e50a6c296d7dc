/** Names and member access: identifiers, `x.f`, `x[i]`, `has(x.f)`, and unknown-field reports. */
import { type Expr, type HasExpr, type IdentExpr, type IndexExpr, type SelectExpr } from '../ast';
import { type DiagnosticArgs, type KflFix, replaceFix } from '../diagnostics';
import { INDEX_OPERATOR, TYPE_NAMES } from '../functions';
import { RESERVED_WORDS } from '../syntax/keywords';
import { quoteString } from '../syntax/quote';
import { type KflType, Types, formatType, isOpen, typeOf } from '../types';
import { type CheckContext } from './context';
import { matchOverloads, resultOf } from './overloads';
import { type Suggestion, aliasFor, closestNames } from './suggest';
import { dottedPath } from './tree';
import { reportV1Macro, reportV1Nil, reportV1Path } from './v1';

export function checkIdent(ctx: CheckContext, node: IdentExpr): KflType {
  const variable = ctx.lookupVariable(node.name);
  if (variable) {
    ctx.setReference(node, { kind: 'variable', name: node.name, binder: variable.binder });
    return variable.type;
  }
  const field = ctx.schema.field(node.name);
  if (field) {
    ctx.setReference(node, { kind: 'field', field });
    return field.type;
  }
  const denoted = TYPE_NAMES.get(node.name);
  if (denoted) {
    ctx.setReference(node, { kind: 'type', name: node.name });
    ctx.sink.report('kfl/unconfirmed', node, { topic: 'type-name', name: node.name }, [], 'info');
    return typeOf(denoted);
  }
  // The parser reported a reserved word used as a name; it names nothing.
  if (RESERVED_WORDS.has(node.name) || reportV1Nil(ctx, node)) return Types.error;
  reportUnknownField(ctx, node);
  reportV1Macro(ctx, node);
  return Types.error;
}

export function checkSelect(ctx: CheckContext, node: SelectExpr): KflType {
  const operandType = ctx.check(node.operand);
  // An empty name was already reported by the parser (`src.` at the end of the filter).
  if (node.field.name === '' || operandType.kind === 'error') return Types.error;
  if (operandType.kind === 'object') {
    const field = ctx.schema.member(operandType.path, node.field.name);
    if (field) {
      ctx.setReference(node, { kind: 'field', field });
      return field.type;
    }
  } else if (operandType.kind === 'dyn') {
    ctx.setReference(node, { kind: 'map-key', key: node.field.name });
    return Types.dyn;
  } else if (operandType.kind === 'map') {
    if (isOpen(operandType.key) || operandType.key.kind === 'string') {
      ctx.setReference(node, { kind: 'map-key', key: node.field.name });
      return operandType.value;
    }
    ctx.sink.report('kfl/type-mismatch', node.field, { reason: 'index-map', expected: formatType(operandType.key), got: 'string', map: formatType(operandType) });
    return Types.error;
  }
  reportUnknownField(ctx, node);
  reportV1Path(ctx, node);
  return Types.error;
}

export function checkIndex(ctx: CheckContext, node: IndexExpr): KflType {
  const operandType = ctx.check(node.operand);
  const indexType = ctx.check(node.index);
  if (operandType.kind === 'error') return Types.error;
  const matches = matchOverloads(INDEX_OPERATOR.overloads, undefined, [operandType, indexType]);
  if (matches.length === 1) ctx.setOverload(node, matches[0].overload);
  if (matches.length > 0) return resultOf(matches);
  if (operandType.kind === 'list') {
    ctx.sink.report('kfl/type-mismatch', node.index, { reason: 'index-list', got: formatType(indexType) });
  } else if (operandType.kind === 'map') {
    ctx.sink.report('kfl/type-mismatch', node.index, { reason: 'index-map', expected: formatType(operandType.key), got: formatType(indexType), map: formatType(operandType) });
  } else {
    ctx.sink.report('kfl/type-mismatch', node.operand, { reason: 'index', type: formatType(operandType) });
  }
  return Types.error;
}

export function checkHas(ctx: CheckContext, node: HasExpr): KflType {
  const operandType = ctx.check(node.argument.operand);
  if (operandType.kind === 'object' || operandType.kind === 'map' || isOpen(operandType)) ctx.check(node.argument);
  else ctx.sink.report('kfl/type-mismatch', node.argument.operand, { reason: 'has-target', operand: ctx.textOf(node.argument.operand), type: formatType(operandType) });
  ctx.sink.report('kfl/unconfirmed', node.function, { topic: 'has' }, [], 'info');
  return Types.bool;
}

/** `kfl/unknown-field` with did-you-mean suggestions and one fix per suggestion (spec §11.1). */
function reportUnknownField(ctx: CheckContext, node: IdentExpr | SelectExpr): void {
  const written = dottedPath(node);
  const name = node.kind === 'ident' ? node.name : node.field.name;
  const alias = aliasFor(written);
  const suggestions = alias?.suggestions ?? rankedSuggestions(ctx, node, name);
  const args: DiagnosticArgs = { name, kind: 'field' };
  if (node.kind === 'select') args.object = ctx.textOf(node.operand);
  suggestions.forEach((s, i) => {
    args[`suggestion${i + 1}`] = s.display;
    if (s.note) args[`note${i + 1}`] = s.note;
  });
  const fixes: KflFix[] = suggestions.map((s, i) => replaceFix(`Change to \`${s.display}\``, node, s.replacement, i === 0));
  if (alias?.special) args.special = alias.special;
  if (alias?.scaleToMicros) scaleOperandFix(ctx, node, fixes);
  if (suggestions.length === 0 && node.kind === 'ident' && comparedWithString(ctx, node)) {
    args.kind = 'name';
    args.special = 'string';
    fixes.push(replaceFix(`Quote it: \`${quoteString(name)}\``, node, quoteString(name), true));
  }
  ctx.sink.report('kfl/unknown-field', node, args, fixes);
}

function rankedSuggestions(ctx: CheckContext, node: IdentExpr | SelectExpr, name: string): Suggestion[] {
  if (node.kind === 'ident') {
    const candidates = [...ctx.schema.members('').map((f) => f.name), ...ctx.variableNames()];
    return closestNames(name, candidates).map((n) => ({ display: n, replacement: n }));
  }
  const operandType = ctx.typeOf(node.operand);
  if (operandType.kind !== 'object') return [];
  const members = ctx.schema.members(operandType.path).map((f) => f.name);
  return closestNames(name, members).map((n) => ({ display: `${operandType.path}.${n}`, replacement: `${operandType.path}.${n}` }));
}

/** `latency_ms > 250`: the fix also scales a number literal on the other side to µs. */
function scaleOperandFix(ctx: CheckContext, node: Expr, fixes: KflFix[]): void {
  const parent = ctx.parentOf(node);
  if (parent?.kind !== 'binary' || !['==', '!=', '<', '<=', '>', '>='].includes(parent.op)) return;
  const other = parent.left === node ? parent.right : parent.left;
  if (other.kind !== 'literal' || other.literal.type !== 'int') return;
  const scaled = (other.literal.value * 1000n).toString();
  fixes[0] = { title: `Change to \`elapsed_time\` and ${ctx.textOf(other)} ms to ${scaled} µs`, edits: [...fixes[0].edits, { start: other.start, end: other.end, newText: scaled }], preferred: true };
}

/** `method == GET`, `method in [GET, POST]`: an unknown bare name where a string is expected. */
function comparedWithString(ctx: CheckContext, node: IdentExpr): boolean {
  const parent = ctx.parentOf(node);
  if (parent?.kind === 'binary' && (parent.op === '==' || parent.op === '!=')) {
    return ctx.check(parent.left === node ? parent.right : parent.left) === Types.string;
  }
  const grandparent = parent?.kind === 'list' ? ctx.parentOf(parent) : undefined;
  return grandparent?.kind === 'binary' && grandparent.op === 'in' && grandparent.right === parent && ctx.check(grandparent.left) === Types.string;
}
