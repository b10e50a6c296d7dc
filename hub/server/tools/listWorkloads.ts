import { type ListWorkloadsResult } from '../../../protocol/hubApi';
import { queryWorkloads, type WorkloadFilter } from '../../workloads/workloads';
import { defineTool, objectSchema } from './registry';
import { WORKLOAD_QUERY_SCHEMA } from './workloadSchema';

/** §5.9 */
export const listWorkloads = defineTool<WorkloadFilter & { snapshot_id?: string }>({
  name: 'list_workloads',
  description: 'Pods and services with their labels and IPs over time (from workloads.json).',
  inputSchema: objectSchema({
    ...WORKLOAD_QUERY_SCHEMA,
    name: { type: 'string', description: 'Exact workload name; requires namespace.' },
    namespace: { type: 'string', description: 'Namespace of name.' },
    type: { type: 'string', enum: ['pod', 'service'], description: 'Kind filter.' },
  }),
  handler({ snapshot_id, ...filter }, ctx): ListWorkloadsResult {
    const workloads = queryWorkloads(ctx.workloads(snapshot_id).workloads, filter);
    return { workloads, total: workloads.length };
  },
});
