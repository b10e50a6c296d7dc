import { type ListIpsResult, type ListWorkloadsResult } from '../../../protocol/hubApi';
import { type IpFilter, queryIps, queryWorkloads, type WorkloadFilter } from '../../workloads/workloads';
import { defineTool, objectSchema } from './registry';

const COMMON = {
  snapshot_id: { type: 'string', description: 'Resolve against the snapshot\'s copy of workloads.json; omitted = live.' },
  namespaces: { type: 'array', items: { type: 'string' }, description: 'Only these namespaces.' },
  name_regex: { type: 'string', description: 'RE2 pattern on the workload name.' },
  labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels that must all match.' },
  timestamp: { type: 'integer', description: 'Resolve the IP mapping valid at this time (Unix ms).' },
} as const;

export const listWorkloads = defineTool<WorkloadFilter & { snapshot_id?: string }>({
  name: 'list_workloads',
  description: 'Pods and services with their labels and IPs over time (from workloads.json).',
  inputSchema: objectSchema({
    ...COMMON,
    name: { type: 'string', description: 'Exact workload name; requires namespace.' },
    namespace: { type: 'string', description: 'Namespace of name.' },
    type: { type: 'string', enum: ['pod', 'service'], description: 'Kind filter.' },
  }),
  handler({ snapshot_id, ...filter }, ctx): ListWorkloadsResult {
    const workloads = queryWorkloads(ctx.workloads(snapshot_id).workloads, filter);
    return { workloads, total: workloads.length };
  },
});

export const listIps = defineTool<IpFilter & { snapshot_id?: string }>({
  name: 'list_ips',
  description: 'IPs with the workloads that held them (from workloads.json); with timestamp, the one holding each IP then.',
  inputSchema: objectSchema({ ...COMMON, ip: { type: 'string', description: 'Exact IP (v4 or v6).' } }),
  handler({ snapshot_id, ...filter }, ctx): ListIpsResult {
    const ips = queryIps(ctx.workloads(snapshot_id).workloads, filter);
    return { ips, total: ips.length };
  },
});
