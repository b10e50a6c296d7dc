/** Flow groups and get_l4_flow_summary as the flows webview shows them (protocol Flows). */
import { type Flows } from '../../protocol/webviewMessages';
import { asObject, type JsonObject, num, prop, str } from '../client/json';
import { type FlowGroup, type GroupSide } from '../analysis/flows';

const MAX_TITLE_IPS = 20;

function sideTitle(side: GroupSide): string {
  const shown = side.ips.slice(0, MAX_TITLE_IPS).join(', ');
  const more = side.ips.length > MAX_TITLE_IPS ? ` and ${side.ips.length - MAX_TITLE_IPS} more` : '';
  return `${side.label}\n${side.kind === 'external' ? 'external address' : side.kind === 'internal' ? 'internal address, no workload known' : 'workload'}\n${shown}${more}`;
}

export function flowRow(group: FlowGroup, index: number): Flows.Row {
  return {
    id: String(index), proto: group.proto,
    client: group.client.label, clientKind: group.client.kind, clientTitle: sideTitle(group.client),
    server: group.server.label, serverKind: group.server.kind, serverTitle: sideTitle(group.server),
    ports: group.ports.length > 8 ? `${group.ports.slice(0, 8).join(', ')} …` : group.ports.join(', '),
    flows: group.flows, pkts: group.pkts, bytes: group.bytes, sent: group.clientTx, received: group.clientRx, bps: group.bps, pps: group.pps,
  };
}

/** get_l4_flow_summary (§5.19), leniently. */
export function flowSummary(result: unknown): Flows.Summary {
  const root = asObject(result);
  const count = (key: string): number | undefined => num(root, key);
  const cross = prop(root, 'cross_namespace');
  return {
    totalFlows: count('total_flows'), tcpFlows: count('tcp_flows'), udpFlows: count('udp_flows'), totalBytes: count('total_bytes'), totalPkts: count('total_pkts'),
    uniqueClients: count('unique_clients'), uniqueServers: count('unique_servers'),
    crossNamespace: (Array.isArray(cross) ? cross : []).slice(0, 50).map(asObject).filter((o): o is JsonObject => o !== undefined).map((o) => ({
      src: str(o, 'src_ns') ?? '', dst: str(o, 'dst_ns') ?? '', flows: num(o, 'flows') ?? 0, bytes: num(o, 'bytes') ?? 0,
    })),
  };
}
