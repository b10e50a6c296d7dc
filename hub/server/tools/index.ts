import { createSnapshot } from './createSnapshot';
import { deleteSnapshot } from './deleteSnapshot';
import { downloadSnapshotFromCloud } from './downloadSnapshotFromCloud';
import { exportSnapshotPcap } from './exportSnapshotPcap';
import { getCloudJobStatus } from './getCloudJobStatus';
import { getCloudStorageStatus } from './getCloudStorageStatus';
import { getDataBoundaries } from './getDataBoundaries';
import { getSnapshot } from './getSnapshot';
import { listIps } from './listIps';
import { listSnapshots } from './listSnapshots';
import { listWorkloads } from './listWorkloads';
import { type Tool } from './registry';
import { uploadSnapshotToCloud } from './uploadSnapshotToCloud';

/** The raw-capture, snapshot, workload and cloud tools (issue 3), in descriptor order. */
export const coreTools: readonly Tool[] = [
  getDataBoundaries, createSnapshot, getSnapshot, listSnapshots, deleteSnapshot, exportSnapshotPcap,
  listWorkloads, listIps, getCloudStorageStatus, uploadSnapshotToCloud, downloadSnapshotFromCloud, getCloudJobStatus,
];
