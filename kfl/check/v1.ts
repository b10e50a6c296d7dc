/**
 * KFL v1 constructs found while checking (spec §11.6): v1 field paths, `nil`, the `http2`/`https`
 * macros, v1 helper functions, and raw strings compared as if they were patterns. (`and`, `or`,
 * `not` and infix `contains` are caught by the parser.) Each is `kfl/v1-syntax` with a fix that
 * rewrites it to KFL2; `convertToKfl2` applies them all.
 */
import { type BinaryExpr, type CallExpr, type Expr, type IdentExpr, type SelectExpr } from '../ast';
import { type KflFix, replaceFix } from '../diagnostics';
import { civilToUtcMs, parseLocalDateTime, rfc3339Utc, validZone } from '../localTime';
import { quoteString } from '../syntax/quote';
import { defaultValueText } from '../types';
import { type CheckContext } from './context';
import { dottedPath } from './tree';

const V1_PATHS: ReadonlyMap<string, string> = new Map([
  ['response.status', 'status_code'],
  ['request.method', 'method'],
  ['request.path', 'path'],
  ['request.url', 'url'],
  ['src.ns', 'src.pod.namespace'],
  ['dst.ns', 'dst.pod.namespace'],
]);

const V1_MACROS: ReadonlyMap<string, { display: string; replacement: string }> = new Map([
  ['http2', { display: 'http && http_version == "HTTP/2"', replacement: '(http && http_version == "HTTP/2")' }],
  ['https', { display: 'tls && http', replacement: '(tls && http)' }],
]);

const DURATION_HELPERS: ReadonlyMap<string, { unit: string; scale: bigint }> = new Map([
  ['seconds', { unit: 's', scale: 1n }],
  ['minutes', { unit: 'm', scale: 1n }],
  ['hours', { unit: 'h', scale: 1n }],
  ['days', { unit: 'h', scale: 24n }],
]);

const OTHER_HELPERS: ReadonlySet<string> = new Set(['json', 'xml', 'redact']);

const REGEX_METACHARACTERS = /[\^$*+?()[\]{}|\\]/;

/** `response.status`, `src.ns`, …: reported in addition to the unknown field. */
export function reportV1Path(ctx: CheckContext, node: SelectExpr): void {
  const path = dottedPath(node);
  const replacement = path === undefined ? undefined : V1_PATHS.get(path);
  if (path === undefined || replacement === undefined) return;
  ctx.sink.report('kfl/v1-syntax', node, { construct: 'path', path, replacement }, [replaceFix(`Replace with \`${replacement}\``, node, replacement, true)]);
}

/** `http2`, `https`: reported in addition to the unknown field. */
export function reportV1Macro(ctx: CheckContext, node: IdentExpr): void {
  const macro = V1_MACROS.get(node.name);
  if (!macro) return;
  ctx.sink.report('kfl/v1-syntax', node, { construct: 'macro', name: node.name, replacement: macro.display }, [replaceFix(`Replace with \`${macro.display}\``, node, macro.replacement, true)]);
}

/** `nil`: fields take default values in KFL2. True when reported (then it is not an unknown field). */
export function reportV1Nil(ctx: CheckContext, node: IdentExpr): boolean {
  if (node.name !== 'nil') return false;
  const parent = ctx.parentOf(node);
  const fixes: KflFix[] = [];
  if (parent?.kind === 'binary' && (parent.op === '==' || parent.op === '!=')) {
    const other = parent.left === node ? parent.right : parent.left;
    const replacement = defaultValueText(ctx.check(other));
    if (replacement) fixes.push(replaceFix(`Replace with \`${replacement}\``, node, replacement, true));
  }
  ctx.sink.report('kfl/v1-syntax', node, { construct: 'nil' }, fixes);
  return true;
}

