import { type AnyNode } from 'acorn';

/** What an argument obviously is, from its syntax alone. */
export type ObviousType = 'object' | 'array' | 'function' | 'string' | 'number' | 'boolean' | 'null' | 'regex';

export interface ObviousValue {
  readonly type: ObviousType;
  /** The number of a numeric literal (also `-1`). */
  readonly number?: number;
}

/** The type of literals and of expressions whose type their syntax fixes (`"a" + x`, `-1`). */
export function obviousValue(node: AnyNode): ObviousValue | undefined {
  switch (node.type) {
    case 'ObjectExpression': return { type: 'object' };
    case 'ArrayExpression': return { type: 'array' };
    case 'FunctionExpression': case 'ArrowFunctionExpression': return { type: 'function' };
    case 'TemplateLiteral': return { type: 'string' };
    case 'Literal':
      if (typeof node.value === 'string') return { type: 'string' };
      if (typeof node.value === 'number') return { type: 'number', number: node.value };
      if (typeof node.value === 'boolean') return { type: 'boolean' };
      if (node.regex) return { type: 'regex' };
      return node.value === null ? { type: 'null' } : undefined;
    case 'UnaryExpression':
      if (node.operator === 'typeof') return { type: 'string' };
      if ((node.operator === '-' || node.operator === '+') && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
        return { type: 'number', number: node.operator === '-' ? -node.argument.value : node.argument.value };
      }
      return undefined;
    case 'BinaryExpression':
      return node.operator === '+' && (isStringy(node.left) || isStringy(node.right)) ? { type: 'string' } : undefined;
    default:
      return undefined;
  }
}

function isStringy(node: AnyNode): boolean {
  return obviousValue(node)?.type === 'string';
}

/** The string of a string literal or a template without substitutions. */
export function stringValue(node: AnyNode | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The string literals of a `+` concatenation (or the literal itself). */
export function concatenatedStrings(node: AnyNode): { value: string; node: AnyNode }[] {
  const out: { value: string; node: AnyNode }[] = [];
  const work: AnyNode[] = [node];
  while (work.length > 0 && out.length < 256) {
    const n = work.pop()!;
    const s = stringValue(n);
    if (s !== undefined) out.push({ value: s, node: n });
    else if (n.type === 'BinaryExpression' && n.operator === '+') work.push(n.right, n.left);
  }
  return out;
}

/** The literal prefix of a tag built at run time: `"flush-" + id` → `flush-`. */
export function literalPrefix(node: AnyNode): string | undefined {
  let left = node;
  for (let depth = 0; depth < 64 && left.type === 'BinaryExpression' && left.operator === '+'; depth++) left = left.left;
  return left === node ? undefined : stringValue(left);
}
