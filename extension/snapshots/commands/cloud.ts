/** Upload to Cloud / Download from Cloud (hub-api.md §5.20–§5.23): start the job, follow it in the tree. */
import * as vscode from 'vscode';
import { type SnapshotInfo } from '../../client/model';
import { pickSnapshot } from '../pickers';
import { runReporting, type SnapshotCommandContext, snapshotKeyOf } from './context';

export function cloudTransferCommand(context: SnapshotCommandContext, direction: 'upload' | 'download', arg?: unknown): Promise<string | undefined> {
  const title = direction === 'upload' ? 'Upload to Cloud' : 'Download from Cloud';
  return runReporting(context, title, typeof arg === 'string', async () => {
    const tools = await context.hub.connection.ensureConnected();
    await tools.client.tool(direction === 'upload' ? 'upload_snapshot_to_cloud' : 'download_snapshot_from_cloud');
    if (tools.offers('get_cloud_storage_status')) {
      const cloud = await tools.cloudStatus();
      if (!cloud.enabled) {
        const hint = context.hub.connection.isLocal ? ' (for the local Hub: setting kubeshark.hub.localCloudFolder)' : '';
        void vscode.window.showWarningMessage(`Cloud storage is off on this Hub${hint}.`);
        return undefined;
      }
    }
    const accept = direction === 'upload'
      ? (s: SnapshotInfo): boolean => s.status === 'completed' && s.location === 'local'
      : (s: SnapshotInfo): boolean => s.location === 'cloud';
    const key = snapshotKeyOf(arg) ?? (await pickSnapshot(context.hub, context.model, {
      title, accept, none: direction === 'upload' ? 'No completed local snapshot to upload.' : 'No snapshot is only in cloud storage.',
    }))?.key;
    if (!key) return undefined;
    const jobId = await tools.startCloudTransfer(direction, key);
    context.model.trackCloudJob(key, { jobId, snapshotId: key, operation: direction, status: 'in_progress' });
    void context.reveal(key);
    return jobId;
  });
}
