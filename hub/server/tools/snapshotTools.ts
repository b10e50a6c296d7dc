import { type DeleteSnapshotResult, type ListSnapshotsResult, type Snapshot } from '../../../protocol/hubApi';
import { type SnapshotRecord } from '../../snapshots/snapshotRecord';
import { notFound } from '../errors';
import { defineTool, objectSchema } from './registry';
import { allSnapshots, ID_SCHEMA, locationOf, wireOf } from './snapshotView';
import { toWire } from '../../snapshots/snapshotRecord';

/** §5.5: local snapshots with their nodes; a cloud-only one is shown from its cloud record. */
export const getSnapshot = defineTool<{ id: string }>({
  name: 'get_snapshot',
  description: 'One snapshot with its nodes and status (in_progress, completed, failed).',
  inputSchema: objectSchema({ id: ID_SCHEMA }, ['id']),
  handler({ id }, ctx): Snapshot {
    const local = ctx.snapshots.get(id);
    if (local) return wireOf(ctx, local, true);
    const cloud = ctx.cloud.list().find((r: SnapshotRecord) => r.id === id);
    if (cloud) return toWire(cloud, locationOf(ctx, id), true);
    throw notFound(`snapshot '${id}' not found`);
  },
});

export const listSnapshots = defineTool<Record<string, never>>({
  name: 'list_snapshots',
  description: 'All snapshots, newest first; cloud-only ones have location "cloud".',
  inputSchema: objectSchema({}),
  handler(_args, ctx): ListSnapshotsResult {
    return { snapshots: allSnapshots(ctx, false) };
  },
});

export const deleteSnapshot = defineTool<{ id: string }>({
  name: 'delete_snapshot',
  description: 'Delete a local snapshot and every file of it (its dissections too). A copy in cloud storage stays.',
  inputSchema: objectSchema({ id: ID_SCHEMA }, ['id']),
  async handler({ id }, ctx): Promise<DeleteSnapshotResult> {
    const record = await ctx.snapshots.delete(id);
    if (!record) throw notFound(`snapshot '${id}' not found${ctx.cloud.has(id) ? ' locally (it is in cloud storage)' : ''}`);
    return { success: true, id, name: record.name };
  },
});
