/**
 * `get_api_stats` (hub-api.md §5.17), exactly as defined there: calls (no conn/flow entries),
 * errors and client errors, nearest-rank latency percentiles over calls with a response,
 * per-protocol rows, HTTP/gRPC status classes, top endpoints (normalised paths) and talkers
 * (identity labels), and a zero-filled time series on epoch-aligned buckets.
 */
import { type ApiStats } from '../../../protocol/hubApi';
import { type CallStore } from '../store/callStore';
import { EntryKind, RowFlag } from '../store/entryKind';
import { compileFilter } from './filter';
import { msOf, nearestRank } from './percentiles';
import { RowView, type SideIdentity } from './rowView';

export interface StatsQuery {
  kfl: string;
  startTime?: number;
  endTime?: number;
  bucketMs?: number;
  top: number;
  normalizePaths: boolean;
  now?: number;
  scope: { snapshot_id?: string; dissection?: string };
}

const BUCKETS = [1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000];
const MAX_BUCKETS = 120;
/** Time-series buckets a caller may ask for with a small bucket_ms (bounded work and output). */
const BUCKET_LIMIT = 10_000;

interface Group {
  calls: number;
  errors: number;
  latencies: number[];
  bytes: number;
}

const newGroup = (): Group => ({ calls: 0, errors: 0, latencies: [], bytes: 0 });

