/**
 * Lenient reading of tool results (hub-api.md §2.2, §5): unknown fields are kept in `raw`, missing
 * optional fields stay undefined, and the unwrap rules of each tool are applied (a bare string or
 * `path`/`url` for exports, `entry`/`call` for calls, `id`/`snapshot_id`/`name` for snapshot keys).
 */
import { HubError } from './errors';
import { arr, asObject, bool, firstKey, type JsonObject, num, parseJson, prop, str, strings } from './json';
import {
  type Boundaries, type CloudJobInfo, type CloudStatusInfo, type DissectionInfo, type IpInfo, type NodeBoundary, type PcapExportInfo,
  type SnapshotInfo, type SnapshotNodeInfo, type TimeWindow, type WorkloadInfo,
} from './model';
import { parseDuration, parseInstant } from './time';

/** Keys that mark a tool's real result; a top-level `error` string without them is a tool error (§2.3). */
const EXPECTED_KEYS: Readonly<Record<string, readonly string[]>> = {
  list_snapshots: ['snapshots'],
  get_snapshot: ['id', 'snapshot_id', 'status'],
  create_snapshot: ['id', 'snapshot_id', 'name', 'status'],
  delete_snapshot: ['success', 'id', 'name'],
  export_snapshot_pcap: ['path', 'url', 'download_path'],
  get_data_boundaries: ['cluster', 'nodes'],
  get_l7_data_boundaries: ['cluster', 'nodes', 'dissection_enabled'],
  list_workloads: ['workloads'],
  list_ips: ['ips'],
  start_snapshot_dissection: ['dissection_id', 'status', 'progress', 'active'],
  get_snapshot_dissection_status: ['dissection_id', 'status', 'progress'],
  list_snapshot_dissections: ['dissections'],
  list_api_calls: ['calls'],
  get_api_call: ['call', 'entry', 'id'],
  get_api_call_details: ['entry'],
  get_api_stats: ['totals', 'scope'],
  list_l4_flows: ['flows'],
  get_cloud_storage_status: ['enabled'],
  upload_snapshot_to_cloud: ['job_id'],
  download_snapshot_from_cloud: ['job_id'],
  get_cloud_job_status: ['job_id', 'status'],
};

/**
 * Turns the body of a 2xx `tools/call` answer into the tool's result: JSON required
 * (`bad_response` otherwise), an MCP `content` envelope unwrapped (§8 question 18), and
 * `success: false` or a bare `error` string reported as `tool_error`.
 */
export function toolResult(tool: string, text: string): unknown {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new HubError({ kind: 'bad_response', tool, message: `The Hub's answer to ${tool} is not JSON: ${text.slice(0, 200)}` });
  const expected = EXPECTED_KEYS[tool] ?? [];
  const value = unwrapEnvelope(parsed.value, expected, tool);
  const object = asObject(value);
  if (object === undefined) return value;
  const errorText = str(object, 'error') ?? str(object, 'message');
  if (prop(object, 'success') === false) {
    throw new HubError({ kind: 'tool_error', tool, message: errorText ?? `${tool} reported failure`, body: text.slice(0, 4096) });
  }
  if (typeof prop(object, 'error') === 'string' && firstKey(object, expected) === undefined) {
    throw new HubError({ kind: 'tool_error', tool, message: str(object, 'error') ?? '', body: text.slice(0, 4096) });
  }
  return value;
}

function unwrapEnvelope(value: unknown, expected: readonly string[], tool: string): unknown {
  const object = asObject(value);
  const content = arr(object, 'content');
  if (object === undefined || content === undefined || firstKey(object, expected) !== undefined) return value;
  const structured = asObject(prop(object, 'structuredContent'));
  if (structured) return structured;
  const text = content.map((c) => str(asObject(c), 'text')).filter((t): t is string => t !== undefined).join('');
  if (prop(object, 'isError') === true) throw new HubError({ kind: 'tool_error', tool, message: text.slice(0, 2000) || `${tool} reported an error` });
  const inner = parseJson(text);
  return inner.ok ? inner.value : text;
}

