import assert from 'node:assert/strict';
import { Coalescer } from '../../extension/util/coalescer';
import { DISSECTION_BACKOFF, Poller, SNAPSHOT_BACKOFF } from '../../extension/util/poller';
import { FakeTimers } from './support/fakeTimers';

describe('poller (§6 backoff)', () => {
  it('polls at 1 s, then ×1.5 up to 10 s, until done', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(timers);
    const at: number[] = [];
    poller.add({ key: 's', backoff: SNAPSHOT_BACKOFF, poll: async () => { at.push(timers.now()); return at.length === 9 ? 'done' : 'continue'; } });
    await timers.advance(60_000);
    const gaps = at.map((t, i) => t - (at[i - 1] ?? 0));
    assert.deepEqual(gaps, [1000, 1500, 2250, 3375, 5062.5, 7593.75, 10_000, 10_000, 10_000]);
    assert.equal(poller.has('s'), false);
    assert.deepEqual(timers.pending, []);
  });

  it('never has two requests in flight for one object, and ignores a second add', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(timers);
    let inFlight = 0;
    let maxInFlight = 0;
    let release: (() => void) | undefined;
    const poll = (): Promise<'continue'> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve) => { release = () => { inFlight--; resolve('continue'); }; });
    };
    poller.add({ key: 'd', backoff: DISSECTION_BACKOFF, poll });
    poller.add({ key: 'd', backoff: DISSECTION_BACKOFF, poll });
    await timers.advance(30_000); // the first poll hangs for all that time
    assert.equal(maxInFlight, 1);
    poller.pause();
    poller.resume();
    await timers.advance(1);
    assert.equal(maxInFlight, 1, 'resume does not start a second request while one is in flight');
    release?.();
    await timers.advance(1500);
    assert.equal(maxInFlight, 1);
  });

  it('stops while paused and polls at once on resume', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(timers);
    const at: number[] = [];
    poller.add({ key: 's', backoff: SNAPSHOT_BACKOFF, poll: async () => { at.push(timers.now()); return 'continue'; } });
    await timers.advance(1000);
    poller.pause();
    await timers.advance(120_000);
    assert.deepEqual(at, [1000]);
    assert.deepEqual(timers.pending, []);
    poller.resume();
    await timers.advance(0);
    assert.deepEqual(at, [1000, 121_000]);
  });

  it('gives up after the deadline and says so', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(timers);
    let gaveUp = false;
    let polls = 0;
    poller.add({ key: 'x', backoff: SNAPSHOT_BACKOFF, deadlineMs: 600_000, poll: async () => { polls++; return 'continue'; }, onGiveUp: () => { gaveUp = true; } });
    await timers.advance(599_000);
    assert.equal(gaveUp, false);
    await timers.advance(20_000);
    assert.equal(gaveUp, true);
    assert.equal(poller.has('x'), false);
    assert.ok(polls > 50 && polls < 70, `${polls} polls in 10 minutes`);
  });

  it('keeps polling after a failed poll', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(timers);
    let polls = 0;
    poller.add({ key: 'e', backoff: SNAPSHOT_BACKOFF, poll: async () => { polls++; if (polls < 3) throw new Error('down'); return 'done'; } });
    await timers.advance(10_000);
    assert.equal(polls, 3);
    assert.equal(poller.has('e'), false);
  });
});

describe('coalescer', () => {
  it('runs the work once per window for every key requested in it', async () => {
    const timers = new FakeTimers();
    const batches: string[][] = [];
    const coalescer = new Coalescer<string>((keys) => batches.push([...keys].sort()), 500, timers);
    coalescer.request('a');
    coalescer.request('b');
    coalescer.request('a');
    await timers.advance(499);
    assert.deepEqual(batches, []);
    await timers.advance(1);
    coalescer.request('c');
    coalescer.flushNow();
    assert.deepEqual(batches, [['a', 'b'], ['c']]);
  });
});
