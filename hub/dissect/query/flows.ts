/**
 * `list_l4_flows` (§5.18) and `get_l4_flow_summary` (§5.19) from the flow entries of a store.
 * Local = client, remote = server (§4.8); rates divide by the flow's active time (≥ 1 s).
 */
import { type FlowPeer, type FlowStats, type L4Flow, type L4FlowSummary, type ListL4FlowsResult } from '../../../protocol/hubApi';
import { type CallStore } from '../store/callStore';
import { EntryKind } from '../store/entryKind';
import { RowView, type SideIdentity } from './rowView';

export type FlowAggregate = 'pod' | 'namespace' | 'node' | 'service';

export interface FlowQuery {
  format: 'compact' | 'full' | 'raw';
  aggregate?: FlowAggregate;
  l4proto?: 'tcp' | 'udp';
  ip?: string;
  ns?: string;
  pod?: string;
  svc?: string;
  startTime?: number;
  endTime?: number;
  limit: number;
  offset: number;
}

interface FlowRow {
  proto: string;
  client: FlowPeer;
  server: FlowPeer;
  pkts: [number, number];
  bytes: [number, number];
  firstUs: number;
  lastUs: number;
  handshakes: (number | undefined)[];
}

export function flowRows(store: CallStore): number[] {
  const out: number[] = [];
  for (const row of store.order) if (store.columns.kind[row] === EntryKind.Flow) out.push(row);
  return out;
}

function peer(id: SideIdentity, ip: string, node: string, port?: number): FlowPeer {
  const p: FlowPeer = { ip };
  if (port !== undefined) p.port = port;
  if (id.resolved) {
    if (id.service) p.svc = id.service;
    else p.pod = id.pod;
    p.ns = id.podNamespace || id.serviceNamespace;
  }
  if (node) p.node = node;
  return p;
}

function readFlow(view: RowView, row: number): FlowRow {
  const s = view.store;
  const c = s.columns;
  const e = view.extras(row);
  const node = s.nodes[c.node[row]!] ?? '';
  const n = (k: keyof typeof e): number => (typeof e[k] === 'number' ? (e[k] as number) : 0);
  return {
    proto: view.isUdp(row) ? 'udp' : 'tcp',
    client: peer(view.src(row), s.str(c.srcIp[row]!), node),
    server: peer(view.dst(row), s.str(c.dstIp[row]!), '', c.dstPort[row]!),
    pkts: [n('local_pkts'), n('remote_pkts')],
    bytes: [n('local_bytes'), n('remote_bytes')],
    firstUs: c.tsUs[row]!,
    lastUs: c.endUs[row]!,
    handshakes: [e.handshake_p50_us as number | undefined, e.handshake_p90_us as number | undefined, e.handshake_p99_us as number | undefined],
  };
}

function matches(f: FlowRow, q: FlowQuery): boolean {
  if (q.l4proto && f.proto !== q.l4proto) return false;
  if (q.ip !== undefined && f.client.ip !== q.ip && f.server.ip !== q.ip) return false;
  if (q.ns !== undefined && f.client.ns !== q.ns && f.server.ns !== q.ns) return false;
  if (q.pod !== undefined && f.client.pod !== q.pod && f.server.pod !== q.pod) return false;
  if (q.svc !== undefined && f.client.svc !== q.svc && f.server.svc !== q.svc) return false;
  // Active in the window: its packets overlap [start, end].
  if (q.startTime !== undefined && f.lastUs < q.startTime * 1000) return false;
  if (q.endTime !== undefined && f.firstUs >= (q.endTime + 1) * 1000) return false;
  return true;
}

/** The key two sides are merged by under `aggregate` (identity objects reduced to it). */
function reduce(p: FlowPeer, by: FlowAggregate): FlowPeer {
  switch (by) {
    case 'pod': return p.pod ? { ip: '', pod: p.pod, ns: p.ns } : { ip: p.ip };
    case 'namespace': return p.ns ? { ip: '', ns: p.ns } : { ip: p.ip };
    case 'service': return p.svc ? { ip: '', svc: p.svc, ns: p.ns } : { ip: p.ip };
    case 'node': return p.node ? { ip: '', node: p.node } : { ip: p.ip };
  }
}

