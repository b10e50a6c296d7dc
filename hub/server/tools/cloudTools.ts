import { type CloudJob, type CloudJobStarted, type CloudStorageStatus } from '../../../protocol/hubApi';
import { HubError, notFound } from '../errors';
import { type HubContext } from '../context';
import { defineTool, objectSchema } from './registry';
import { ID_SCHEMA } from './snapshotView';

function requireCloud(ctx: HubContext): void {
  if (!ctx.cloud.enabled) throw new HubError('CLOUD_DISABLED', 'cloud storage is not configured (start the Hub with --cloud-folder)');
}

export const getCloudStorageStatus = defineTool<Record<string, never>>({
  name: 'get_cloud_storage_status',
  description: 'Whether cloud storage for snapshots is configured and reachable.',
  inputSchema: objectSchema({}),
  handler(_args, ctx): CloudStorageStatus {
    return ctx.cloud.enabled ? { enabled: true, provider: 'local-folder', connected: ctx.cloud.connected() } : { enabled: false, connected: false };
  },
});

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

export const getCloudJobStatus = defineTool<{ job_id: string }>({
  name: 'get_cloud_job_status',
  description: 'Status of an upload or download job.',
  inputSchema: objectSchema({ job_id: { type: 'string', description: 'From upload_snapshot_to_cloud or download_snapshot_from_cloud.' } }, ['job_id']),
  handler({ job_id }, ctx): CloudJob {
    const job = ctx.cloud.job(job_id);
    if (!job) throw notFound(`cloud job '${job_id}' not found`);
    return job;
  },
});
