/**
 * Snapshot dissections (hub-api.md §5.11–§5.13, §5.24 stop, §6 lifecycle) under
 * `<state>/dissections/<snapshot_id>/<name>/`: `dissection.json` (status, progress, stats; written
 * atomically) and `store/` (the finished call store). Jobs run in the background one at a time;
 * finished stores are loaded on first use and a few are kept in memory. A dissection found
 * active at start-up was cut off by a restart and becomes `failed`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type Dissection } from '../../../protocol/hubApi';
import { HubError, invalidArgument, notFound } from '../../server/errors';
import { type Logger } from '../../server/log';
import { writeFileAtomic } from '../../util/atomicFile';
import { type DissectionInput, type DissectionProgress } from '../engine/dissect';
import { type CallStore } from '../store/callStore';
import { loadStore } from '../store/persist';
import { ACTIVE_STATUSES, DISSECTION_FILE, type DissectionRecord, type JobStatus, NAME_PATTERN, newRecord, parseRecord, toWire } from './dissectionRecord';
import { runJob } from './runJob';

/** A snapshot as the manager needs it: ready or not, and what to dissect. */
export interface SnapshotSource {
  completed: boolean;
  input(): DissectionInput;
}

const LOADED_STORES = 3;
/** Progress is written to dissection.json at most this often while running. */
const SAVE_EVERY_MS = 2000;

interface Entry {
  record: DissectionRecord;
  abort: AbortController | null;
  done: Promise<void> | null;
}

export class DissectionManager {
  private readonly dir: string;
  private readonly entries = new Map<string, Entry>();
  private readonly loaded = new Map<string, CallStore>();
  /** Jobs run one after the other (two CPU-heavy dissections at once only slow both). */
  private queue: Promise<void> = Promise.resolve();

  constructor(stateDir: string, private readonly log: Logger, private readonly snapshot: (id: string) => SnapshotSource | undefined) {
    this.dir = path.join(stateDir, 'dissections');
    mkdirSync(this.dir, { recursive: true });
    this.load();
  }

  start(snapshotId: string, name: string, restart: boolean): Dissection {
    checkName(name);
    const source = this.snapshot(snapshotId);
    if (!source) throw notFound(`snapshot '${snapshotId}' not found`);
    if (!source.completed) throw new HubError('SNAPSHOT_NOT_READY', `snapshot '${snapshotId}' is not completed yet`);
    const key = keyOf(snapshotId, name);
    const existing = this.entries.get(key);
    if (existing && (ACTIVE_STATUSES.has(existing.record.status) || (existing.record.status === 'completed' && !restart))) {
      return toWire(existing.record, true);
    }
    this.loaded.delete(key);
    const entry: Entry = { record: newRecord(snapshotId, name), abort: new AbortController(), done: null };
    this.entries.set(key, entry);
    mkdirSync(this.folder(snapshotId, name), { recursive: true });
    this.save(entry.record);
    entry.done = this.queue = this.queue.then(() => this.run(entry, source));
    return toWire(entry.record, true);
  }

  status(snapshotId: string, name: string): Dissection {
    return toWire(this.entry(snapshotId, name).record, true);
  }

  list(snapshotId?: string): Dissection[] {
    return [...this.entries.values()]
      .filter((e) => snapshotId === undefined || e.record.snapshot_id === snapshotId)
      .sort((a, b) => (b.record.started_at ?? 0) - (a.record.started_at ?? 0))
      .map((e) => toWire(e.record, false));
  }

  async stop(snapshotId: string, name: string): Promise<Dissection> {
    const entry = this.entry(snapshotId, name);
    if (ACTIVE_STATUSES.has(entry.record.status)) {
      entry.abort?.abort();
      this.finish(entry, 'cancelled');
      await entry.done;
    }
    return toWire(entry.record, true);
  }

  /** Resolves when the dissection's job (if any) has finished. */
  async settled(snapshotId: string, name: string): Promise<void> {
    await this.entries.get(keyOf(snapshotId, name))?.done;
  }

  /** The finished store of a dissection; 404 when none, 409 while it runs or after it failed. */
  store(snapshotId: string, name: string): CallStore {
    const entry = this.entry(snapshotId, name);
    const r = entry.record;
    if (ACTIVE_STATUSES.has(r.status)) throw new HubError('DISSECTION_ACTIVE', `dissection '${name}' of snapshot '${snapshotId}' is ${r.status} (${r.progress}%)`);
    if (r.status !== 'completed') throw new HubError('SNAPSHOT_NOT_READY', `dissection '${name}' of snapshot '${snapshotId}' is ${r.status}; start it again`);
    const key = keyOf(snapshotId, name);
    let store = this.loaded.get(key);
    if (!store) {
      const loaded = loadStore(this.storeDir(snapshotId, name));
      if (typeof loaded === 'string') throw new HubError('INTERNAL', loaded);
      store = loaded;
      this.remember(key, store);
    } else {
      // Most recently used last.
      this.loaded.delete(key);
      this.loaded.set(key, store);
    }
    return store;
  }

