/**
 * The schema and value sets in use: the built-in table of spec §9 plus what the client pushed with
 * `kfl/setSchema` (a connected Hub's fields and the values it has seen). The push comes from
 * captured traffic in the end, so it is taken apart defensively: shapes checked, sizes bounded,
 * keys kept in a prototype-less object.
 */
import { defaultSchema, extendSchema, type FieldSpec, type Schema } from '../../kfl';
import { type SetSchema } from '../../protocol/kflLsp';

const MAX_FIELDS = 10_000;
const MAX_VALUE_PATHS = 10_000;
const MAX_VALUES_PER_PATH = 10_000;
const MAX_STRING = 4096;

export class LiveSchema {
  private _schema: Schema = defaultSchema;
  private _values: Record<string, readonly string[]> = Object.create(null) as Record<string, readonly string[]>;
  private _source: string | undefined;

  get schema(): Schema {
    return this._schema;
  }

  /** Field path → known values (a prototype-less object: keys are the Hub's). */
  get values(): Readonly<Record<string, readonly string[]>> {
    return this._values;
  }

  get source(): string | undefined {
    return this._source;
  }

  get fieldCount(): number {
    return this._schema.fields.length;
  }

  /** Replaces the pushed part; whatever does not have the documented shape is ignored. */
  set(params: SetSchema.Params | undefined): void {
    const p: Partial<SetSchema.Params> = typeof params === 'object' && params !== null ? params : {};
    const fields = Array.isArray(p.fields) ? p.fields.slice(0, MAX_FIELDS).filter(isFieldSpec) : [];
    this._schema = fields.length > 0 ? extendSchema(defaultSchema, fields) : defaultSchema;
    const values = Object.create(null) as Record<string, readonly string[]>;
    if (typeof p.values === 'object' && p.values !== null) {
      for (const [path, list] of Object.entries(p.values).slice(0, MAX_VALUE_PATHS)) {
        if (path.length <= MAX_STRING && Array.isArray(list)) values[path] = strings(list.slice(0, MAX_VALUES_PER_PATH));
      }
    }
    this._values = values;
    this._source = typeof p.source === 'string' && p.source.length <= MAX_STRING ? p.source : undefined;
  }
}

function isFieldSpec(value: unknown): value is FieldSpec {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return typeof f.path === 'string' && f.path.length <= MAX_STRING && typeof f.type === 'string' && f.type.length <= MAX_STRING;
}

function strings(list: readonly unknown[]): string[] {
  return list.filter((v): v is string => typeof v === 'string' && v.length <= MAX_STRING);
}
