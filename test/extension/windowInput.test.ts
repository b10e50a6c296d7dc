import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { parseWindow, type WindowParse } from '../../extension/time/windowInput';

const utc = (iso: string): number => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();
const NOW = utc('2026-03-14T12:00:00Z');

function ok(text: string, zone: string, now = NOW): Extract<WindowParse, { ok: true }> {
  const parsed = parseWindow(text, { zone, now });
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.message}`);
  return parsed;
}

function window(text: string, zone: string, now = NOW): [string, string] {
  const { window: w } = ok(text, zone, now);
  return [new Date(w.start).toISOString(), new Date(w.end).toISOString()];
}

describe('time window input (local time → UTC)', () => {
  it('reads absolute windows in Asia/Kolkata (UTC+5:30)', () => {
    assert.deepEqual(window('2026-03-14 17:00 – 18:00', 'Asia/Kolkata'), ['2026-03-14T11:30:00.000Z', '2026-03-14T12:30:00.000Z']);
    assert.deepEqual(window('2026-03-14 17:00 to 2026-03-14 18:30', 'Asia/Kolkata'), ['2026-03-14T11:30:00.000Z', '2026-03-14T13:00:00.000Z']);
    assert.deepEqual(window('2026-03-14T17:00:05.250 - 17:00:06', 'Asia/Kolkata'), ['2026-03-14T11:30:05.250Z', '2026-03-14T11:30:06.000Z']);
    assert.deepEqual(window('2026-03-14 17:00..2026-03-15 01:00', 'Asia/Kolkata'), ['2026-03-14T11:30:00.000Z', '2026-03-14T19:30:00.000Z']);
  });

  it('reads the same text differently per zone (UTC, America/New_York)', () => {
    assert.deepEqual(window('2026-03-14 17:00 – 18:00', 'UTC'), ['2026-03-14T17:00:00.000Z', '2026-03-14T18:00:00.000Z']);
    // 2026-03-14 is after the US switch to EDT (UTC-4) on March 8.
    assert.deepEqual(window('2026-03-14 17:00 – 18:00', 'America/New_York'), ['2026-03-14T21:00:00.000Z', '2026-03-14T22:00:00.000Z']);
    assert.deepEqual(window('2026-01-14 17:00 – 18:00', 'America/New_York'), ['2026-01-14T22:00:00.000Z', '2026-01-14T23:00:00.000Z']);
  });

  it('takes today in the chosen zone for a time without a date, and says so', () => {
    // At 12:00 UTC it is already 2026-03-14 17:30 in Kolkata but 08:00 in New York.
    const kolkata = ok('09:00-10:30', 'Asia/Kolkata');
    assert.deepEqual([kolkata.window.start, kolkata.window.end], [utc('2026-03-14T03:30:00Z'), utc('2026-03-14T05:00:00Z')]);
    assert.match(kolkata.notes.join('\n'), /No date given: 2026-03-14 \(today\)/);
    const lateUtc = utc('2026-03-14T20:00:00Z'); // already 2026-03-15 01:30 in Kolkata
    assert.deepEqual(window('today 09:00-10:30', 'Asia/Kolkata', lateUtc), ['2026-03-15T03:30:00.000Z', '2026-03-15T05:00:00.000Z']);
  });

  it('reads relative windows: last N, yesterday, today, a whole day, now', () => {
    assert.deepEqual(window('last 1h', 'Asia/Kolkata'), ['2026-03-14T11:00:00.000Z', '2026-03-14T12:00:00.000Z']);
    assert.deepEqual(window('last 15m', 'UTC'), ['2026-03-14T11:45:00.000Z', '2026-03-14T12:00:00.000Z']);
    assert.deepEqual(window('LAST 1h 30min', 'UTC'), ['2026-03-14T10:30:00.000Z', '2026-03-14T12:00:00.000Z']);
    assert.deepEqual(window('yesterday 17:00-18:00', 'Asia/Kolkata'), ['2026-03-13T11:30:00.000Z', '2026-03-13T12:30:00.000Z']);
    assert.deepEqual(window('yesterday', 'UTC'), ['2026-03-13T00:00:00.000Z', '2026-03-13T23:59:59.999Z']);
    assert.deepEqual(window('11:00 - now', 'UTC'), ['2026-03-14T11:00:00.000Z', '2026-03-14T12:00:00.000Z']);
  });

  it('crosses midnight when the end is earlier in the day, and notes it', () => {
    const parsed = ok('2026-03-14 23:00 – 01:00', 'UTC');
    assert.deepEqual([parsed.window.start, parsed.window.end], [utc('2026-03-14T23:00:00Z'), utc('2026-03-15T01:00:00Z')]);
    assert.match(parsed.notes.join('\n'), /ends the next day/);
  });

  it('resolves a DST gap in America/New_York forward and notes it', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist.
    const parsed = ok('2026-03-08 02:30 – 04:00', 'America/New_York');
    assert.equal(new Date(parsed.window.start).toISOString(), '2026-03-08T07:30:00.000Z');
    assert.equal(new Date(parsed.window.end).toISOString(), '2026-03-08T08:00:00.000Z');
    assert.match(parsed.notes.join('\n'), /02:30 does not exist on 2026-03-08 in America\/New_York/);
  });

  it('widens a DST overlap in America/New_York: the first 01:30 for a start, the second for an end', () => {
    // 2026-11-01 02:00 EDT → 01:00 EST: 01:00–01:59 happens twice.
    const start = ok('2026-11-01 01:30 – 03:00', 'America/New_York');
    assert.equal(new Date(start.window.start).toISOString(), '2026-11-01T05:30:00.000Z');
    assert.match(start.notes.join('\n'), /01:30 happens twice .* start uses the first one/);
    const end = ok('2026-11-01 00:30 – 01:30', 'America/New_York');
    assert.equal(new Date(end.window.end).toISOString(), '2026-11-01T06:30:00.000Z');
    assert.match(end.notes.join('\n'), /end uses the second one/);
  });

  it('answers errors with the offset of the problem, never throwing', () => {
    const cases: [string, RegExp, number][] = [
      ['', /Type a time window/, 0],
      ['2026-03-14 17:00', /Give an end too/, 16],
      ['2026-02-30 17:00 - 18:00', /2026-02-30 is not a date/, 0],
      ['17:00 - 25:00', /25:00 is not a time of day/, 8],
      ['17:00 # 18:00', /Unexpected '#'/, 6],
      ['17:00 - 18:00 tomorrow', /Unknown word 'tomorrow'/, 14],
      ['last', /Expected a duration/, 4],
      ['last 17:00', /Expected a duration/, 5],
      ['2026-03-14 18:00 - 2026-03-14 17:00', /ends before it starts/, 19],
      ['17 - 18', /'17' needs a unit or a colon/, 0],
      ['x'.repeat(500), /Too long/, 200],
    ];
    for (const [text, message, offset] of cases) {
      const parsed = parseWindow(text, { zone: 'UTC', now: NOW });
      assert.ok(!parsed.ok, text);
      assert.match(parsed.message, message, text);
      assert.equal(parsed.offset, offset, text);
    }
  });
});
