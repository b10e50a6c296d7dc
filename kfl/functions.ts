/**
 * Declarations of every operator, function and macro KFL knows (spec §4–§5), with typed
 * overloads. The checker resolves each operator/call node to one overload and records it (see
 * `checked.ts`); the engine switches on the overload `id`, which is stable (ids follow cel-go's
 * naming where one exists). Docs here feed hover, completion and signature help.
 */
import { type BinaryOp, type ComprehensionMacro, type UnaryOp } from './ast';
import { type KflType, Types, listOf, mapOf, param, typeOf } from './types';

export interface OverloadDecl {
  /** Stable id, e.g. `contains_string`, `add_int64`, `in_map`. */
  readonly id: string;
  /** Present for the method form `receiver.f(params…)`. */
  readonly receiver?: KflType;
  readonly params: readonly KflType[];
  readonly result: KflType;
}

/**
 * `documented`: in the KFL2 documentation. `unconfirmed`: standard CEL that the Local engine
 * supports but the Hub documentation does not list (info `kfl/unconfirmed`).
 */
export type FunctionStatus = 'documented' | 'unconfirmed';

export interface FunctionDecl {
  readonly name: string;
  readonly status: FunctionStatus;
  /** Markdown for hover and completion. */
  readonly doc: string;
  /** Names of the parameters, shown in arity messages (when two or more) and signature help. */
  readonly paramNames: readonly string[];
  readonly overloads: readonly OverloadDecl[];
}

const { bool, int, uint, double, string, bytes, timestamp, duration } = Types;
const A = param('A');
const K = param('K');
const V = param('V');

const method = (id: string, receiver: KflType, params: KflType[], result: KflType): OverloadDecl => ({ id, receiver, params, result });
const global = (id: string, params: KflType[], result: KflType): OverloadDecl => ({ id, params, result });

function decl(name: string, doc: string, overloads: OverloadDecl[], paramNames: string[] = [], status: FunctionStatus = 'documented'): FunctionDecl {
  return { name, status, doc, paramNames, overloads };
}

/** A timestamp accessor: `t.getHours()` / `t.getHours("Europe/Berlin")` (UTC unless a zone is given). */
function timestampAccessor(name: string, idBase: string, doc: string, durationToo = false): FunctionDecl {
  const overloads = [method(idBase, timestamp, [], int), method(`${idBase}_with_tz`, timestamp, [string], int)];
  if (durationToo) overloads.push(method(idBase.replace('timestamp_', 'duration_'), duration, [], int));
  return decl(name, `${doc} Optional argument: an IANA time zone or offset (default UTC).`, overloads, ['timeZone'], 'unconfirmed');
}

