/** A clock tests move by hand: timers fire in order as `advance` passes their time. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Timers } from '../../../extension/util/timers';

export class FakeTimers implements Timers {
  private _now = 0;
  private _nextId = 1;
  private readonly _timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this._now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this._nextId++;
    this._timers.set(id, { at: this._now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this._timers.delete(handle as number);
  }

  /** Times at which timers are pending, soonest first. */
  get pending(): number[] {
    return [...this._timers.values()].map((t) => t.at).sort((a, b) => a - b);
  }

  /** Moves the clock forward, firing due timers in order and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const target = this._now + ms;
    for (;;) {
      await nextTurn();
      const due = [...this._timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this._timers.delete(due[0]);
      this._now = due[1].at;
      due[1].callback();
    }
    this._now = target;
    await nextTurn();
  }
}
