/**
 * Where a cell's query goes: live data, or a snapshot named by id or name whose dissection is
 * complete. The client rule of hub-api.md §5.11 holds here too: a dissection never starts by
 * itself. A cell finds the snapshot's dissection; one that runs is followed (with its progress in
 * the cell); when there is none, or it failed, the cell says so and offers to start one.
 */
import { type ScopeInfo } from '../../../protocol/webviewMessages';
import { isHubError } from '../../client/errors';
import { dissectionCompleted, type DissectionInfo, type SnapshotInfo } from '../../client/model';
import { realDelay } from '../../client/retry';
import { DISSECTION_BACKOFF } from '../../util/poller';
import { type SourceRequest } from '../format/binding';
import { failure, type Failure } from './failures';
import { fix } from './fixes';
import { payloadBase, type RunContext } from './runContext';

export interface ResolvedScope {
  readonly scope: ScopeInfo;
  /** The snapshot, for snapshot scopes (its window clips exports). */
  readonly snapshot?: SnapshotInfo;
  readonly dissection?: string;
  /** `snapshot 'checkout-outage'` or `live traffic`. */
  readonly label: string;
}

export const LIVE_SCOPE: ResolvedScope = { scope: { label: 'Live traffic' }, label: 'live traffic' };

/** The snapshot `ref` names: its id, else the one snapshot with that name. */
async function findSnapshot(context: RunContext, ref: string): Promise<SnapshotInfo | SnapshotInfo[] | undefined> {
  const options = { signal: context.signal };
  try {
    return await context.tools.getSnapshot(ref, options);
  } catch (e) {
    if (!isHubError(e, 'not_found') && !isHubError(e, 'invalid_arguments')) throw e;
  }
  const named = (await context.tools.listSnapshots(options)).filter((s) => s.name === ref);
  if (named.length > 1) return named;
  return named.length === 1 ? context.tools.getSnapshot(named[0]!.key, options) : undefined;
}

/** The scope of `request`, or why there is none. `dissected`: the cell reads dissected calls or flows. */
export async function resolveScope(context: RunContext, request: Exclude<SourceRequest, { kind: 'unbound' }>, dissected: boolean): Promise<ResolvedScope | Failure> {
  if (request.kind === 'live') return LIVE_SCOPE;
  const label = `snapshot '${request.label ?? request.ref}'`;
  const found = await findSnapshot(context, request.ref);
  if (found === undefined) {
    return failure(context, label, 'Snapshot not found', `This Hub has no snapshot with the id or name '${request.ref}'.`, request.fromDirective ? [] : [fix.selectSource(context.notebookUri)]);
  }
  if (Array.isArray(found)) {
    return failure(context, label, 'Ambiguous snapshot name', `${found.length} snapshots are named '${request.ref}' (ids ${found.map((s) => s.key).join(', ')}); name one by its id.`);
  }
  const snapshot = found;
  const named = `snapshot '${snapshot.name}'${request.dissection === 'default' ? '' : ` (${request.dissection})`}`;
  if (snapshot.status !== 'completed' || snapshot.location === 'cloud') {
    const why = snapshot.location === 'cloud' ? 'is only in cloud storage; download it first' : `is ${snapshot.status}; it can be queried once completed`;
    return failure(context, named, 'Snapshot not ready', `Snapshot '${snapshot.name}' ${why}.`);
  }
  const resolved: ResolvedScope = { scope: { snapshotId: snapshot.key, dissection: request.dissection, label: snapshot.name }, snapshot, dissection: request.dissection, label: named };
  if (!dissected) return resolved;
  const ready = await followDissection(context, snapshot, request.dissection, named);
  return ready === true ? resolved : ready;
}

async function dissectionOf(context: RunContext, key: string, name: string): Promise<DissectionInfo | undefined | 'unknown'> {
  const { tools } = context;
  if (tools.offers('get_snapshot_dissection_status')) return tools.dissectionStatus(key, name, { signal: context.signal });
  if (tools.offers('list_snapshot_dissections')) return (await tools.listDissections(key, { signal: context.signal })).find((d) => d.name === name);
  // A Hub that can tell neither: query, and let the Hub's answer speak.
  return 'unknown';
}

async function followDissection(context: RunContext, snapshot: SnapshotInfo, name: string, label: string): Promise<true | Failure> {
  const start = fix.startDissection(context.cellUri, snapshot.key, name);
  const delay = context.delay ?? realDelay;
  let current = await dissectionOf(context, snapshot.key, name);
  for (let interval = DISSECTION_BACKOFF.initialMs; ; interval = Math.min(DISSECTION_BACKOFF.maxMs, interval * DISSECTION_BACKOFF.factor)) {
    if (current === 'unknown') return true;
    if (current === undefined) {
      return failure(context, label, 'Not dissected yet', `Snapshot '${snapshot.name}' has no dissection '${name}' yet. Dissection turns its packets into API calls; it never starts by itself.`, [start]);
    }
    if (dissectionCompleted(current)) return true;
    if (current.status === 'failed' || current.status === 'cancelled') {
      const errors = current.errors.length > 0 ? `: ${current.errors.join('; ')}` : '';
      return failure(context, label, 'Dissection ' + current.status, `The dissection '${name}' of snapshot '${snapshot.name}' ${current.status}${errors}.`, [start]);
    }
    context.onProgress?.({ ...payloadBase(context, label), kind: 'progress', message: `Dissecting snapshot '${snapshot.name}': ${current.status}`, percent: current.progress });
    await delay(interval, context.signal);
    current = await dissectionOf(context, snapshot.key, name);
  }
}
