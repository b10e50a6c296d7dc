/** A compact, fully parenthesized rendering of a syntax tree, so tests can state its shape. */
import { type Expr } from '../../../kfl/ast';

export function showTree(node: Expr | undefined): string {
  if (!node) return '∅';
  switch (node.kind) {
    case 'literal': {
      const { literal } = node;
      if (literal.type === 'int') return `${literal.value}`;
      if (literal.type === 'uint') return `${literal.value}u`;
      if (literal.type === 'double') return Number.isInteger(literal.value) ? `${literal.value}.0` : `${literal.value}`;
      if (literal.type === 'bytes') return `b[${[...literal.value].join(',')}]`;
      return JSON.stringify(literal.value);
    }
    case 'ident':
      return node.name;
    case 'select':
      return `${showTree(node.operand)}.${node.field.name}`;
    case 'index':
      return `${showTree(node.operand)}[${showTree(node.index)}]`;
    case 'call':
      return `${node.target ? `${showTree(node.target)}.` : ''}${node.function.name}(${node.args.map(showTree).join(', ')})`;
    case 'unary':
      return `(${node.op}${showTree(node.operand)})`;
    case 'binary':
      return `(${showTree(node.left)} ${node.op} ${showTree(node.right)})`;
    case 'conditional':
      return `(${showTree(node.condition)} ? ${showTree(node.whenTrue)} : ${showTree(node.whenFalse)})`;
    case 'list':
      return `[${node.elements.map(showTree).join(', ')}]`;
    case 'map':
      return `{${node.entries.map((e) => `${showTree(e.key)}: ${showTree(e.value)}`).join(', ')}}`;
    case 'has':
      return `has(${showTree(node.argument)})`;
    case 'comprehension':
      return `${showTree(node.target)}.${node.macro}<${node.variable.name}>(${[node.predicate, node.transform].filter((e) => e).map(showTree).join(', ')})`;
    case 'missing':
      return '<missing>';
    case 'error':
      return `<error ${node.children.map(showTree).join(' ; ')}>`;
  }
}
