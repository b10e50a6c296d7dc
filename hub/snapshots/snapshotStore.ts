import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type CaptureNode } from '../captures/captureIndex';
import { type Logger } from '../server/log';
import { writeFileAtomic } from '../util/atomicFile';
import { WORKLOADS_FILE } from '../workloads/workloads';
import { copyWindow } from './copyWindow';
import { isSnapshotId, parseRecord, SNAPSHOT_FILE, type SnapshotRecord } from './snapshotRecord';

/** Called before a snapshot's files are removed (the dissection part cancels and drops its work). */
export type DeleteHook = (snapshotId: string) => Promise<void> | void;

export interface NewSnapshot {
  name: string;
  startMs: number;
  endMs: number;
  nodes: CaptureNode[];
  /** workloads.json of the captures folder, copied into the snapshot when present. */
  workloadsFile: string;
  warnings: string[];
}

/**
 * Snapshots under `<state>/snapshots/<id>/`: `snapshot.json` (written atomically), the copied
 * packets under `nodes/`, and a copy of workloads.json. A snapshot is `in_progress` until its
 * copy job finishes; one found `in_progress` at start-up was cut off by a crash or a kill and is
 * marked `failed` ("interrupted"), so a half copy is never shown as completed.
 */
export class SnapshotStore {
  readonly dir: string;
  private readonly records = new Map<string, SnapshotRecord>();
  private readonly jobs = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private readonly deleteHooks: DeleteHook[] = [];

  constructor(stateDir: string, private readonly log: Logger) {
    this.dir = path.join(stateDir, 'snapshots');
    mkdirSync(this.dir, { recursive: true });
    this.load();
  }

  /** Registers work to undo when a snapshot is deleted (see hub/README.md). */
  onDelete(hook: DeleteHook): void {
    this.deleteHooks.push(hook);
  }

  get(id: string): SnapshotRecord | undefined {
    return this.records.get(id);
  }

  list(): SnapshotRecord[] {
    return [...this.records.values()];
  }

  folderOf(id: string): string {
    if (!isSnapshotId(id)) throw new Error(`not a snapshot id: ${id}`);
    return path.join(this.dir, id);
  }

  /** Records the snapshot as `in_progress` and starts copying; resolves to the new record at once. */
  create(spec: NewSnapshot): SnapshotRecord {
    const id = randomUUID();
    const record: SnapshotRecord = {
      id, name: spec.name, status: 'in_progress', size_bytes: 0, created_at: Date.now(), start_ts: spec.startMs, end_ts: spec.endMs,
      duration: spec.endMs - spec.startMs, node_count: spec.nodes.length, packet_count: 0, nodes: [], error: null, warnings: [...spec.warnings],
      has_workloads: false,
    };
    mkdirSync(this.folderOf(id), { recursive: true });
    this.save(record);
    this.records.set(id, record);
    const abort = new AbortController();
    const done = this.copy(record, spec, abort.signal).finally(() => this.jobs.delete(id));
    this.jobs.set(id, { abort, done });
    return record;
  }

  /** Resolves when the snapshot's copy job (if any) has finished. */
  async settled(id: string): Promise<void> {
    await this.jobs.get(id)?.done;
  }

  /** Adopts a snapshot folder that appeared under `dir` (a cloud download renamed into place). */
  adopt(id: string): SnapshotRecord | undefined {
    const r = this.read(id);
    if (r) this.records.set(id, r);
    return r;
  }

  async delete(id: string): Promise<SnapshotRecord | undefined> {
    const record = this.records.get(id);
    if (!record) return undefined;
    const job = this.jobs.get(id);
    if (job) {
      job.abort.abort();
      await job.done;
    }
    for (const hook of this.deleteHooks) await hook(id);
    this.records.delete(id);
    rmSync(this.folderOf(id), { recursive: true, force: true });
    this.log.info('snapshot-deleted', { id });
    return record;
  }

  private async copy(record: SnapshotRecord, spec: NewSnapshot, signal: AbortSignal): Promise<void> {
    const folder = this.folderOf(record.id);
    try {
      if (existsSync(spec.workloadsFile)) {
        writeFileAtomic(path.join(folder, WORKLOADS_FILE), readFileSync(spec.workloadsFile));
        record.has_workloads = true;
      }
      for (const [i, node] of spec.nodes.entries()) {
        const nodeDir = path.join(folder, 'nodes', `${i}-${encodeURIComponent(node.name)}`);
        const { node: stored, warnings } = await copyWindow(node.name, node.files, spec.startMs, spec.endMs, folder, nodeDir, signal);
        if (signal.aborted) return;
        record.nodes.push(stored);
        record.warnings.push(...warnings);
        record.packet_count += stored.packet_count;
        record.size_bytes += stored.size_bytes;
        this.save(record);
      }
      record.status = 'completed';
      this.log.info('snapshot-completed', { id: record.id, packets: record.packet_count, bytes: record.size_bytes });
    } catch (e) {
      record.status = 'failed';
      record.error = `copy failed: ${(e as Error).message}`;
      this.log.error('snapshot-failed', { id: record.id, error: record.error });
    }
    if (!signal.aborted) this.save(record);
  }

  private load(): void {
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !isSnapshotId(entry.name)) continue;
      const record = this.read(entry.name);
      if (!record) {
        this.log.warn('snapshot-unreadable', { id: entry.name });
        continue;
      }
      if (record.status === 'in_progress') {
        record.status = 'failed';
        record.error = 'interrupted: the Hub stopped while the snapshot was being copied';
        this.save(record);
        this.log.warn('snapshot-interrupted', { id: record.id });
      }
      this.records.set(record.id, record);
    }
  }

  private read(id: string): SnapshotRecord | undefined {
    try {
      const r = parseRecord(readFileSync(path.join(this.folderOf(id), SNAPSHOT_FILE), 'utf8'));
      return r && r.id === id ? r : undefined;
    } catch {
      return undefined;
    }
  }

  private save(record: SnapshotRecord): void {
    writeFileAtomic(path.join(this.folderOf(record.id), SNAPSHOT_FILE), JSON.stringify(record, null, 1));
  }
}
