/**
 * CEL types as KFL uses them (spec §6).
 *
 * Every type is a single shared object: primitives are singletons (`Types.int`) and compound
 * types are interned, so `a === b` is type equality (`typeEquals` says the same). Type names follow CEL: `int`, `list(string)`,
 * `map(string, string)`. Object types (`src`, `src.pod`, `request`, …) are identified by their
 * schema path; their fields are the schema entries under that path.
 *
 * `dyn` is the unknown type: it is assignable to and from every type (the result of `dyn(x)` and
 * of an empty list's elements). `error` marks a sub-expression that already has an error
 * diagnostic; the checker propagates it silently so one mistake is reported once.
 */

export type PrimitiveKind = 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'timestamp' | 'duration' | 'null_type';

export interface PrimitiveType {
  readonly kind: PrimitiveKind;
}
export interface ListType {
  readonly kind: 'list';
  readonly element: KflType;
}
export interface MapType {
  readonly kind: 'map';
  readonly key: KflType;
  readonly value: KflType;
}
/** An object of the entry environment (spec §8), named by its schema path: `src`, `src.pod`. */
export interface ObjectType {
  readonly kind: 'object';
  readonly path: string;
}
/** The type of a type value: `type(1)` is `type(int)`. */
export interface TypeType {
  readonly kind: 'type';
  readonly of: KflType;
}
/** A type parameter in an overload declaration (`A` in `list(A) + list(A)`); never a value's type. */
export interface TypeParam {
  readonly kind: 'param';
  readonly name: string;
}
export interface DynType {
  readonly kind: 'dyn';
}
export interface ErrorType {
  readonly kind: 'error';
}

export type KflType = PrimitiveType | ListType | MapType | ObjectType | TypeType | TypeParam | DynType | ErrorType;

const primitive = (kind: PrimitiveKind): PrimitiveType => Object.freeze({ kind });

/** The singleton primitive types plus `dyn` and `error`. */
export const Types = Object.freeze({
  bool: primitive('bool'),
  int: primitive('int'),
  uint: primitive('uint'),
  double: primitive('double'),
  string: primitive('string'),
  bytes: primitive('bytes'),
  timestamp: primitive('timestamp'),
  duration: primitive('duration'),
  null: primitive('null_type'),
  dyn: Object.freeze({ kind: 'dyn' }) as DynType,
  error: Object.freeze({ kind: 'error' }) as ErrorType,
});

const PRIMITIVES: ReadonlyMap<string, PrimitiveType> = new Map(
  [Types.bool, Types.int, Types.uint, Types.double, Types.string, Types.bytes, Types.timestamp, Types.duration, Types.null].map((t) => [t.kind, t]),
);

// Compound types are interned: one object per structure, so `===` is type equality and a type
// can key a cache. Their number is bounded by what filters and schemas spell (nesting is capped).
const lists = new Map<KflType, ListType>();
const maps = new Map<KflType, Map<KflType, MapType>>();
const objects = new Map<string, ObjectType>();
const typeTypes = new Map<KflType, TypeType>();
const params = new Map<string, TypeParam>();

export function listOf(element: KflType): ListType {
  let type = lists.get(element);
  if (!type) lists.set(element, (type = Object.freeze({ kind: 'list', element })));
  return type;
}

export function mapOf(key: KflType, value: KflType): MapType {
  let byValue = maps.get(key);
  if (!byValue) maps.set(key, (byValue = new Map()));
  let type = byValue.get(value);
  if (!type) byValue.set(value, (type = Object.freeze({ kind: 'map', key, value })));
  return type;
}

export function objectOf(path: string): ObjectType {
  let type = objects.get(path);
  if (!type) objects.set(path, (type = Object.freeze({ kind: 'object', path })));
  return type;
}

export function typeOf(of: KflType): TypeType {
  let type = typeTypes.get(of);
  if (!type) typeTypes.set(of, (type = Object.freeze({ kind: 'type', of })));
  return type;
}

