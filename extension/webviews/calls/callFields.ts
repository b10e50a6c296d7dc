/**
 * Reading a Hub's call object (hub-api.md §4.2/§4.3) without trusting it: typed getters over own
 * properties, the call's node, its endpoints' identity labels, and how its outcome is classed.
 */
import { type StatusClass } from '../../../protocol/webviewMessages';
import { asObject, type JsonObject, num, prop, str } from '../../client/json';

export interface EndpointInfo {
  readonly ip: string;
  readonly port: number;
  readonly pod?: string;
  readonly namespace?: string;
  readonly service?: string;
  readonly node?: string;
}

export function endpointOf(call: JsonObject, side: 'src' | 'dst'): EndpointInfo {
  const e = asObject(prop(call, side));
  const text = (key: string): string | undefined => str(e, key) || undefined;
  return { ip: str(e, 'ip') ?? '', port: num(e, 'port') ?? 0, pod: text('pod'), namespace: text('ns') ?? text('namespace'), service: text('svc') ?? text('service'), node: text('node') };
}

/** `ns/pod`, else `ns/svc`, else `ip:port` (the identity label of §5.17, with the port for bare IPs). */
export function endpointLabel(e: EndpointInfo): string {
  const name = e.pod ?? e.service;
  if (name) return e.namespace ? `${e.namespace}/${name}` : name;
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}

/** Every identity field on its own line, for tooltips. */
export function endpointTitle(e: EndpointInfo): string {
  return [
    e.pod ? `pod ${e.pod}` : '', e.service ? `service ${e.service}` : '', e.namespace ? `namespace ${e.namespace}` : '',
    e.node ? `node ${e.node}` : '', `${e.ip} port ${e.port}`,
  ].filter(Boolean).join(', ');
}

/** The node holding the call: `node_id`, else `worker`, else the id's part before its first `/` (Local ids). */
export function nodeOf(call: JsonObject): string {
  const id = str(call, 'id') ?? '';
  return str(call, 'node_id') || str(call, 'worker') || (id.includes('/') ? id.slice(0, id.indexOf('/')) : '');
}

export function protoOf(call: JsonObject): string {
  return (str(call, 'proto') ?? '').toLowerCase();
}

/** Error classes follow get_api_stats (§5.17): 5xx, DNS rcode ≠ 0, Redis/SQL error replies, dissection errors. */
export function statusClassOf(call: JsonObject): StatusClass {
  const proto = protoOf(call);
  const status = num(call, 'status') ?? 0;
  const error = asObject(prop(call, 'error'));
  if (error && str(error, 'type')) return 'error';
  if (proto === 'http' || proto === 'grpc') {
    if (status === 0) return 'no-response';
    if (status >= 500) return 'error';
    if (status >= 400) return 'client-error';
    if (status >= 300) return 'redirect';
    const grpcStatus = num(call, 'grpc_status');
    return proto === 'grpc' && grpcStatus !== undefined && grpcStatus !== 0 ? 'error' : 'ok';
  }
  if (proto === 'dns' || proto === 'redis' || proto === 'postgresql') return status !== 0 ? 'error' : 'ok';
  return 'ok';
}

/** The compact fields (plus node and sizes) the list keeps of each call; headers and bodies are dropped. */
const KEPT = ['id', 'ts', 'end_ts', 'src', 'dst', 'proto', 'method', 'path', 'url', 'status', 'latency_ms', 'node_id', 'worker', 'req_size', 'resp_size', 'http_version', 'grpc_status', 'error'];

export function slimCall(call: JsonObject): JsonObject {
  const out: Record<string, unknown> = {};
  for (const key of KEPT) {
    const value = prop(call, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