function merge(flows: FlowRow[], by: FlowAggregate): FlowRow[] {
  const out = new Map<string, FlowRow>();
  for (const f of flows) {
    const client = reduce(f.client, by);
    const server = reduce(f.server, by);
    const key = JSON.stringify([f.proto, client, server]);
    const m = out.get(key);
    if (!m) {
      out.set(key, { ...f, client, server, pkts: [...f.pkts], bytes: [...f.bytes], handshakes: [] });
      continue;
    }
    m.pkts[0] += f.pkts[0];
    m.pkts[1] += f.pkts[1];
    m.bytes[0] += f.bytes[0];
    m.bytes[1] += f.bytes[1];
    m.firstUs = Math.min(m.firstUs, f.firstUs);
    m.lastUs = Math.max(m.lastUs, f.lastUs);
  }
  return [...out.values()];
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function toWire(f: FlowRow, full: boolean): L4Flow {
  const seconds = Math.max(1, (f.lastUs - f.firstUs) / 1e6);
  const stats = (tx: 0 | 1): FlowStats => {
    const rx = tx === 0 ? 1 : 0;
    const s: FlowStats = { tx_pkts: f.pkts[tx], rx_pkts: f.pkts[rx], tx_bytes: f.bytes[tx], rx_bytes: f.bytes[rx] };
    if (full) {
      s.tx_pps = round(f.pkts[tx] / seconds, 2);
      s.rx_pps = round(f.pkts[rx] / seconds, 2);
      s.tx_bps = round(f.bytes[tx] / seconds, 1);
      s.rx_bps = round(f.bytes[rx] / seconds, 1);
      s.timestamp = new Date(f.firstUs / 1000).toISOString();
      const [p50, p90, p99] = f.handshakes;
      if (p50 !== undefined) s.tcp_handshake_p50_us = Math.round(p50);
      if (p90 !== undefined) s.tcp_handshake_p90_us = Math.round(p90);
      if (p99 !== undefined) s.tcp_handshake_p99_us = Math.round(p99);
    }
    return s;
  };
  const pkts = f.pkts[0] + f.pkts[1];
  const bytes = f.bytes[0] + f.bytes[1];
  return {
    proto: f.proto, client: f.client, server: f.server, client_stats: stats(0), server_stats: stats(1),
    totals: { pkts, bytes, pps: round(pkts / seconds, 2), bps: round(bytes / seconds, 1) },
  };
}

export function listFlows(store: CallStore, q: FlowQuery): ListL4FlowsResult {
  const view = new RowView(store);
  let flows = flowRows(store).map((r) => readFlow(view, r)).filter((f) => matches(f, q));
  if (q.aggregate) flows = merge(flows, q.aggregate);
  flows.sort((a, b) => b.bytes[0] + b.bytes[1] - (a.bytes[0] + a.bytes[1]));
  const page = flows.slice(q.offset, q.offset + q.limit);
  return { flows: page.map((f) => toWire(f, q.format !== 'compact')), total: flows.length, truncated: q.offset + page.length < flows.length };
}

export function flowSummary(store: CallStore): L4FlowSummary {
  const view = new RowView(store);
  const flows = flowRows(store).map((r) => readFlow(view, r));
  const side = (p: FlowPeer): string => p.pod ?? p.ip;
  const pairs = new Map<string, { client_pod: string; server_pod: string; bytes: number; pkts: number }>();
  const byNamespace: Record<string, number> = Object.create(null) as Record<string, number>;
  const cross = new Map<string, { src_ns: string; dst_ns: string; flows: number; bytes: number }>();
  for (const f of flows) {
    const key = `${side(f.client)}\u0000${side(f.server)}`;
    const p = pairs.get(key) ?? { client_pod: side(f.client), server_pod: side(f.server), bytes: 0, pkts: 0 };
    p.bytes += f.bytes[0] + f.bytes[1];
    p.pkts += f.pkts[0] + f.pkts[1];
    pairs.set(key, p);
    for (const ns of new Set([f.client.ns, f.server.ns])) if (ns) byNamespace[ns] = (byNamespace[ns] ?? 0) + 1;
    if (f.client.ns && f.server.ns && f.client.ns !== f.server.ns) {
      const k = `${f.client.ns}\u0000${f.server.ns}`;
      const x = cross.get(k) ?? { src_ns: f.client.ns, dst_ns: f.server.ns, flows: 0, bytes: 0 };
      x.flows++;
      x.bytes += f.bytes[0] + f.bytes[1];
      cross.set(k, x);
    }
  }
  const list = [...pairs.values()];
  return {
    total_flows: flows.length,
    tcp_flows: flows.filter((f) => f.proto === 'tcp').length,
    udp_flows: flows.filter((f) => f.proto === 'udp').length,
    total_bytes: flows.reduce((a, f) => a + f.bytes[0] + f.bytes[1], 0),
    total_pkts: flows.reduce((a, f) => a + f.pkts[0] + f.pkts[1], 0),
    unique_clients: new Set(flows.map((f) => f.client.ip)).size,
    unique_servers: new Set(flows.map((f) => `${f.server.ip}:${f.server.port}`)).size,
    top_by_bytes: [...list].sort((a, b) => b.bytes - a.bytes).slice(0, 10).map(({ client_pod, server_pod, bytes }) => ({ client_pod, server_pod, bytes })),
    top_by_pkts: [...list].sort((a, b) => b.pkts - a.pkts).slice(0, 10).map(({ client_pod, server_pod, pkts }) => ({ client_pod, server_pod, pkts })),
    by_namespace: { ...byNamespace },
    cross_namespace: [...cross.values()].sort((a, b) => b.bytes - a.bytes),
  };
}
