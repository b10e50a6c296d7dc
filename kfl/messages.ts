/**
 * `messageOf`: the text of a diagnostic, made from its code and arguments at the edge (LSP, CLI,
 * Hub error details). The wordings are the spec's (§11); argument keys per code are the ones the
 * scanner, parser, checker and lints set.
 */
import { type DiagnosticArgs, type KflDiagnostic } from './diagnostics';
import { type RegexProblem, describeRegexProblem } from './eval/regex';
import { type DurationProblem, type TimestampProblem, describeDurationProblem, describeTimestampProblem } from './eval/time';

type Args = DiagnosticArgs;
const str = (args: Args, key: string): string => String(args[key] ?? '');
const code = (text: string | number): string => `\`${text}\``;

export function messageOf(diagnostic: KflDiagnostic): string {
  const a = diagnostic.args;
  switch (diagnostic.code) {
    case 'kfl/invalid-char':
      return a.suggestion !== undefined ? `${code(str(a, 'char'))} is not an operator. Did you mean ${code(str(a, 'suggestion'))}?` : `Invalid character ${code(str(a, 'char'))}.`;
    case 'kfl/unterminated-string': {
      const where = Number(a.line) > 1 ? `line ${a.line}, column ${a.column}` : `column ${a.column}`;
      return a.mismatched ? `Unterminated string literal (opened at ${where}); strings must close with the quote they open with.` : `Unterminated string literal (opened at ${where}).`;
    }
    case 'kfl/bad-escape':
      return badEscape(a);
    case 'kfl/bad-number':
      return badNumber(a);
    case 'kfl/unexpected-token':
      return unexpectedToken(a);
    case 'kfl/unexpected-end':
      return `The filter ends after ${code(str(a, 'after'))}; expected ${expectation(str(a, 'expected'))}.`;
    case 'kfl/unbalanced':
      return a.stray
        ? `Unexpected ${code(str(a, 'closer'))} without a matching ${code(str(a, 'opener'))}.`
        : `Missing ${code(str(a, 'closer'))} to close the ${code(str(a, 'opener'))} at ${Number(a.line) > 1 ? `line ${a.line}, ` : ''}column ${a.column}.`;
    case 'kfl/reserved-word':
      return `${code(str(a, 'word'))} is a reserved word and cannot be used as a name.`;
    case 'kfl/unknown-field':
      return unknownField(a);
    case 'kfl/unknown-function':
      return unknownFunction(a);
    case 'kfl/receiver':
      return receiver(a);
    case 'kfl/arity':
      return arity(a);
    case 'kfl/type-mismatch':
      return typeMismatch(a);
    case 'kfl/macro-variable':
      return `The first argument of ${code(str(a, 'macro'))} must be a variable name; got ${code(str(a, 'got'))}.`;
    case 'kfl/not-bool':
      return `A filter must be \`bool\`; this one is ${code(str(a, 'type'))}.`;
    case 'kfl/invalid-regex':
      return describeRegexProblem(a as unknown as RegexProblem);
    case 'kfl/invalid-timestamp':
      return describeTimestampProblem(a as unknown as TimestampProblem);
    case 'kfl/invalid-duration':
      return describeDurationProblem(a as unknown as DurationProblem);
    case 'kfl/v1-syntax':
      return v1Syntax(a);
    case 'kfl/limits':
      return a.limit === 'size'
        ? `The filter is larger than ${Number(a.max) / 1024} KiB.`
        : a.limit === 'depth'
          ? `The filter nests deeper than ${a.max} levels.`
          : `The filter has more than ${Number(a.max).toLocaleString('en-US')} syntax nodes.`;
    case 'kfl/unsafe-index':
      return `Indexing a map errors when the key is missing; use \`map_get(${a.map}, ${a.key}, ${a.default})\` or guard with \`${a.key} in ${a.map}\`.`;
    case 'kfl/header-case':
      return `Header keys are lower-case; ${code(str(a, 'key'))} may never match. Use ${code(str(a, 'lower'))}.`;
    case 'kfl/unconfirmed':
      return unconfirmed(a);
    case 'kfl/shadow':
      return `Macro variable ${code(str(a, 'name'))} hides the field ${code(str(a, 'name'))}.`;
    case 'kfl/identity-hint':
      return a.reason === 'namespace'
        ? `Valid. ${code(str(a, 'field'))} is the namespace of the best known identity (pod, else service). ${code(str(a, 'preferred'))} is the pod's namespace and is the form used in official examples; they can differ for entries without pod resolution.`
        : `Prefer ${code(str(a, 'preferred'))}.`;
    case 'kfl/perf':
      return a.reason === 'flag-order'
        ? `Put the protocol flag ${code(str(a, 'flag'))} first in the conjunction: entries of other protocols are then skipped before anything else is evaluated.`
        : `This pattern is a plain string; ${code(str(a, 'function'))} does the same without a regular expression.`;
  }
}

