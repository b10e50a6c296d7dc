/**
 * L4 flows (hub-api.md §4.8, §5.18) read leniently, and grouped in the extension: by pod,
 * workload, service, namespace or node. The extension groups rather than the Hub's `aggregate`
 * argument because a group must keep its members' addresses and ports, from which "Export PCAP"
 * builds a BPF and "Open Calls" a KFL filter (the Hub's aggregate reduces each side to its key).
 */
import { arr, asObject, bool, type JsonObject, num, prop, str } from '../client/json';
import { type AddressClassifier } from './addresses';
import { type GroupLevel, groupLabel, isIdentified, type Peer, peerAt, peerLabel } from './peers';

/** Traffic of a flow or a group of flows. */
export interface FlowTotals {
  readonly pkts: number;
  readonly bytes: number;
  /** Bytes the client sent and received. */
  readonly clientTx: number;
  readonly clientRx: number;
  readonly pps: number;
  readonly bps: number;
}

export interface FlowRecord extends FlowTotals {
  readonly proto: string;
  readonly client: Peer;
  readonly server: Peer;
}

export interface FlowPage {
  readonly flows: FlowRecord[];
  readonly total?: number;
  readonly truncated: boolean;
}

const objects = (values: readonly unknown[] | undefined): JsonObject[] => (values ?? []).map(asObject).filter((o): o is JsonObject => o !== undefined);
const count = (object: JsonObject | undefined, key: string): number => Math.max(0, num(object, key) ?? 0);

export function flowOf(flow: JsonObject): FlowRecord {
  const totals = asObject(prop(flow, 'totals'));
  const clientStats = asObject(prop(flow, 'client_stats'));
  const clientTx = count(clientStats, 'tx_bytes');
  const clientRx = count(clientStats, 'rx_bytes');
  return {
    proto: (str(flow, 'proto') ?? '').toLowerCase(),
    client: peerAt(flow, 'client'),
    server: peerAt(flow, 'server'),
    pkts: num(totals, 'pkts') ?? count(clientStats, 'tx_pkts') + count(clientStats, 'rx_pkts'),
    bytes: num(totals, 'bytes') ?? clientTx + clientRx,
    clientTx, clientRx,
    pps: count(totals, 'pps'),
    bps: count(totals, 'bps'),
  };
}

/** One list_l4_flows answer: `{flows, total, truncated}` or a bare array. */
export function parseFlowPage(result: unknown): FlowPage {
  const root = asObject(result);
  const flows = objects(Array.isArray(result) ? result : arr(root, 'flows')).map(flowOf);
  return { flows, total: num(root, 'total'), truncated: bool(root, 'truncated') ?? false };
}

/** The kind of a grouped side: who it is, or what kind of address it has. */
export type SideKind = 'workload' | 'internal' | 'external';

export interface GroupSide {
  readonly label: string;
  readonly kind: SideKind;
  /** Addresses seen on this side (bounded). */
  readonly ips: readonly string[];
}

/** A client → server address pair of a group (what BPF and KFL filters are built from). */
export interface FlowPair {
  readonly client: string;
  readonly server: string;
  readonly port?: number;
  readonly proto: string;
}

export interface FlowGroup extends FlowTotals {
  readonly id: string;
  readonly proto: string;
  readonly client: GroupSide;
  readonly server: GroupSide;
  readonly ports: readonly number[];
  readonly flows: number;
  /** Member flows' address pairs (bounded; `pairsTruncated` when more existed). */
  readonly pairs: readonly FlowPair[];
  readonly pairsTruncated: boolean;
}

/** Bounds per group, so a hostile or huge Hub answer cannot grow a row without limit. */
export const MAX_GROUP_IPS = 256;
export const MAX_GROUP_PAIRS = 512;
const MAX_GROUP_PORTS = 64;

export function sideKind(peer: Peer, classifier: AddressClassifier): SideKind {
  if (isIdentified(peer)) return 'workload';
  return classifier.isExternal(peer.ip) ? 'external' : 'internal';
}

/** 'flow' keeps every flow as its own row (client → server:port), the other levels merge by that key. */
export type FlowLevel = 'flow' | GroupLevel;

function sideLabel(peer: Peer, level: FlowLevel): string {
  return level === 'flow' ? peerLabel(peer) : groupLabel(peer, level);
}

interface Building {
  id: string;
  proto: string;
  client: { label: string; kind: SideKind; ips: Set<string> };
  server: { label: string; kind: SideKind; ips: Set<string> };
  ports: Set<number>;
  flows: number;
  pkts: number;
  bytes: number;
  clientTx: number;
  clientRx: number;
  pps: number;
  bps: number;
  pairs: Map<string, FlowPair>;
  pairsTruncated: boolean;
}

/** Groups flows at `level`, largest first (bytes, then label). */
export function groupFlows(flows: readonly FlowRecord[], level: FlowLevel, classifier: AddressClassifier): FlowGroup[] {
  const groups = new Map<string, Building>();
  for (const f of flows) {
    const client = sideLabel(f.client, level);
    const server = sideLabel(f.server, level);
    const port = level === 'flow' ? f.server.port : undefined;
    const id = JSON.stringify([f.proto, client, server, port ?? null]);
    let g = groups.get(id);
    if (!g) {
      g = {
        id, proto: f.proto, ports: new Set(), flows: 0, pkts: 0, bytes: 0, clientTx: 0, clientRx: 0, pps: 0, bps: 0, pairs: new Map(), pairsTruncated: false,
        client: { label: client, kind: sideKind(f.client, classifier), ips: new Set() },
        server: { label: server, kind: sideKind(f.server, classifier), ips: new Set() },
      };
      groups.set(id, g);
    }
    g.flows++;
    g.pkts += f.pkts;
    g.bytes += f.bytes;
    g.clientTx += f.clientTx;
    g.clientRx += f.clientRx;
    g.pps += f.pps;
    g.bps += f.bps;
    if (f.server.port !== undefined && g.ports.size < MAX_GROUP_PORTS) g.ports.add(f.server.port);
    if (f.client.ip && g.client.ips.size < MAX_GROUP_IPS) g.client.ips.add(f.client.ip);
    if (f.server.ip && g.server.ips.size < MAX_GROUP_IPS) g.server.ips.add(f.server.ip);
    const pairKey = `${f.client.ip} ${f.server.ip} ${f.server.port ?? ''} ${f.proto}`;
    if (!g.pairs.has(pairKey)) {
      if (g.pairs.size < MAX_GROUP_PAIRS) g.pairs.set(pairKey, { client: f.client.ip, server: f.server.ip, port: f.server.port, proto: f.proto });
      else g.pairsTruncated = true;
    }
  }
  return [...groups.values()]
    .map((g): FlowGroup => ({
      id: g.id, proto: g.proto, flows: g.flows, pkts: g.pkts, bytes: g.bytes, clientTx: g.clientTx, clientRx: g.clientRx, pps: g.pps, bps: g.bps,
      ports: [...g.ports].sort((a, b) => a - b), pairs: [...g.pairs.values()], pairsTruncated: g.pairsTruncated,
      client: { label: g.client.label, kind: g.client.kind, ips: [...g.client.ips] },
      server: { label: g.server.label, kind: g.server.kind, ips: [...g.server.ips] },
    }))
    .sort((a, b) => b.bytes - a.bytes || (a.client.label < b.client.label ? -1 : a.client.label > b.client.label ? 1 : 0));
}
