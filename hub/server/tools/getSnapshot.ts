import { type Snapshot } from '../../../protocol/hubApi';
import { toWire } from '../../snapshots/snapshotRecord';
import { notFound } from '../errors';
import { defineTool, objectSchema } from './registry';
import { ID_SCHEMA, locationOf, wireOf } from './snapshotView';

/** §5.5: a local snapshot with its nodes; a cloud-only one is shown from its cloud record. */
export const getSnapshot = defineTool<{ id: string }>({
  name: 'get_snapshot',
  description: 'One snapshot with its nodes and status (in_progress, completed, failed).',
  inputSchema: objectSchema({ id: ID_SCHEMA }, ['id']),
  handler({ id }, ctx): Snapshot {
    const local = ctx.snapshots.get(id);
    if (local) return wireOf(ctx, local, true);
    const cloud = ctx.cloud.list().find((r) => r.id === id);
    if (cloud) return toWire(cloud, locationOf(ctx, id), true);
    throw notFound(`snapshot '${id}' not found`);
  },
});
