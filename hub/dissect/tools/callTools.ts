/** list_api_calls, get_api_call, get_api_call_details (hub-api.md §5.14–§5.16). */
import { type ConnStats, type GetApiCallDetailsResult, type GetApiCallResult, type ListApiCallsResult } from '../../../protocol/hubApi';
import { defineTool, objectSchema, type Tool } from '../../server/tools/registry';
import { showBody } from '../calls/bodies';
import { connectionPcap } from '../query/connPcap';
import { type CallFormat, type GroupBy, listCalls, type ShapedCall } from '../query/listCalls';
import { RowView } from '../query/rowView';
import { fullCall } from '../query/shapes';
import { EntryKind, RowFlag } from '../store/entryKind';
import { l4Row, rowOfId } from './callLookup';
import { DISSECTION, END_TIME, FORMAT, KFL, LIMIT, OFFSET, SNAPSHOT_ID, START_TIME } from './schemas';
import { type DissectionService } from './service';

/** Body bytes get_api_call returns (§5.15). */
const CALL_BODY_BYTES = 65536;

interface ListArgs {
  kfl?: string; snapshot_id?: string; dissection?: string; start_time?: number; end_time?: number; limit?: number;
  format?: CallFormat; group_by?: GroupBy; order?: 'asc' | 'desc'; cursor?: string; offset?: number;
}

interface DetailsArgs {
  id: string; node_id?: string; snapshot_id?: string; dissection?: string;
  include_payload?: boolean; include_l4?: boolean; include_pcap?: boolean; max_payload_size?: number;
}

const ID = { type: 'string', description: 'Call id from a list result.' } as const;
const NODE_ID = { type: 'string', description: "Node holding the call; checked against the id's node when given." } as const;