export function parseWindow(start: unknown, end: unknown): TimeWindow | undefined {
  const s = parseInstant(start);
  const e = parseInstant(end);
  return s !== undefined && e !== undefined && e >= s ? { start: s, end: e } : undefined;
}

export function parseBoundaries(value: unknown): Boundaries {
  const object = asObject(value);
  const cluster = asObject(prop(object, 'cluster'));
  const nodes: NodeBoundary[] = [];
  for (const item of arr(object, 'nodes') ?? []) {
    const node = asObject(item);
    const name = str(node, 'name');
    if (name !== undefined) nodes.push({ name, window: parseWindow(prop(node, 'oldest_ts'), prop(node, 'newest_ts')) });
  }
  return { cluster: parseWindow(prop(cluster, 'oldest_ts'), prop(cluster, 'newest_ts')), nodes };
}

/** The key later calls use for a snapshot: `id`, else `snapshot_id`, else `name` (§5.4, §5.6). */
function snapshotKey(object: JsonObject | undefined): string | undefined {
  return str(object, 'id') ?? str(object, 'snapshot_id') ?? str(object, 'name');
}

export function parseSnapshot(value: unknown): SnapshotInfo | undefined {
  let object = asObject(value);
  // Some answers wrap the snapshot (`{snapshot: {...}}`); unwrap when the outer object is not one.
  const inner = asObject(prop(object, 'snapshot'));
  if (inner && snapshotKey(object) === undefined) object = inner;
  const key = snapshotKey(object);
  if (object === undefined || key === undefined) return undefined;
  const window = parseWindow(prop(object, 'start_ts'), prop(object, 'end_ts'));
  const nodes = arr(object, 'nodes')?.map(parseSnapshotNode).filter((n): n is SnapshotNodeInfo => n !== undefined);
  return {
    key,
    id: str(object, 'id') ?? str(object, 'snapshot_id'),
    name: str(object, 'name') ?? key,
    status: str(object, 'status') ?? 'unknown',
    sizeBytes: num(object, 'size_bytes'),
    createdAt: parseInstant(prop(object, 'created_at')),
    window,
    durationMs: window ? window.end - window.start : parseDuration(prop(object, 'duration')),
    nodeCount: num(object, 'node_count') ?? nodes?.length,
    packetCount: num(object, 'packet_count'),
    location: str(object, 'location'),
    nodes,
    error: str(object, 'error'),
    warnings: strings(arr(object, 'warnings')),
    raw: object,
  };
}

function parseSnapshotNode(value: unknown): SnapshotNodeInfo | undefined {
  const node = asObject(value);
  if (typeof value === 'string') return { name: value };
  const name = str(node, 'name');
  if (name === undefined) return undefined;
  return {
    name,
    window: parseWindow(prop(node, 'start_ts'), prop(node, 'end_ts')),
    packetCount: num(node, 'packet_count'),
    sizeBytes: num(node, 'size_bytes'),
    fileCount: num(node, 'file_count'),
  };
}

export function parseSnapshotList(value: unknown): SnapshotInfo[] {
  const list = Array.isArray(value) ? value : arr(asObject(value), 'snapshots') ?? [];
  return list.map(parseSnapshot).filter((s): s is SnapshotInfo => s !== undefined);
}

/** A dissection, or undefined for "no dissection" (a 2xx without `status`, §5.12). */
export function parseDissection(value: unknown, fallbackSnapshot = ''): DissectionInfo | undefined {
  const object = asObject(value);
  const status = str(object, 'status');
  if (object === undefined || status === undefined) return undefined;
  const stats = asObject(prop(object, 'stats'));
  const counts = asObject(prop(stats, 'protocol_counts'));
  const protocolCounts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const key of Object.keys(counts ?? {})) {
    const n = num(counts, key);
    if (n !== undefined) protocolCounts[key] = n;
  }
  const active = bool(object, 'active');
  return {
    snapshotId: str(object, 'snapshot_id') ?? str(object, 'snapshot') ?? fallbackSnapshot,
    name: str(object, 'name') ?? 'default',
    dissectionId: str(object, 'dissection_id'),
    status,
    active: active ?? !['completed', 'failed', 'cancelled'].includes(status),
    progress: num(object, 'progress'),
    entryCount: num(object, 'entry_count'),
    protocolCounts: counts ? protocolCounts : undefined,
    errors: strings(arr(object, 'errors')),
    startedAt: parseInstant(prop(object, 'started_at')),
    completedAt: parseInstant(prop(object, 'completed_at')),
    raw: object,
  };
}

