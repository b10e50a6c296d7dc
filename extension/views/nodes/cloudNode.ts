/** Where a snapshot lives in cloud storage, and the upload/download jobs of this session (§4.7). */
import * as vscode from 'vscode';
import { type SnapshotEntry } from '../../snapshots/snapshotsModel';
import { fieldsTooltip } from './markdown';
import { type ItemBuilder } from './treeNode';

export interface CloudNode {
  readonly kind: 'cloud';
  readonly key: string;
}

/** Whether a snapshot has anything to say about the cloud. */
export function hasCloudState(entry: SnapshotEntry): boolean {
  return entry.snapshot.location === 'cloud' || entry.snapshot.location === 'local+cloud' || entry.cloudJobs.length > 0;
}

export const cloudItem: ItemBuilder<CloudNode> = (node, context) => {
  const entry = context.model.entry(node.key);
  const item = new vscode.TreeItem('Cloud', vscode.TreeItemCollapsibleState.None);
  item.id = `snapshot:${node.key}/cloud`;
  if (!entry) return item;
  const job = entry.cloudJobs[entry.cloudJobs.length - 1];
  const location = entry.snapshot.location;
  let description = location === 'cloud' ? 'only in cloud storage' : location === 'local+cloud' ? 'stored in cloud storage' : 'not in cloud storage';
  let icon = 'cloud';
  if (job && job.status !== 'completed') {
    const verb = job.operation === 'download' ? 'download' : 'upload';
    description = job.status === 'failed' ? `${verb} failed${job.error ? `: ${job.error}` : ''}` : `${verb}ing…`;
    icon = job.status === 'failed' ? 'error' : verb === 'download' ? 'cloud-download' : 'cloud-upload';
  }
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(icon);
  item.tooltip = fieldsTooltip('Cloud storage', [
    ['Location', location],
    ...entry.cloudJobs.map((j): [string, string] => [`Job ${j.jobId}`, `${j.operation ?? ''} ${j.status}${j.error ? `: ${j.error}` : ''}`]),
  ]);
  item.contextValue = 'cloud';
  return item;
};
