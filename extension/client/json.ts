/**
 * Reading JSON a Hub sent without trusting it: own properties only (a key like `__proto__` or
 * `constructor` is just data), and typed getters that answer `undefined` instead of throwing.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

/** The value when it is a plain JSON object (not an array, not null). */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** An own property of a JSON object; never something inherited from Object.prototype. */
export function prop(object: JsonObject | undefined, key: string): unknown {
  return object !== undefined && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

export function str(object: JsonObject | undefined, key: string): string | undefined {
  const value = prop(object, key);
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, also when a Hub sent it as a numeric string. */
export function num(object: JsonObject | undefined, key: string): number | undefined {
  const value = prop(object, key);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

export function bool(object: JsonObject | undefined, key: string): boolean | undefined {
  const value = prop(object, key);
  return typeof value === 'boolean' ? value : undefined;
}

export function arr(object: JsonObject | undefined, key: string): readonly unknown[] | undefined {
  const value = prop(object, key);
  return Array.isArray(value) ? value : undefined;
}

/** The strings of an array, skipping anything else. */
export function strings(values: readonly unknown[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string');
}

/** The first key of `keys` that the object has as its own property. */
export function firstKey(object: JsonObject | undefined, keys: readonly string[]): string | undefined {
  return keys.find((k) => prop(object, k) !== undefined);
}

/** JSON.parse that answers a value or `undefined` (with the reason) instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
