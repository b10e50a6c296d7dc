/**
 * Polling of objects that are still changing (hub-api.md §6): each object is polled with its own
 * backoff, never with more than one request at a time, only while polling is resumed (the view is
 * visible), and given up on after a deadline when the task asks for one.
 */
import { realTimers, type Timers } from './timers';

export interface Backoff {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/** §6: snapshots 1 s ×1.5 to 10 s; dissections 1 s ×1.5 to 5 s; cloud jobs 2 s ×1.5 to 15 s. */
export const SNAPSHOT_BACKOFF: Backoff = { initialMs: 1000, factor: 1.5, maxMs: 10_000 };
export const DISSECTION_BACKOFF: Backoff = { initialMs: 1000, factor: 1.5, maxMs: 5000 };
export const CLOUD_JOB_BACKOFF: Backoff = { initialMs: 2000, factor: 1.5, maxMs: 15_000 };

/** How long an object in a status nobody knows is polled before the client gives up (§6). */
export const UNKNOWN_STATUS_DEADLINE_MS = 10 * 60_000;

export interface PollTask {
  /** One task per object: adding a key that is polled already changes nothing. */
  readonly key: string;
  readonly backoff: Backoff;
  /** One poll; `done` ends the task. Errors count as `continue` (the next poll may succeed). */
  readonly poll: () => Promise<'continue' | 'done'>;
  /** Polls stop after this long (ms since the task was added), then `onGiveUp` is told. */
  readonly deadlineMs?: number;
  readonly onGiveUp?: () => void;
}

interface Entry {
  readonly task: PollTask;
  readonly addedAt: number;
  interval: number;
  timer?: unknown;
  inFlight: boolean;
}

export class Poller {
  private readonly _entries = new Map<string, Entry>();
  private _running = true;
  private _disposed = false;

  constructor(private readonly _timers: Timers = realTimers) {}

  get keys(): string[] {
    return [...this._entries.keys()];
  }

  has(key: string): boolean {
    return this._entries.has(key);
  }

  add(task: PollTask): void {
    if (this._disposed || this._entries.has(task.key)) return;
    const entry: Entry = { task, addedAt: this._timers.now(), interval: task.backoff.initialMs, inFlight: false };
    this._entries.set(task.key, entry);
    this._schedule(entry, entry.interval);
  }

  remove(key: string): void {
    const entry = this._entries.get(key);
    if (!entry) return;
    this._timers.clearTimeout(entry.timer);
    this._entries.delete(key);
  }

  /** Stops scheduling (the view was hidden); a request in flight finishes but schedules nothing. */
  pause(): void {
    this._running = false;
    for (const entry of this._entries.values()) {
      this._timers.clearTimeout(entry.timer);
      entry.timer = undefined;
    }
  }

  /** Polls every object now (the view is visible again), then continues with each one's backoff. */
  resume(): void {
    if (this._running || this._disposed) return;
    this._running = true;
    for (const entry of this._entries.values()) if (!entry.inFlight) this._schedule(entry, 0);
  }

  dispose(): void {
    this.pause();
    this._disposed = true;
    this._entries.clear();
  }

  private _schedule(entry: Entry, delay: number): void {
    if (!this._running) return;
    this._timers.clearTimeout(entry.timer);
    entry.timer = this._timers.setTimeout(() => void this._run(entry), delay);
  }

  private async _run(entry: Entry): Promise<void> {
    entry.timer = undefined;
    if (entry.inFlight || this._entries.get(entry.task.key) !== entry) return;
    const { task } = entry;
    if (task.deadlineMs !== undefined && this._timers.now() - entry.addedAt >= task.deadlineMs) {
      this._entries.delete(task.key);
      task.onGiveUp?.();
      return;
    }
    entry.inFlight = true;
    const outcome = await task.poll().catch(() => 'continue' as const);
    entry.inFlight = false;
    if (this._entries.get(task.key) !== entry) return;
    if (outcome === 'done') {
      this._entries.delete(task.key);
      return;
    }
    entry.interval = Math.min(task.backoff.maxMs, entry.interval * task.backoff.factor);
    this._schedule(entry, entry.interval);
  }
}
