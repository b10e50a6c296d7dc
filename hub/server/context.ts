import path from 'node:path';
import { type CaptureIndex } from '../captures/captureIndex';
import { type CloudStore } from '../cloud/cloudStore';
import { type SnapshotStore } from '../snapshots/snapshotStore';
import { loadWorkloads, type LoadedWorkloads, WORKLOADS_FILE } from '../workloads/workloads';
import { notFound } from './errors';
import { type Logger } from './log';

/** What tools work with: the live captures, the snapshot store, the cloud, the log. */
export interface HubContext {
  readonly version: string;
  readonly captures: CaptureIndex;
  readonly snapshots: SnapshotStore;
  readonly cloud: CloudStore;
  readonly log: Logger;
  /** workloads.json of the live folder, or of a snapshot when `snapshotId` is given. */
  workloads(snapshotId?: string): LoadedWorkloads;
}

export function createContext(version: string, captures: CaptureIndex, snapshots: SnapshotStore, cloud: CloudStore, log: Logger): HubContext {
  return {
    version, captures, snapshots, cloud, log,
    workloads(snapshotId) {
      if (snapshotId !== undefined && !snapshots.get(snapshotId)) throw notFound(`snapshot '${snapshotId}' not found`);
      const folder = snapshotId === undefined ? captures.root : snapshots.folderOf(snapshotId);
      const loaded = loadWorkloads(path.join(folder, WORKLOADS_FILE));
      // The answer's shape has no room for them, so problems with the file go to the log.
      if (loaded.problems.length) log.warn('workloads-problems', { snapshot: snapshotId ?? null, problems: loaded.problems });
      return loaded;
    },
  };
}
