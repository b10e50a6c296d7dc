import { type AnyNode, type AssignmentExpression, type BinaryExpression, type ChainExpression, type TemplateLiteral } from 'acorn';
import { type ScriptModel } from '../lint/model';
import { es5StringLiteral, significantChars } from '../text/source';
import { type Fix } from '../types';
import { acceptsBinaryExpression, isRepeatable } from './context';

/** Operand kinds that bind tighter than `+`, so they need no parentheses inside a concatenation. */
const TIGHT = new Set(['Identifier', 'Literal', 'MemberExpression', 'CallExpression', 'NewExpression', 'ThisExpression',
  'ChainExpression', 'UnaryExpression', 'UpdateExpression', 'TemplateLiteral', 'TaggedTemplateExpression',
  'ArrayExpression', 'ObjectExpression', 'FunctionExpression']);

function operand(model: ScriptModel, node: AnyNode): string {
  const text = model.text.slice(node.start, node.end);
  const multiplicative = node.type === 'BinaryExpression' && ['*', '/', '%', '**'].includes(node.operator);
  return TIGHT.has(node.type) || multiplicative ? text : `(${text})`;
}

/** `` `${a}:${b}` `` → `a + ":" + b`, always starting the chain with a string so `+` concatenates. */
export function templateRewrite(model: ScriptModel, template: TemplateLiteral): string | undefined {
  const parts: string[] = [];
  const quasis = template.quasis;
  for (let i = 0; i < quasis.length; i++) {
    const cooked = quasis[i]!.value.cooked;
    if (cooked === null || cooked === undefined) return undefined;
    if (cooked !== '') parts.push(es5StringLiteral(cooked));
    const expr = template.expressions[i];
    if (expr) {
      // `${a}${b}` would add numbers; a leading "" makes the whole chain a string.
      if (parts.length === 0 && (template.expressions.length === 1 || quasis[i + 1]?.value.cooked === '')) parts.push('""');
      parts.push(operand(model, expr));
    }
  }
  if (parts.length === 0) return '""';
  const joined = parts.join(' + ');
  return parts.length === 1 || acceptsBinaryExpression(model, template) ? joined : `(${joined})`;
}

export function replaceFix(title: string, node: AnyNode, rewrite: string | undefined): Fix[] {
  return rewrite === undefined ? [] : [{ title, preferred: true, edits: [{ start: node.start, end: node.end, newText: rewrite }] }];
}

/**
 * `a.b?.c` → `a.b && a.b.c`: each optional link becomes a guard. Offered only when the guarded
 * objects can be repeated without side effects (`f()?.x` would call `f` twice).
 */
export function optionalChainRewrite(model: ScriptModel, chain: ChainExpression): string | undefined {
  const text = model.text;
  const links: { object: AnyNode; questionDot: number }[] = [];
  let node: AnyNode = chain.expression;
  for (let depth = 0; depth < 256; depth++) {
    if (node.type === 'MemberExpression') {
      if (node.optional) links.push({ object: node.object, questionDot: questionDotBetween(text, node.object.end, node.property.start) });
      node = node.object;
    } else if (node.type === 'CallExpression') {
      const argsStart = node.arguments.length > 0 ? node.arguments[0]!.start : node.end;
      if (node.optional) links.push({ object: node.callee, questionDot: questionDotBetween(text, node.callee.end, argsStart) });
      node = node.callee;
    } else {
      break;
    }
  }
  if (links.length === 0 || links.some((l) => l.questionDot < 0 || !isRepeatable(l.object))) return undefined;
  const dots = links.map((l) => l.questionDot);
  const plain = (end: number): string => withoutOptionalDots(text, chain.start, end, dots);
  const guards = links.reverse().map((l) => plain(l.object.end));
  const rewrite = [...guards, plain(chain.end)].join(' && ');
  return acceptsBinaryExpression(model, chain) ? rewrite : `(${rewrite})`;
}

function questionDotBetween(text: string, from: number, to: number): number {
  for (const i of significantChars(text, from, to)) if (text[i] === '?' && text[i + 1] === '.') return i;
  return -1;
}

/** The source of [start, end) with each `?.` turned into `.` (or removed before `(`/`[`). */
function withoutOptionalDots(text: string, start: number, end: number, dots: readonly number[]): string {
  let out = '';
  let at = start;
  for (const dot of [...dots].sort((a, b) => a - b)) {
    if (dot < start || dot >= end) continue;
    const next = significantChars(text, dot + 2, dot + 64)[0];
    const keepDot = next === undefined || (text[next] !== '(' && text[next] !== '[');
    out += text.slice(at, dot) + (keepDot ? '.' : '');
    at = dot + 2;
  }
  return out + text.slice(at, end);
}

/** `x ** 2` → `Math.pow(x, 2)`; `x **= 2` → `x = Math.pow(x, 2)` for a repeatable target. */
export function exponentRewrite(model: ScriptModel, node: BinaryExpression | AssignmentExpression): string | undefined {
  const text = model.text;
  const arg = (n: AnyNode): string => (n.type === 'SequenceExpression' ? `(${text.slice(n.start, n.end)})` : text.slice(n.start, n.end));
  if (node.type === 'BinaryExpression') return `Math.pow(${arg(node.left)}, ${arg(node.right)})`;
  if (!isRepeatable(node.left)) return undefined;
  const target = text.slice(node.left.start, node.left.end);
  const rewrite = `${target} = Math.pow(${target}, ${arg(node.right)})`;
  return acceptsBinaryExpression(model, node) ? rewrite : `(${rewrite})`;
}
