/**
 * What the dissection tools work with: the snapshot dissections, the live database, and how a
 * tool's scope arguments (`snapshot_id`, `dissection`) pick a call store (hub-api.md §5.14).
 */
import path from 'node:path';
import { type HubContext } from '../../server/context';
import { notFound } from '../../server/errors';
import { type CallStore } from '../store/callStore';
import { DissectionManager, type SnapshotSource } from '../jobs/dissectionManager';
import { LiveDissection } from '../jobs/liveDissection';

export const DEFAULT_DISSECTION = 'default';

export interface ScopeArgs {
  snapshot_id?: string;
  dissection?: string;
}

export interface Scoped {
  store: CallStore;
  /** Files per node of the store (connection PCAP export). */
  nodeFiles: { name: string; files: string[] }[];
  scope: { snapshot_id?: string; dissection?: string };
}

export class DissectionService {
  readonly manager: DissectionManager;
  readonly live: LiveDissection;

  constructor(readonly ctx: HubContext, stateDir: string) {
    this.manager = new DissectionManager(stateDir, ctx.log, (id) => this.snapshotSource(id));
    this.live = new LiveDissection(stateDir, {
      current: () => {
        const nodes = ctx.captures.nodes();
        const workloads = ctx.workloads().workloads;
        const fingerprint = JSON.stringify([nodes.map((n) => [n.name, n.files.map((f) => [f.path, f.size, f.mtimeMs])]), workloads.length]);
        return { input: { nodes: nodes.map((n) => ({ name: n.name, files: n.files.map((f) => f.path) })), workloads }, fingerprint };
      },
    }, ctx.log);
    // Deleting a snapshot cancels and removes its dissections.
    ctx.snapshots.onDelete((id) => this.manager.deleteSnapshot(id));
  }

  /** The store a query runs on: a snapshot's dissection, or the live database. */
  async scoped(args: ScopeArgs): Promise<Scoped> {
    if (args.snapshot_id === undefined || args.snapshot_id === null) {
      if (args.dissection !== undefined && args.dissection !== null) throw notFound('a dissection name needs a snapshot_id');
      const store = await this.live.current();
      return { store, nodeFiles: this.live.nodeFiles, scope: {} };
    }
    const name = args.dissection ?? DEFAULT_DISSECTION;
    const store = this.manager.store(args.snapshot_id, name);
    return { store, nodeFiles: this.manager.nodeFiles(args.snapshot_id, name), scope: { snapshot_id: args.snapshot_id, dissection: name } };
  }

  private snapshotSource(id: string): SnapshotSource | undefined {
    const record = this.ctx.snapshots.get(id);
    if (!record) return undefined;
    return {
      completed: record.status === 'completed',
      input: () => {
        const folder = this.ctx.snapshots.folderOf(id);
        return {
          nodes: record.nodes.map((n) => ({ name: n.name, files: n.files.map((f) => path.join(folder, ...f.split('/'))) })),
          workloads: this.ctx.workloads(id).workloads,
        };
      },
    };
  }
}
