/**
 * Schema-driven argument adaptation (hub-api.md §2.4). Features speak in logical arguments; each
 * is sent under the first alias the tool's live `inputSchema.properties` declares, converted to
 * the declared type. What a Hub does not take is dropped and reported, so the UI can say so.
 */
import { type JsonSchema, type ToolDescriptor } from '../../protocol/hubApi';
import { arr, asObject, type JsonObject, prop, str, strings } from './json';

/** The logical arguments of §2.4. Times are Unix ms UTC. */
export interface LogicalArguments {
  /** The snapshot a tool acts on (get/delete/export, cloud upload/download). */
  snapshot?: string;
  /** The snapshot a query is scoped to (list_api_calls, list_workloads, …). */
  scope?: string;
  /** The snapshot of a dissection tool. */
  dissectionOf?: string;
  /** Dissection name (default "default" on the Hub side). */
  dissection?: string;
  start?: number;
  end?: number;
  kfl?: string;
  bpf?: string;
  nodes?: readonly string[];
  limit?: number;
  cursor?: string;
  offset?: number;
}

export type LogicalName = keyof LogicalArguments;

/** Aliases in the order of §2.4's table; the first is the Local Hub's canonical name. */
const ALIASES: { readonly [K in LogicalName]-?: readonly string[] } = {
  snapshot: ['id', 'snapshot_id', 'snapshot', 'name'],
  scope: ['snapshot_id', 'snapshot', 'db'],
  dissectionOf: ['snapshot_id', 'snapshot', 'id'],
  dissection: ['name', 'dissection', 'dissection_name'],
  start: ['start_time', 'start', 'start_ts', 'from'],
  end: ['end_time', 'end', 'end_ts', 'to'],
  kfl: ['kfl', 'filter', 'query', 'q'],
  bpf: ['bpf_filter', 'bpf'],
  nodes: ['nodes', 'node_names'],
  limit: ['limit', 'page_size'],
  cursor: ['cursor'],
  offset: ['offset'],
};

/** How a dropped argument is named in "This Hub's `tool` does not take …". */
const DESCRIPTIONS: { readonly [K in LogicalName]-?: string } = {
  snapshot: 'a snapshot', scope: 'a snapshot scope', dissectionOf: 'a snapshot', dissection: 'a dissection name',
  start: 'a time window', end: 'a time window', kfl: 'a KFL filter', bpf: 'a BPF filter', nodes: 'a node selection',
  limit: 'a page size', cursor: 'a paging cursor', offset: 'a paging offset',
};

const TIME_ARGUMENTS = new Set<LogicalName>(['start', 'end']);

export interface DroppedArgument {
  /** A logical name, or the exact name of an extra argument. */
  readonly argument: string;
  readonly note: string;
}

export interface AdaptedArguments {
  /** The `arguments` object to send. */
  readonly arguments: Record<string, unknown>;
  /** Arguments this Hub's tool does not declare; they were not sent. */
  readonly dropped: readonly DroppedArgument[];
  /** Required properties nobody filled (§2.4 rule 4): ask for them before calling. */
  readonly missingRequired: readonly string[];
  /** Values that do not fit the declared type or enum (§2.4 rule 5): do not call. */
  readonly problems: readonly string[];
}

/** The first alias of `logical` the tool declares, or undefined when it takes none. */
export function declaredName(tool: ToolDescriptor, logical: LogicalName): string | undefined {
  const properties = schemaProperties(tool);
  const aliases = aliasesFor(tool, logical);
  if (properties === undefined) return aliases[0];
  return aliases.find((alias) => prop(properties, alias) !== undefined);
}

/** Whether the tool takes the logical argument (features hide what a Hub does not offer). */
export function takes(tool: ToolDescriptor, logical: LogicalName): boolean {
  return declaredName(tool, logical) !== undefined;
}

/**
 * Maps logical arguments (and `extra` arguments under their exact names, e.g. `name` of
 * create_snapshot or `format` of list_api_calls) onto the tool's schema.
 */
