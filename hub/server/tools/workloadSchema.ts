import { type JsonSchema } from '../../../protocol/hubApi';

/** Arguments list_workloads and list_ips share (§5.9, §5.10). */
export const WORKLOAD_QUERY_SCHEMA: Record<string, JsonSchema> = {
  snapshot_id: { type: 'string', description: 'Resolve against the snapshot\'s copy of workloads.json; omitted = live.' },
  namespaces: { type: 'array', items: { type: 'string' }, description: 'Only these namespaces.' },
  name_regex: { type: 'string', description: 'RE2 pattern on the workload name.' },
  labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels that must all match.' },
  timestamp: { type: 'integer', description: 'Resolve the IP mapping valid at this time (Unix ms).' },
};
