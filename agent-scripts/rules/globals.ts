import { type AnyNode } from 'acorn';
import { ES2015_GLOBALS, ES2015_METHODS, ES2015_STATICS, POSSIBLY_PROVIDED, UNAVAILABLE_GLOBALS } from '../catalog/globals';
import { HELPER_ROOTS } from '../catalog/helpers';
import { type ScriptModel } from '../lint/model';
import { es5Messages as m } from '../messages';
import { type RuleContext } from './context';

/** runtime/unavailable-global and es5/no-es2015-builtin (spec §2). `typeof x` probes are left alone. */
export function checkGlobals(model: ScriptModel, ctx: RuleContext): void {
  for (const ref of model.scopes.references) {
    if (ref.binding || ref.inTypeof) continue;
    const name = ref.id.name;
    const unavailable = UNAVAILABLE_GLOBALS.get(name);
    if (unavailable) {
      ctx.report('runtime/unavailable-global', ref.id.start, ref.id.end, m.unavailableGlobal(name, unavailable));
      continue;
    }
    const advice = ES2015_GLOBALS.get(name);
    if (advice) {
      const message = POSSIBLY_PROVIDED.has(name) ? m.builtinMaybeProvided(name, advice) : m.builtin(name, advice);
      ctx.report('es5/no-es2015-builtin', ref.id.start, ref.id.end, message);
    }
  }
  for (const member of model.nodes('MemberExpression')) {
    if (member.computed || member.property.type !== 'Identifier') continue;
    if (member.object.type === 'Identifier' && model.isGlobalRef(member.object)) {
      const path = `${member.object.name}.${member.property.name}`;
      const advice = ES2015_STATICS.get(path);
      if (advice) ctx.report('es5/no-es2015-builtin', member.start, member.end, m.builtin(path, advice));
    }
  }
  for (const call of model.nodes('CallExpression')) {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') continue;
    const advice = ES2015_METHODS.get(callee.property.name);
    if (advice && !isHelperNamespace(model, callee.object)) {
      ctx.report('es5/no-es2015-builtin', callee.property.start, callee.property.end, m.builtin(`.${callee.property.name}`, advice));
    }
  }
}

/** `vendor`, `vendor.kinesis`, … — members of these are helpers, checked by the helper rules instead. */
function isHelperNamespace(model: ScriptModel, node: AnyNode): boolean {
  let root = node;
  for (let depth = 0; depth < 8 && root.type === 'MemberExpression'; depth++) root = root.object;
  return root.type === 'Identifier' && HELPER_ROOTS.has(root.name) && model.isGlobalRef(root);
}
