import { type CloudJobStarted } from '../../../protocol/hubApi';
import { HubError, notFound } from '../errors';
import { defineTool, objectSchema } from './registry';
import { ID_SCHEMA, requireCloud } from './snapshotView';

/** §5.21 */
export const uploadSnapshotToCloud = defineTool<{ id: string }>({
  name: 'upload_snapshot_to_cloud',
  description: 'Copy a completed local snapshot to cloud storage (asynchronous; poll get_cloud_job_status).',
  inputSchema: objectSchema({ id: ID_SCHEMA }, ['id']),
  handler({ id }, ctx): CloudJobStarted {
    requireCloud(ctx);
    const record = ctx.snapshots.get(id);
    if (!record) throw notFound(`snapshot '${id}' not found`);
    if (record.status !== 'completed') throw new HubError('SNAPSHOT_NOT_READY', `snapshot '${id}' is ${record.status}; only a completed snapshot can be uploaded`);
    return { success: true, job_id: ctx.cloud.upload(id, ctx.snapshots.folderOf(id)).job_id };
  },
});
