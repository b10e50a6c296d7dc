import { type AnyNode, type CallExpression, type FunctionDeclaration } from 'acorn';
import { type IoKind } from '../catalog/helpers';
import { type FunctionNode, type HelperRef, type ScriptModel } from '../lint/model';
import { perfMessages as m } from '../messages';
import { type RuleContext } from './context';
import { topLevelFunctions } from './hooks';

/** How many same-file calls deep perf/heavy-onPacketCaptured follows (spec §9.4). */
const MAX_CALL_DEPTH = 5;

interface IoCall {
  readonly ref: HelperRef;
  readonly io: IoKind;
}

/** perf/* rules (spec §9.4). */
export function checkPerf(model: ScriptModel, ctx: RuleContext): void {
  const functions = topLevelFunctions(model);
  const io: IoCall[] = model.helperRefs.filter((r) => r.call && r.helper?.io).map((r) => ({ ref: r, io: r.helper!.io! }));
  for (const hook of functions.get('onPacketCaptured') ?? []) heavyOnPacket(model, ctx, hook, io);
  for (const hook of functions.get('onItemCaptured') ?? []) unguardedExports(model, ctx, hook, io);
}

function within(node: AnyNode, fn: AnyNode): boolean {
  return node.start >= fn.start && node.end <= fn.end;
}

/** The script function a call invokes by name (a function declaration or `var f = function …`). */
function calledFunction(model: ScriptModel, call: CallExpression): FunctionNode | undefined {
  if (call.callee.type !== 'Identifier') return undefined;
  const binding = model.reference(call.callee)?.binding;
  if (!binding) return undefined;
  if (binding.kind === 'function' && binding.id) {
    const decl = model.parent(binding.id);
    return decl?.type === 'FunctionDeclaration' ? decl : undefined;
  }
  const init = binding.writes === 0 ? binding.init : undefined;
  return init?.type === 'FunctionExpression' || init?.type === 'ArrowFunctionExpression' ? init : undefined;
}

function heavyOnPacket(model: ScriptModel, ctx: RuleContext, hook: FunctionDeclaration, io: readonly IoCall[]): void {
  for (const c of io) {
    if (within(c.ref.node, hook)) ctx.report('perf/heavy-onPacketCaptured', c.ref.node.start, c.ref.node.end, m.heavyOnPacket(c.ref.path, c.io, undefined));
  }
  const calls = model.nodes('CallExpression');
  for (const call of calls) {
    if (!within(call, hook)) continue;
    const target = calledFunction(model, call);
    if (!target || within(target, hook)) continue;
    const found = firstIoReachable(model, target, io, calls);
    if (found) {
      const via = (call.callee as { name: string }).name;
      ctx.report('perf/heavy-onPacketCaptured', call.callee.start, call.callee.end, m.heavyOnPacket(found.ref.path, found.io, via));
    }
  }
}

/** Breadth-first over same-file calls, at most MAX_CALL_DEPTH functions deep. */
function firstIoReachable(model: ScriptModel, start: FunctionNode, io: readonly IoCall[], calls: readonly CallExpression[]): IoCall | undefined {
  const seen = new Set<FunctionNode>([start]);
  let level: FunctionNode[] = [start];
  for (let depth = 1; depth <= MAX_CALL_DEPTH && level.length > 0; depth++) {
    const next: FunctionNode[] = [];
    for (const fn of level) {
      const direct = io.find((c) => within(c.ref.node, fn));
      if (direct) return direct;
      for (const call of calls) {
        if (!within(call, fn)) continue;
        const target = calledFunction(model, call);
        if (target && !seen.has(target)) {
          seen.add(target);
          next.push(target);
        }
      }
    }
    level = next;
  }
  return undefined;
}

/** vendor.* exports in onItemCaptured with no filter before them. */
function unguardedExports(model: ScriptModel, ctx: RuleContext, hook: FunctionDeclaration, io: readonly IoCall[]): void {
  for (const c of io) {
    if (!c.ref.path.startsWith('vendor.') || !within(c.ref.node, hook)) continue;
    if (!isGuarded(model, c.ref.call!, hook)) ctx.report('perf/unguarded-export', c.ref.node.start, c.ref.node.end, m.unguardedExport());
  }
}

/**
 * Inside the branch of an `if`, `?:`, `&&`/`||`, `switch`, or after an early-return filter
 * (`if (…) return;`) in an enclosing block.
 */
function isGuarded(model: ScriptModel, node: AnyNode, hook: FunctionDeclaration): boolean {
  let child = node;
  for (let p = model.parent(node); p && p !== hook; child = p, p = model.parent(p)) {
    switch (p.type) {
      case 'IfStatement': if (p.test !== child) return true; break;
      case 'ConditionalExpression': if (p.test !== child) return true; break;
      case 'LogicalExpression': if (p.right === child) return true; break;
      case 'SwitchCase': return true;
      case 'BlockStatement': {
        const index = p.body.indexOf(child as never);
        if (p.body.slice(0, index).some((s) => s.type === 'IfStatement' && returns(s.consequent))) return true;
        break;
      }
      default: break;
    }
  }
  return false;
}

function returns(statement: AnyNode): boolean {
  if (statement.type === 'ReturnStatement') return true;
  return statement.type === 'BlockStatement' && statement.body.some((s) => s.type === 'ReturnStatement');
}
