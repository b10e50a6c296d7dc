import { type CloudJobStarted } from '../../../protocol/hubApi';
import { HubError, notFound } from '../errors';
import { defineTool, objectSchema } from './registry';
import { ID_SCHEMA, requireCloud } from './snapshotView';

/** §5.22: the copy lands under a temporary name; the store adopts it once renamed into place. */
export const downloadSnapshotFromCloud = defineTool<{ id: string }>({
  name: 'download_snapshot_from_cloud',
  description: 'Copy a snapshot from cloud storage to this Hub (asynchronous; poll get_cloud_job_status).',
  inputSchema: objectSchema({ id: ID_SCHEMA }, ['id']),
  handler({ id }, ctx): CloudJobStarted {
    requireCloud(ctx);
    if (!ctx.cloud.has(id)) throw notFound(`snapshot '${id}' is not in cloud storage`);
    if (ctx.snapshots.get(id)) throw new HubError('ALREADY_EXISTS', `snapshot '${id}' already exists locally`);
    const job = ctx.cloud.download(id, ctx.snapshots.folderOf(id), () => void ctx.snapshots.adopt(id));
    return { success: true, job_id: job.job_id };
  },
});
