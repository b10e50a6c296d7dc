import { type AnyNode, type ArrowFunctionExpression, type AssignmentPattern } from 'acorn';
import { type FunctionNode, type ScriptModel } from '../lint/model';
import { indentationAt, indentUnit, lineBreak, significantChars } from '../text/source';
import { type Fix } from '../types';
import { usesOuterFunctionContext } from './context';

/** `(d) => d.id` → `function (d) { return d.id; }`; undefined where the rewrite would change meaning. */
export function arrowRewrite(model: ScriptModel, arrow: ArrowFunctionExpression): string | undefined {
  if (arrow.async || usesOuterFunctionContext(model, arrow)) return undefined;
  const text = model.text;
  const arrowAt = arrowTokenOffset(text, arrow);
  if (arrowAt < 0) return undefined;
  const head = text.slice(arrow.start, arrowAt).trim();
  const params = head.startsWith('(') ? head : `(${head})`;
  const bodyText = text.slice(arrow.body.start, arrow.body.end);
  const fn = arrow.expression ? `function ${params} { return ${bodyText}; }` : `function ${params} ${bodyText}`;
  // A function expression at the start of a statement would read as a declaration.
  return model.parent(arrow)?.type === 'ExpressionStatement' ? `(${fn})` : fn;
}

/** `function (d) { return …; }`: the shape of the rewrite, for messages when the full rewrite is long. */
export function arrowShape(model: ScriptModel, arrow: ArrowFunctionExpression): string {
  const arrowAt = arrowTokenOffset(model.text, arrow);
  const head = arrowAt < 0 ? '' : model.text.slice(arrow.start, arrowAt).trim().replace(/^async\s+/, '');
  const params = head.startsWith('(') ? head : `(${head})`;
  return arrow.expression ? `function ${params} { return …; }` : `function ${params} { … }`;
}

export function arrowFix(arrow: ArrowFunctionExpression, rewrite: string | undefined): Fix[] {
  return rewrite === undefined ? [] : [{ title: 'Convert to a function expression', preferred: true, edits: [{ start: arrow.start, end: arrow.end, newText: rewrite }] }];
}

/** Offset of the `=>` token of an arrow function. */
export function arrowTokenOffset(text: string, arrow: ArrowFunctionExpression): number {
  const from = arrow.params.length > 0 ? arrow.params[arrow.params.length - 1]!.end : arrow.start;
  for (const i of significantChars(text, from, arrow.body.start)) {
    if (text[i] === '=' && text[i + 1] === '>') return i;
  }
  return -1;
}

/**
 * `function f(n = 5) {…}` → `function f(n) { if (n === undefined) { n = 5; } …}`, for a plain
 * parameter name in a function with a block body.
 */
export function defaultParamFix(model: ScriptModel, fn: FunctionNode, param: AssignmentPattern): Fix[] {
  if (param.left.type !== 'Identifier' || fn.body.type !== 'BlockStatement') return [];
  const text = model.text;
  const name = param.left.name;
  const value = text.slice(param.right.start, param.right.end);
  const body = fn.body;
  const first: AnyNode | undefined = body.body[0];
  const indent = first ? indentationAt(text, first.start) : indentationAt(text, fn.start) + indentUnit(text);
  const guard = `${lineBreak(text)}${indent}if (${name} === undefined) { ${name} = ${value}; }`;
  return [{
    title: `Test \`${name}\` for undefined in the body`,
    preferred: true,
    edits: [
      { start: param.start, end: param.end, newText: name },
      { start: body.start + 1, end: body.start + 1, newText: guard },
    ],
  }];
}
