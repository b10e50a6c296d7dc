/**
 * What the Snapshots view shows, apart from how it shows it (the tree/model split): the snapshot
 * list, each snapshot's details, dissections and cloud jobs, loaded on demand and kept current by
 * polling the objects still changing (hub-api.md §6) while the view is visible. One request at a
 * time per object: concurrent loads of the same thing share one request.
 */
import { type HubError } from '../client/errors';
import {
  CLOUD_JOB_TERMINAL, type CloudJobInfo, DISSECTION_TERMINAL, dissectionCompleted, type DissectionInfo, SNAPSHOT_TERMINAL, type SnapshotInfo,
} from '../client/model';
import { type HubTools } from '../client/tools';
import { Emitter } from '../util/emitter';
import {
  CLOUD_JOB_BACKOFF, DISSECTION_BACKOFF, type PollTask, Poller, SNAPSHOT_BACKOFF, UNKNOWN_STATUS_DEADLINE_MS,
} from '../util/poller';
import { realTimers, type Timers } from '../util/timers';

export type Loadable<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly value: T }
  | { readonly state: 'error'; readonly error: Error };

export interface SnapshotEntry {
  /** The latest known state (from the list or a poll). */
  readonly snapshot: SnapshotInfo;
  /** get_snapshot, with nodes; loaded when the snapshot is expanded. */
  readonly details?: Loadable<SnapshotInfo>;
  readonly dissections?: Loadable<readonly DissectionInfo[]>;
  readonly cloudJobs: readonly CloudJobInfo[];
  /** Set when polling stopped without reaching a known final status. */
  readonly pollNote?: string;
}

export type ModelChange = { readonly kind: 'list' } | { readonly kind: 'snapshot'; readonly key: string };

const KNOWN_SNAPSHOT_STATUSES = new Set(['in_progress', 'completed', 'failed']);
const KNOWN_DISSECTION_STATUSES = new Set(['pending', 'downloading', 'running', 'uploading', 'completed', 'failed', 'cancelled']);

export class SnapshotsModel {
  private readonly _onDidChange = new Emitter<ModelChange>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _poller: Poller;
  private readonly _entries = new Map<string, SnapshotEntry>();
  private readonly _inFlight = new Map<string, Promise<unknown>>();
  private _list?: Loadable<readonly string[]>;
  private _generation = 0;

  constructor(private readonly _tools: () => Promise<HubTools>, timers: Timers = realTimers) {
    this._poller = new Poller(timers);
  }

  /** The list as last loaded (keys in the Hub's order), or undefined before the first load. */
  get list(): Loadable<readonly SnapshotEntry[]> | undefined {
    const list = this._list;
    if (list?.state !== 'loaded') return list;
    return { state: 'loaded', value: list.value.map((k) => this._entries.get(k)).filter((e): e is SnapshotEntry => e !== undefined) };
  }

  entry(key: string): SnapshotEntry | undefined {
    return this._entries.get(key);
  }

  /** Keys of the objects being polled (`snapshot:…`, `dissection:…`, `cloud:…`). */
  get polling(): string[] {
    return this._poller.keys;
  }

  /** Loads the list (sharing a load in flight), and starts polling snapshots still in progress. */
  loadList(): Promise<void> {
    return this._once('list', async () => {
      const generation = this._generation;
      if (this._list === undefined) this._list = { state: 'loading' };
      try {
        const snapshots = await (await this._tools()).listSnapshots();
        if (generation !== this._generation) return;
        const keys = snapshots.map((s) => s.key);
        for (const key of [...this._entries.keys()]) if (!keys.includes(key)) this._forget(key);
        for (const snapshot of snapshots) this._setSnapshot(snapshot, false);
        this._list = { state: 'loaded', value: keys };
      } catch (e) {
        if (generation !== this._generation) return;
        this._list = { state: 'error', error: e as Error };
      }
      this._onDidChange.fire({ kind: 'list' });
    });
  }

  /** Loads a snapshot's details and dissections (the children of its tree node). */
  loadDetails(key: string): Promise<void> {
    return this._once(`details:${key}`, async () => {
      const tools = await this._tools();
      await Promise.all([this._fetchSnapshot(key, tools), this._fetchDissections(key, tools)]);
    }).catch(() => undefined);
  }

