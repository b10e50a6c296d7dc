/**
 * What the flows, service map, compare and findings features share: the extension's context, the
 * Hub, the snapshots feature (pickers, dissections, PCAP export) and the call list opener, plus
 * how a command names its data (a snapshot whose dissection is complete, or live data).
 */
import * as vscode from 'vscode';
import { type ScopeInfo } from '../../protocol/webviewMessages';
import { type SnapshotInfo } from '../client/model';
import { type HubFeature } from '../connection/register';
import { type SnapshotsFeature } from '../snapshots/register';
import { scopeOf } from '../webviews/context';
import { type WebviewsFeature } from '../webviews/register';

export interface AnalysisContext {
  readonly extension: vscode.ExtensionContext;
  readonly hub: HubFeature;
  readonly snapshots: SnapshotsFeature;
  readonly webviews: WebviewsFeature;
  /** Opens the service map of a scope (the flows panel's "Service Map" button). */
  readonly openServiceMap: (scope: ScopeInfo) => Promise<void>;
}

export interface ResolvedScope {
  readonly scope: ScopeInfo;
  /** Undefined for live data. */
  readonly snapshot?: SnapshotInfo;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The snapshot a command argument names: a tree node, its key, or `{snapshotId}` / `{snapshot}`. */
export function snapshotArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (!isObject(arg)) return undefined;
  if (arg.kind === 'snapshot' && typeof arg.key === 'string') return arg.key;
  if (typeof arg.snapshotId === 'string') return arg.snapshotId;
  return typeof arg.snapshot === 'string' ? arg.snapshot : undefined;
}

export const isQueryable = (s: SnapshotInfo): boolean => s.status === 'completed' && s.location !== 'cloud';

/**
 * The snapshot `key` names, with its default dissection complete (found, or started and followed
 * with progress — §5.11); undefined when the person cancelled.
 */
export async function dissectedSnapshot(context: AnalysisContext, key: string): Promise<ResolvedScope | undefined> {
  const tools = await context.hub.connection.ensureConnected();
  const snapshot = await tools.getSnapshot(key);
  if (!isQueryable(snapshot)) throw new Error(`Snapshot '${snapshot.name}' is ${snapshot.location === 'cloud' ? 'only in cloud storage (download it first)' : snapshot.status}; only a completed local snapshot can be analysed`);
  if (!(await context.snapshots.ensureDissected(snapshot))) return undefined;
  return { scope: scopeOf(snapshot.key, 'default', snapshot.name), snapshot };
}

/** A snapshot picked from the list (completed, local). */
export async function pickDissected(context: AnalysisContext, title: string): Promise<ResolvedScope | undefined> {
  const snapshot = await context.snapshots.pickSnapshot({ title, accept: isQueryable, none: 'No completed local snapshot yet.' });
  return snapshot && dissectedSnapshot(context, snapshot.key);
}

/** The scope an argument names (`{live: true}` for live data), else asked: a snapshot or live data. */
export async function scopeFromArg(context: AnalysisContext, arg: unknown, title: string): Promise<ResolvedScope | undefined> {
  if (isObject(arg) && arg.live === true) return { scope: scopeOf(undefined, undefined, undefined) };
  const key = snapshotArg(arg);
  if (key) return dissectedSnapshot(context, key);
  await context.hub.connection.ensureConnected();
  const picked = await vscode.window.showQuickPick([
    { label: '$(database) A snapshot…', detail: "A snapshot's dissection (started if there is none yet)", live: false },
    { label: '$(pulse) Live traffic', detail: 'What the Hub sees now', live: true },
  ], { title, placeHolder: 'Which traffic?' });
  if (!picked) return undefined;
  return picked.live ? { scope: scopeOf(undefined, undefined, undefined) } : pickDissected(context, title);
}
