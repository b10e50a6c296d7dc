/** Calls, methods and macros: resolution to an overload, receivers, arity, argument types. */
import { type CallExpr, type ComprehensionExpr, type Expr } from '../ast';
import { type DiagnosticArgs, type KflFix, replaceFix } from '../diagnostics';
import { EXTENSION_FUNCTIONS, FUNCTIONS, type FunctionDecl, MACROS, type OverloadDecl } from '../functions';
import { quoteString } from '../syntax/quote';
import { type KflType, Types, defaultValueText, formatType, isOpen, listOf } from '../types';
import { type CheckContext } from './context';
import { checkLiteralArguments } from './literals';
import { commonResult, fits, matchOverloads, resultOf } from './overloads';
import { closestNames } from './suggest';
import { reportV1Helper } from './v1';

export function checkCall(ctx: CheckContext, node: CallExpr): KflType {
  const name = node.function.name;
  if (!node.target && reportV1Helper(ctx, node)) return Types.error;
  if (MACROS.has(name)) return malformedMacro(ctx, node);
  const decl = FUNCTIONS.get(name);
  const overloads = decl ? overloadsOf(decl, node.target !== undefined) : [];
  if (!decl || overloads.length === 0) {
    if (node.target) ctx.check(node.target);
    node.args.forEach((a) => ctx.check(a));
    reportUnknownFunction(ctx, node, decl);
    return Types.error;
  }
  const receiver = node.target ? ctx.check(node.target) : undefined;
  const args = node.args.map((a) => ctx.check(a));
  if (receiver?.kind === 'error') return commonResult(overloads);
  const matches = matchOverloads(overloads, receiver, args);
  if (matches.length > 0) {
    if (matches.length === 1) {
      ctx.setOverload(node, matches[0].overload);
      checkLiteralArguments(ctx, node, matches[0].overload);
    }
    if (decl.status === 'unconfirmed') ctx.sink.report('kfl/unconfirmed', node.function, { topic: 'function', function: name }, [], 'info');
    return resultOf(matches);
  }
  // No overload fits: say why, in the order a person reads the call (receiver, count, arguments).
  const byReceiver = receiver === undefined ? overloads : overloads.filter((o) => fits(o.receiver!, receiver, new Map()));
  if (byReceiver.length === 0) {
    reportReceiver(ctx, node, decl, overloads, receiver!);
    return commonResult(overloads);
  }
  const counts = [...new Set(byReceiver.map((o) => o.params.length))].sort((a, b) => a - b);
  if (!counts.includes(args.length)) {
    reportArity(ctx, node, name, counts, args.length, decl.paramNames, decl);
    return commonResult(byReceiver);
  }
  if (!args.some((a) => a.kind === 'error')) reportArgumentMismatch(ctx, node, decl, byReceiver.filter((o) => o.params.length === args.length), args);
  return commonResult(byReceiver);
}

const partitions = new Map<FunctionDecl, { methods: OverloadDecl[]; globals: OverloadDecl[] }>();

/** The method or the global overloads of a function (computed once per declaration). */
function overloadsOf(decl: FunctionDecl, method: boolean): readonly OverloadDecl[] {
  let partition = partitions.get(decl);
  if (!partition) partitions.set(decl, (partition = { methods: decl.overloads.filter((o) => o.receiver), globals: decl.overloads.filter((o) => !o.receiver) }));
  return method ? partition.methods : partition.globals;
}

export function checkComprehension(ctx: CheckContext, node: ComprehensionExpr): KflType {
  const targetType = ctx.check(node.target);
  let variableType: KflType;
  if (targetType.kind === 'list') variableType = targetType.element;
  else if (targetType.kind === 'map') variableType = targetType.key;
  else if (isOpen(targetType)) variableType = Types.dyn;
  else {
    ctx.sink.report('kfl/receiver', node.function, { function: node.macro, expected: 'list|map', receiver: ctx.textOf(node.target), type: formatType(targetType) });
    variableType = Types.dyn;
  }
  const field = ctx.schema.field(node.variable.name);
  if (field && field.parent === '') ctx.sink.report('kfl/shadow', node.variable, { name: node.variable.name });
  return ctx.withVariable(node.variable.name, { type: variableType, binder: node }, () => {
    if (node.predicate) {
      const predicateType = ctx.check(node.predicate);
      if (!isOpen(predicateType) && predicateType !== Types.bool) {
        ctx.sink.report('kfl/type-mismatch', node.predicate, { reason: 'predicate', macro: node.macro, type: formatType(predicateType) });
      }
    }
    const transformType = node.transform ? ctx.check(node.transform) : undefined;
    switch (node.macro) {
      case 'all':
      case 'exists':
      case 'exists_one':
        return Types.bool;
      case 'filter':
        return listOf(variableType);
      case 'map':
        return listOf(transformType ?? Types.dyn);
    }
  });
}

