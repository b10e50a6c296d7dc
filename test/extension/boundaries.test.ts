import assert from 'node:assert/strict';
import { checkWindow, describeWindow, formatDuration, withMargin } from '../../extension/time/boundaries';
import { type Boundaries } from '../../extension/client/model';

const BOUNDARIES: Boundaries = {
  cluster: { start: 1_000_000, end: 9_000_000 },
  nodes: [{ name: 'a', window: { start: 1_000_000, end: 5_000_000 } }, { name: 'b', window: { start: 4_000_000, end: 9_000_000 } }, { name: 'empty' }],
};

describe('window against the data boundaries', () => {
  it('tells inside, partial, outside and no data, per chosen nodes', () => {
    assert.equal(checkWindow({ start: 2_000_000, end: 3_000_000 }, BOUNDARIES, 'UTC').fit, 'inside');
    assert.equal(checkWindow({ start: 2_000_000, end: 6_000_000 }, BOUNDARIES, 'UTC', ['a']).fit, 'partial');
    assert.equal(checkWindow({ start: 0, end: 6_000_000 }, BOUNDARIES, 'UTC', ['a']).fit, 'covers');
    assert.equal(checkWindow({ start: 1_000_000, end: 5_000_000 }, BOUNDARIES, 'UTC', ['a']).fit, 'covers');
    const outside = checkWindow({ start: 6_000_000, end: 7_000_000 }, BOUNDARIES, 'UTC', ['a']);
    assert.equal(outside.fit, 'outside');
    assert.match(outside.message ?? '', /does not overlap the data of the chosen nodes \(1970-01-01 00:16:40 UTC/);
    assert.equal(checkWindow({ start: 6_000_000, end: 7_000_000 }, BOUNDARIES, 'UTC', ['empty']).fit, 'no-data');
    assert.equal(checkWindow({ start: 1, end: 2 }, { nodes: [] }, 'UTC').fit, 'no-data');
  });

  it('adds a 15 minute margin on both sides', () => {
    assert.deepEqual(withMargin({ start: 2_000_000, end: 3_000_000 }), { start: 1_100_000, end: 3_900_000 });
  });

  it('describes a window in local time with UTC beside it', () => {
    const text = describeWindow({ start: Date.UTC(2026, 2, 14, 11, 30), end: Date.UTC(2026, 2, 14, 12, 35) }, 'Asia/Kolkata');
    assert.equal(text, '2026-03-14 17:00:00 IST (11:30:00 UTC) → 2026-03-14 18:05:00 IST (12:35:00 UTC) (1 h 5 min)');
    assert.deepEqual([formatDuration(350), formatDuration(42_000), formatDuration(90_061_000)], ['350 ms', '42 s', '1 d 1 h 1 min']);
  });
});
