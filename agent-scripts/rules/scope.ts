import { type AnyNode, type Identifier } from 'acorn';
import { ES2015_GLOBALS, ES5_GLOBALS, UNAVAILABLE_GLOBALS } from '../catalog/globals';
import { HELPER_ROOTS } from '../catalog/helpers';
import { sharedGlobalNames } from '../lint/globalNames';
import { type FunctionNode, type ScriptModel } from '../lint/model';
import { scopeMessages as m } from '../messages';
import { lineBreak } from '../text/source';
import { type Fix } from '../types';
import { type RuleContext } from './context';

/** Names that resolve to something real without a declaration in the script. */
function isKnownGlobal(name: string): boolean {
  return ES5_GLOBALS.has(name) || HELPER_ROOTS.has(name) || UNAVAILABLE_GLOBALS.has(name) || ES2015_GLOBALS.has(name);
}

/** scope/implicit-global and scope/undeclared: names used without a declaration (spec §7, §9.2). */
export function checkUndeclared(model: ScriptModel, ctx: RuleContext): void {
  const implicit = new Set<string>();
  for (const ref of model.scopes.references) {
    if (!ref.write || ref.binding || isKnownGlobal(ref.id.name) || implicit.has(ref.id.name)) continue;
    implicit.add(ref.id.name);
    ctx.report('scope/implicit-global', ref.id.start, ref.id.end, m.implicitGlobal(ref.id.name), { fixes: declareFix(model, ref.id) });
  }
  const shared = sharedGlobalNames(model);
  for (const other of ctx.others) for (const name of other.globalNames) shared.add(name);
  for (const ref of model.scopes.references) {
    const name = ref.id.name;
    if (ref.binding || ref.write || ref.inTypeof || isKnownGlobal(name) || implicit.has(name) || shared.has(name)) continue;
    ctx.report('scope/undeclared', ref.id.start, ref.id.end, m.undeclared(name));
  }
}

/** `count = 0;` at top level gets `var`; a first assignment inside a function gets `var count;` above its statement. */
function declareFix(model: ScriptModel, id: Identifier): Fix[] {
  const assign = model.parent(id);
  const statement = assign && model.parent(assign);
  if (assign?.type === 'AssignmentExpression' && assign.operator === '=' && assign.left === id
    && statement?.type === 'ExpressionStatement' && model.parent(statement)?.type === 'Program' && statement.start === assign.start) {
    return [{ title: `Declare \`${id.name}\` with \`var\``, preferred: true, edits: [{ start: id.start, end: id.start, newText: 'var ' }] }];
  }
  const top = model.topLevelStatement(id);
  return [{
    title: `Declare \`${id.name}\` with \`var\` at top level`,
    preferred: true,
    edits: [{ start: top.start, end: top.start, newText: `var ${id.name};${lineBreak(model.text)}` }],
  }];
}

/** scope/shadow-helper: a declaration named like a helper namespace. */
export function checkShadowHelper(model: ScriptModel, ctx: RuleContext): void {
  for (const binding of model.scopes.bindings) {
    if (binding.id && HELPER_ROOTS.has(binding.name)) ctx.report('scope/shadow-helper', binding.id.start, binding.id.end, m.shadowHelper(binding.name));
  }
}

/**
 * scope/this-in-function: `this` inside functions the runtime calls (hooks, jobs) and their
 * helpers. Methods, constructors and functions invoked with `.call`/`.apply`/`.bind` have a
 * `this` of their own choosing and are left alone.
 */
export function checkThisInFunction(model: ScriptModel, ctx: RuleContext): void {
  const constructors = constructorNames(model);
  for (const node of model.nodes('ThisExpression')) {
    const fn = nonArrowFunction(model, node);
    if (fn && !hasChosenThis(model, fn, constructors)) ctx.report('scope/this-in-function', node.start, node.end, m.thisInFunction());
  }
}

function nonArrowFunction(model: ScriptModel, node: AnyNode): FunctionNode | undefined {
  for (let fn = model.enclosingFunction(node); fn; fn = model.enclosingFunction(fn)) {
    if (fn.type !== 'ArrowFunctionExpression') return fn;
  }
  return undefined;
}

/** Names used with `new` or `.prototype`, or invoked through `.call`/`.apply`/`.bind`. */
function constructorNames(model: ScriptModel): Set<string> {
  const names = new Set<string>();
  for (const expr of model.nodes('NewExpression')) if (expr.callee.type === 'Identifier') names.add(expr.callee.name);
  for (const member of model.nodes('MemberExpression')) {
    if (member.object.type !== 'Identifier' || member.computed || member.property.type !== 'Identifier') continue;
    if (['prototype', 'call', 'apply', 'bind'].includes(member.property.name)) names.add(member.object.name);
  }
  return names;
}

function hasChosenThis(model: ScriptModel, fn: FunctionNode, constructors: ReadonlySet<string>): boolean {
  const parent = model.parent(fn);
  if (parent?.type === 'Property' || parent?.type === 'MethodDefinition') return true;
  if (parent?.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'MemberExpression') return true;
  if (parent?.type === 'MemberExpression' && parent.object === fn) return true;
  const name = fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression' ? fn.id?.name : undefined;
  if (name && constructors.has(name)) return true;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && constructors.has(parent.id.name)) return true;
  return false;
}
