import { type AnyNode } from 'acorn';
import { type ScriptModel } from '../lint/model';

/**
 * Whether an expression at `node`'s place may be replaced by a binary expression (`a + b`,
 * `a && b`) without parentheses: positions that take a whole assignment-level expression.
 */
export function acceptsBinaryExpression(model: ScriptModel, node: AnyNode): boolean {
  const parent = model.parent(node);
  if (!parent) return false;
  switch (parent.type) {
    case 'VariableDeclarator': return parent.init === node;
    case 'CallExpression': case 'NewExpression': return parent.arguments.includes(node as never);
    case 'ArrayExpression': return true;
    case 'Property': return parent.value === node && !parent.shorthand;
    case 'ReturnStatement': case 'ThrowStatement': case 'ExpressionStatement': case 'IfStatement':
    case 'WhileStatement': case 'DoWhileStatement': case 'SwitchStatement': case 'SwitchCase':
    case 'SequenceExpression': case 'TemplateLiteral': case 'ConditionalExpression':
      return true;
    case 'AssignmentExpression': return parent.right === node;
    case 'ForStatement': return true;
    case 'ArrowFunctionExpression': return parent.body === node;
    default: return false;
  }
}

/** Side-effect-free and cheap to repeat: `a`, `this`, `a.b.c`, `a?.b`, `a["k"]`, `a[0]`, `a[i]`. */
export function isRepeatable(node: AnyNode): boolean {
  let current = node;
  for (let depth = 0; depth < 32; depth++) {
    if (current.type === 'Identifier' || current.type === 'ThisExpression') return true;
    if (current.type !== 'MemberExpression') return false;
    if (current.computed && current.property.type !== 'Literal' && current.property.type !== 'Identifier') return false;
    current = current.object;
  }
  return false;
}

const usedNames = new WeakMap<ScriptModel, Set<string>>();

/** A name no identifier of the script uses, for loop indexes and temporaries. */
export function unusedName(model: ScriptModel, candidates: readonly string[]): string {
  let used = usedNames.get(model);
  if (!used) usedNames.set(model, (used = new Set(model.nodes('Identifier').map((id) => id.name))));
  for (const name of candidates) if (!used.has(name)) return name;
  for (let n = 2; ; n++) {
    const name = `${candidates[0]}${n}`;
    if (!used.has(name)) return name;
  }
}

/** Whether `this`, `arguments`, `super` or `new.target` inside `fn` refer to `fn`'s surroundings (arrows). */
export function usesOuterFunctionContext(model: ScriptModel, fn: AnyNode): boolean {
  const inside = (n: AnyNode): boolean => n.start >= fn.start && n.end <= fn.end;
  const ownedByFn = (n: AnyNode): boolean => {
    const owner = nearestNonArrowFunction(model, n);
    return owner === undefined || !inside(owner);
  };
  const candidates: AnyNode[] = [
    ...model.nodes('ThisExpression'), ...model.nodes('Super'), ...model.nodes('MetaProperty'),
    ...model.nodes('Identifier').filter((id) => id.name === 'arguments' && model.reference(id)),
  ];
  return candidates.some((n) => inside(n) && ownedByFn(n));
}

function nearestNonArrowFunction(model: ScriptModel, node: AnyNode): AnyNode | undefined {
  for (let p = model.parent(node); p; p = model.parent(p)) {
    if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression') return p;
  }
  return undefined;
}