const FUNCTION_LIST: FunctionDecl[] = [
  decl('contains', 'Substring test, case-sensitive: `path.contains("/api")`. For a list use `x in list`.', [method('contains_string', string, [string], bool)], ['substring']),
  decl('startsWith', 'Prefix test: `path.startsWith("/api/")`.', [method('starts_with_string', string, [string], bool)], ['prefix']),
  decl('endsWith', 'Suffix test: `q.endsWith(".local")`.', [method('ends_with_string', string, [string], bool)], ['suffix']),
  decl(
    'matches',
    'RE2 regular expression, **unanchored**: it searches anywhere in the string; anchor with `^…$`. No look-around, no back-references. Flags via `(?i)`, `(?m)`, `(?s)`. Unlike `==`, which compares the whole string literally.',
    [method('matches_string', string, [string], bool), global('matches', [string, string], bool)],
    ['pattern'],
  ),
  decl(
    'size',
    'Length: code points of a string, octets of bytes, element count of a list or map.',
    [
      global('size_string', [string], int), global('size_bytes', [bytes], int), global('size_list', [listOf(A)], int), global('size_map', [mapOf(K, V)], int),
      method('string_size', string, [], int), method('bytes_size', bytes, [], int), method('list_size', listOf(A), [], int), method('map_size', mapOf(K, V), [], int),
    ],
    ['value'],
  ),
  decl('map_get', 'KFL extension: the value for `key`, or `default` when the key is absent. Never errors: `map_get(request.headers, "user-agent", "")`.', [global('map_get', [mapOf(K, V), K, V], V)], ['map', 'key', 'default']),
  // The string forms are KFL2's; the others are CEL's standard conversions (Unix seconds, int64
  // nanoseconds, identity), which a person rarely writes in a filter but CEL programs do.
  decl('timestamp', 'A timestamp from RFC 3339 text: `timestamp("2026-03-14T17:00:00Z")`, `timestamp("2026-03-14T22:30:00+05:30")`. Standard CEL also converts an int of Unix seconds.', [
    global('string_to_timestamp', [string], timestamp), global('int64_to_timestamp', [int], timestamp), global('timestamp_to_timestamp', [timestamp], timestamp),
  ], ['rfc3339']),
  decl('duration', 'A duration from decimal numbers with units h, m, s, ms, us, ns: `duration("5m")`, `duration("1h30m")`. No days: write `"24h"`. Standard CEL also converts an int of nanoseconds.', [
    global('string_to_duration', [string], duration), global('int64_to_duration', [int], duration), global('duration_to_duration', [duration], duration),
  ], ['text']),
  decl('now', 'KFL extension: the time the filter was created, fixed for the whole query. `timestamp > now() - duration("5m")`.', [global('now', [], timestamp)]),

  decl('int', 'Conversion to int (standard CEL); a timestamp gives Unix seconds, a duration nanoseconds.', [
    global('int64_to_int64', [int], int), global('uint64_to_int64', [uint], int), global('double_to_int64', [double], int),
    global('string_to_int64', [string], int), global('timestamp_to_int64', [timestamp], int), global('duration_to_int64', [duration], int),
  ], ['value'], 'unconfirmed'),
  decl('uint', 'Conversion to uint (standard CEL).', [
    global('uint64_to_uint64', [uint], uint), global('int64_to_uint64', [int], uint), global('double_to_uint64', [double], uint), global('string_to_uint64', [string], uint),
  ], ['value'], 'unconfirmed'),
  decl('double', 'Conversion to double (standard CEL).', [
    global('double_to_double', [double], double), global('int64_to_double', [int], double), global('uint64_to_double', [uint], double), global('string_to_double', [string], double),
  ], ['value'], 'unconfirmed'),
  decl('string', 'Conversion to string (standard CEL).', [
    global('string_to_string', [string], string), global('int64_to_string', [int], string), global('uint64_to_string', [uint], string),
    global('double_to_string', [double], string), global('bool_to_string', [bool], string), global('bytes_to_string', [bytes], string),
    global('timestamp_to_string', [timestamp], string), global('duration_to_string', [duration], string),
  ], ['value'], 'unconfirmed'),
  decl('bool', 'Conversion to bool (standard CEL): `"true"`, `"t"`, `"1"`, `"false"`, `"f"`, `"0"` in lower, upper or title case.', [
    global('bool_to_bool', [bool], bool), global('string_to_bool', [string], bool),
  ], ['value'], 'unconfirmed'),
  decl('bytes', 'Conversion to bytes (standard CEL).', [global('bytes_to_bytes', [bytes], bytes), global('string_to_bytes', [string], bytes)], ['value'], 'unconfirmed'),
  decl('type', 'The type of a value (standard CEL).', [global('type', [A], typeOf(A))], ['value'], 'unconfirmed'),
  decl('dyn', 'Turns off static typing for a value (standard CEL).', [global('to_dyn', [A], Types.dyn)], ['value'], 'unconfirmed'),

  timestampAccessor('getFullYear', 'timestamp_to_year', 'Year.'),
  timestampAccessor('getMonth', 'timestamp_to_month', 'Month, 0-based (January = 0).'),
  timestampAccessor('getDayOfYear', 'timestamp_to_day_of_year', 'Day of the year, 0-based.'),
  timestampAccessor('getDayOfMonth', 'timestamp_to_day_of_month', 'Day of the month, 0-based.'),
  timestampAccessor('getDate', 'timestamp_to_day_of_month_1_based', 'Day of the month, 1-based.'),
  timestampAccessor('getDayOfWeek', 'timestamp_to_day_of_week', 'Day of the week, Sunday = 0.'),
  timestampAccessor('getHours', 'timestamp_to_hours', 'Hours (0–23); on a duration, whole hours.', true),
  timestampAccessor('getMinutes', 'timestamp_to_minutes', 'Minutes (0–59); on a duration, whole minutes.', true),
  timestampAccessor('getSeconds', 'timestamp_to_seconds', 'Seconds (0–59); on a duration, whole seconds.', true),
  timestampAccessor('getMilliseconds', 'timestamp_to_milliseconds', 'Milliseconds (0–999); on a duration, whole milliseconds.', true),
];

