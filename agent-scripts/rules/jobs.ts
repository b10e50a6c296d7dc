import { type AnyNode, type CallExpression, type Literal } from 'acorn';
import { hookNamed } from '../catalog/hooks';
import { sixFieldEquivalent } from '../cron/descriptors';
import { firesEverySecond, restrictsBothDays, validateCron } from '../cron/validate';
import { literalPrefix, stringValue } from '../lint/literals';
import { type ScriptModel } from '../lint/model';
import { jobMessages as m } from '../messages';
import { type Fix } from '../types';
import { type RuleContext } from './context';

/** A `jobs.schedule` call and its literal parts. */
export interface ScheduleCall {
  readonly call: CallExpression;
  readonly tag: string | undefined;
  /** For a tag built at run time: its literal prefix (`""` when it has none, i.e. it could be anything). */
  readonly tagPrefix: string | undefined;
}

export function scheduleCalls(model: ScriptModel): ScheduleCall[] {
  return model.helperRefs
    .filter((r) => r.path === 'jobs.schedule' && r.call)
    .map((r) => {
      const tagArg = r.call!.arguments[0];
      const tag = stringValue(tagArg);
      return { call: r.call!, tag, tagPrefix: tag === undefined && tagArg ? literalPrefix(tagArg) ?? '' : undefined };
    });
}

/** jobs/* rules (spec §5, §9.3). */
export function checkJobs(model: ScriptModel, ctx: RuleContext): void {
  const schedules = scheduleCalls(model);
  const firstLine = new Map<string, number>();
  const crossFileReported = new Set<string>();
  for (const s of schedules) {
    const tagArg = s.call.arguments[0];
    if (s.tag !== undefined && tagArg) {
      const seenOn = firstLine.get(s.tag);
      if (seenOn !== undefined) ctx.report('jobs/duplicate-tag', tagArg.start, tagArg.end, m.duplicateTag(s.tag, seenOn));
      else firstLine.set(s.tag, model.lines.lineOf(tagArg.start));
      const elsewhere = ctx.others.flatMap((o) => o.jobTags.filter((t) => t.tag === s.tag).map((t) => ({ path: o.path, line: t.line })))
        .sort((a, b) => a.path.localeCompare(b.path))[0];
      if (elsewhere && !crossFileReported.has(s.tag)) {
        crossFileReported.add(s.tag);
        ctx.report('jobs/duplicate-tag', tagArg.start, tagArg.end, m.duplicateTag(s.tag, elsewhere.line, elsewhere.path), { severity: 'warning' });
      }
    }
    const hook = model.topLevelStatement(s.call);
    if (hook.type === 'FunctionDeclaration' && hook.id && hookNamed(hook.id.name)) {
      ctx.report('jobs/schedule-in-hook', s.call.callee.start, s.call.callee.end, m.scheduleInHook());
    }
    checkCron(model, ctx, s.call.arguments[1]);
  }
  unknownTags(model, ctx, schedules);
}

/** The cron string of an argument: a literal, or a `var` initialised with one and never reassigned. */
function cronLiteral(model: ScriptModel, arg: AnyNode | undefined): Literal | undefined {
  if (arg?.type === 'Literal' && typeof arg.value === 'string') return arg;
  if (arg?.type !== 'Identifier') return undefined;
  const binding = model.reference(arg)?.binding;
  const init = binding && binding.writes === 0 ? binding.init : undefined;
  return init?.type === 'Literal' && typeof init.value === 'string' ? init : undefined;
}

function checkCron(model: ScriptModel, ctx: RuleContext, arg: AnyNode | undefined): void {
  const literal = cronLiteral(model, arg);
  if (!literal || !arg) return;
  const cron = literal.value as string;
  const direct = literal === arg;
  // Offsets map into the source only when the literal has no escapes.
  const exact = direct && !(literal.raw ?? '').includes('\\');
  const range = (start: number, end: number): [number, number] => (exact ? [literal.start + 1 + start, literal.start + 1 + end] : [arg.start, arg.end]);
  if (cron.trim().startsWith('@')) {
    const six = sixFieldEquivalent(cron);
    const fixes: Fix[] = six ? [{ title: `Use "${six}"`, preferred: true, edits: [{ start: literal.start, end: literal.end, newText: `"${six}"` }] }] : [];
    ctx.report('jobs/cron-descriptor', arg.start, arg.end, m.descriptor(six ?? '*/5 * * * * *'), { fixes });
    return;
  }
  const result = validateCron(cron);
  if (!result.ok) {
    const p = result.problem;
    const fixes: Fix[] = p.suggestion
      ? [{ title: `Use "${p.suggestion}"`, preferred: true, edits: [{ start: literal.start + 1, end: literal.start + 1, newText: '0 ' }] }]
      : [];
    const [start, end] = p.start === 0 && p.end === cron.length ? [arg.start, arg.end] : range(p.start, p.end);
    ctx.report('jobs/cron-invalid', start, end, p.message, { fixes });
    return;
  }
  if (firesEverySecond(result.fields)) ctx.report('jobs/cron-frequent', arg.start, arg.end, m.frequent());
  if (restrictsBothDays(result.fields)) ctx.report('jobs/cron-dom-dow', arg.start, arg.end, m.domAndDow());
}

/** `jobs.remove("flush")` / `jobs.run("flush")` with a tag no script schedules. */
function unknownTags(model: ScriptModel, ctx: RuleContext, schedules: readonly ScheduleCall[]): void {
  const tags = new Set<string>();
  const prefixes: string[] = [];
  for (const s of schedules) {
    if (s.tag !== undefined) tags.add(s.tag);
    if (s.tagPrefix !== undefined) prefixes.push(s.tagPrefix);
  }
  for (const other of ctx.others) {
    for (const t of other.jobTags) tags.add(t.tag);
    prefixes.push(...other.dynamicTagPrefixes);
  }
  for (const ref of model.helperRefs) {
    if ((ref.path !== 'jobs.remove' && ref.path !== 'jobs.run') || !ref.call) continue;
    const arg = ref.call.arguments[0];
    const tag = stringValue(arg);
    if (tag === undefined || tags.has(tag) || prefixes.some((p) => tag.startsWith(p))) continue;
    ctx.report('jobs/unknown-tag', arg!.start, arg!.end, m.unknownTag(tag));
  }
}