  /** The files a finished dissection read, per node (for per-connection PCAP export). */
  nodeFiles(snapshotId: string, name: string): DissectionRecord['nodes'] {
    return this.entry(snapshotId, name).record.nodes;
  }

  /** Snapshot deletion: cancel its jobs and remove every dissection of it. */
  async deleteSnapshot(snapshotId: string): Promise<void> {
    const mine = [...this.entries].filter(([, e]) => e.record.snapshot_id === snapshotId);
    for (const [key, e] of mine) {
      e.abort?.abort();
      await e.done;
      this.entries.delete(key);
      this.loaded.delete(key);
    }
    rmSync(path.join(this.dir, snapshotId), { recursive: true, force: true });
  }

  private async run(entry: Entry, source: SnapshotSource): Promise<void> {
    const r = entry.record;
    if (r.status !== 'pending') return;
    const signal = entry.abort!.signal;
    try {
      this.setStatus(entry, 'downloading', 1);
      const input = source.input();
      r.nodes = input.nodes;
      this.setStatus(entry, 'running', 2);
      let lastSave = Date.now();
      const outcome = await runJob(input, this.storeDir(r.snapshot_id, r.name), signal, (p) => {
        this.progress(entry, p);
        if (Date.now() - lastSave > SAVE_EVERY_MS) {
          lastSave = Date.now();
          this.save(r);
        }
      }, () => this.setStatus(entry, 'uploading', 98));
      if (signal.aborted || outcome.aborted) return;
      this.progress(entry, outcome.progress);
      r.errors.push(...outcome.errors);
      this.remember(keyOf(r.snapshot_id, r.name), outcome.store!);
      this.finish(entry, 'completed');
    } catch (e) {
      this.log.error('dissection failed', { snapshot: r.snapshot_id, name: r.name, error: String(e) });
      r.errors.push(`dissection failed: ${(e as Error).message}`);
      this.finish(entry, 'failed');
    }
  }

  private progress(entry: Entry, p: DissectionProgress): void {
    const r = entry.record;
    if (!ACTIVE_STATUSES.has(r.status)) return;
    r.stats = { pcap_files: p.files, pcap_bytes: p.totalBytes, packets_processed: p.packets, entries_created: p.calls, protocol_counts: { ...p.protocolCounts } };
    r.entry_count = p.calls;
    const share = p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 1;
    r.progress = Math.max(r.progress, Math.min(97, 2 + Math.floor(share * 95)));
  }

  private setStatus(entry: Entry, status: JobStatus, progress: number): void {
    if (!ACTIVE_STATUSES.has(entry.record.status)) return;
    entry.record.status = status;
    entry.record.progress = Math.max(entry.record.progress, progress);
    this.save(entry.record);
  }

  private finish(entry: Entry, status: JobStatus): void {
    const r = entry.record;
    if (!ACTIVE_STATUSES.has(r.status)) return;
    r.status = status;
    if (status === 'completed') r.progress = 100;
    r.completed_at = Date.now();
    entry.abort = null;
    this.save(r);
  }

  private remember(key: string, store: CallStore): void {
    this.loaded.set(key, store);
    while (this.loaded.size > LOADED_STORES) this.loaded.delete(this.loaded.keys().next().value!);
  }

  private entry(snapshotId: string, name: string): Entry {
    checkName(name);
    const e = this.entries.get(keyOf(snapshotId, name));
    if (!e) throw notFound(`no dissection '${name}' of snapshot '${snapshotId}'`);
    return e;
  }

  private folder(snapshotId: string, name: string): string {
    if (!/^[0-9a-zA-Z-]{1,64}$/.test(snapshotId)) throw notFound(`snapshot '${snapshotId}' not found`);
    return path.join(this.dir, snapshotId, name);
  }

  private storeDir(snapshotId: string, name: string): string {
    return path.join(this.folder(snapshotId, name), 'store');
  }

  private save(r: DissectionRecord): void {
    try {
      writeFileAtomic(path.join(this.folder(r.snapshot_id, r.name), DISSECTION_FILE), JSON.stringify(r));
    } catch (e) {
      this.log.warn('cannot save dissection state', { snapshot: r.snapshot_id, name: r.name, error: String(e) });
    }
  }

  private load(): void {
    for (const snapshotId of safeList(this.dir)) {
      for (const name of safeList(path.join(this.dir, snapshotId))) {
        const file = path.join(this.dir, snapshotId, name, DISSECTION_FILE);
        if (!existsSync(file)) continue;
        const record = parseRecord(readFileSync(file, 'utf8'));
        if (!record) continue;
        const entry: Entry = { record, abort: null, done: null };
        if (ACTIVE_STATUSES.has(record.status)) {
          record.errors.push('interrupted: the Hub stopped while this dissection ran');
          record.status = 'failed';
          record.completed_at = Date.now();
          this.save(record);
        }
        this.entries.set(keyOf(snapshotId, name), entry);
      }
    }
  }
}

function keyOf(snapshotId: string, name: string): string {
  return `${snapshotId}/${name}`;
}

function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) throw invalidArgument('name', `dissection name '${name}' must be 1–64 letters, digits, '.', '_' or '-'`);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
}
