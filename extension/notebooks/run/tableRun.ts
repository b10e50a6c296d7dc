/**
 * `@flows`, `@workloads` and `@ips` cells: list_l4_flows (§5.18), list_workloads (§5.9) and
 * list_ips (§5.10) as titled tables. Identities read as everywhere else: `ns/pod`, else `ns/svc`,
 * else the IP (with the server's port).
 */
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { arr, asObject, bool, type JsonObject, num, prop, str } from '../../client/json';
import { type TimeWindow } from '../../client/model';
import { plural } from '../../util/format';
import { LocalClock } from '../../webviews/calls/localClock';
import { type CellDirectives } from '../cell/directives';
import { payloadBase, type RunContext } from './runContext';
import { type ResolvedScope } from './scope';

type Table = NotebookOutput.Table;

const objects = (values: readonly unknown[] | undefined): JsonObject[] => (values ?? []).map(asObject).filter((o): o is JsonObject => o !== undefined);

/** Only the options a person gave (a Hub that does not declare one rejects it by name). */
function given(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out;
}

function peerLabel(peer: JsonObject | undefined, withPort: boolean): string {
  const ns = str(peer, 'ns') ?? str(peer, 'namespace');
  const name = str(peer, 'pod') || str(peer, 'svc') || str(peer, 'service');
  const port = num(peer, 'port');
  const ip = str(peer, 'ip') ?? '';
  const host = name ? (ns ? `${ns}/${name}` : name) : ip;
  if (!withPort || port === undefined) return host;
  return !name && ip.includes(':') ? `[${ip}]:${port}` : `${host}:${port}`;
}

export async function runFlows(context: RunContext, directives: CellDirectives, scope: ResolvedScope, window?: TimeWindow): Promise<Table> {
  const f = directives.flows;
  const { result } = await context.tools.client.call('list_l4_flows', {
    scope: scope.scope.snapshotId, dissection: scope.dissection, start: window?.start, end: window?.end, limit: directives.limit,
  }, given({ aggregate: f.aggregate, l4proto: f.l4proto, ip: f.ip, ns: f.ns, pod: f.pod, svc: f.svc }), { signal: context.signal });
  const root = asObject(result);
  const flows = objects(Array.isArray(result) ? result : arr(root, 'flows'));
  const rows = flows.map((flow): NotebookOutput.Cell[] => {
    const client = asObject(prop(flow, 'client'));
    const server = asObject(prop(flow, 'server'));
    const clientStats = asObject(prop(flow, 'client_stats'));
    const totals = asObject(prop(flow, 'totals'));
    return [
      str(flow, 'proto') ?? '', peerLabel(client, false), peerLabel(server, true),
      num(totals, 'pkts') ?? null, num(totals, 'bytes') ?? null, num(clientStats, 'tx_bytes') ?? null, num(clientStats, 'rx_bytes') ?? null, num(totals, 'bps') ?? null,
    ];
  });
  return {
    ...payloadBase(context, scope.label), kind: 'table', title: 'L4 flows',
    columns: [
      { id: 'proto', label: 'Protocol', type: 'text' }, { id: 'client', label: 'Client', type: 'text' }, { id: 'server', label: 'Server', type: 'text' },
      { id: 'pkts', label: 'Packets', type: 'count' }, { id: 'bytes', label: 'Bytes', type: 'bytes' }, { id: 'sent', label: 'Client sent', type: 'bytes' },
      { id: 'received', label: 'Client received', type: 'bytes' }, { id: 'bps', label: 'Bytes/s', type: 'rate' },
    ],
    rows, total: num(root, 'total'), note: bool(root, 'truncated') ? 'More flows match than this page holds (largest first); narrow the directive or raise @limit.' : undefined,
  };
}

export async function runWorkloads(context: RunContext, directives: CellDirectives, scope: ResolvedScope): Promise<Table> {
  const w = directives.workloads;
  const workloads = await context.tools.listWorkloads(scope.scope.snapshotId, given({ name_regex: w.nameRegex, namespaces: w.namespaces, type: w.kind }), { signal: context.signal });
  const clock = new LocalClock(context.zone, context.now());
  const since = (ts: number | undefined): string => (ts === undefined ? '' : ` since ${clock.full(ts)}`);
  return {
    ...payloadBase(context, scope.label), kind: 'table', title: 'Workloads',
    columns: [{ id: 'namespace', label: 'Namespace', type: 'text' }, { id: 'name', label: 'Name', type: 'text' }, { id: 'kind', label: 'Kind', type: 'text' }, { id: 'ips', label: 'IPs', type: 'text' }],
    rows: workloads.map((x) => [x.namespace, x.name, x.kind, x.ips.map((ip) => `${ip.ip}${since(ip.timestamp)}`).join('; ')]),
  };
}

export async function runIps(context: RunContext, directives: CellDirectives, scope: ResolvedScope): Promise<Table> {
  const i = directives.ips;
  const ips = await context.tools.listIps(scope.scope.snapshotId, given({ ip: i.ip, namespaces: i.namespaces }), { signal: context.signal });
  const clock = new LocalClock(context.zone, context.now());
  return {
    ...payloadBase(context, scope.label), kind: 'table', title: 'IPs',
    columns: [{ id: 'ip', label: 'IP', type: 'text' }, { id: 'workload', label: 'Workload', type: 'text' }, { id: 'kind', label: 'Kind', type: 'text' }, { id: 'since', label: 'Since', type: 'text' }],
    rows: ips.flatMap((entry) => (entry.records.length === 0 ? [[entry.ip, '', '', '']] : entry.records.map((r): NotebookOutput.Cell[] => [
      entry.ip, r.namespace ? `${r.namespace}/${r.name}` : r.name, r.kind ?? '', r.timestamp === undefined ? '' : clock.full(r.timestamp),
    ]))),
  };
}

/** `12 flows`, `3 workloads`. */
export function tableSummary(payload: Table, noun: string): string {
  return plural(payload.total ?? payload.rows.length, noun);
}
