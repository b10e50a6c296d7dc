import { downloadSnapshotFromCloud, getCloudJobStatus, getCloudStorageStatus, uploadSnapshotToCloud } from './cloudTools';
import { createSnapshot } from './createSnapshot';
import { exportSnapshotPcap } from './exportSnapshotPcap';
import { getDataBoundaries } from './getDataBoundaries';
import { type Tool } from './registry';
import { deleteSnapshot, getSnapshot, listSnapshots } from './snapshotTools';
import { listIps, listWorkloads } from './workloadTools';

/** The raw-capture, snapshot, workload and cloud tools (issue 3), in descriptor order. */
export const coreTools: readonly Tool[] = [
  getDataBoundaries, createSnapshot, getSnapshot, listSnapshots, deleteSnapshot, exportSnapshotPcap,
  listWorkloads, listIps, getCloudStorageStatus, uploadSnapshotToCloud, downloadSnapshotFromCloud, getCloudJobStatus,
];