function badEscape(a: Args): string {
  const escape = code(str(a, 'escape'));
  const where = a.literal === 'bytes' ? 'a bytes literal' : 'a string';
  switch (a.reason) {
    case 'unicode-in-bytes':
      return `${escape}: \`\\u\` and \`\\U\` escapes are not allowed in bytes; use \`\\x\` or octal escapes.`;
    case 'octal-range':
      return `${escape} is out of range; octal escapes go up to \`\\377\`.`;
    case 'short':
      return `${escape} is incomplete: \`\\x\` takes 2 hex digits, \`\\u\` 4, \`\\U\` 8, octal escapes 3 digits.`;
    case 'code-point':
      return `${escape} is not a valid code point.`;
    default: {
      const body = str(a, 'escape').slice(1);
      return `${escape} is not a valid escape in ${where}. Write \`\\\\${body}\`, or use a raw string \`r"…"\`.`;
    }
  }
}

function badNumber(a: Args): string {
  const text = code(str(a, 'text'));
  switch (a.reason) {
    case 'hex-digits':
      return `${text} needs hex digits.`;
    case 'exponent-digits':
      return `${text} needs digits in its exponent.`;
    case 'uint-range':
      return `${text} is out of range for uint (at most 18446744073709551615).`;
    case 'double-range':
      return `${text} is out of range for double.`;
    default:
      return `${text} is out of range for int (−9223372036854775808 to 9223372036854775807).`;
  }
}

function expectation(expected: string): string {
  switch (expected) {
    case 'operand':
      return 'an operand';
    case 'member':
      return 'a field or method name';
    case 'expression':
      return 'an expression';
    default:
      return code(expected);
  }
}

function unexpectedToken(a: Args): string {
  const token = code(str(a, 'token'));
  switch (a.expected) {
    case 'operator':
      return `Unexpected ${token} after a complete expression. Missing \`&&\` or \`||\`?`;
    case 'end':
      return `Unexpected ${token} after a complete expression.`;
    case 'member':
      return `Unexpected ${token}; expected a field or method name after \`.\`.`;
    case 'no-message':
      return 'Message construction `Type{…}` is not supported in KFL2.';
    case 'no-leading-dot':
      return 'A leading `.` (a fully qualified name) is not supported in KFL2.';
    case 'no-backtick':
      return `Backtick-quoted names such as ${token} are not supported in KFL2.`;
    case ')':
    case ']':
    case '}':
      return `Unexpected ${token}; expected \`,\` or ${code(str(a, 'expected'))}.`;
    default:
      return `Unexpected ${token}; expected ${expectation(str(a, 'expected'))}.`;
  }
}

