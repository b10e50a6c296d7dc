import { type AnyNode, type CallExpression } from 'acorn';
import { arityRange, helperAt, type HelperParam, helperParamList, type HelperSpec, membersOf } from '../catalog/helpers';
import { obviousValue } from '../lint/literals';
import { type HelperRef, type ScriptModel } from '../lint/model';
import { helperMessages as m } from '../messages';
import { closestMatch } from '../text/suggest';
import { type Fix } from '../types';
import { type RuleContext } from './context';
import { topLevelFunctions } from './hooks';

/** helpers/* rules (spec §4, §9.3). */
export function checkHelpers(model: ScriptModel, ctx: RuleContext): void {
  const functionNames = new Set(topLevelFunctions(model).keys());
  for (const ref of model.helperRefs) {
    if (ref.kind === 'unknown') unknownHelper(ctx, ref);
    if (!ref.helper) continue;
    if (ref.helper.unconfirmed) ctx.report('helpers/unconfirmed', ref.node.start, ref.node.end, m.unconfirmed(ref.path));
    if (!ref.call) continue;
    arity(ctx, ref.helper, ref.call);
    argTypes(model, ctx, ref.helper, ref.call, functionNames);
    if (ref.path === 'kfl.match') argOrder(model, ctx, ref.call);
    if (ref.helper.returnsJson) jsonReturn(model, ctx, ref);
  }
}

function unknownHelper(ctx: RuleContext, ref: HelperRef): void {
  const dot = ref.path.lastIndexOf('.');
  const namespace = ref.path.slice(0, dot);
  const member = ref.path.slice(dot + 1);
  // Suggest only members the call's argument count fits, so the fix does not trade one error for another.
  const fits = (name: string): boolean => {
    const helper = helperAt(`${namespace}.${name}`);
    if (!ref.call || !helper) return true;
    const { min, max } = arityRange(helper);
    return ref.call.arguments.length >= min && ref.call.arguments.length <= max;
  };
  const suggestion = closestMatch(member, membersOf(namespace).filter(fits));
  const property = ref.node.property;
  const fixes: Fix[] = suggestion
    ? [{ title: `Change to \`${namespace}.${suggestion}\``, preferred: true, edits: [{ start: property.start, end: property.end, newText: suggestion }] }]
    : [];
  ctx.report('helpers/unknown-helper', ref.node.start, ref.node.end, m.unknownHelper(ref.path, suggestion && `${namespace}.${suggestion}`), {
    fixes,
    severity: namespace === 'console' ? 'warning' : 'error',
  });
}

function arity(ctx: RuleContext, helper: HelperSpec, call: CallExpression): void {
  if (call.arguments.some((a) => a.type === 'SpreadElement')) return;
  const { min, max } = arityRange(helper);
  const got = call.arguments.length;
  if (got >= min && got <= max) return;
  ctx.report('helpers/arity', call.start, call.end, m.arity(helper.path, min, max, helperParamList(helper), got));
}

/** Literal arguments of an obviously wrong type (spec §9.3 helpers/arg-type). */
function argTypes(model: ScriptModel, ctx: RuleContext, helper: HelperSpec, call: CallExpression, functionNames: ReadonlySet<string>): void {
  const params = helper.params;
  for (let i = 0; i < call.arguments.length; i++) {
    const arg = call.arguments[i]!;
    if (arg.type === 'SpreadElement') return;
    const param = params[i] ?? (params[params.length - 1]?.rest ? params[params.length - 1] : undefined);
    if (!param || param.rest) continue;
    const problem = typeProblem(model, param, arg, functionNames);
    if (problem) ctx.report('helpers/arg-type', arg.start, arg.end, m.argType(i + 1, param.name, helper.path, problem.expected, problem.got, problem.advice), { fixes: problem.fixes });
  }
}

interface TypeProblem {
  readonly expected: string;
  readonly got: string;
  readonly advice: string;
  readonly fixes: Fix[];
}

function typeProblem(model: ScriptModel, param: HelperParam, arg: AnyNode, functionNames: ReadonlySet<string>): TypeProblem | undefined {
  const value = obviousValue(arg);
  if (!value) return undefined;
  const text = model.text.slice(arg.start, arg.end);
  const got = value.type === 'number' ? String(value.number) : value.type;
  switch (param.type) {
    case 'string':
      if (value.type === 'object' || value.type === 'array') {
        return {
          expected: 'a string', got, advice: 'Wrap it in `JSON.stringify(…)`.',
          fixes: [{ title: 'Wrap in `JSON.stringify(…)`', preferred: true, edits: [{ start: arg.start, end: arg.end, newText: `JSON.stringify(${text})` }] }],
        };
      }
      return value.type === 'function' ? { expected: 'a string', got, advice: '', fixes: [] } : undefined;
    case 'function': {
      if (value.type === 'function') return undefined;
      const named = arg.type === 'Literal' && typeof arg.value === 'string' && functionNames.has(arg.value) ? arg.value : undefined;
      const fixes: Fix[] = named ? [{ title: `Pass the function \`${named}\``, preferred: true, edits: [{ start: arg.start, end: arg.end, newText: named }] }] : [];
      return { expected: 'a function', got, advice: value.type === 'string' ? 'Pass the function itself, not its name.' : '', fixes };
    }
    case 'limit':
      if (value.type === 'number' && Number.isInteger(value.number) && value.number! >= 0) return undefined;
      return { expected: 'an integer ≥ 0', got, advice: '', fixes: [] };
    case 'enum': {
      const allowed = param.values ?? [];
      if (value.type === 'number' && allowed.some((v) => v.value === value.number)) return undefined;
      const listed = allowed.map((v) => `${v.value} (${v.label})`);
      const expected = listed.length > 1 ? `${listed.slice(0, -1).join(', ')} or ${listed[listed.length - 1]}` : listed.join('');
      return { expected, got, advice: '', fixes: [] };
    }
    default:
      return undefined;
  }
}

/** `kfl.match(data, "http")`: a string literal second and a non-string first. */
function argOrder(model: ScriptModel, ctx: RuleContext, call: CallExpression): void {
  const [first, second] = call.arguments;
  if (!first || !second || first.type === 'SpreadElement' || second.type === 'SpreadElement') return;
  if (obviousValue(second)?.type !== 'string' || obviousValue(first)?.type === 'string') return;
  const a = model.text.slice(first.start, first.end);
  const b = model.text.slice(second.start, second.end);
  ctx.report('helpers/arg-order', first.start, second.end, m.argOrder('kfl.match'), {
    fixes: [{ title: 'Swap the arguments', preferred: true, edits: [{ start: first.start, end: first.end, newText: b }, { start: second.start, end: second.end, newText: a }] }],
  });
}

/** `hub.targeted().targets`: a member read on JSON text. */
function jsonReturn(model: ScriptModel, ctx: RuleContext, ref: HelperRef): void {
  const call = ref.call!;
  const member = model.parent(call);
  if (member?.type !== 'MemberExpression' || member.object !== call) return;
  const prop = member.property;
  const name = !member.computed && prop.type === 'Identifier' ? prop.name
    : prop.type === 'Literal' && typeof prop.value === 'string' ? prop.value : undefined;
  if (name === undefined) return;
  const callText = model.text.slice(call.start, call.end);
  ctx.report('helpers/json-string-return', call.start, member.end, m.jsonStringReturn(callText, name), {
    fixes: [{ title: 'Parse it with `JSON.parse`', preferred: true, edits: [{ start: call.start, end: call.end, newText: `JSON.parse(${callText})` }] }],
  });
}
