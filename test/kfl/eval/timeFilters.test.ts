// Timestamps and durations inside filters: record timestamps (Unix ms with a µs fraction), zones
// and fractions in literals, now() fixed at compile time, arithmetic and its range errors.
import * as assert from 'node:assert/strict';
import { compile } from '../../../kfl/eval/compile';
import { expectAll, NOW } from './support';

describe('kfl/eval timestamps and durations', () => {
  const at = (iso: string): number => Date.parse(iso);

  it('compares record timestamps with literals in any offset', () => {
    const record = { timestamp: at('2026-03-14T17:30:00Z'), http: true };
    expectAll([
      ['timestamp >= timestamp("2026-03-14T17:00:00Z") && timestamp < timestamp("2026-03-14T18:00:00Z")', true],
      ['http && timestamp > timestamp("2026-03-14T22:30:00+05:30")', true],
      ['timestamp == timestamp("2026-03-14T23:00:00+05:30")', true],
      ['timestamp < timestamp("2026-03-14T12:29:59-05:00")', false],
    ], record);
  });

  it('keeps the microseconds a record carries and the nanoseconds a literal carries', () => {
    const record = { timestamp: at('2026-03-14T17:00:00Z') + 0.123 }; // 123 µs past the second
    expectAll([
      ['timestamp == timestamp("2026-03-14T17:00:00.000123Z")', true],
      ['timestamp > timestamp("2026-03-14T17:00:00.000122999Z")', true],
      ['timestamp < timestamp("2026-03-14T17:00:00.000123001Z")', true],
      ['timestamp.getMilliseconds() == 0', true],
    ], record);
  });

  it('fixes now() when the filter is compiled', () => {
    expectAll([
      ['timestamp > now() - duration("5m")', true],
      ['timestamp >= now()', false],
      ['now() == timestamp("2026-03-14T17:00:00Z")', true],
    ], { timestamp: NOW - 60_000 });
    const compiled = compile('timestamp >= now()', { now: 1_000 });
    assert.ok(compiled.ok);
    assert.equal(compiled.predicate({ timestamp: 1_000 }), true);
    assert.equal(compiled.predicate({ timestamp: 999.999 }), false);
  });

  it('does duration arithmetic exactly and errors out of range', () => {
    expectAll([
      ['duration("1h30m") == duration("90m")', true],
      ['duration("1.5s") + duration("500ms") == duration("2s")', true],
      ['duration("-10s") < duration("0s")', true],
      ['timestamp("2026-03-14T17:00:00Z") - timestamp("2026-03-14T16:00:00Z") == duration("1h")', true],
      ['timestamp("2026-03-14T17:00:00Z") + duration("24h") == timestamp("2026-03-15T17:00:00Z")', true],
      ['timestamp("9999-12-31T23:59:59Z") + duration("1s") > now()', 'error'],
      ['duration("2562047h") + duration("2562047h") > duration("0s")', 'error'],
      ['duration("1h").getMinutes() == 60', true],
    ]);
  });

  it('reads calendar fields in UTC, IANA zones and fixed offsets', () => {
    const record = { timestamp: at('2026-03-14T23:30:00Z') };
    expectAll([
      ['timestamp.getHours() == 23', true],
      ['timestamp.getHours("Asia/Kolkata") == 5', true],
      ['timestamp.getDayOfWeek() == 6', true],
      ['timestamp.getDayOfWeek("Asia/Kolkata") == 0', true],
      ['timestamp.getDate("Asia/Kolkata") == 15', true],
      ['timestamp.getMonth() == 2 && timestamp.getFullYear() == 2026', true],
      ['timestamp.getDayOfYear() == 72', true],
      ['timestamp.getMinutes("-02:30") == 0', true],
      ['timestamp.getHours("Not/AZone") == 0', 'error'],
    ], record);
  });
});