/** v1 helper calls (`datetime(…)`, `limit(…)`, `seconds(…)`, `json()`, …). True when reported. */
export function reportV1Helper(ctx: CheckContext, node: CallExpr): boolean {
  const name = node.function.name;
  if (node.target) return false;
  if (name === 'datetime') {
    ctx.sink.report('kfl/v1-syntax', node.function, { construct: 'datetime' }, datetimeFix(ctx, node));
  } else if (name === 'limit') {
    ctx.sink.report('kfl/v1-syntax', node.function, { construct: 'limit' }, [removeTermFix(ctx, node)]);
  } else if (DURATION_HELPERS.has(name)) {
    ctx.sink.report('kfl/v1-syntax', node.function, { construct: 'duration-helper', function: name }, durationHelperFix(node));
  } else if (OTHER_HELPERS.has(name)) {
    ctx.sink.report('kfl/v1-syntax', node.function, { construct: 'helper', function: name });
  } else {
    return false;
  }
  return true;
}

/** `path == r"^/api/.*"`: in v1 a pattern, in KFL2 a literal comparison. */
export function reportV1RawCompare(ctx: CheckContext, node: BinaryExpr): void {
  if (node.op !== '==' && node.op !== '!=') return;
  const [raw, other] = isRawPattern(node.right) ? [node.right, node.left] : isRawPattern(node.left) ? [node.left, node.right] : [];
  if (!raw || !other) return;
  const receiver = ['ident', 'select', 'call', 'index'].includes(other.kind) ? ctx.textOf(other) : `(${ctx.textOf(other)})`;
  const rewrite = `${node.op === '!=' ? '!' : ''}${receiver}.matches(${ctx.textOf(raw)})`;
  ctx.sink.report('kfl/v1-syntax', raw, { construct: 'raw-compare', op: node.op }, [replaceFix(`Replace with \`${rewrite}\``, node, rewrite, true)]);
}

function isRawPattern(node: Expr): boolean {
  return node.kind === 'literal' && node.raw && node.literal.type === 'string' && REGEX_METACHARACTERS.test(node.literal.value);
}

/** v1 wrote local times like `3/14/2026, 5:00:00 PM`; the fix reads them in the editor's zone. */
function datetimeFix(ctx: CheckContext, node: CallExpr): KflFix[] {
  const arg = node.args[0];
  if (node.args.length !== 1 || arg.kind !== 'literal' || arg.literal.type !== 'string') return [];
  const civil = parseLocalDateTime(arg.literal.value);
  if (!civil) return [];
  const zone = validZone(ctx.timeZone);
  const replacement = `timestamp(${quoteString(rfc3339Utc(civilToUtcMs(civil, zone)))})`;
  return [replaceFix(`Replace with \`${replacement}\` (${arg.literal.value} read as local time in ${zone})`, node, replacement, true)];
}

/** Removes a term of a conjunction together with its operator: `http and limit(100)` → `http`. */
function removeTermFix(ctx: CheckContext, node: CallExpr): KflFix {
  const parent = ctx.parentOf(node);
  const text = ctx.text;
  if (parent?.kind === 'binary' && parent.op === '&&') {
    if (parent.right === node) {
      let start = parent.opSpan.start;
      while (start > 0 && /\s/.test(text[start - 1])) start--;
      return replaceFix('Remove `limit(…)`', { start, end: node.end }, '', true);
    }
    let end = parent.opSpan.end;
    while (end < text.length && /\s/.test(text[end])) end++;
    return replaceFix('Remove `limit(…)`', { start: node.start, end }, '', true);
  }
  return replaceFix('Remove `limit(…)`', node, '', true);
}

function durationHelperFix(node: CallExpr): KflFix[] {
  const helper = DURATION_HELPERS.get(node.function.name)!;
  const arg = node.args[0];
  if (node.args.length !== 1 || arg.kind !== 'literal' || arg.literal.type !== 'int') return [];
  const replacement = `duration("${(arg.literal.value * helper.scale).toString()}${helper.unit}")`;
  return [replaceFix(`Replace with \`${replacement}\``, node, replacement, true)];
}
