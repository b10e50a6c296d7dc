import { type Snapshot } from '../../../protocol/hubApi';
import { type SnapshotRecord, toWire } from '../../snapshots/snapshotRecord';
import { HubError, notFound } from '../errors';
import { type HubContext } from '../context';

export const ID_SCHEMA = { type: 'string', description: 'Snapshot id (UUID).' } as const;

export function locationOf(ctx: HubContext, id: string): string {
  const local = ctx.snapshots.get(id) !== undefined;
  const cloud = ctx.cloud.has(id);
  return local && cloud ? 'local+cloud' : local ? 'local' : 'cloud';
}

/** The local snapshot, or 404 NOT_FOUND. */
export function requireLocal(ctx: HubContext, id: string): SnapshotRecord {
  const record = ctx.snapshots.get(id);
  if (!record) throw notFound(ctx.cloud.has(id) ? `snapshot '${id}' is only in cloud storage; download it first` : `snapshot '${id}' not found`);
  return record;
}

/** Local snapshots plus cloud-only ones, newest first (§5.4). */
export function allSnapshots(ctx: HubContext, withNodes: boolean): Snapshot[] {
  const local = ctx.snapshots.list();
  const ids = new Set(local.map((r) => r.id));
  const cloudOnly = ctx.cloud.list().filter((r) => !ids.has(r.id));
  return [...local, ...cloudOnly]
    .sort((a, b) => b.created_at - a.created_at)
    .map((r) => toWire(r, locationOf(ctx, r.id), withNodes));
}

export function wireOf(ctx: HubContext, record: SnapshotRecord, withNodes: boolean): Snapshot {
  return toWire(record, locationOf(ctx, record.id), withNodes);
}

/** 409 CLOUD_DISABLED unless the Hub was started with a cloud folder. */
export function requireCloud(ctx: HubContext): void {
  if (!ctx.cloud.enabled) throw new HubError('CLOUD_DISABLED', 'cloud storage is not configured (start the Hub with --cloud-folder)');
}