/**
 * A macro name whose call the parser could not expand: wrong argument count, a variable that is
 * not a plain name, `has` without a field selection, or a macro called in the wrong form.
 */
function malformedMacro(ctx: CheckContext, node: CallExpr): KflType {
  const macro = MACROS.get(node.function.name)!;
  const isHas = macro.name === 'has';
  if (node.target) ctx.check(node.target);
  if (isHas === (node.target !== undefined)) {
    reportUnknownFunction(ctx, node, undefined);
    return Types.error;
  }
  const counts = macro.forms.map((f) => f.length);
  if (!counts.includes(node.args.length)) {
    reportArity(ctx, node, macro.name, counts, node.args.length, paramsOfForms(macro.forms));
  } else if (isHas) {
    ctx.sink.report('kfl/type-mismatch', node.args[0], { reason: 'has' });
  } else {
    ctx.sink.report('kfl/macro-variable', node.args[0], { macro: macro.name, got: ctx.textOf(node.args[0]) });
  }
  // has and the boolean macros are still bool (no cascade); map and filter give an unknown list.
  return macro.name === 'map' || macro.name === 'filter' ? Types.error : Types.bool;
}

/** `variable, [predicate,] transform`: parameters missing from some form are bracketed. */
function paramsOfForms(forms: readonly (readonly string[])[]): string[] {
  const longest = forms.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.map((p) => (forms.every((f) => f.includes(p)) ? p : `[${p}]`));
}

function reportArity(ctx: CheckContext, node: CallExpr, name: string, counts: readonly number[], got: number, params: readonly string[], decl?: FunctionDecl): void {
  const min = counts[0];
  const max = counts[counts.length - 1];
  const args: DiagnosticArgs = { function: name, min, max, got };
  if (max >= 2 && params.length >= 2) args.params = params.join(', ');
  const fixes: KflFix[] = [];
  // `map_get(m, k)`: append the default matching the map's values.
  if (decl?.name === 'map_get' && got === 2 && node.close !== undefined) {
    const mapType = ctx.typeOf(node.args[0]);
    const fallback = mapType.kind === 'map' ? defaultValueText(mapType.value) : undefined;
    if (fallback) fixes.push(replaceFix(`Add the default \`${fallback}\``, { start: node.args[1].end, end: node.args[1].end }, `, ${fallback}`, true));
  }
  const span = node.close !== undefined ? { start: node.function.start, end: node.close + 1 } : node;
  ctx.sink.report('kfl/arity', span, args, fixes);
}

function reportUnknownFunction(ctx: CheckContext, node: CallExpr, decl: FunctionDecl | undefined): void {
  const name = node.function.name;
  const args: DiagnosticArgs = { function: name };
  const fixes: KflFix[] = [];
  if (decl || MACROS.has(name)) {
    args.reason = node.target ? 'function-only' : 'method-only';
  } else if (EXTENSION_FUNCTIONS.has(name)) {
    args.reason = 'extension';
  } else {
    args.reason = 'unknown';
    const wantMethod = node.target !== undefined;
    const candidates = [...FUNCTIONS.values()].filter((f) => f.overloads.some((o) => (o.receiver !== undefined) === wantMethod)).map((f) => f.name);
    if (wantMethod) candidates.push(...[...MACROS.keys()].filter((m) => m !== 'has'));
    else candidates.push('has');
    const [suggestion] = closestNames(name, candidates, 1);
    if (suggestion) {
      args.suggestion = suggestion;
      fixes.push(replaceFix(`Change to \`${suggestion}\``, node.function, suggestion, true));
    }
  }
  ctx.sink.report('kfl/unknown-function', node.function, args, fixes);
}

