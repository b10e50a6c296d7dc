/**
 * Calls summed up per key (a service pair, an endpoint, a destination, a time bucket): counts,
 * errors, sorted latencies (for percentiles and rank tests), bytes, the addresses on each side
 * (for the KFL filter that finds them) and a few example call ids.
 */
import { type CallRecord } from './calls';
import { groupLabel } from './peers';
import { percentile } from './statistics';

export interface CallGroup {
  readonly key: string;
  calls: number;
  errors: number;
  bytes: number;
  /** Latencies of calls with a response, ms, sorted ascending once `finish` ran. */
  readonly latencies: number[];
  firstTs: number;
  lastTs: number;
  readonly srcIps: Set<string>;
  readonly dstIps: Set<string>;
  readonly examples: string[];
  /** The first call of the group (its protocol, method and path describe an endpoint group). */
  readonly sample: CallRecord;
}

const MAX_EXAMPLES = 5;
/** Addresses kept per side of a group (the KFL filter of a row lists them). */
const MAX_IPS = 256;

function newGroup(key: string, sample: CallRecord): CallGroup {
  return { key, calls: 0, errors: 0, bytes: 0, latencies: [], firstTs: Infinity, lastTs: -Infinity, srcIps: new Set(), dstIps: new Set(), examples: [], sample };
}

export function addCall(group: CallGroup, call: CallRecord): void {
  group.calls++;
  if (call.error) group.errors++;
  group.bytes += call.bytes;
  if (call.latencyMs !== null) group.latencies.push(call.latencyMs);
  group.firstTs = Math.min(group.firstTs, call.ts);
  group.lastTs = Math.max(group.lastTs, call.ts);
  if (call.src.ip && group.srcIps.size < MAX_IPS) group.srcIps.add(call.src.ip);
  if (call.dst.ip && group.dstIps.size < MAX_IPS) group.dstIps.add(call.dst.ip);
  if (group.examples.length < MAX_EXAMPLES && call.id) group.examples.push(call.id);
}

/** Groups calls by `keyOf` (undefined: the call is left out); latencies come back sorted. */
export function groupCalls(calls: Iterable<CallRecord>, keyOf: (call: CallRecord) => string | undefined): Map<string, CallGroup> {
  const groups = new Map<string, CallGroup>();
  for (const call of calls) {
    const key = keyOf(call);
    if (key === undefined) continue;
    let group = groups.get(key);
    if (!group) {
      group = newGroup(key, call);
      groups.set(key, group);
    }
    addCall(group, call);
  }
  for (const group of groups.values()) group.latencies.sort((a, b) => a - b);
  return groups;
}

export interface GroupFigures {
  readonly calls: number;
  readonly errors: number;
  readonly errorRate: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly bytes: number;
}

export function figuresOf(group: CallGroup | undefined): GroupFigures | undefined {
  if (!group) return undefined;
  return {
    calls: group.calls, errors: group.errors, errorRate: group.calls > 0 ? group.errors / group.calls : 0,
    p50: percentile(group.latencies, 50), p90: percentile(group.latencies, 90), p99: percentile(group.latencies, 99), bytes: group.bytes,
  };
}

/** `sock-shop/front-end → sock-shop/orders`: the client's workload and the server's service. */
export function servicePairOf(call: CallRecord): string {
  return `${groupLabel(call.src, 'workload')} → ${groupLabel(call.dst, 'service')}`;
}

/** The server side of a call as the map and the spike detectors name it. */
export function destinationOf(call: CallRecord): string {
  return groupLabel(call.dst, 'service');
}

const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{8,})$/i;

/** Path segments that are all digits, UUIDs or ≥ 8 hex characters become `{id}` (as get_api_stats normalises, §5.17). */
export function normalizePath(path: string): string {
  return path.split('/').map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment)).join('/');
}

/** `http GET /orders/{id} → sock-shop/orders`; DNS by name, Redis and SQL by verb. */
export function endpointOf(call: CallRecord): string {
  const operation = call.proto === 'http' || call.proto === 'grpc' ? `${call.method} ${normalizePath(call.path)}` : call.proto === 'dns' ? call.path.toLowerCase() : call.method;
  return `${call.proto} ${operation} → ${destinationOf(call)}`;
}