/** Every function and method by name (macros and operators are separate). */
export const FUNCTIONS: ReadonlyMap<string, FunctionDecl> = new Map(FUNCTION_LIST.map((f) => [f.name, f]));

/**
 * Type names that are values in CEL's standard environment, each of type `type`: `type(x) == int`.
 * The entry environment comes first: a schema field of the same name hides one.
 */
export const TYPE_NAMES: ReadonlyMap<string, KflType> = new Map<string, KflType>([
  ['bool', bool], ['int', int], ['uint', uint], ['double', double], ['string', string], ['bytes', bytes],
  ['list', listOf(Types.dyn)], ['map', mapOf(Types.dyn, Types.dyn)], ['null_type', Types.null], ['type', typeOf(Types.dyn)],
]);

/**
 * CEL extension-library functions: unsupported locally, unconfirmed on the Hub. Named
 * separately so that `kfl/unknown-function` can say why.
 */
export const EXTENSION_FUNCTIONS: ReadonlySet<string> = new Set([
  'charAt', 'format', 'indexOf', 'join', 'lastIndexOf', 'lowerAscii', 'quote', 'replace', 'reverse', 'split',
  'substring', 'trim', 'upperAscii', 'distinct', 'flatten', 'range', 'slice', 'sort', 'sortBy', 'base64',
  'greatest', 'least', 'abs', 'ceil', 'floor', 'round', 'sign', 'trunc', 'isNaN', 'isInf', 'isFinite',
]);

export interface MacroDecl {
  readonly name: ComprehensionMacro | 'has';
  readonly status: FunctionStatus;
  readonly doc: string;
  /** Parameter names per accepted argument count. */
  readonly forms: readonly (readonly string[])[];
  /** Snippet for completion (VS Code snippet syntax), inserted after `target.`. */
  readonly snippet: string;
}

const macro = (name: MacroDecl['name'], doc: string, forms: string[][], snippet: string, status: FunctionStatus = 'documented'): MacroDecl => ({ name, status, doc, forms, snippet });

/** Macros: `has(x.f)` and the comprehensions on a list (per element) or map (per key). */
export const MACROS: ReadonlyMap<string, MacroDecl> = new Map(
  [
    macro('has', 'True when field or key `f` is present on `x`: `has(x.f)`. Works locally; on the Hub unconfirmed (prefer `"key" in map`).', [['field']], 'has(${1:x.f})'),
    macro('exists', 'True when some element satisfies the predicate: `dns_questions.exists(q, q.endsWith(".local"))`. Errors are absorbed like `||`.', [['variable', 'predicate']], 'exists(${1:x}, ${2:predicate})'),
    macro('all', 'True when every element satisfies the predicate. Errors are absorbed like `&&`.', [['variable', 'predicate']], 'all(${1:x}, ${2:predicate})'),
    macro('exists_one', 'True when exactly one element satisfies the predicate; an error in the predicate is an error.', [['variable', 'predicate']], 'exists_one(${1:x}, ${2:predicate})'),
    macro('map', 'A list of the transform applied to each element; with three arguments only elements satisfying the predicate are kept.', [['variable', 'transform'], ['variable', 'predicate', 'transform']], 'map(${1:x}, ${2:transform})'),
    macro('filter', 'The elements that satisfy the predicate.', [['variable', 'predicate']], 'filter(${1:x}, ${2:predicate})'),
  ].map((m) => [m.name, m]),
);

const relation = (prefix: string): OverloadDecl[] =>
  ([['bool', bool], ['int64', int], ['uint64', uint], ['double', double], ['string', string], ['bytes', bytes], ['timestamp', timestamp], ['duration', duration]] as const).map(
    ([suffix, t]) => global(`${prefix}_${suffix}`, [t, t], bool),
  );

