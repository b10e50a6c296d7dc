import { type Literal, type MemberExpression } from 'acorn';
import { type ScriptModel } from '../lint/model';
import { envMessages as m } from '../messages';
import { closestMatch } from '../text/suggest';
import { type Fix } from '../types';
import { type RuleContext } from './context';

/** An `env.NAME` (or `env["NAME"]`) read, with the node holding the name. */
export interface EnvRef {
  readonly member: MemberExpression;
  readonly name: string;
  readonly nameNode: MemberExpression['property'];
}

/** `env.X` member reads on the global `env`; `env[name]` with a non-literal key is returned as dynamic. */
export function envReferences(model: ScriptModel): { refs: EnvRef[]; dynamic: MemberExpression[] } {
  const refs: EnvRef[] = [];
  const dynamic: MemberExpression[] = [];
  for (const member of model.nodes('MemberExpression')) {
    if (!model.isGlobalRef(member.object, 'env')) continue;
    const prop = member.property;
    if (!member.computed && prop.type === 'Identifier') refs.push({ member, name: prop.name, nameNode: prop });
    else if (prop.type === 'Literal' && typeof prop.value === 'string') refs.push({ member, name: prop.value, nameNode: prop });
    else dynamic.push(member);
  }
  return { refs, dynamic };
}

/** env/* rules (spec §6, §9.3): names checked against the known env names when any are configured. */
export function checkEnv(model: ScriptModel, ctx: RuleContext): void {
  const { refs, dynamic } = envReferences(model);
  for (const member of dynamic) ctx.report('env/dynamic', member.start, member.end, m.dynamic());
  const known = ctx.options.envNames;
  if (known === undefined) {
    const first = refs[0] ?? (dynamic[0] && { member: dynamic[0] });
    if (first) ctx.report('env/undeclared', first.member.start, first.member.end, m.notConfigured(), { severity: 'info' });
    return;
  }
  for (const ref of refs) {
    if (known.has(ref.name)) continue;
    const suggestion = closestMatch(ref.name, [...known].sort());
    const fixes: Fix[] = suggestion ? [{ title: `Change to \`env.${suggestion}\``, preferred: true, edits: [renameEdit(ref, suggestion)] }] : [];
    ctx.report('env/undeclared', ref.nameNode.start, ref.nameNode.end, m.undeclared(ref.name, suggestion), { fixes });
  }
}

function renameEdit(ref: EnvRef, to: string): { start: number; end: number; newText: string } {
  const node = ref.nameNode;
  const quote = node.type === 'Literal' ? ((node as Literal).raw ?? '"')[0] : '';
  return { start: node.start, end: node.end, newText: `${quote}${to}${quote}` };
}