export function adaptArguments(tool: ToolDescriptor, logical: LogicalArguments, extra: Readonly<Record<string, unknown>> = {}): AdaptedArguments {
  const properties = schemaProperties(tool);
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const dropped: DroppedArgument[] = [];
  const problems: string[] = [];
  const droppedNote = (what: string): string => `This Hub's \`${tool.name}\` does not take ${what}`;

  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const schema = properties === undefined ? undefined : asSchema(prop(properties, name));
    if (properties !== undefined && schema === undefined) {
      dropped.push({ argument: name, note: droppedNote(`\`${name}\``) });
      continue;
    }
    const converted = convert(value, schema, false);
    if (typeof converted === 'object' && converted !== null && 'problem' in converted) problems.push(`\`${name}\`: ${converted.problem}`);
    else out[name] = converted;
  }

  for (const logicalName of Object.keys(ALIASES) as LogicalName[]) {
    const value = logical[logicalName];
    if (value === undefined) continue;
    const aliases = aliasesFor(tool, logicalName);
    const name = properties === undefined ? aliases[0] : aliases.find((a) => prop(properties, a) !== undefined && !(a in out));
    if (name === undefined) {
      // A window given as start and end is reported once.
      if (!(logicalName === 'end' && dropped.some((d) => d.argument === 'start'))) dropped.push({ argument: logicalName, note: droppedNote(DESCRIPTIONS[logicalName]) });
      continue;
    }
    if (name in out) continue;
    const schema = properties === undefined ? undefined : asSchema(prop(properties, name));
    const sent = name === 'db' && logicalName === 'scope' ? `${value as string}/${logical.dissection ?? 'default'}` : value;
    const converted = convert(sent, schema, TIME_ARGUMENTS.has(logicalName));
    if (typeof converted === 'object' && converted !== null && 'problem' in converted) problems.push(`\`${name}\`: ${converted.problem}`);
    else out[name] = converted;
  }

  const required = strings(arr(asObject(tool.inputSchema as unknown), 'required'));
  const missingRequired = required.filter((r) => !(r in out));
  return { arguments: { ...out }, dropped, missingRequired, problems };
}

/** The declared properties, or undefined when the schema declares none (§2.4 rule 3). */
export function schemaProperties(tool: ToolDescriptor): JsonObject | undefined {
  return asObject(prop(asObject(tool.inputSchema as unknown), 'properties'));
}

function aliasesFor(tool: ToolDescriptor, logical: LogicalName): readonly string[] {
  // `name` means the dissection only on dissection tools; elsewhere it is a snapshot's or object's name.
  if (logical === 'dissection' && !tool.name.includes('dissection')) return ALIASES.dissection.slice(1);
  return ALIASES[logical];
}

function asSchema(value: unknown): JsonSchema | undefined {
  return asObject(value) as JsonSchema | undefined;
}

/** The declared JSON type, taking the first non-null one of a type list. */
export function declaredType(schema: JsonSchema | undefined): string | undefined {
  const type = prop(asObject(schema as unknown), 'type');
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return strings(type).find((t) => t !== 'null');
  return undefined;
}

/**
 * Converts a value to the declared type (§2.4 rule 5): times as Unix ms for integer/number and
 * RFC 3339 UTC for strings; lists comma-joined for strings; enums checked.
 */
export function convert(value: unknown, schema: JsonSchema | undefined, isTime: boolean): unknown {
  const type = declaredType(schema);
  let converted: unknown = value;
  if (isTime && typeof value === 'number') {
    const wantsText = type === 'string' || str(asObject(schema as unknown), 'format') === 'date-time';
    converted = wantsText ? new Date(value).toISOString() : value;
  } else if (type === 'string') {
    if (Array.isArray(value)) converted = value.map(String).join(',');
    else if (typeof value === 'number' || typeof value === 'boolean') converted = String(value);
  } else if (type === 'array' && typeof value === 'string') {
    converted = [value];
  } else if ((type === 'integer' || type === 'number') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    converted = Number(value);
  }
  const problem = typeProblem(converted, type);
  if (problem) return { problem };
  const allowed = arr(asObject(schema as unknown), 'enum');
  if (allowed !== undefined && !allowed.includes(converted as never)) {
    return { problem: `${JSON.stringify(converted)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}` };
  }
  return converted;
}

function typeProblem(value: unknown, type: string | undefined): string | undefined {
  switch (type) {
    case undefined: return undefined;
    case 'string': return typeof value === 'string' ? undefined : `expected a string, got ${describe(value)}`;
    case 'integer': return typeof value === 'number' && Number.isInteger(value) ? undefined : `expected an integer, got ${describe(value)}`;
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? undefined : `expected a number, got ${describe(value)}`;
    case 'boolean': return typeof value === 'boolean' ? undefined : `expected true or false, got ${describe(value)}`;
    case 'array': return Array.isArray(value) ? undefined : `expected a list, got ${describe(value)}`;
    case 'object': return asObject(value) !== undefined ? undefined : `expected an object, got ${describe(value)}`;
    default: return undefined;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}
