/** get_api_stats, list_l4_flows, get_l4_flow_summary (hub-api.md §5.17–§5.19). */
import { type ApiStats, type L4FlowSummary, type ListL4FlowsResult } from '../../../protocol/hubApi';
import { defineTool, objectSchema, type Tool } from '../../server/tools/registry';
import { type FlowAggregate, flowSummary, listFlows } from '../query/flows';
import { apiStats } from '../query/stats';
import { DISSECTION, END_TIME, FORMAT, KFL, LIMIT, OFFSET, SNAPSHOT_ID, START_TIME } from './schemas';
import { type DissectionService } from './service';

interface StatsArgs {
  kfl?: string; snapshot_id?: string; dissection?: string; start_time?: number; end_time?: number;
  bucket_ms?: number; top?: number; normalize_paths?: boolean;
}

interface FlowArgs {
  snapshot_id?: string; dissection?: string; format?: 'compact' | 'full' | 'raw'; aggregate?: FlowAggregate; l4proto?: 'tcp' | 'udp';
  ip?: string; ns?: string; pod?: string; svc?: string; start_time?: number; end_time?: number; limit?: number; offset?: number;
}

export function statsTools(service: DissectionService): Tool[] {
  return [
    defineTool<StatsArgs>({
      name: 'get_api_stats',
      description: 'Aggregated statistics of matching calls: totals, error rate, latency percentiles, per protocol, top endpoints and talkers, time series.',
      inputSchema: objectSchema({
        kfl: KFL, snapshot_id: SNAPSHOT_ID, dissection: DISSECTION, start_time: START_TIME, end_time: END_TIME,
        bucket_ms: { type: 'integer', minimum: 1, description: 'Time-series bucket; default: the smallest of 1 s … 1 d giving ≤ 120 buckets.' },
        top: { type: 'integer', minimum: 1, maximum: 100, description: 'Length of the top lists, default 10.' },
        normalize_paths: { type: 'boolean', description: 'Default true: ids in paths become {id}.' },
      }),
      async handler(a): Promise<ApiStats> {
        const { store, scope } = await service.scoped(a);
        return apiStats(store, {
          kfl: a.kfl ?? '', startTime: a.start_time ?? undefined, endTime: a.end_time ?? undefined, bucketMs: a.bucket_ms ?? undefined,
          top: a.top ?? 10, normalizePaths: a.normalize_paths !== false, scope,
        });
      },
    }),
    defineTool<FlowArgs>({
      name: 'list_l4_flows',
      description: 'L4 flows (client, server, server port, protocol) with packet and byte counts, largest first.',
      inputSchema: objectSchema({
        snapshot_id: SNAPSHOT_ID, dissection: DISSECTION, format: FORMAT,
        aggregate: { type: 'string', enum: ['pod', 'namespace', 'node', 'service'], description: 'Merge flows whose sides share that key.' },
        l4proto: { type: 'string', enum: ['tcp', 'udp'] },
        ip: { type: 'string', description: 'Either side.' },
        ns: { type: 'string', description: "Either side's namespace." },
        pod: { type: 'string', description: "Either side's pod." },
        svc: { type: 'string', description: "Either side's service." },
        start_time: START_TIME, end_time: END_TIME, limit: LIMIT, offset: OFFSET,
      }),
      async handler(a): Promise<ListL4FlowsResult> {
        const { store } = await service.scoped(a);
        return listFlows(store, {
          format: a.format ?? 'compact', aggregate: a.aggregate ?? undefined, l4proto: a.l4proto ?? undefined, ip: a.ip ?? undefined,
          ns: a.ns ?? undefined, pod: a.pod ?? undefined, svc: a.svc ?? undefined, startTime: a.start_time ?? undefined,
          endTime: a.end_time ?? undefined, limit: a.limit ?? 100, offset: a.offset ?? 0,
        });
      },
    }),
    defineTool<{ snapshot_id?: string; dissection?: string }>({
      name: 'get_l4_flow_summary',
      description: 'Flow totals: counts, bytes, packets, top pairs, namespaces and cross-namespace traffic.',
      inputSchema: objectSchema({ snapshot_id: SNAPSHOT_ID, dissection: DISSECTION }),
      async handler(a): Promise<L4FlowSummary> {
        return flowSummary((await service.scoped(a)).store);
      },
    }),
  ];
}
