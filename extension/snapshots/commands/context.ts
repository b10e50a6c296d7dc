/** What every snapshot command needs: the Hub, the model behind the views, and how to reveal a snapshot. */
import { type HubFeature } from '../../connection/register';
import { showHubError } from '../../ui/hubErrors';
import { type SnapshotsModel } from '../snapshotsModel';

export interface SnapshotCommandContext {
  readonly hub: HubFeature;
  readonly model: SnapshotsModel;
  /** Selects the snapshot in the Snapshots view (when the view is open). */
  reveal(key: string): Promise<void>;
}

/** A snapshot named by a tree node, its key, or a programmatic argument object with `snapshot`. */
export function snapshotKeyOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const record = arg as Record<string, unknown>;
  if (record.kind === 'snapshot' && typeof record.key === 'string') return record.key;
  return typeof record.snapshot === 'string' ? record.snapshot : undefined;
}

/**
 * Runs a command body, showing any error with its fix (and Retry). Programmatic callers get the
 * error thrown as well, so they can tell failure from success.
 */
export async function runReporting<T>(context: SnapshotCommandContext, title: string, programmatic: boolean, body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (e) {
    void showHubError(e, { title, local: context.hub.connection.isLocal, retry: programmatic ? undefined : () => runReporting(context, title, false, body) });
    if (programmatic) throw e;
    return undefined;
  }
}