export function param(name: string): TypeParam {
  let type = params.get(name);
  if (!type) params.set(name, (type = Object.freeze({ kind: 'param', name })));
  return type;
}

/** `dyn` or `error`: a type that matches anything without further diagnostics. */
export function isOpen(type: KflType): boolean {
  return type.kind === 'dyn' || type.kind === 'error';
}

/** Structural equality. `dyn` equals only `dyn` here; use the checker's assignability for matching. */
export function typeEquals(a: KflType, b: KflType): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'list':
      return b.kind === 'list' && typeEquals(a.element, b.element);
    case 'map':
      return b.kind === 'map' && typeEquals(a.key, b.key) && typeEquals(a.value, b.value);
    case 'object':
      return b.kind === 'object' && a.path === b.path;
    case 'type':
      return b.kind === 'type' && typeEquals(a.of, b.of);
    case 'param':
      return b.kind === 'param' && a.name === b.name;
    default:
      return a.kind === b.kind;
  }
}

/** The CEL name of a type, as written in messages: `int`, `list(string)`, `map(string, int)`. */
export function formatType(type: KflType): string {
  switch (type.kind) {
    case 'list':
      return `list(${formatType(type.element)})`;
    case 'map':
      return `map(${formatType(type.key)}, ${formatType(type.value)})`;
    case 'object':
      return type.path;
    case 'type':
      return 'type';
    case 'param':
      return type.name;
    default:
      return type.kind;
  }
}

/**
 * Parses a CEL type name as a schema declares it (`int`, `list(string)`, `map(string, string)`,
 * `timestamp`, `dyn`). Object types are not written by name; they come from schema paths.
 * Returns undefined for anything else, e.g. a malformed name pushed by a Hub.
 */
export function parseType(text: string): KflType | undefined {
  const parser = new TypeNameParser(text);
  const type = parser.type();
  return type && parser.atEnd() ? type : undefined;
}

/** The KFL text of the default value of a type (spec §6 rule 5), for quick fixes. */
export function defaultValueText(type: KflType): string | undefined {
  switch (type.kind) {
    case 'string':
      return '""';
    case 'int':
      return '0';
    case 'uint':
      return '0u';
    case 'double':
      return '0.0';
    case 'bool':
      return 'false';
    case 'bytes':
      return 'b""';
    case 'list':
      return '[]';
    case 'map':
      return '{}';
    default:
      return undefined;
  }
}

/** Type names nest at most this deep; a Hub's schema is input, so the parser is bounded. */
const MAX_TYPE_DEPTH = 8;

class TypeNameParser {
  private _pos = 0;
  constructor(private readonly _text: string) {}

  atEnd(): boolean {
    this._skipSpace();
    return this._pos === this._text.length;
  }

  type(depth = 0): KflType | undefined {
    if (depth > MAX_TYPE_DEPTH) return undefined;
    this._skipSpace();
    const word = /^[a-z_]+/.exec(this._text.slice(this._pos))?.[0];
    if (!word) return undefined;
    this._pos += word.length;
    if (word === 'list') {
      if (!this._eat('(')) return undefined;
      const element = this.type(depth + 1);
      return element && this._eat(')') ? listOf(element) : undefined;
    }
    if (word === 'map') {
      if (!this._eat('(')) return undefined;
      const key = this.type(depth + 1);
      if (!key || !this._eat(',')) return undefined;
      const value = this.type(depth + 1);
      return value && this._eat(')') ? mapOf(key, value) : undefined;
    }
    if (word === 'dyn') return Types.dyn;
    return PRIMITIVES.get(word);
  }

  private _eat(char: string): boolean {
    this._skipSpace();
    if (this._text[this._pos] !== char) return false;
    this._pos++;
    return true;
  }

  private _skipSpace(): void {
    while (this._text[this._pos] === ' ') this._pos++;
  }
}