  /** Forgets everything and loads the list again (the Refresh command, a new connection). */
  async refresh(): Promise<void> {
    this.clear();
    await this.loadList();
  }

  /** Forgets everything (disconnected): the view shows its welcome content. */
  clear(): void {
    this._generation++;
    for (const key of [...this._entries.keys()]) this._forget(key);
    for (const key of this._poller.keys) this._poller.remove(key);
    this._inFlight.clear();
    this._list = undefined;
    this._onDidChange.fire({ kind: 'list' });
  }

  /** A snapshot this window created or changed: show it and poll it until it settles. */
  track(snapshot: SnapshotInfo): void {
    const isNew = !this._entries.has(snapshot.key);
    this._setSnapshot(snapshot, true);
    if (isNew && this._list?.state === 'loaded') this._list = { state: 'loaded', value: [snapshot.key, ...this._list.value] };
    this._onDidChange.fire(isNew ? { kind: 'list' } : { kind: 'snapshot', key: snapshot.key });
  }

  /** A dissection was started (or seen active): show it and poll it until it settles. */
  trackDissection(key: string, dissection: DissectionInfo): void {
    this._setDissection(key, dissection);
    this._onDidChange.fire({ kind: 'snapshot', key });
  }

  /** A cloud upload or download was started for a snapshot: poll its job. */
  trackCloudJob(key: string, job: CloudJobInfo): void {
    this._setCloudJob(key, job);
    this._onDidChange.fire({ kind: 'snapshot', key });
  }

  removed(key: string): void {
    this._forget(key);
    if (this._list?.state === 'loaded') this._list = { state: 'loaded', value: this._list.value.filter((k) => k !== key) };
    this._onDidChange.fire({ kind: 'list' });
  }

  /** Polling runs only while the view is visible (§6). */
  setVisible(visible: boolean): void {
    if (visible) this._poller.resume();
    else this._poller.pause();
  }

  dispose(): void {
    this._poller.dispose();
    this._onDidChange.dispose();
  }

  private _setSnapshot(snapshot: SnapshotInfo, withNodes: boolean): void {
    const previous = this._entries.get(snapshot.key);
    // A list item has no nodes; keep the details already loaded unless this answer has them.
    const details = withNodes ? { state: 'loaded' as const, value: snapshot } : previous?.details;
    this._entries.set(snapshot.key, { ...previous, cloudJobs: previous?.cloudJobs ?? [], snapshot, details, pollNote: undefined });
    if (!SNAPSHOT_TERMINAL.has(snapshot.status) && snapshot.location !== 'cloud') this._pollSnapshot(snapshot);
  }

  private _pollSnapshot(snapshot: SnapshotInfo): void {
    const key = snapshot.key;
    this._poll({
      key: `snapshot:${key}`,
      backoff: SNAPSHOT_BACKOFF,
      deadlineMs: KNOWN_SNAPSHOT_STATUSES.has(snapshot.status) ? undefined : UNKNOWN_STATUS_DEADLINE_MS,
      onGiveUp: () => this._note(key, `Status '${snapshot.status}' did not change for 10 minutes; no longer polling (Refresh to check again)`),
      poll: async () => {
        const latest = await this._fetchSnapshot(key, await this._tools());
        return latest === undefined || SNAPSHOT_TERMINAL.has(latest.status) ? 'done' : 'continue';
      },
    });
  }

  private async _fetchSnapshot(key: string, tools: HubTools): Promise<SnapshotInfo | undefined> {
    return this._once(`snapshot:${key}`, async () => {
      const generation = this._generation;
      try {
        const snapshot = await tools.getSnapshot(key);
        if (generation !== this._generation || !this._entries.has(key)) return undefined;
        this._setSnapshot(snapshot, true);
        this._onDidChange.fire({ kind: 'snapshot', key });
        return snapshot;
      } catch (e) {
        if (generation !== this._generation) return undefined;
        const entry = this._entries.get(key);
        if (entry) this._entries.set(key, { ...entry, details: { state: 'error', error: e as HubError } });
        this._onDidChange.fire({ kind: 'snapshot', key });
        throw e;
      }
    });
  }