/** `kfl/receiver`, with the spec's hints for status classes and list membership (§11.3). */
function reportReceiver(ctx: CheckContext, node: CallExpr, decl: FunctionDecl, overloads: readonly OverloadDecl[], receiver: KflType): void {
  const target = node.target!;
  const receiverText = ctx.textOf(target);
  const expected = [...new Set(overloads.map((o) => (o.receiver!.kind === 'list' ? 'list' : o.receiver!.kind === 'map' ? 'map' : formatType(o.receiver!))))];
  const args: DiagnosticArgs = { function: decl.name, expected: expected.join('|'), receiver: receiverText, type: formatType(receiver) };
  const fixes: KflFix[] = [];
  const argument = node.args[0];
  const literal = argument?.kind === 'literal' && argument.literal.type === 'string' ? argument.literal.value : undefined;
  if (decl.name === 'startsWith' && receiver === Types.int && literal !== undefined && /^[1-5]$/.test(literal)) {
    args.hint = 'status-class';
    args.low = Number(literal) * 100;
    args.high = Number(literal) * 100 + 100;
    const rewrite = `${receiverText} >= ${args.low} && ${receiverText} < ${args.high}`;
    fixes.push(replaceFix(`Replace with \`${rewrite}\``, node, parenthesizeIfNeeded(ctx, node, rewrite), true));
  } else if (receiver.kind === 'list' && receiver.element === Types.string && ['contains', 'startsWith', 'endsWith'].includes(decl.name) && node.args.length === 1) {
    const variable = freshVariable(ctx, receiverText);
    const exists = `${receiverText}.exists(${variable}, ${variable}.${decl.name}(${ctx.textOf(argument)}))`;
    if (decl.name === 'contains') {
      const membership = `${ctx.textOf(argument)} in ${receiverText}`;
      args.hint = 'list-contains';
      args.membership = membership;
      fixes.push(replaceFix(`Replace with \`${membership}\``, node, parenthesizeIfNeeded(ctx, node, membership), true));
    } else {
      args.hint = 'list-exists';
    }
    args.exists = exists;
    fixes.push(replaceFix(`Replace with \`${exists}\``, node, exists));
  }
  ctx.sink.report('kfl/receiver', node.function, args, fixes);
}

/** A rewrite with a binary operator replacing an operand of a tighter one needs parentheses. */
function parenthesizeIfNeeded(ctx: CheckContext, node: Expr, rewrite: string): string {
  const parent = ctx.parentOf(node);
  const loose = parent === undefined || (parent.kind === 'binary' && (parent.op === '&&' || parent.op === '||')) || parent.kind === 'call' || parent.kind === 'list' || parent.kind === 'comprehension';
  return loose ? rewrite : `(${rewrite})`;
}

/** A macro variable name not used as a field or variable (`q` for dns_questions). */
function freshVariable(ctx: CheckContext, receiverText: string): string {
  const initial = /[a-z]/.exec(receiverText.replace(/^.*\./, '').replace(/^dns_/, ''))?.[0] ?? 'x';
  for (const candidate of [initial, 'x', 'e', 'v']) {
    if (!ctx.schema.field(candidate) && !ctx.lookupVariable(candidate) && !new RegExp(`\\b${candidate}\\b`).test(receiverText)) return candidate;
  }
  return 'item';
}

/** No overload for the arguments: say which argument, with the spec's wording for `map_get` and `size`. */
function reportArgumentMismatch(ctx: CheckContext, node: CallExpr, decl: FunctionDecl, overloads: readonly OverloadDecl[], args: readonly KflType[]): void {
  const name = decl.name;
  if (name === 'size') {
    ctx.sink.report('kfl/type-mismatch', node.args[0], { reason: 'size', got: formatType(args[0]) });
    return;
  }
  if (name === 'map_get') {
    const [mapType, keyType, defaultType] = args;
    if (mapType.kind !== 'map') {
      ctx.sink.report('kfl/type-mismatch', node.args[0], { reason: 'map-get-map', got: formatType(mapType) });
    } else if (!fits(mapType.key, keyType, new Map())) {
      ctx.sink.report('kfl/type-mismatch', node.args[1], { reason: 'map-get-key', expected: formatType(mapType.key), got: formatType(keyType) });
    } else {
      const fallback = defaultValueText(mapType.value);
      const fixes = fallback ? [replaceFix(`Change to \`${fallback}\``, node.args[2], fallback, true)] : [];
      ctx.sink.report('kfl/type-mismatch', node.args[2], { reason: 'map-get-default', expected: formatType(mapType.value), got: formatType(defaultType) }, fixes);
    }
    return;
  }
  if (overloads.length === 1) {
    const overload = overloads[0];
    const bindings = new Map<string, KflType>();
    if (overload.receiver && node.target) fits(overload.receiver, ctx.typeOf(node.target), bindings);
    const index = overload.params.findIndex((p, i) => !fits(p, args[i], bindings));
    if (index >= 0) {
      const arg = node.args[index];
      const fixes = stringForNumberFix(arg, overload.params[index]);
      ctx.sink.report('kfl/type-mismatch', arg, { reason: 'argument', function: name, index: index + 1, expected: formatType(overload.params[index]), got: formatType(args[index]) }, fixes);
      return;
    }
  }
  ctx.sink.report('kfl/type-mismatch', node.function, { reason: 'no-overload', function: name, types: args.map(formatType).join(', ') });
}

/** `path.startsWith(5)` → `"5"`. */
function stringForNumberFix(arg: Expr, expected: KflType): KflFix[] {
  if (expected !== Types.string || arg.kind !== 'literal' || (arg.literal.type !== 'int' && arg.literal.type !== 'double')) return [];
  const text = String(arg.literal.value);
  return [replaceFix(`Change to \`${quoteString(text)}\``, arg, quoteString(text), true)];
}
