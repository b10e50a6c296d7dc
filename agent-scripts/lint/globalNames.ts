import { type AnyNode } from 'acorn';
import { type ScriptModel } from './model';

/**
 * Names the script shares through the global scope (spec §7): `this.name = …` at top level, or
 * through a top-level alias of `this` (`var shared = this; shared.name = …` anywhere).
 */
export function sharedGlobalNames(model: ScriptModel): Set<string> {
  const names = new Set<string>();
  for (const assign of model.nodes('AssignmentExpression')) {
    const left = assign.left;
    if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') continue;
    if (isGlobalThis(model, left.object)) names.add(left.property.name);
  }
  return names;
}

/** `this` at top level (arrows keep it), or a top-level `var` initialised with it and never reassigned. */
export function isGlobalThis(model: ScriptModel, node: AnyNode): boolean {
  if (node.type === 'ThisExpression') {
    for (let fn = model.enclosingFunction(node); fn; fn = model.enclosingFunction(fn)) {
      if (fn.type !== 'ArrowFunctionExpression') return false;
    }
    return true;
  }
  if (node.type !== 'Identifier') return false;
  const binding = model.reference(node)?.binding;
  return binding !== undefined && binding.scope === model.scopes.root && binding.kind === 'var'
    && binding.writes === 0 && binding.init?.type === 'ThisExpression' && isGlobalThis(model, binding.init);
}
