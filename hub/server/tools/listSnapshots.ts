import { type ListSnapshotsResult } from '../../../protocol/hubApi';
import { defineTool, objectSchema } from './registry';
import { allSnapshots } from './snapshotView';

/** §5.4 */
export const listSnapshots = defineTool<Record<string, never>>({
  name: 'list_snapshots',
  description: 'All snapshots, newest first; cloud-only ones have location "cloud".',
  inputSchema: objectSchema({}),
  handler(_args, ctx): ListSnapshotsResult {
    return { snapshots: allSnapshots(ctx, false) };
  },
});
