/**
 * get_api_stats (hub-api.md §5.17) read leniently into the stats view's model: the keys the spec
 * defines are rendered, whatever else a Hub sends is shown as JSON. Bucket times are formatted
 * here in local time with UTC (the webview never formats times).
 */
import { type ScopeInfo, type Stats } from '../../../protocol/webviewMessages';
import { arr, asObject, bool, type JsonObject, num, prop, str } from '../../client/json';
import { type LocalClock } from '../calls/localClock';

const KNOWN = new Set(['scope', 'approximate', 'totals', 'latency_ms', 'by_protocol', 'status_classes', 'top_endpoints', 'top_talkers', 'time_series']);

const nullable = (object: JsonObject | undefined, key: string): number | null => num(object, key) ?? null;
const objects = (object: JsonObject | undefined, key: string): JsonObject[] => (arr(object, key) ?? []).map(asObject).filter((o): o is JsonObject => o !== undefined);

export function statsSummary(result: unknown, scope: ScopeInfo, kfl: string, clock: LocalClock): Stats.Summary {
  const root = asObject(result) ?? {};
  const totals = asObject(prop(root, 'totals'));
  const latency = asObject(prop(root, 'latency_ms'));
  const classes = asObject(prop(root, 'status_classes'));
  const series = asObject(prop(root, 'time_series'));
  const first = num(totals, 'first_ts');
  const last = num(totals, 'last_ts');
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(root)) if (!KNOWN.has(key)) extra[key] = root[key];
  return {
    scope, kfl,
    window: first !== undefined && last !== undefined ? `${clock.full(first)} – ${clock.full(last)}` : undefined,
    approximate: bool(root, 'approximate') ?? false,
    totals: totals && {
      calls: num(totals, 'calls') ?? 0, errors: num(totals, 'errors') ?? 0, clientErrors: num(totals, 'client_errors') ?? 0, errorRate: num(totals, 'error_rate') ?? 0,
      reqBytes: num(totals, 'req_bytes') ?? 0, respBytes: num(totals, 'resp_bytes') ?? 0, callsPerSec: num(totals, 'calls_per_sec') ?? 0,
    },
    latency: latency && {
      count: num(latency, 'count') ?? 0, min: nullable(latency, 'min'), p50: nullable(latency, 'p50'), p90: nullable(latency, 'p90'), p99: nullable(latency, 'p99'),
      max: nullable(latency, 'max'), mean: nullable(latency, 'mean'),
    },
    byProtocol: objects(root, 'by_protocol').map((p) => ({
      proto: str(p, 'proto') ?? '', calls: num(p, 'calls') ?? 0, errors: num(p, 'errors') ?? 0, errorRate: num(p, 'error_rate') ?? 0,
      p50: nullable(p, 'p50_ms'), p90: nullable(p, 'p90_ms'), p99: nullable(p, 'p99_ms'),
    })),
    statusClasses: classes && Object.fromEntries(Object.keys(classes).map((k) => [k, num(classes, k) ?? 0])),
    topEndpoints: objects(root, 'top_endpoints').map((e) => ({
      proto: str(e, 'proto') ?? '', method: str(e, 'method') ?? '', path: str(e, 'path') ?? '', dst: str(e, 'dst') ?? '',
      calls: num(e, 'calls') ?? 0, errors: num(e, 'errors') ?? 0, errorRate: num(e, 'error_rate') ?? 0, p50: nullable(e, 'p50_ms'), p99: nullable(e, 'p99_ms'),
    })),
    topTalkers: objects(root, 'top_talkers').map((t) => ({
      src: str(t, 'src') ?? '', dst: str(t, 'dst') ?? '', calls: num(t, 'calls') ?? 0, errors: num(t, 'errors') ?? 0, bytes: num(t, 'bytes') ?? 0,
    })),
    buckets: objects(series, 'buckets').map((b) => {
      const ts = num(b, 'ts') ?? 0;
      return { ts, label: clock.cell(ts), title: clock.full(ts), calls: num(b, 'calls') ?? 0, errors: num(b, 'errors') ?? 0, p50: nullable(b, 'p50_ms'), p99: nullable(b, 'p99_ms') };
    }),
    bucketMs: num(series, 'bucket_ms'),
    extra: Object.keys(extra).length > 0 ? JSON.stringify(extra, null, 2) : undefined,
  };
}