export function callTools(service: DissectionService): Tool[] {
  return [
    defineTool<ListArgs>({
      name: 'list_api_calls',
      description: 'Search dissected API calls with a KFL2 filter (a snapshot dissection, or the live database).',
      inputSchema: objectSchema({
        kfl: KFL, snapshot_id: SNAPSHOT_ID, dissection: DISSECTION, start_time: START_TIME, end_time: END_TIME, limit: LIMIT, format: FORMAT,
        group_by: { type: 'string', enum: ['node', 'ns', 'worker'], description: 'Adds counts over all matches.' },
        order: { type: 'string', enum: ['asc', 'desc'], description: 'By ts then id; default asc.' },
        cursor: { type: 'string', description: 'From the previous next_cursor.' },
        offset: OFFSET,
      }),
      async handler(a): Promise<ListApiCallsResult<ShapedCall>> {
        const { store } = await service.scoped(a);
        return listCalls(store, {
          kfl: a.kfl ?? '', startTime: a.start_time ?? undefined, endTime: a.end_time ?? undefined, limit: a.limit ?? 100,
          format: a.format ?? 'compact', groupBy: a.group_by ?? undefined, order: a.order ?? 'asc',
          cursor: a.cursor ?? undefined, offset: a.offset ?? undefined,
        });
      },
    }),
    defineTool<{ id: string; node_id?: string; snapshot_id?: string; dissection?: string }>({
      name: 'get_api_call',
      description: 'One call with headers, bodies (up to 64 KiB, content-decoded) and timing.',
      inputSchema: objectSchema({ id: ID, node_id: NODE_ID, snapshot_id: SNAPSHOT_ID, dissection: DISSECTION }, ['id']),
      async handler(a): Promise<GetApiCallResult> {
        const { store } = await service.scoped(a);
        const row = rowOfId(store, a.id, a.node_id ?? undefined);
        return { call: fullCall(new RowView(store), row, CALL_BODY_BYTES) };
      },
    }),
    defineTool<DetailsArgs>({
      name: 'get_api_call_details',
      description: "One call with its bodies, the L4 connection and flow it travelled on, and optionally a PCAP of that connection.",
      inputSchema: objectSchema({
        id: ID, node_id: NODE_ID, snapshot_id: SNAPSHOT_ID, dissection: DISSECTION,
        include_payload: { type: 'boolean', description: 'Default true.' },
        include_l4: { type: 'boolean', description: 'Default true.' },
        include_pcap: { type: 'boolean', description: "Default false: base64 classic pcap of the call's connection (≤ 12 MiB)." },
        max_payload_size: { type: 'integer', minimum: 0, maximum: 16 << 20, description: 'Bytes per body, default 65536.' },
      }, ['id']),
      async handler(a): Promise<GetApiCallDetailsResult> {
        const scoped = await service.scoped(a);
        const { store } = scoped;
        const view = new RowView(store);
        const row = rowOfId(store, a.id, a.node_id ?? undefined);
        const cap = a.max_payload_size ?? 65536;
        const entry = fullCall(view, row, cap);
        const result: GetApiCallDetailsResult = { entry, req_body: '', resp_body: '', truncated: false };
        if (a.include_payload !== false) {
          const details = store.details(row);
          const e = view.extras(row);
          if (details) {
            const req = showBody(details.reqBody, typeof e.req_body_encoding === 'string' ? e.req_body_encoding : '', cap, view.has(row, RowFlag.ReqBodyTruncated));
            const resp = showBody(details.respBody, typeof e.resp_body_encoding === 'string' ? e.resp_body_encoding : '', cap, view.has(row, RowFlag.RespBodyTruncated));
            result.req_body = req.text;
            result.resp_body = resp.text;
            result.truncated = req.truncated || resp.truncated;
          }
        } else {
          entry.req_body = '';
          entry.resp_body = '';
        }
        const c = store.columns;
        if (a.include_l4 !== false) {
          const conn = l4Row(store, EntryKind.Conn, c.connId[row]!);
          if (conn >= 0) result.l4_conn = { conn_id: c.connId[conn]!, ...connStats(view, conn) };
          const flow = l4Row(store, EntryKind.Flow, c.flowId[row]!);
          if (flow >= 0) {
            const stats = connStats(view, flow);
            const seconds = Math.max(1, (c.endUs[flow]! - c.tsUs[flow]!) / 1e6);
            const r2 = (x: number): number => Math.round(x * 100) / 100;
            result.l4_flow = {
              flow_id: c.flowId[flow]!, ...stats, local_pps: r2(stats.local_pkts / seconds), local_bps: r2(stats.local_bytes / seconds),
              remote_pps: r2(stats.remote_pkts / seconds), remote_bps: r2(stats.remote_bytes / seconds),
            };
          }
        }
        if (a.include_pcap === true) addPcap(result, view, row, scoped.nodeFiles);
        return result;
      },
    }),
  ];
}

function connStats(view: RowView, row: number): ConnStats {
  const e = view.extras(row);
  const n = (k: keyof typeof e): number => (typeof e[k] === 'number' ? (e[k] as number) : 0);
  return {
    state: typeof e.conn_state === 'string' ? e.conn_state : 'closed',
    local_pkts: n('local_pkts'), local_bytes: n('local_bytes'), remote_pkts: n('remote_pkts'), remote_bytes: n('remote_bytes'),
  };
}

function addPcap(result: GetApiCallDetailsResult, view: RowView, row: number, nodeFiles: { name: string; files: string[] }[]): void {
  const store = view.store;
  const c = store.columns;
  const conn = l4Row(store, EntryKind.Conn, c.connId[row]!);
  if (conn < 0) return;
  const e = view.extras(conn);
  const files = nodeFiles.find((n) => n.name === store.nodes[c.node[conn]!])?.files ?? [];
  const num = (k: keyof typeof e): number => (typeof e[k] === 'number' ? (e[k] as number) : 0);
  const pcap = connectionPcap({
    files, firstFile: num('span_first_file'), firstOffset: num('span_first_offset'), lastFile: num('span_last_file'), lastOffset: num('span_last_offset'),
    udp: view.isUdp(conn),
    a: { ip: store.str(c.srcIp[conn]!), port: c.srcPort[conn]! },
    b: { ip: store.str(c.dstIp[conn]!), port: c.dstPort[conn]! },
  });
  if (!pcap) return;
  result.pcap = pcap.pcap.toString('base64');
  if (pcap.truncated) result.pcap_truncated = true;
}
