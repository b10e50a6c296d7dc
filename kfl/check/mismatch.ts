/**
 * `Cannot compare <L> with <R>` (spec §11.2), with the notes and quick fixes for the mistakes
 * people actually make: numbers written as strings, `500.0` or `0u` for an int, SQLSTATE codes
 * as numbers, latency as a duration, Unix milliseconds for a timestamp, `kafka_api_key` compared
 * with a name, and fields compared with `null`.
 */
import { type BinaryExpr, type Expr, type LiteralExpr, type Span } from '../ast';
import { type DiagnosticArgs, type KflFix, replaceFix } from '../diagnostics';
import { parseDuration } from '../eval/time';
import { formatLocalWithUtc, rfc3339Utc } from '../localTime';
import { quoteString } from '../syntax/quote';
import { type KflType, Types, defaultValueText, formatType } from '../types';
import { type CheckContext } from './context';

const ARTICLE: Readonly<Record<string, string>> = { int: 'an int', uint: 'a uint', double: 'a double', bool: 'a bool', timestamp: 'a timestamp', duration: 'a duration' };

/** Unix milliseconds between these years read as a timestamp; outside, the number is left alone. */
const PLAUSIBLE_MS = { min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) };

export function reportComparisonMismatch(ctx: CheckContext, node: BinaryExpr, left: KflType, right: KflType): void {
  if (left === Types.null || right === Types.null) {
    const nullSide = left === Types.null ? node.left : node.right;
    const other = left === Types.null ? right : left;
    const fallback = defaultValueText(other);
    const fixes = fallback ? [replaceFix(`Compare with the default \`${fallback}\``, nullSide, fallback, true)] : [];
    ctx.sink.report('kfl/type-mismatch', nullSide, { reason: 'null' }, fixes);
    return;
  }
  const args: DiagnosticArgs = { reason: 'compare', op: node.op, left: formatType(left), right: formatType(right) };
  const fixes: KflFix[] = [];
  const leftField = fieldPath(ctx, node.left);
  const rightField = fieldPath(ctx, node.right);
  // The field side is taken as right; the fault (and the fix) is on the other side.
  const [field, fieldType, other, otherType] = leftField !== undefined ? [leftField, left, node.right, right] : rightField !== undefined ? [rightField, right, node.left, left] : [];
  if (field === undefined || fieldType === undefined || other === undefined || otherType === undefined) {
    ctx.sink.report('kfl/type-mismatch', node, args);
    return;
  }
  const literal = other.kind === 'literal' ? other : undefined;
  if (field === 'kafka_api_key' && literal?.literal.type === 'string') {
    args.note = 'kafka-name';
    args.suggestion = `kafka_api_key_name ${node.op} ${ctx.textOf(literal)}`;
    const fieldNode = other === node.right ? node.left : node.right;
    fixes.push(replaceFix(`Replace with \`${args.suggestion}\``, fieldNode, 'kafka_api_key_name', true));
  } else if (field === 'postgresql_error_code' && otherType === Types.int) {
    args.note = 'sqlstate';
    if (literal) fixes.push(replaceFix(`Change to \`${quoteString(ctx.textOf(literal))}\``, literal, quoteString(ctx.textOf(literal)), true));
  } else if (field === 'elapsed_time' && otherType === Types.duration) {
    args.note = 'microseconds';
    args.field = field;
    const micros = durationLiteralMicros(other);
    if (micros !== undefined) fixes.push(replaceFix(`Change to \`${micros}\` (µs)`, other, micros, true));
  } else {
    if (otherType === Types.string && ARTICLE[fieldType.kind] && literal) {
      args.note = 'field-type';
      args.field = field;
      args.fieldType = ARTICLE[fieldType.kind];
    }
    if (literal) fixes.push(...literalFixes(ctx, literal, fieldType));
  }
  ctx.sink.report('kfl/type-mismatch', other, args, fixes);
}

function fieldPath(ctx: CheckContext, node: Expr): string | undefined {
  const reference = node.kind === 'ident' || node.kind === 'select' ? ctx.referenceOf(node) : undefined;
  return reference?.kind === 'field' ? reference.field.path : undefined;
}

/** A literal rewritten as the field's type, when the value survives the change. */
function literalFixes(ctx: CheckContext, literal: LiteralExpr, target: KflType): KflFix[] {
  const { literal: value } = literal;
  let replacement: string | undefined;
  if (target === Types.int || target === Types.uint) {
    const suffix = target === Types.uint ? 'u' : '';
    if (value.type === 'string' && /^\d+$/.test(value.value) && value.value.length <= 19) replacement = `${BigInt(value.value)}${suffix}`;
    else if (value.type === 'double' && Number.isSafeInteger(value.value) && value.value >= 0) replacement = `${value.value}${suffix}`;
    else if (value.type === 'uint' && target === Types.int && value.value <= 2n ** 63n - 1n) replacement = `${value.value}`;
    else if (value.type === 'int' && target === Types.uint && value.value >= 0n) replacement = `${value.value}u`;
  } else if (target === Types.double) {
    if (value.type === 'int' || value.type === 'uint') replacement = `${value.value}.0`;
    else if (value.type === 'string' && /^\d+(\.\d+)?$/.test(value.value)) replacement = value.value.includes('.') ? value.value : `${value.value}.0`;
  } else if (target === Types.string) {
    if (value.type === 'int' || value.type === 'uint' || value.type === 'double') replacement = quoteString(ctx.textOf(literal).replace(/[uU]$/, ''));
  } else if (target === Types.bool) {
    if (value.type === 'string' && (value.value === 'true' || value.value === 'false')) replacement = value.value;
  } else if (target === Types.timestamp && value.type === 'int') {
    return unixMillisFixes(ctx, value.value, literal);
  }
  return replacement === undefined ? [] : [replaceFix(`Change to \`${replacement}\``, literal, replacement, true)];
}

/** A number that reads as Unix ms of a plausible date, replaced (at `span`) by its `timestamp("…")`. */
export function unixMillisFixes(ctx: CheckContext, value: bigint, span: Span): KflFix[] {
  if (value < BigInt(PLAUSIBLE_MS.min) || value > BigInt(PLAUSIBLE_MS.max)) return [];
  const ms = Number(value);
  const replacement = `timestamp(${quoteString(rfc3339Utc(ms))})`;
  return [replaceFix(`Read ${value} as Unix ms: \`${replacement}\`, ${formatLocalWithUtc(ms, ctx.timeZone)}`, span, replacement, true)];
}

/** `duration("5s")` → `5000000`, when the argument is a literal that parses and is whole µs. */
function durationLiteralMicros(node: Expr): string | undefined {
  if (node.kind !== 'call' || node.function.name !== 'duration' || node.args.length !== 1) return undefined;
  const arg = node.args[0];
  if (arg.kind !== 'literal' || arg.literal.type !== 'string') return undefined;
  const parsed = parseDuration(arg.literal.value);
  if (!parsed.ok || parsed.value.nanos % 1000n !== 0n) return undefined;
  return String(parsed.value.nanos / 1000n);
}