export function parseDissectionList(value: unknown, snapshot?: string): DissectionInfo[] {
  const list = Array.isArray(value) ? value : arr(asObject(value), 'dissections') ?? [];
  return list
    .map((d) => parseDissection(d))
    .filter((d): d is DissectionInfo => d !== undefined && (snapshot === undefined || d.snapshotId === snapshot || d.snapshotId === ''));
}

/** The download path of export_snapshot_pcap (§5.8): a bare string, `path`, `url`, `download_path`, any `/mcp/` string. */
export function parsePcapExport(value: unknown): PcapExportInfo | undefined {
  if (typeof value === 'string') return value.startsWith('/') ? { path: value } : undefined;
  const object = asObject(value);
  if (object === undefined) return undefined;
  const path = str(object, 'path') ?? str(object, 'url') ?? str(object, 'download_path')
    ?? Object.values(object).find((v): v is string => typeof v === 'string' && v.startsWith('/mcp/'));
  if (path === undefined) return undefined;
  return { path, filename: str(object, 'filename'), contentType: str(object, 'content_type') };
}

export function parseWorkloads(value: unknown): WorkloadInfo[] {
  const out: WorkloadInfo[] = [];
  for (const item of arr(asObject(value), 'workloads') ?? []) {
    const w = asObject(item);
    const name = str(w, 'name');
    if (name === undefined) continue;
    const ips = (arr(w, 'ips') ?? []).flatMap((entry) => {
      if (typeof entry === 'string') return [{ ip: entry }];
      const ip = str(asObject(entry), 'ip');
      return ip === undefined ? [] : [{ ip, timestamp: parseInstant(prop(asObject(entry), 'timestamp')) }];
    });
    out.push({ name, namespace: str(w, 'namespace') ?? '', kind: str(w, 'kind') ?? '', ips });
  }
  return out;
}

export function parseIps(value: unknown): IpInfo[] {
  const out: IpInfo[] = [];
  for (const item of arr(asObject(value), 'ips') ?? []) {
    const entry = asObject(item);
    const ip = str(entry, 'ip');
    if (ip === undefined) continue;
    const records = (arr(entry, 'records') ?? []).flatMap((r) => {
      const record = asObject(r);
      const name = str(record, 'name');
      return name === undefined ? [] : [{ name, namespace: str(record, 'namespace') ?? '', kind: str(record, 'kind'), timestamp: parseInstant(prop(record, 'timestamp')) }];
    });
    out.push({ ip, records });
  }
  return out;
}

export function parseCloudStatus(value: unknown): CloudStatusInfo {
  const object = asObject(value);
  return { enabled: bool(object, 'enabled') ?? false, connected: bool(object, 'connected') ?? false, provider: str(object, 'provider') };
}

export function parseCloudJob(value: unknown): CloudJobInfo | undefined {
  const object = asObject(value);
  const jobId = str(object, 'job_id');
  if (jobId === undefined) return undefined;
  return {
    jobId,
    snapshotId: str(object, 'snapshot_id'),
    operation: str(object, 'operation'),
    status: str(object, 'status') ?? 'in_progress',
    error: str(object, 'error'),
    startedAt: parseInstant(prop(object, 'started_at')),
    completedAt: parseInstant(prop(object, 'completed_at')),
  };
}

/** The call of get_api_call (§5.15): `entry`, else `call`, else the object itself. */
export function unwrapCall(value: unknown): JsonObject | undefined {
  const object = asObject(value);
  return asObject(prop(object, 'entry')) ?? asObject(prop(object, 'call')) ?? object;
}