  private async _fetchDissections(key: string, tools: HubTools): Promise<void> {
    const generation = this._generation;
    let dissections: DissectionInfo[];
    try {
      if (tools.offers('list_snapshot_dissections')) dissections = await tools.listDissections(key);
      else if (tools.offers('get_snapshot_dissection_status')) dissections = [await tools.dissectionStatus(key)].filter((d): d is DissectionInfo => d !== undefined);
      else return;
    } catch (e) {
      if (generation !== this._generation) return;
      const entry = this._entries.get(key);
      if (entry) this._entries.set(key, { ...entry, dissections: { state: 'error', error: e as Error } });
      this._onDidChange.fire({ kind: 'snapshot', key });
      return;
    }
    if (generation !== this._generation || !this._entries.has(key)) return;
    for (const d of dissections) this._setDissection(key, d);
    const entry = this._entries.get(key)!;
    if (dissections.length === 0) this._entries.set(key, { ...entry, dissections: { state: 'loaded', value: [] } });
    this._onDidChange.fire({ kind: 'snapshot', key });
  }

  private _setDissection(key: string, dissection: DissectionInfo): void {
    const entry = this._entries.get(key);
    if (!entry) return;
    const current = entry.dissections?.state === 'loaded' ? entry.dissections.value : [];
    const others = current.filter((d) => d.name !== dissection.name);
    this._entries.set(key, { ...entry, dissections: { state: 'loaded', value: [...others, dissection].sort((a, b) => a.name.localeCompare(b.name)) } });
    if (DISSECTION_TERMINAL.has(dissection.status) || dissectionCompleted(dissection)) return;
    this._poll({
      key: `dissection:${key}/${dissection.name}`,
      backoff: DISSECTION_BACKOFF,
      deadlineMs: KNOWN_DISSECTION_STATUSES.has(dissection.status) ? undefined : UNKNOWN_STATUS_DEADLINE_MS,
      onGiveUp: () => this._note(key, `Dissection status '${dissection.status}' did not change for 10 minutes; no longer polling`),
      poll: async () => {
        const latest = await this._once(`dissection:${key}/${dissection.name}`, async () => (await this._tools()).dissectionStatus(key, dissection.name));
        if (!this._entries.has(key)) return 'done';
        if (latest === undefined) return 'done';
        this._setDissection(key, latest);
        this._onDidChange.fire({ kind: 'snapshot', key });
        return DISSECTION_TERMINAL.has(latest.status) || dissectionCompleted(latest) ? 'done' : 'continue';
      },
    });
  }

  private _setCloudJob(key: string, job: CloudJobInfo): void {
    const entry = this._entries.get(key);
    if (!entry) return;
    this._entries.set(key, { ...entry, cloudJobs: [...entry.cloudJobs.filter((j) => j.jobId !== job.jobId), job] });
    if (CLOUD_JOB_TERMINAL.has(job.status)) return;
    this._poll({
      key: `cloud:${job.jobId}`,
      backoff: CLOUD_JOB_BACKOFF,
      poll: async () => {
        const latest = await this._once(`cloud:${job.jobId}`, async () => (await this._tools()).cloudJob(job.jobId));
        if (!this._entries.has(key)) return 'done';
        this._setCloudJob(key, latest);
        this._onDidChange.fire({ kind: 'snapshot', key });
        if (!CLOUD_JOB_TERMINAL.has(latest.status)) return 'continue';
        // Where the snapshot lives has changed (local+cloud, or a new local copy).
        void this.loadList();
        return 'done';
      },
    });
  }

  private _poll(task: PollTask): void {
    this._poller.add(task);
  }

  private _note(key: string, note: string): void {
    const entry = this._entries.get(key);
    if (!entry) return;
    this._entries.set(key, { ...entry, pollNote: note });
    this._onDidChange.fire({ kind: 'snapshot', key });
  }

  private _forget(key: string): void {
    this._entries.delete(key);
    for (const pollKey of this._poller.keys) {
      if (pollKey === `snapshot:${key}` || pollKey.startsWith(`dissection:${key}/`)) this._poller.remove(pollKey);
    }
  }

  /** Runs `work` unless the same work is in flight, in which case its promise is shared. */
  private _once<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this._inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const promise = work().finally(() => {
      if (this._inFlight.get(key) === promise) this._inFlight.delete(key);
    });
    this._inFlight.set(key, promise);
    return promise;
  }
}