export function apiStats(store: CallStore, q: StatsQuery): ApiStats {
  const filter = compileFilter(q.kfl, store, q.now);
  const view = new RowView(store);
  const c = store.columns;
  const startUs = q.startTime === undefined ? -Infinity : q.startTime * 1000;
  const endUs = q.endTime === undefined ? Infinity : (q.endTime + 1) * 1000;
  const rows: number[] = [];
  for (const row of store.order) {
    const kind = c.kind[row]!;
    if (kind === EntryKind.Conn || kind === EntryKind.Flow) continue;
    const t = c.tsUs[row]!;
    if (t < startUs || t >= endUs) continue;
    if (!filter.all && (!filter.kindAllowed(kind) || filter.evaluate(row) !== true)) continue;
    rows.push(row);
  }
  const total = newGroup();
  let clientErrors = 0;
  let reqBytes = 0;
  let respBytes = 0;
  const byProto = new Map<string, Group>();
  const statusClasses = { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  const endpoints = new Map<string, Group & { proto: string; method: string; path: string; dst: string }>();
  const talkers = new Map<string, Group & { src: string; dst: string }>();
  for (const row of rows) {
    const proto = view.proto(row);
    const error = isError(view, row);
    const hasResponse = view.has(row, RowFlag.HasResponse);
    const latency = c.elapsedUs[row]!;
    const bytes = c.reqSize[row]! + c.respSize[row]!;
    reqBytes += c.reqSize[row]!;
    respBytes += c.respSize[row]!;
    const kind = c.kind[row]!;
    const status = c.status[row]!;
    if ((kind === EntryKind.Http || kind === EntryKind.Grpc) && status >= 100 && status < 600) {
      statusClasses[`${Math.floor(status / 100)}xx` as keyof typeof statusClasses]++;
      if (status >= 400 && status < 500) clientErrors++;
    }
    const dst = label(view.dst(row), store.str(c.dstIp[row]!));
    const src = label(view.src(row), store.str(c.srcIp[row]!));
    const path = endpointPath(view, row, q.normalizePaths);
    const method = store.str(c.method[row]!);
    for (const g of [
      total,
      getOr(byProto, proto, newGroup),
      getOr(endpoints, `${proto}\u0000${method}\u0000${path}\u0000${dst}`, () => ({ ...newGroup(), proto, method, path, dst })),
      getOr(talkers, `${src}\u0000${dst}`, () => ({ ...newGroup(), src, dst })),
    ]) {
      g.calls++;
      if (error) g.errors++;
      if (hasResponse) g.latencies.push(latency);
      g.bytes += bytes;
    }
  }
  total.latencies.sort((a, b) => a - b);
  const first = rows.length ? store.tsMs(rows[0]!) : null;
  const last = rows.length ? store.tsMs(rows[rows.length - 1]!) : null;
  const spanMs = first !== null && last !== null ? Math.max(1000, last - first) : 0;
  const lat = total.latencies;
  return {
    scope: { ...q.scope, kfl: q.kfl, start_time: q.startTime ?? first, end_time: q.endTime ?? last },
    approximate: false,
    totals: {
      calls: total.calls, errors: total.errors, client_errors: clientErrors, error_rate: rate(total.errors, total.calls),
      req_bytes: reqBytes, resp_bytes: respBytes, first_ts: first, last_ts: last,
      calls_per_sec: spanMs ? Math.round((total.calls / (spanMs / 1000)) * 100) / 100 : 0,
    },
    latency_ms: {
      count: lat.length,
      min: lat.length ? msOf(lat[0]!) : null,
      p50: pct(lat, 50), p90: pct(lat, 90), p99: pct(lat, 99),
      max: lat.length ? msOf(lat[lat.length - 1]!) : null,
      mean: lat.length ? Math.round((lat.reduce((a, b) => a + b, 0) / lat.length)) / 1000 : null,
    },
    by_protocol: [...byProto].map(([proto, g]) => {
      const sorted = g.latencies.sort((a, b) => a - b);
      return { proto, calls: g.calls, errors: g.errors, error_rate: rate(g.errors, g.calls), p50_ms: pct(sorted, 50), p90_ms: pct(sorted, 90), p99_ms: pct(sorted, 99) };
    }).sort((a, b) => b.calls - a.calls || (a.proto < b.proto ? -1 : 1)),
    status_classes: statusClasses,
    top_endpoints: [...endpoints.values()].sort((a, b) => b.calls - a.calls || b.errors - a.errors || (endpointKey(a) < endpointKey(b) ? -1 : 1)).slice(0, q.top).map((g) => {
      const sorted = g.latencies.sort((x, y) => x - y);
      return { proto: g.proto, method: g.method, path: g.path, dst: g.dst, calls: g.calls, errors: g.errors, error_rate: rate(g.errors, g.calls), p50_ms: pct(sorted, 50), p90_ms: pct(sorted, 90), p99_ms: pct(sorted, 99) };
    }),
    top_talkers: [...talkers.values()].sort((a, b) => b.calls - a.calls || (a.src + a.dst < b.src + b.dst ? -1 : 1)).slice(0, q.top)
      .map((g) => ({ src: g.src, dst: g.dst, calls: g.calls, errors: g.errors, bytes: g.bytes })),
    time_series: timeSeries(store, rows, q.startTime ?? first, q.endTime ?? last, q.bucketMs, view),
  };
}

/** Errors per §5.17: 5xx, gRPC status ≠ 0, DNS rcode ≠ 0, Redis/PostgreSQL error replies, any `error`. */
export function isError(view: RowView, row: number): boolean {
  const c = view.store.columns;
  if (c.errorType[row] !== 0) return true;
  const status = c.status[row]!;
  switch (c.kind[row]! as EntryKind) {
    case EntryKind.Http: return status >= 500;
    case EntryKind.Grpc: return status >= 500 || (c.grpcStatus[row]! > 0);
    case EntryKind.Dns: return view.has(row, RowFlag.HasResponse) && status !== 0;
    case EntryKind.Redis:
    case EntryKind.Postgresql: return status !== 0;
    case EntryKind.Tcp: return true;
    default: return false;
  }
}

/** Identity label of an endpoint (§5.17): `ns/pod`, else `ns/svc`, else the IP. */
export function label(id: SideIdentity, ip: string): string {
  if (!id.resolved) return ip;
  return id.service ? `${id.serviceNamespace}/${id.service}` : `${id.podNamespace}/${id.pod}`;
}

const ID_SEGMENT = /^(?:\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{8,})$/;

/** The "path" of an endpoint: HTTP path (normalised), DNS question, Redis verb, else the path. */
function endpointPath(view: RowView, row: number, normalize: boolean): string {
  const s = view.store;
  const kind = s.columns.kind[row]!;
  if (kind === EntryKind.Redis) return s.str(s.columns.method[row]!);
  const path = s.str(s.columns.path[row]!);
  if (!normalize || (kind !== EntryKind.Http && kind !== EntryKind.Grpc)) return path;
  return path.split('/').map((seg) => (ID_SEGMENT.test(seg) ? '{id}' : seg)).join('/');
}

function timeSeries(store: CallStore, rows: number[], from: number | null, to: number | null, bucketMs: number | undefined, view: RowView): ApiStats['time_series'] {
  if (from === null || to === null) return { bucket_ms: bucketMs ?? BUCKETS[0]!, start_ts: null, buckets: [] };
  const span = to - from + 1;
  let size = bucketMs ?? BUCKETS.find((b) => Math.ceil(span / b) <= MAX_BUCKETS) ?? BUCKETS[BUCKETS.length - 1]!;
  if (Math.ceil(span / size) > BUCKET_LIMIT) size = Math.ceil(span / BUCKET_LIMIT);
  const start = Math.floor(from / size) * size;
  const count = Math.floor(to / size) - Math.floor(from / size) + 1;
  const groups = Array.from({ length: count }, newGroup);
  const c = store.columns;
  for (const row of rows) {
    const i = Math.floor((store.tsMs(row) - start) / size);
    const g = groups[i];
    if (!g) continue;
    g.calls++;
    if (isError(view, row)) g.errors++;
    if (view.has(row, RowFlag.HasResponse)) g.latencies.push(c.elapsedUs[row]!);
    g.bytes += c.reqSize[row]! + c.respSize[row]!;
  }
  return {
    bucket_ms: size,
    start_ts: start,
    buckets: groups.map((g, i) => {
      const sorted = g.latencies.sort((a, b) => a - b);
      return { ts: start + i * size, calls: g.calls, errors: g.errors, p50_ms: pct(sorted, 50), p99_ms: pct(sorted, 99), bytes: g.bytes };
    }),
  };
}

function pct(sorted: number[], p: number): number | null {
  const v = nearestRank(sorted, p);
  return v === undefined ? null : msOf(v);
}

function rate(errors: number, calls: number): number {
  return calls === 0 ? 0 : Math.round((errors / calls) * 10000) / 10000;
}

function endpointKey(g: { proto: string; method: string; path: string; dst: string }): string {
  return `${g.proto} ${g.method} ${g.path} ${g.dst}`;
}

function getOr<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}
