import { type JsonSchema } from '../../../protocol/hubApi';
import { invalidArgument } from '../errors';

/** Items of an array argument, and keys of an object argument, accepted at most. */
const MAX_ITEMS = 10_000;

/**
 * Checks tool arguments against the tool's input schema (the subset the descriptor uses: types,
 * enums, ranges, required, additionalProperties) and throws 400 INVALID_ARGUMENT naming the first
 * offending argument — an unknown one also lists the expected names (hub-api.md §2.3, §3.1).
 */
export function validateArguments(schema: JsonSchema, args: unknown): Record<string, unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw invalidArgument('arguments', "'arguments' must be a JSON object");
  const props = schema.properties ?? {};
  const expected = Object.keys(props);
  for (const key of Object.keys(args)) {
    if (!Object.prototype.hasOwnProperty.call(props, key)) {
      const list = expected.length ? `expected one of: ${expected.join(', ')}` : 'this tool takes no arguments';
      throw invalidArgument(key, `unknown argument '${key}'; ${list}`);
    }
  }
  const record = args as Record<string, unknown>;
  for (const name of schema.required ?? []) {
    if (record[name] === undefined || record[name] === null) throw invalidArgument(name, `missing required argument '${name}'`);
  }
  for (const key of Object.keys(record)) {
    if (record[key] !== null) check(props[key]!, record[key], key);
  }
  return record;
}

function check(schema: JsonSchema, value: unknown, where: string): void {
  const fail = (what: string): never => {
    throw invalidArgument(where.split(/[.[]/)[0]!, `argument '${where}' ${what}`);
  };
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') fail(`must be a string, got ${describe(value)}`);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(`must be an integer, got ${describe(value)}`);
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(`must be a number, got ${describe(value)}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be true or false, got ${describe(value)}`);
      break;
    case 'array':
      if (!Array.isArray(value)) fail(`must be an array, got ${describe(value)}`);
      else {
        if (value.length > MAX_ITEMS) fail(`has more than ${MAX_ITEMS} items`);
        if (schema.items) value.forEach((v: unknown, i) => check(schema.items!, v, `${where}[${i}]`));
      }
      break;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`must be an object, got ${describe(value)}`);
      const entries = Object.entries(value as object);
      if (entries.length > MAX_ITEMS) fail(`has more than ${MAX_ITEMS} keys`);
      const extra = schema.additionalProperties;
      if (typeof extra === 'object') for (const [k, v] of entries) check(extra, v, `${where}.${k}`);
      break;
    }
    default:
      break;
  }
  if (schema.enum && !schema.enum.includes(value as string)) fail(`must be one of: ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`must be ≥ ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`must be ≤ ${schema.maximum}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : typeof value;
}