const arithmetic = (prefix: string, types: readonly (readonly [string, KflType])[]): OverloadDecl[] => types.map(([suffix, t]) => global(`${prefix}_${suffix}`, [t, t], t));
const NUMBERS = [['int64', int], ['uint64', uint], ['double', double]] as const;

/** Binary operators. `&&`/`||` absorb an error on one side when the other decides the result. */
export const BINARY_OPERATORS: ReadonlyMap<BinaryOp, FunctionDecl> = new Map<BinaryOp, FunctionDecl>([
  ['&&', decl('&&', 'Logical and. If one side is `false` the result is `false`, even when the other side errors (in either order).', [global('logical_and', [bool, bool], bool)])],
  ['||', decl('||', 'Logical or. If one side is `true` the result is `true`, even when the other side errors (in either order).', [global('logical_or', [bool, bool], bool)])],
  ['==', decl('==', 'Equality of two values of the same type; strings compare exactly (no pattern matching: use `matches` for a regular expression, `contains` for a substring). Lists and maps compare element-wise. `int`, `uint` and `double` never mix.', [global('equals', [A, A], bool)])],
  ['!=', decl('!=', 'Inequality of two values of the same type (exact, like `==`).', [global('not_equals', [A, A], bool)])],
  ['<', decl('<', 'Less than; same type on both sides. Strings in code-point order.', relation('less'))],
  ['<=', decl('<=', 'Less than or equal; same type on both sides.', relation('less_equals'))],
  ['>', decl('>', 'Greater than; same type on both sides.', relation('greater'))],
  ['>=', decl('>=', 'Greater than or equal; same type on both sides.', relation('greater_equals'))],
  ['in', decl('in', 'Membership: an element of a list, or a key of a map. Not a substring test: use `s.contains(t)`.', [global('in_list', [A, listOf(A)], bool), global('in_map', [K, mapOf(K, V)], bool)])],
  ['+', decl('+', 'Addition; concatenation of strings, bytes and lists; timestamp + duration.', [
    ...arithmetic('add', [...NUMBERS, ['string', string], ['bytes', bytes], ['duration_duration', duration]]),
    global('add_list', [listOf(A), listOf(A)], listOf(A)),
    global('add_timestamp_duration', [timestamp, duration], timestamp),
    global('add_duration_timestamp', [duration, timestamp], timestamp),
  ])],
  ['-', decl('-', 'Subtraction; timestamp − duration, timestamp − timestamp (a duration).', [
    ...arithmetic('subtract', [...NUMBERS, ['duration_duration', duration]]),
    global('subtract_timestamp_duration', [timestamp, duration], timestamp),
    global('subtract_timestamp_timestamp', [timestamp, timestamp], duration),
  ])],
  ['*', decl('*', 'Multiplication; int64 overflow is an evaluation error.', arithmetic('multiply', NUMBERS))],
  ['/', decl('/', 'Division; integer division truncates, division by zero is an evaluation error.', arithmetic('divide', NUMBERS))],
  ['%', decl('%', 'Remainder of int or uint; modulo by zero is an evaluation error.', arithmetic('modulo', NUMBERS.slice(0, 2)))],
]);

/** Unary operators. */
export const UNARY_OPERATORS: ReadonlyMap<UnaryOp, FunctionDecl> = new Map<UnaryOp, FunctionDecl>([
  ['!', decl('!', 'Logical not.', [global('logical_not', [bool], bool)])],
  ['-', decl('-', 'Negation of an int or double (not uint).', [global('negate_int64', [int], int), global('negate_double', [double], double)])],
]);

/** Indexing `x[i]`: a missing key or an index out of range is an evaluation error. */
export const INDEX_OPERATOR: FunctionDecl = decl('[]', 'Indexing: `list[int]` or `map[key]`. A missing key or an index out of range is an evaluation error; `map_get` and `"key" in map` are safe.', [
  global('index_list', [listOf(A), int], A),
  global('index_map', [mapOf(K, V), K], V),
]);
