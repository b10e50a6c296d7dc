/**
 * Start Dissection and Open API Calls (hub-api.md §5.11–§5.15). A dissection never starts by
 * itself: before calls are listed the client looks for one, starts one if there is none, and
 * follows its progress. Until a call-list view registers itself, calls are shown in a quick pick.
 */
import * as vscode from 'vscode';
import { HubError } from '../../client/errors';
import { dissectionCompleted, type DissectionInfo, type SnapshotInfo } from '../../client/model';
import { type HubTools } from '../../client/tools';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { realDelay } from '../../client/retry';
import { abortSignalOf } from '../../ui/cancellation';
import { DISSECTION_BACKOFF } from '../../util/poller';
import { pickSnapshot } from '../pickers';
import { runReporting, type SnapshotCommandContext, snapshotKeyOf } from './context';

export const DEFAULT_DISSECTION = 'default';

/** What a call-list view receives when "Open API Calls" runs on a snapshot whose dissection is ready. */
export interface ApiCallsScope {
  readonly snapshot: SnapshotInfo;
  readonly dissection: string;
  /** The filter to start with, when the command was given one (`{snapshot, kfl}`). */
  readonly kfl?: string;
}

export type ApiCallsOpener = (scope: ApiCallsScope) => Promise<void>;

const isDissectable = (s: SnapshotInfo): boolean => s.status === 'completed' && s.location !== 'cloud';

async function snapshotFor(context: SnapshotCommandContext, tools: HubTools, arg: unknown, title: string): Promise<SnapshotInfo | undefined> {
  const key = snapshotKeyOf(arg);
  const snapshot = key ? await tools.getSnapshot(key) : await pickSnapshot(context.hub, context.model, { title, accept: isDissectable, none: 'No completed local snapshot yet.' });
  if (snapshot && !isDissectable(snapshot)) throw new Error(`Snapshot '${snapshot.name}' is ${snapshot.location === 'cloud' ? 'only in cloud storage' : snapshot.status}; only a completed local snapshot can be dissected`);
  return snapshot;
}

export function startDissectionCommand(context: SnapshotCommandContext, arg?: unknown): Promise<DissectionInfo | undefined> {
  return runReporting(context, 'Start Dissection', typeof arg === 'string', async () => {
    const tools = await context.hub.connection.ensureConnected();
    await tools.client.tool('start_snapshot_dissection');
    const snapshot = await snapshotFor(context, tools, arg, 'Start Dissection');
    if (!snapshot) return undefined;
    const dissection = await tools.startDissection(snapshot.key, DEFAULT_DISSECTION);
    if (dissection) context.model.trackDissection(snapshot.key, dissection);
    void context.reveal(snapshot.key);
    return dissection;
  });
}

export function openApiCallsCommand(context: SnapshotCommandContext, opener: () => ApiCallsOpener | undefined, arg?: unknown): Promise<void> {
  return runReporting(context, 'Open API Calls', typeof arg === 'string', async () => {
    const tools = await context.hub.connection.ensureConnected();
    await tools.client.tool('list_api_calls');
    const snapshot = await snapshotFor(context, tools, arg, 'Open API Calls');
    if (!snapshot) return;
    const ready = await ensureDissected(context, tools, snapshot);
    if (!ready) return;
    const open = opener();
    const kfl = typeof arg === 'object' && arg !== null && typeof (arg as { kfl?: unknown }).kfl === 'string' ? (arg as { kfl: string }).kfl : undefined;
    if (open) await open({ snapshot, dissection: DEFAULT_DISSECTION, kfl });
    else await quickPickCalls(context, tools, snapshot);
  });
}

/** Finds or starts the snapshot's dissection and follows it to completion with a cancellable progress. */
export async function ensureDissected(context: SnapshotCommandContext, tools: HubTools, snapshot: SnapshotInfo): Promise<boolean> {
  let dissection = tools.offers('get_snapshot_dissection_status') ? await tools.dissectionStatus(snapshot.key, DEFAULT_DISSECTION) : undefined;
  if (dissection && dissectionCompleted(dissection)) return true;
  if (!dissection || dissection.status === 'failed' || dissection.status === 'cancelled') {
    dissection = await tools.startDissection(snapshot.key, DEFAULT_DISSECTION);
  }
  if (!dissection) throw new HubError({ kind: 'bad_response', tool: 'start_snapshot_dissection', message: 'The Hub did not say whether the dissection started' });
  if (dissectionCompleted(dissection)) return true;
  context.model.trackDissection(snapshot.key, dissection);
  const first = dissection;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Dissecting '${snapshot.name}'`, cancellable: true },
    async (progress, token) => {
      const signal = abortSignalOf(token);
      let current: DissectionInfo | undefined = first;
      let shown = 0;
      // The person waits for this one, so it is polled here (§6 backoff) whether or not the view is open.
      for (let interval = DISSECTION_BACKOFF.initialMs; ; interval = Math.min(DISSECTION_BACKOFF.maxMs, interval * DISSECTION_BACKOFF.factor)) {
        const percent = current.progress ?? 0;
        if (percent > shown) progress.report({ increment: percent - shown, message: `${current.status} ${percent}%` });
        shown = Math.max(shown, percent);
        if (dissectionCompleted(current)) return true;
        if (current.status === 'failed' || current.status === 'cancelled') {
          throw new HubError({ kind: 'tool_error', message: `The dissection ${current.status}${current.errors.length ? `: ${current.errors.join('; ')}` : ''}` });
        }
        try {
          await realDelay(interval, signal);
        } catch {
          return false;
        }
        current = await tools.dissectionStatus(snapshot.key, DEFAULT_DISSECTION, { signal });
        if (!current) throw new HubError({ kind: 'not_found', message: 'The dissection disappeared from the Hub' });
        context.model.trackDissection(snapshot.key, current);
      }
    },
  );
}

async function quickPickCalls(context: SnapshotCommandContext, tools: HubTools, snapshot: SnapshotInfo): Promise<void> {
  const zone = context.hub.zone();
  const now = Date.now();
  const page = await tools.listApiCalls({ snapshot: snapshot.key, dissection: DEFAULT_DISSECTION, limit: 500 });
  const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const endpoint = (v: unknown): string => {
    const e = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    return text(e.pod) || text(e.ip);
  };
  const picked = await vscode.window.showQuickPick(page.calls.map((call) => ({
    label: `${text(call.method)} ${text(call.path)}`.trim() || text(call.id),
    description: [text(call.proto), text(call.status), call.latency_ms === undefined ? '' : `${text(call.latency_ms)} ms`].filter(Boolean).join(' · '),
    detail: `${typeof call.ts === 'number' ? formatLocalWithUtc(call.ts, zone, now) : ''} · ${endpoint(call.src)} → ${endpoint(call.dst)}`,
    call,
  })), {
    title: `API calls of '${snapshot.name}' (${page.calls.length}${page.total !== undefined && page.total > page.calls.length ? ` of ${page.total}` : ''})`,
    placeHolder: 'Filter by method, path, protocol or status; Enter opens the call',
    matchOnDescription: true, matchOnDetail: true,
  });
  if (!picked) return;
  const id = text(picked.call.id);
  const full = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Loading the call…', cancellable: true },
    (_p, token) => tools.getApiCall(id, { snapshot: snapshot.key, dissection: DEFAULT_DISSECTION }, { signal: abortSignalOf(token) }));
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(full ?? picked.call, null, 2)}\n` });
  await vscode.window.showTextDocument(document, { preview: true });
}
