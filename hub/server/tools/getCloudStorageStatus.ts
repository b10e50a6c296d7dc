import { type CloudStorageStatus } from '../../../protocol/hubApi';
import { defineTool, objectSchema } from './registry';

/** §5.20 */
export const getCloudStorageStatus = defineTool<Record<string, never>>({
  name: 'get_cloud_storage_status',
  description: 'Whether cloud storage for snapshots is configured and reachable.',
  inputSchema: objectSchema({}),
  handler(_args, ctx): CloudStorageStatus {
    return ctx.cloud.enabled ? { enabled: true, provider: 'local-folder', connected: ctx.cloud.connected() } : { enabled: false, connected: false };
  },
});
