import { type AnyNode, type Identifier, type Literal, type MemberExpression } from 'acorn';
import { ENTRY_FIELDS, fieldAt, type FieldSpec, PACKET_FIELDS, POD_FIELDS } from '../catalog/fields';
import { helperAt, HELPER_ROOTS, isNamespace, membersOf } from '../catalog/helpers';
import { hookNamed } from '../catalog/hooks';
import { ScriptModel } from '../lint/model';
import { parseScript } from '../parse/parse';
import { childrenOf } from '../parse/walk';
import { cronHoverMarkdown, type CronHoverOptions } from './cronHover';
import { fieldMarkdown, helperMarkdown, hookMarkdown } from './docs';

export interface AgentHover {
  readonly start: number;
  readonly end: number;
  readonly markdown: string;
}

export interface HoverOptions extends CronHoverOptions {
  readonly envNames?: ReadonlySet<string>;
}

/** Hover in an agent script: helpers and namespaces, hooks, `env.` names, entry fields, cron strings. */
export function hoverAgentScript(text: string, offset: number, options: HoverOptions = {}): AgentHover | undefined {
  const parsed = parseScript(text);
  if (!parsed.program) return undefined;
  const model = new ScriptModel(text, parsed.program, parsed.comments);
  const node = innermostAt(parsed.program, offset);
  if (node?.type === 'Literal' && typeof node.value === 'string') return cronHover(model, node, options);
  if (node?.type !== 'Identifier') return undefined;
  const markdown = identifierHover(model, node, options);
  return markdown === undefined ? undefined : { start: node.start, end: node.end, markdown };
}

function innermostAt(root: AnyNode, offset: number): AnyNode | undefined {
  let current: AnyNode | undefined = root.start <= offset && offset <= root.end ? root : undefined;
  while (current) {
    const child: AnyNode | undefined = childrenOf(current).find((s) => s.node.start <= offset && offset <= s.node.end)?.node;
    if (!child) return current;
    current = child;
  }
  return undefined;
}

function identifierHover(model: ScriptModel, id: Identifier, options: HoverOptions): string | undefined {
  const parent = model.parent(id);
  if (parent?.type === 'FunctionDeclaration' && parent.id === id && model.parent(parent)?.type === 'Program') {
    const hook = hookNamed(id.name);
    return hook && hookMarkdown(hook);
  }
  if (model.isGlobalRef(id) && HELPER_ROOTS.has(id.name)) return namespaceMarkdown(id.name);
  if (parent?.type !== 'MemberExpression' || parent.property !== id || parent.computed) return undefined;
  const path = memberPath(parent);
  if (!path || !model.isGlobalRef(path.root)) return fieldHover(model, parent, path);
  if (path.root.name === 'env') return path.names.length === 2 ? envMarkdown(path.names[1]!, options.envNames) : undefined;
  const joined = path.names.join('.');
  const helper = helperAt(joined);
  if (helper) return helperMarkdown(helper);
  return isNamespace(joined) ? namespaceMarkdown(joined) : undefined;
}

/** `a.b.c` as its root identifier and names; undefined for computed or call links. */
function memberPath(member: MemberExpression): { root: Identifier; names: string[] } | undefined {
  const names: string[] = [];
  let node: AnyNode = member;
  for (let depth = 0; depth < 64; depth++) {
    if (node.type === 'Identifier') return { root: node, names: [node.name, ...names.reverse()] };
    if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return undefined;
    names.push(node.property.name);
    node = node.object;
  }
  return undefined;
}

function namespaceMarkdown(path: string): string {
  if (path === 'env') return '**env** — the keys of `scripting.env` in the Helm values or CLI config (use it for every URL, token and key).';
  return `**${path}** — helpers: ${membersOf(path).map((m) => `\`${m}\``).join(', ')}.`;
}

function envMarkdown(name: string, known: ReadonlySet<string> | undefined): string {
  const state = known === undefined ? 'No env names are configured, so this name is not checked.'
    : known.has(name) ? 'Defined in `scripting.env`.' : 'Not defined in `scripting.env`: it will be `undefined` at run time.';
  return `**env.${name}** — ${state}\n\nValues stay in the cluster configuration; the editor knows names only.`;
}

/** `data.request.path` on a hook's entry (or packet, or pod) parameter. */
function fieldHover(model: ScriptModel, member: MemberExpression, path: { root: Identifier; names: string[] } | undefined): string | undefined {
  if (!path) return undefined;
  const fields = paramFields(model, path.root);
  const field: FieldSpec | undefined = fields && fieldAt(fields, path.names.slice(1));
  return field && member.property.type === 'Identifier' ? fieldMarkdown(field) : undefined;
}

function paramFields(model: ScriptModel, root: Identifier): readonly FieldSpec[] | undefined {
  const binding = model.reference(root)?.binding;
  const fn = binding?.kind === 'param' ? binding.scope.node : undefined;
  if (fn?.type === 'FunctionDeclaration' && fn.id) {
    const index = fn.params.indexOf(binding!.id as never);
    if ((fn.id.name === 'onItemCaptured' || fn.id.name === 'onItemQueried') && index === 0) return ENTRY_FIELDS;
    if (fn.id.name === 'onPacketCaptured' && index === 0) return PACKET_FIELDS;
    if (fn.id.name === 'onPodEvent' && index === 1) return POD_FIELDS;
  }
  return root.name === 'data' ? ENTRY_FIELDS : undefined;
}

/** A cron literal: the second argument of `jobs.schedule`, or the initialiser of a var used there. */
function cronHover(model: ScriptModel, literal: Literal, options: HoverOptions): AgentHover | undefined {
  const isCronArgument = (arg: AnyNode | undefined): boolean => {
    if (arg === literal) return true;
    if (arg?.type !== 'Identifier') return false;
    const binding = model.reference(arg)?.binding;
    return binding?.init === literal && binding.writes === 0;
  };
  const used = model.helperRefs.some((r) => r.path === 'jobs.schedule' && r.call && isCronArgument(r.call.arguments[1]));
  return used ? { start: literal.start, end: literal.end, markdown: cronHoverMarkdown(literal.value as string, options) } : undefined;
}
