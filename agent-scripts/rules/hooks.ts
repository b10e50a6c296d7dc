import { type FunctionDeclaration, type Identifier } from 'acorn';
import { HOOK_NAMES, hookNamed } from '../catalog/hooks';
import { REMOVED_ENTRY_FIELDS } from '../catalog/fields';
import { type ScriptModel } from '../lint/model';
import { hookMessages as m } from '../messages';
import { closestMatch } from '../text/suggest';
import { type Fix } from '../types';
import { type RuleContext } from './context';

/** The top-level function declarations of a script, by name, in source order. */
export function topLevelFunctions(model: ScriptModel): Map<string, FunctionDeclaration[]> {
  const byName = new Map<string, FunctionDeclaration[]>();
  for (const statement of model.program.body) {
    if (statement.type !== 'FunctionDeclaration' || !statement.id) continue;
    const list = byName.get(statement.id.name) ?? [];
    list.push(statement);
    byName.set(statement.id.name, list);
  }
  return byName;
}

/** hooks/* rules (spec §3, §9.2). */
export function checkHooks(model: ScriptModel, ctx: RuleContext): void {
  const functions = topLevelFunctions(model);
  for (const [name, decls] of functions) {
    const hook = hookNamed(name);
    if (!hook) {
      unknownHook(model, ctx, name, decls, functions);
      continue;
    }
    for (const decl of decls.slice(1)) ctx.report('hooks/duplicate', decl.id!.start, decl.id!.end, m.duplicate(name));
    for (const decl of decls) {
      const allowed = hook.params.length + (hook.optionalParams?.length ?? 0);
      const extra = decl.params[allowed];
      if (extra) {
        const extraName = extra.type === 'Identifier' ? extra.name : model.text.slice(extra.start, extra.end);
        ctx.report('hooks/arity', extra.start, decl.params[decl.params.length - 1]!.end, m.arity(name, hook.params.map((p) => p.name), extraName));
      }
      if (hook.unconfirmed) ctx.report('hooks/unconfirmed', decl.id!.start, decl.id!.end, m.unconfirmed(name, hook.unconfirmed));
    }
  }
  for (const decl of model.nodes('FunctionDeclaration')) {
    if (decl.id && hookNamed(decl.id.name) && model.parent(decl)?.type !== 'Program') {
      ctx.report('hooks/not-top-level', decl.id.start, decl.id.end, m.notTopLevel());
    }
  }
  removedFields(model, ctx);
}

/** A top-level `on` + capital letter function close to a hook name (edit distance ≤ 3, or equal ignoring case). */
function unknownHook(model: ScriptModel, ctx: RuleContext, name: string, decls: readonly FunctionDeclaration[], functions: ReadonlyMap<string, unknown>): void {
  const sameIgnoringCase = HOOK_NAMES.find((h) => h.toLowerCase() === name.toLowerCase());
  const hook = sameIgnoringCase ?? (/^on[A-Z]/.test(name) ? closestMatch(name, HOOK_NAMES, 3) : undefined);
  if (!hook) return;
  for (const decl of decls) {
    // Renaming into a hook the file already declares would make a duplicate.
    const fixes = functions.has(hook) ? [] : renameFix(model, decl.id!, hook);
    ctx.report('hooks/unknown-hook', decl.id!.start, decl.id!.end, m.unknownHook(name, hook), { fixes });
  }
}

/** Renames a function declaration and every reference to it. */
function renameFix(model: ScriptModel, id: Identifier, to: string): Fix[] {
  const binding = model.scopes.root.bindings.get(id.name);
  const edits = [{ start: id.start, end: id.end, newText: to }];
  for (const ref of model.scopes.references) {
    if (ref.binding === binding) edits.push({ start: ref.id.start, end: ref.id.end, newText: to });
  }
  return [{ title: `Rename to \`${to}\``, preferred: true, edits }];
}

/** `data.outgoing` on the entry parameter of an item hook, or on any variable named `data`. */
function removedFields(model: ScriptModel, ctx: RuleContext): void {
  for (const member of model.nodes('MemberExpression')) {
    if (member.computed || member.property.type !== 'Identifier' || !REMOVED_ENTRY_FIELDS.has(member.property.name)) continue;
    if (member.object.type !== 'Identifier' || !isEntry(model, member.object)) continue;
    ctx.report('hooks/removed-field', member.start, member.end, m.removedField(`${member.object.name}.${member.property.name}`));
  }
}

function isEntry(model: ScriptModel, id: Identifier): boolean {
  if (id.name === 'data') return true;
  const binding = model.reference(id)?.binding;
  if (binding?.kind !== 'param') return false;
  const fn = binding.scope.node;
  return fn.type === 'FunctionDeclaration' && model.parent(fn)?.type === 'Program'
    && (fn.id?.name === 'onItemCaptured' || fn.id?.name === 'onItemQueried') && fn.params[0] === binding.id;
}
