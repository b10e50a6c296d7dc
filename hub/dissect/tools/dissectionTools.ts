/** start/get/list/stop snapshot dissection (hub-api.md §5.11–§5.13, §5.24). */
import { type Dissection, type ListDissectionsResult } from '../../../protocol/hubApi';
import { defineTool, objectSchema, type Tool } from '../../server/tools/registry';
import { DEFAULT_DISSECTION, type DissectionService } from './service';

const NAME = { type: 'string', description: 'Dissection name, default "default".' } as const;
const SNAPSHOT = { type: 'string', description: 'Snapshot id.' } as const;

export function dissectionTools(service: DissectionService): Tool[] {
  const { manager } = service;
  return [
    defineTool<{ snapshot_id: string; name?: string; restart?: boolean }>({
      name: 'start_snapshot_dissection',
      description: 'Dissect a completed snapshot into queryable API calls (a background job; poll get_snapshot_dissection_status).',
      inputSchema: objectSchema({
        snapshot_id: SNAPSHOT, name: NAME,
        restart: { type: 'boolean', description: 'Discard a completed dissection of that name and run again.' },
      }, ['snapshot_id']),
      handler: (a): Dissection => manager.start(a.snapshot_id, a.name ?? DEFAULT_DISSECTION, a.restart === true),
    }),
    defineTool<{ snapshot_id: string; name?: string }>({
      name: 'get_snapshot_dissection_status',
      description: 'Status, progress (0–100), stats and errors of a snapshot dissection.',
      inputSchema: objectSchema({ snapshot_id: SNAPSHOT, name: NAME }, ['snapshot_id']),
      handler: (a): Dissection => manager.status(a.snapshot_id, a.name ?? DEFAULT_DISSECTION),
    }),
    defineTool<{ snapshot_id?: string }>({
      name: 'list_snapshot_dissections',
      description: 'Dissections of one snapshot, or of all snapshots.',
      inputSchema: objectSchema({ snapshot_id: { type: 'string', description: 'Filter; omitted = all snapshots.' } }),
      handler: (a): ListDissectionsResult => ({ dissections: manager.list(a.snapshot_id ?? undefined) }),
    }),
    defineTool<{ snapshot_id: string; name?: string }>({
      name: 'stop_snapshot_dissection',
      description: 'Cancel a running snapshot dissection (status becomes "cancelled").',
      inputSchema: objectSchema({ snapshot_id: SNAPSHOT, name: NAME }, ['snapshot_id']),
      handler: (a): Promise<Dissection> => manager.stop(a.snapshot_id, a.name ?? DEFAULT_DISSECTION),
    }),
  ];
}
