/**
 * Collects requests for the same work over a short window and runs the work once for all of them
 * (tree refreshes, style practice 16: collected for 500 ms, keyed by node).
 */
import { realTimers, type Timers } from './timers';

const COALESCE_MS = 500;

export class Coalescer<K> {
  private readonly _pending = new Set<K>();
  private _timer: unknown;

  constructor(
    private readonly _flush: (keys: ReadonlySet<K>) => void,
    private readonly _delayMs = COALESCE_MS,
    private readonly _timers: Timers = realTimers,
  ) {}

  request(key: K): void {
    this._pending.add(key);
    if (this._timer !== undefined) return;
    this._timer = this._timers.setTimeout(() => this.flushNow(), this._delayMs);
  }

  /** Runs the pending work at once (e.g. a refresh the person asked for). */
  flushNow(): void {
    this._timers.clearTimeout(this._timer);
    this._timer = undefined;
    if (this._pending.size === 0) return;
    const keys = new Set(this._pending);
    this._pending.clear();
    this._flush(keys);
  }

  dispose(): void {
    this._timers.clearTimeout(this._timer);
    this._timer = undefined;
    this._pending.clear();
  }
}
