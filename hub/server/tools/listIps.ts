import { type ListIpsResult } from '../../../protocol/hubApi';
import { type IpFilter, queryIps } from '../../workloads/workloads';
import { defineTool, objectSchema } from './registry';
import { WORKLOAD_QUERY_SCHEMA } from './workloadSchema';

/** §5.10 */
export const listIps = defineTool<IpFilter & { snapshot_id?: string }>({
  name: 'list_ips',
  description: 'IPs with the workloads that held them (from workloads.json); with timestamp, the one holding each IP then.',
  inputSchema: objectSchema({ ...WORKLOAD_QUERY_SCHEMA, ip: { type: 'string', description: 'Exact IP (v4 or v6).' } }),
  handler({ snapshot_id, ...filter }, ctx): ListIpsResult {
    const ips = queryIps(ctx.workloads(snapshot_id).workloads, filter);
    return { ips, total: ips.length };
  },
});
