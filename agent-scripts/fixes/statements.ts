import { type AnyNode, type ForOfStatement, type VariableDeclarator } from 'acorn';
import { type ScriptModel } from '../lint/model';
import { es5StringLiteral, indentationAt, indentUnit, lineBreak, significantChars } from '../text/source';
import { type Fix } from '../types';
import { isRepeatable, unusedName } from './context';

const src = (model: ScriptModel, node: AnyNode): string => model.text.slice(node.start, node.end);

/**
 * `for (var x of list) {…}` → `for (var i = 0; i < list.length; i++) { var x = list[i]; …}`.
 * A list expression with side effects is evaluated once into a temporary.
 */
export function forOfFix(model: ScriptModel, loop: ForOfStatement): Fix[] {
  if (loop.await) return [];
  const text = model.text;
  const closeParen = significantChars(text, loop.right.end, loop.body.start).filter((i) => text[i] === ')').pop();
  if (closeParen === undefined) return [];
  const index = unusedName(model, ['i', 'j', 'k', 'n', 'idx']);
  let list = src(model, loop.right);
  let init = `var ${index} = 0`;
  if (!isRepeatable(loop.right)) {
    const temp = unusedName(model, ['list', 'items', 'values']);
    init += `, ${temp} = ${list}`;
    list = temp;
  }
  const element = `${list}[${index}]`;
  const left = loop.left;
  const assign = left.type === 'VariableDeclaration'
    ? `var ${src(model, left.declarations[0]!.id)} = ${element};`
    : `${src(model, left)} = ${element};`;
  const head = `for (${init}; ${index} < ${list}.length; ${index}++)`;
  const body = loop.body;
  const edits = [{ start: loop.start, end: closeParen + 1, newText: head }];
  if (body.type === 'BlockStatement') {
    const first: AnyNode | undefined = body.body[0];
    const indent = first ? indentationAt(text, first.start) : indentationAt(text, loop.start) + indentUnit(text);
    edits.push({ start: body.start + 1, end: body.start + 1, newText: `${lineBreak(text)}${indent}${assign}` });
  } else {
    edits.push({ start: body.start, end: body.end, newText: `{ ${assign} ${src(model, body)} }` });
  }
  return [{ title: 'Convert to an index loop', preferred: true, edits }];
}

/**
 * `var {ip, port} = data.dst;` → `var ip = data.dst.ip, port = data.dst.port;` for flat patterns
 * of plain names in a declaration (not in loop heads or parameters).
 */
export function destructuringFix(model: ScriptModel, declarator: VariableDeclarator): Fix[] {
  const init = declarator.init;
  const declaration = model.parent(declarator);
  const owner = declaration && model.parent(declaration);
  if (!init || owner?.type === 'ForInStatement' || owner?.type === 'ForOfStatement') return [];
  const reads = patternReads(declarator.id);
  if (!reads || reads.length === 0) return [];
  let source = src(model, init);
  const parts: string[] = [];
  if (!isRepeatable(init)) {
    const temp = unusedName(model, ['ref', 'source', 'value']);
    parts.push(`${temp} = ${source}`);
    source = temp;
  }
  for (const read of reads) parts.push(`${read.name} = ${source}${read.access}`);
  return [{
    title: 'Read the properties one by one',
    preferred: true,
    edits: [{ start: declarator.start, end: declarator.end, newText: parts.join(', ') }],
  }];
}

/** `.ip`, `["a-b"]` or `[0]` for each plain name of a flat pattern; undefined for anything else. */
function patternReads(pattern: AnyNode): { name: string; access: string }[] | undefined {
  const reads: { name: string; access: string }[] = [];
  if (pattern.type === 'ObjectPattern') {
    for (const prop of pattern.properties) {
      if (prop.type !== 'Property' || prop.computed || prop.value.type !== 'Identifier') return undefined;
      const key = prop.key;
      if (key.type === 'Identifier') reads.push({ name: prop.value.name, access: `.${key.name}` });
      else if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
        reads.push({ name: prop.value.name, access: `[${es5StringLiteral(String(key.value))}]` });
      } else return undefined;
    }
    return reads;
  }
  if (pattern.type === 'ArrayPattern') {
    for (let i = 0; i < pattern.elements.length; i++) {
      const element = pattern.elements[i];
      if (element === null || element === undefined) continue;
      if (element.type !== 'Identifier') return undefined;
      reads.push({ name: element.name, access: `[${i}]` });
    }
    return reads;
  }
  return undefined;
}
