import { type DeleteSnapshotResult } from '../../../protocol/hubApi';
import { notFound } from '../errors';
import { defineTool, objectSchema } from './registry';
import { ID_SCHEMA } from './snapshotView';

/** §5.7: the copy job is cancelled, delete hooks run (dissections), then every file goes. */
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
