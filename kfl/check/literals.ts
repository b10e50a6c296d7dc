/**
 * Checks of literal arguments at edit time (spec §11.7): regular expressions by RE2's own parser,
 * timestamps (RFC 3339 text or Unix seconds) and durations by the engine's parsers, so the language server and the query engine
 * cannot disagree. Also the `kfl/perf` hint for a `matches` whose pattern is a plain prefix or
 * suffix.
 */
import { type CallExpr, type Expr } from '../ast';
import { replaceFix } from '../diagnostics';
import { validateRegex } from '../eval/regex';
import { parseDuration, parseTimestamp, timestampFromSeconds } from '../eval/time';
import { EvalError } from '../eval/values';
import { type OverloadDecl } from '../functions';
import { quoteString } from '../syntax/quote';
import { type CheckContext } from './context';
import { unixMillisFixes } from './mismatch';

/** Runs the literal checks that apply to a resolved call. */
export function checkLiteralArguments(ctx: CheckContext, node: CallExpr, overload: OverloadDecl): void {
  switch (overload.id) {
    case 'string_to_timestamp':
      checkTimestamp(ctx, node.args[0]);
      break;
    case 'int64_to_timestamp':
      checkTimestampSeconds(ctx, node);
      break;
    case 'string_to_duration':
      checkDuration(ctx, node.args[0]);
      break;
    case 'matches_string':
      checkPattern(ctx, node, node.target!, node.args[0]);
      break;
    case 'matches':
      checkPattern(ctx, node, node.args[0], node.args[1]);
      break;
  }
}

function stringLiteral(node: Expr | undefined): string | undefined {
  return node?.kind === 'literal' && node.literal.type === 'string' ? node.literal.value : undefined;
}

function checkTimestamp(ctx: CheckContext, arg: Expr): void {
  const text = stringLiteral(arg);
  if (text === undefined) return;
  const parsed = parseTimestamp(text);
  if (!parsed.ok) ctx.sink.report('kfl/invalid-timestamp', arg, { ...parsed.problem });
}

/** `timestamp(1773507600000)`: Unix seconds past year 9999 are usually Unix ms; offer that reading. */
function checkTimestampSeconds(ctx: CheckContext, call: CallExpr): void {
  const arg = call.args[0];
  const seconds = intLiteral(arg);
  if (seconds === undefined || !(timestampFromSeconds(seconds) instanceof EvalError)) return;
  ctx.sink.report('kfl/invalid-timestamp', arg, { kind: 'range' }, unixMillisFixes(ctx, seconds, call));
}

/** The value of an int literal, negated or not. */
function intLiteral(node: Expr | undefined): bigint | undefined {
  if (node?.kind === 'unary' && node.op === '-') {
    const magnitude = intLiteral(node.operand);
    return magnitude === undefined ? undefined : -magnitude;
  }
  return node?.kind === 'literal' && node.literal.type === 'int' ? node.literal.value : undefined;
}

function checkDuration(ctx: CheckContext, arg: Expr): void {
  const text = stringLiteral(arg);
  if (text === undefined) return;
  const parsed = parseDuration(text);
  if (parsed.ok) return;
  const { problem } = parsed;
  const fixes = problem.kind === 'unknown-unit' && problem.suggestion !== undefined ? [replaceFix(`Change to \`"${problem.suggestion}"\``, arg, quoteString(problem.suggestion), true)] : [];
  ctx.sink.report('kfl/invalid-duration', arg, { ...problem }, fixes);
}

function checkPattern(ctx: CheckContext, call: CallExpr, subject: Expr, patternNode: Expr): void {
  const pattern = stringLiteral(patternNode);
  if (pattern === undefined) return;
  const problem = validateRegex(pattern);
  if (problem) {
    ctx.sink.report('kfl/invalid-regex', patternNode, { ...problem });
    return;
  }
  const plain = plainAnchoredLiteral(pattern);
  if (!plain) return;
  const receiver = ['ident', 'select', 'call', 'index'].includes(subject.kind) ? ctx.textOf(subject) : `(${ctx.textOf(subject)})`;
  const rewrite = `${receiver}.${plain.method}(${quoteString(plain.text)})`;
  ctx.sink.report('kfl/perf', call.function, { reason: 'literal-regex', function: plain.method }, [replaceFix(`Replace with \`${rewrite}\``, call, rewrite, true)]);
}

/**
 * `^literal` → startsWith, `literal$` → endsWith, when the rest has no regex syntax (an escaped
 * punctuation character such as `\.` counts as itself). Undefined for anything else.
 */
function plainAnchoredLiteral(pattern: string): { method: 'startsWith' | 'endsWith'; text: string } | undefined {
  const starts = pattern.startsWith('^');
  const ends = pattern.endsWith('$') && !pattern.endsWith('\\$');
  if (starts === ends) return undefined;
  const body = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  let text = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || /[0-9A-Za-z]/.test(next)) return undefined;
      text += next;
      i++;
    } else if ('.+*?()[]{}|^$'.includes(c)) {
      return undefined;
    } else {
      text += c;
    }
  }
  return text === '' ? undefined : { method: starts ? 'startsWith' : 'endsWith', text };
}
