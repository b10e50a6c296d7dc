import { type CloudJob } from '../../../protocol/hubApi';
import { notFound } from '../errors';
import { defineTool, objectSchema } from './registry';

/** §5.23 */
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
