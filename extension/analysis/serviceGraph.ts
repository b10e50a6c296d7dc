/**
 * The service map's graph: nodes are workloads (or bare addresses, external ones marked), edges
 * are client → server traffic with bytes from the L4 flows and calls, errors and latency from the
 * API calls. Each edge keeps the addresses of its two sides, from which the host builds the KFL
 * filter that opens its calls (the webview only ever names an edge by its index).
 */
import { type AddressClassifier } from './addresses';
import { type CallRecord, isApiCall } from './calls';
import { type FlowRecord, type SideKind, sideKind } from './flows';
import { groupLabel, type Peer } from './peers';
import { median } from './statistics';

export type MapLevel = 'workload' | 'namespace';

export interface GraphNode {
  readonly id: string;
  readonly kind: SideKind;
  readonly namespace?: string;
  bytes: number;
  calls: number;
  readonly ips: Set<string>;
}

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  bytes: number;
  flows: number;
  calls: number;
  errors: number;
  readonly latencies: number[];
  readonly srcIps: Set<string>;
  readonly dstIps: Set<string>;
}

export interface ServiceGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Nodes left out beyond the bound (the smallest by traffic). */
  readonly omittedNodes: number;
}

/** More nodes than this are not drawn (the smallest by bytes and calls are left out, and said so). */
export const MAX_MAP_NODES = 1500;
const MAX_IPS = 256;

function nodeId(peer: Peer, level: MapLevel, role: 'client' | 'server'): string {
  // Servers are named by their service when the Hub knows it (what clients address).
  return level === 'namespace' ? groupLabel(peer, 'namespace') : groupLabel(peer, role === 'server' ? 'service' : 'workload');
}

export function buildServiceGraph(flows: readonly FlowRecord[], calls: readonly CallRecord[], level: MapLevel, classifier: AddressClassifier): ServiceGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (peer: Peer, role: 'client' | 'server'): GraphNode => {
    const id = nodeId(peer, level, role);
    let n = nodes.get(id);
    if (!n) {
      n = { id, kind: sideKind(peer, classifier), namespace: peer.namespace, bytes: 0, calls: 0, ips: new Set() };
      nodes.set(id, n);
    }
    if (peer.ip && n.ips.size < MAX_IPS) n.ips.add(peer.ip);
    return n;
  };
  const edge = (client: Peer, server: Peer): GraphEdge => {
    const source = node(client, 'client').id;
    const target = node(server, 'server').id;
    const key = `${source}\u0000${target}`;
    let e = edges.get(key);
    if (!e) {
      e = { source, target, bytes: 0, flows: 0, calls: 0, errors: 0, latencies: [], srcIps: new Set(), dstIps: new Set() };
      edges.set(key, e);
    }
    if (client.ip && e.srcIps.size < MAX_IPS) e.srcIps.add(client.ip);
    if (server.ip && e.dstIps.size < MAX_IPS) e.dstIps.add(server.ip);
    return e;
  };
  for (const f of flows) {
    const e = edge(f.client, f.server);
    e.bytes += f.bytes;
    e.flows++;
    nodes.get(e.source)!.bytes += f.bytes;
    nodes.get(e.target)!.bytes += f.bytes;
  }
  for (const c of calls) {
    if (!isApiCall(c)) continue;
    const e = edge(c.src, c.dst);
    e.calls++;
    if (c.error) e.errors++;
    if (c.latencyMs !== null) e.latencies.push(c.latencyMs);
    nodes.get(e.source)!.calls++;
    nodes.get(e.target)!.calls++;
  }
  for (const e of edges.values()) e.latencies.sort((a, b) => a - b);
  let kept = [...nodes.values()];
  let omitted = 0;
  if (kept.length > MAX_MAP_NODES) {
    kept = kept.sort((a, b) => b.bytes + b.calls - (a.bytes + a.calls)).slice(0, MAX_MAP_NODES);
    omitted = nodes.size - kept.length;
  }
  const ids = new Set(kept.map((n) => n.id));
  return {
    nodes: kept.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    edges: [...edges.values()].filter((e) => ids.has(e.source) && ids.has(e.target)),
    omittedNodes: omitted,
  };
}

export function edgeErrorRate(edge: GraphEdge): number {
  return edge.calls > 0 ? edge.errors / edge.calls : 0;
}

export function edgeMedianLatency(edge: GraphEdge): number | null {
  return median(edge.latencies);
}