/** `a`, `a or b`, `a, b or c`. */
function alternatives(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function unknownField(a: Args): string {
  const name = code(str(a, 'name'));
  const subject = a.object !== undefined ? `${code(str(a, 'object'))} has no field ${name}.` : a.kind === 'name' ? `Unknown name ${name}.` : `Unknown field ${name}.`;
  if (a.special === 'http2') return `${subject} HTTP/2 is ${code(str(a, 'suggestion1'))}.`;
  if (a.special === 'string') return `${subject} Did you mean the string \`"${str(a, 'name')}"\`?`;
  const suggestions: string[] = [];
  for (let i = 1; a[`suggestion${i}`] !== undefined; i++) {
    const note = a[`note${i}`];
    suggestions.push(`${code(str(a, `suggestion${i}`))}${note !== undefined ? ` (${note})` : ''}`);
  }
  return suggestions.length ? `${subject} Did you mean ${alternatives(suggestions)}?` : subject;
}

function unknownFunction(a: Args): string {
  const fn = code(str(a, 'function'));
  switch (a.reason) {
    case 'extension':
      return `${fn} is a CEL extension function; KFL2 does not support it.`;
    case 'method-only':
      return `${fn} is called as a method: \`x.${a.function}(…)\`.`;
    case 'function-only':
      return `${fn} is not a method; call it as \`${a.function}(…)\`.`;
    default:
      return a.suggestion !== undefined ? `Unknown function ${fn}. Did you mean ${code(str(a, 'suggestion'))}?` : `Unknown function ${fn}.`;
  }
}

function receiver(a: Args): string {
  const expected = str(a, 'expected').split('|').map((t) => (t === 'list' || t === 'map' ? t : code(t)));
  const head = `${code(str(a, 'function'))} needs a ${alternatives(expected)} receiver; ${code(str(a, 'receiver'))} is ${code(str(a, 'type'))}.`;
  switch (a.hint) {
    case 'status-class':
      return `${head} For a status class use \`${a.receiver} >= ${a.low} && ${a.receiver} < ${a.high}\`.`;
    case 'list-contains':
      return `${head} Use ${code(str(a, 'membership'))} or ${code(str(a, 'exists'))}.`;
    case 'list-exists':
      return `${head} Use ${code(str(a, 'exists'))}.`;
    default:
      return head;
  }
}

function arity(a: Args): string {
  const min = Number(a.min);
  const max = Number(a.max);
  const count = min === max ? (min === 0 ? 'no arguments' : `${min} argument${min === 1 ? '' : 's'}`) : `${min} ${max === min + 1 ? 'or' : 'to'} ${max} arguments`;
  const params = a.params !== undefined ? ` (${a.params})` : '';
  return `${code(str(a, 'function'))} takes ${count}${params}; got ${a.got}.`;
}

function typeMismatch(a: Args): string {
  const t = (key: string): string => code(str(a, key));
  switch (a.reason) {
    case 'compare': {
      const base = `Cannot compare ${t('left')} with ${t('right')}`;
      switch (a.note) {
        case 'field-type':
          return `${base}: ${t('field')} is ${a.fieldType}.`;
        case 'sqlstate':
          return `${base}: SQLSTATE codes are strings.`;
        case 'microseconds':
          return `${base}: ${t('field')} is an int in microseconds.`;
        case 'kafka-name':
          return `${base}. Did you mean ${t('suggestion')}?`;
        default:
          return `${base}.`;
      }
    }
    case 'null':
      return 'Fields are never null; compare with the default value instead.';
    case 'in-right':
      return `Right side of \`in\` must be a list or a map; ${t('right')} is ${t('type')}.${a.suggestion !== undefined ? ` Did you mean ${t('suggestion')}?` : ''}`;
    case 'in-left':
      return `Left side of \`in\` must be ${t('expected')} to match ${t('container')}; got ${t('got')}.`;
    case 'map-get-default':
      return `Default must be ${t('expected')} to match the map's values; got ${t('got')}.`;
    case 'map-get-key':
      return `Key must be ${t('expected')} to match the map's keys; got ${t('got')}.`;
    case 'map-get-map':
      return `\`map_get\` needs a map as its first argument; got ${t('got')}.`;
    case 'size':
      return `\`size\` accepts string, bytes, list or map; got ${t('got')}.`;
    case 'list-elements':
      return `List elements must have one type; found ${t('first')} and ${t('other')}.`;
    case 'map-keys':
      return `Map keys must have one type; found ${t('first')} and ${t('other')}.`;
    case 'map-values':
      return `Map values must have one type; found ${t('first')} and ${t('other')}.`;
    case 'map-key-type':
      return `Map keys must be int, uint, bool or string; got ${t('got')}.`;
    case 'duplicate-key':
      return `Duplicate key ${t('key')} in a map literal.`;
    case 'operator':
      return `No operator ${t('op')} for ${t('left')} and ${t('right')}.`;
    case 'unary':
      return `No operator ${t('op')} for ${t('type')}.`;
    case 'logical':
      return `${t('op')} needs \`bool\` operands; got ${t('type')}.`;
    case 'condition':
      return `The condition of \`? :\` must be \`bool\`; got ${t('type')}.`;
    case 'branches':
      return `Both branches of \`? :\` must have one type; found ${t('left')} and ${t('right')}.`;
    case 'argument':
      return `Argument ${a.index} of ${t('function')} must be ${t('expected')}; got ${t('got')}.`;
    case 'no-overload':
      return `${t('function')} does not accept (${a.types}).`;
    case 'index':
      return `Cannot index ${t('type')}; only lists and maps can be indexed.`;
    case 'index-list':
      return `A list index must be \`int\`; got ${t('got')}.`;
    case 'index-map':
      return `Key must be ${t('expected')} to index ${t('map')}; got ${t('got')}.`;
    case 'predicate':
      return `The predicate of ${t('macro')} must be \`bool\`; got ${t('type')}.`;
    case 'has':
      return '`has` needs a field selection such as `has(x.f)`.';
    case 'has-target':
      return `\`has\` tests fields of objects and keys of maps; ${t('operand')} is ${t('type')}.`;
    default:
      return 'Type mismatch.';
  }
}

function v1Syntax(a: Args): string {
  switch (a.construct) {
    case 'and':
    case 'or':
    case 'not':
      return `${code(str(a, 'construct'))} is KFL v1 syntax; KFL2 uses ${code(str(a, 'replacement'))}.`;
    case 'raw-compare':
      return `In KFL2 \`r"…"\` is a raw string and ${code(str(a, 'op'))} compares it literally. Use \`matches\` for a regular expression.`;
    case 'infix':
      return `Infix ${code(str(a, 'function'))} is KFL v1; KFL2 calls it as a method.`;
    case 'path':
      return `${code(str(a, 'path'))} is KFL v1; KFL2 uses ${code(str(a, 'replacement'))}.`;
    case 'macro':
      return `${code(str(a, 'name'))} is a KFL v1 macro; KFL2 writes ${code(str(a, 'replacement'))}.`;
    case 'datetime':
      return '`datetime()` is KFL v1; KFL2 uses `timestamp("RFC 3339")`.';
    case 'limit':
      return '`limit()` is KFL v1; set the result limit in the query options instead.';
    case 'duration-helper':
      return `\`${a.function}()\` is KFL v1; KFL2 uses \`duration("…")\`.`;
    case 'helper':
      return `\`${a.function}()\` is KFL v1 and has no KFL2 equivalent.`;
    case 'nil':
      return '`nil` is KFL v1; KFL2 fields take default values (`""`, `0`, …).';
    default:
      return 'KFL v1 syntax.';
  }
}

function unconfirmed(a: Args): string {
  switch (a.topic) {
    case 'kafka-api-key':
      return 'Numbering of kafka_api_key on the Hub is unconfirmed; prefer kafka_api_key_name == "PRODUCE".';
    case 'grpc-status':
      return 'grpc_status on non-gRPC entries is unconfirmed (−1 or 0); add `grpc &&`.';
    case 'has':
      return '`has()` is standard CEL, but its support on the Hub is unconfirmed; prefer `"key" in map`.';
    case 'type-name':
      return `The type name \`${a.name}\` as a value is standard CEL, not in the documented KFL2 set; it works locally but is unconfirmed on the Hub.`;
    default:
      return `\`${a.function}()\` is not in the documented KFL2 function set; it works locally but is unconfirmed on the Hub.`;
  }
}
