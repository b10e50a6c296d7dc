/**
 * The entry environment: which names a filter may use, their types and their documentation
 * (spec §8–§9). One table drives checking, completion and hover; a Hub may add fields
 * (`extendSchema`, pushed to the language server as `kfl/setSchema`).
 *
 * Paths are dotted: `status_code`, `src.pod.name`. Every proper prefix of a path is an object
 * (`src`, `src.pod`), declared with type `object` or created implicitly. Lookups go through
 * `Map`s, so a name such as `__proto__` is just an unknown name.
 */
import { DEFAULT_FIELDS } from './schemaFields';
import { isMemberName, isName } from './syntax/keywords';
import { type KflType, objectOf, parseType } from './types';

/** A field as a schema declares it (also the shape a Hub sends). */
export interface FieldSpec {
  /** Dotted path: `status_code`, `src.pod.name`. */
  path: string;
  /** CEL type name (`int`, `list(string)`, `map(string, string)`), or `object` for a container. */
  type: string;
  /** Protocol the field belongs to, as shown in docs: `HTTP`, `DNS`, `any`, `k8s`, … */
  protocol: string;
  description: string;
  /** A filter using the field, shown in hover. */
  example?: string;
  /** Known values (for a list: of its elements), offered by completion. */
  values?: string[];
  /** Known keys of a map field, offered by completion inside `m["…"]`. */
  keys?: string[];
  /** The map always has exactly `keys`, so indexing it with one of them never warns. */
  fixedKeys?: boolean;
  /** Keys are stored lower-case (header maps): a literal key with upper case gets `kfl/header-case`. */
  lowerCaseKeys?: boolean;
  /** A protocol or L4 flag (§9.1–§9.2): a bool saying what kind of entry it is. */
  flag?: boolean;
  /** What is unconfirmed about the field on the Hub (§10), shown in hover. */
  note?: string;
}

/** A resolved schema entry. */
export interface FieldInfo {
  readonly path: string;
  /** Last path segment. */
  readonly name: string;
  /** Path of the containing object, `''` at top level. */
  readonly parent: string;
  readonly type: KflType;
  readonly protocol: string;
  readonly description: string;
  readonly example: string | undefined;
  readonly values: readonly string[];
  readonly keys: readonly string[];
  readonly fixedKeys: boolean;
  readonly lowerCaseKeys: boolean;
  readonly flag: boolean;
  readonly note: string | undefined;
}

/** An immutable set of fields. Build with `defaultSchema` and `extendSchema`. */
export class Schema {
  private readonly _byPath: ReadonlyMap<string, FieldInfo>;
  private readonly _byParent: ReadonlyMap<string, readonly FieldInfo[]>;
  private readonly _byParentAndName: ReadonlyMap<string, ReadonlyMap<string, FieldInfo>>;

  private constructor(byPath: Map<string, FieldInfo>) {
    this._byPath = byPath;
    const byParent = new Map<string, FieldInfo[]>();
    for (const info of byPath.values()) {
      const siblings = byParent.get(info.parent);
      if (siblings) siblings.push(info);
      else byParent.set(info.parent, [info]);
    }
    this._byParent = byParent;
    this._byParentAndName = new Map([...byParent].map(([parent, members]) => [parent, new Map(members.map((m) => [m.name, m]))]));
  }

  /** Builds a schema from specs; later specs replace earlier ones with the same path. Invalid specs are skipped. */
  static fromSpecs(specs: readonly FieldSpec[], base?: Schema): Schema {
    const byPath = new Map<string, FieldInfo>(base ? base._byPath : []);
    for (const spec of specs) addSpec(byPath, spec);
    return new Schema(byPath);
  }

  /** The field or object at `path`, if declared. */
  field(path: string): FieldInfo | undefined {
    return this._byPath.get(path);
  }

  /** Fields directly inside the object at `parent`; `''` lists the top-level names. */
  members(parent: string): readonly FieldInfo[] {
    return this._byParent.get(parent) ?? [];
  }

  /** The field `name` directly inside the object at `parent` (`''` for top level). */
  member(parent: string, name: string): FieldInfo | undefined {
    return this._byParentAndName.get(parent)?.get(name);
  }

  /** Every entry, in declaration order. */
  get fields(): readonly FieldInfo[] {
    return [...this._byPath.values()];
  }
}

/** Adds one spec, creating missing parent objects. Skips specs with a bad path or type, or a non-object parent. */
function addSpec(byPath: Map<string, FieldInfo>, spec: FieldSpec): void {
  if (typeof spec.path !== 'string' || typeof spec.type !== 'string') return;
  const segments = spec.path.split('.');
  if (!isName(segments[0]) || !segments.slice(1).every(isMemberName)) return;
  const type = spec.type === 'object' ? objectOf(spec.path) : parseType(spec.type);
  if (!type) return;
  for (let i = 1; i < segments.length; i++) {
    const parentPath = segments.slice(0, i).join('.');
    const parent = byPath.get(parentPath);
    if (parent && parent.type.kind !== 'object') return;
    if (!parent) byPath.set(parentPath, implicitObject(parentPath));
  }
  const existing = byPath.get(spec.path);
  // An object that already has members cannot turn into a scalar: its members would dangle.
  if (existing?.type.kind === 'object' && type.kind !== 'object' && [...byPath.keys()].some((p) => p.startsWith(`${spec.path}.`))) return;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  byPath.set(spec.path, {
    path: spec.path,
    name: segments[segments.length - 1],
    parent: segments.slice(0, -1).join('.'),
    type,
    protocol: text(spec.protocol),
    description: text(spec.description),
    example: typeof spec.example === 'string' ? spec.example : undefined,
    values: strings(spec.values),
    keys: strings(spec.keys),
    fixedKeys: spec.fixedKeys === true,
    lowerCaseKeys: spec.lowerCaseKeys === true,
    flag: spec.flag === true && type.kind === 'bool',
    note: typeof spec.note === 'string' ? spec.note : undefined,
  });
}

function implicitObject(path: string): FieldInfo {
  const segments = path.split('.');
  return {
    path, name: segments[segments.length - 1], parent: segments.slice(0, -1).join('.'), type: objectOf(path),
    protocol: 'any', description: `Fields under \`${path}\`.`, example: undefined, values: [], keys: [],
    fixedKeys: false, lowerCaseKeys: false, flag: false, note: undefined,
  };
}

/** Every field of spec §8–§9. */
export const defaultSchema: Schema = Schema.fromSpecs(DEFAULT_FIELDS);

/** `base` plus `fields` (e.g. what a Hub reports); a field with an existing path replaces it. */
export function extendSchema(base: Schema, fields: readonly FieldSpec[]): Schema {
  return Schema.fromSpecs(fields, base);
}
