import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { durationField, timestampField } from '../../../kfl/eval/calendar';
import {
  addDuration, civilFromDays, daysFromCivil, describeDurationProblem, describeTimestampProblem, Duration, formatDuration,
  formatDurationCompact, formatTimestamp, parseDuration, parseTimestamp, subtractTimestamps, Timestamp, timestampFromMillis,
} from '../../../kfl/eval/time';
import { EvalError } from '../../../kfl/eval/values';

function ts(text: string): Timestamp {
  const parsed = parseTimestamp(text);
  assert.ok(parsed.ok, `${text} should parse`);
  return parsed.value;
}

function dur(text: string): bigint {
  const parsed = parseDuration(text);
  assert.ok(parsed.ok, `${text} should parse`);
  return parsed.value.nanos;
}

describe('kfl/eval/time', () => {
  describe('parseTimestamp (RFC 3339)', () => {
    it('agrees with Date for whole seconds, offsets and fractions', () => {
      for (const text of ['2026-03-14T17:00:00Z', '2026-03-14T22:30:00+05:30', '1969-12-31T23:59:59-00:30', '2000-02-29T12:00:00.5Z', '0001-01-01T00:00:00Z']) {
        const expectedMs = Date.parse(text);
        const t = ts(text);
        assert.equal(t.seconds * 1000 + t.nanos / 1e6, expectedMs, text);
      }
    });
    it('keeps nanoseconds and truncates digits beyond them', () => {
      assert.deepEqual(ts('2009-02-13T23:31:30.123456789Z'), new Timestamp(1234567890, 123456789));
      assert.deepEqual(ts('2009-02-13T23:31:30.1234567899Z'), new Timestamp(1234567890, 123456789));
      assert.deepEqual(ts('2009-02-13T23:31:30.1Z'), new Timestamp(1234567890, 100000000));
    });
    it('rejects other layouts with the spec message', () => {
      for (const text of ['2026-03-14 17:00', '2026-03-14T17:00Z', '2026-03-14t17:00:00z', '2026-03-14T17:00:00', '20260314T170000Z', '']) {
        const parsed = parseTimestamp(text);
        assert.ok(!parsed.ok, text);
        assert.equal(parsed.problem.kind, 'format', text);
      }
      const parsed = parseTimestamp('2026-03-14 17:00');
      assert.ok(!parsed.ok);
      assert.equal(describeTimestampProblem(parsed.problem),
        'Not RFC 3339; expected `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, e.g. `2026-03-14T17:00:00Z`.');
    });
    it('range-checks calendar fields and the CEL range', () => {
      const problem = (text: string): unknown => { const p = parseTimestamp(text); return p.ok ? undefined : p.problem; };
      assert.deepEqual(problem('2026-02-29T00:00:00Z'), { kind: 'field', field: 'day' });
      assert.deepEqual(problem('2024-13-01T00:00:00Z'), { kind: 'field', field: 'month' });
      assert.deepEqual(problem('2024-01-01T24:00:00Z'), { kind: 'field', field: 'hour' });
      assert.deepEqual(problem('2024-01-01T00:00:60Z'), { kind: 'field', field: 'second' });
      assert.deepEqual(problem('2024-01-01T00:00:00+24:00'), { kind: 'field', field: 'offset' });
      assert.deepEqual(problem('0000-01-01T00:00:00Z'), { kind: 'range' });
      assert.deepEqual(problem('0001-01-01T00:00:00+01:00'), { kind: 'range' });
      assert.equal(problem('9999-12-31T23:59:59.999999999Z'), undefined);
    });
  });

  it('parses and prints every ms instant of the range as Date does (property)', () => {
    const first = new Date(0); // Date.UTC would read year 1 as 1901
    first.setUTCFullYear(1, 0, 1);
    first.setUTCHours(0, 0, 0, 0);
    const last = new Date(0);
    last.setUTCFullYear(9999, 11, 31);
    last.setUTCHours(23, 59, 59, 999);
    fc.assert(fc.property(fc.integer({ min: first.getTime(), max: last.getTime() }), fc.integer({ min: -23 * 60, max: 23 * 60 }), (ms, offsetMinutes) => {
      const iso = new Date(ms).toISOString(); // YYYY-MM-DDThh:mm:ss.sssZ
      const t = ts(iso);
      assert.equal(t.seconds * 1000 + t.nanos / 1e6, ms);
      assert.equal(formatTimestamp(t), iso.replace(/\.?0+Z$/, 'Z')); // trailing zeros of the fraction trimmed
      // The same instant written in another offset (when its local year still has four digits).
      const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
      if (!/^\d{4}-/.test(local)) return;
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const shifted = ts(`${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`);
      assert.equal(shifted.seconds * 1000 + shifted.nanos / 1e6, ms);
    }), { numRuns: 3_000 });
  });

  describe('parseDuration (Go syntax)', () => {
    it('reads units, signs, fractions and sequences exactly', () => {
      assert.equal(dur('5m'), 300_000_000_000n);
      assert.equal(dur('1h30m'), 5_400_000_000_000n);
      assert.equal(dur('1.5s'), 1_500_000_000n);
      assert.equal(dur('-10s'), -10_000_000_000n);
      assert.equal(dur('+2ms'), 2_000_000n);
      assert.equal(dur('1us1µs1μs1ns'), 3001n);
      assert.equal(dur('.5h'), 1_800_000_000_000n);
      assert.equal(dur('0'), 0n);
      assert.equal(dur('-0'), 0n);
      assert.equal(dur('0.000000001s'), 1n);
      assert.equal(dur('1.0000000009s'), 1_000_000_000n); // below a nanosecond truncates
      assert.equal(dur('2562047h47m16.854775807s'), 2n ** 63n - 1n);
    });
    it('reports unknown units with a suggestion in Go units', () => {
      const parsed = parseDuration('1d');
      assert.ok(!parsed.ok);
      assert.deepEqual(parsed.problem, { kind: 'unknown-unit', unit: 'd', suggestion: '24h' });
      assert.equal(describeDurationProblem(parsed.problem),
        'Unknown unit `d`; durations use h, m, s, ms, us, ns. Did you mean `duration("24h")`?');
      const week = parseDuration('1w2d');
      assert.ok(!week.ok);
      assert.deepEqual(week.problem, { kind: 'unknown-unit', unit: 'w', suggestion: '216h' });
      const unknown = parseDuration('5 parsecs');
      assert.ok(!unknown.ok);
      assert.deepEqual(unknown.problem, { kind: 'unknown-unit', unit: ' parsecs' });
    });
    it('rejects malformed text and int64 overflow', () => {
      const kind = (text: string): string | undefined => { const p = parseDuration(text); return p.ok ? undefined : p.problem.kind; };
      assert.equal(kind(''), 'format');
      assert.equal(kind('-'), 'format');
      assert.equal(kind('s'), 'format');
      assert.equal(kind('.s'), 'format');
      assert.equal(kind('10'), 'missing-unit');
      assert.equal(kind('1h10'), 'missing-unit');
      assert.equal(kind('2562047h47m16.854775808s'), 'range');
      assert.equal(kind('-2562047h47m16.854775808s'), undefined); // exactly MinInt64
      assert.equal(kind('320000000000s'), 'range');
      assert.equal(kind('9'.repeat(5000) + 'h'), 'range');
    });
  });

  describe('formatting', () => {
    it('prints timestamps as RFC 3339 with a trimmed fraction', () => {
      assert.equal(formatTimestamp(ts('2009-02-13T23:31:30Z')), '2009-02-13T23:31:30Z');
      assert.equal(formatTimestamp(ts('9999-12-31T23:59:59.999999999Z')), '9999-12-31T23:59:59.999999999Z');
      assert.equal(formatTimestamp(ts('2026-03-14T22:30:00.120+05:30')), '2026-03-14T17:00:00.12Z');
      assert.equal(formatTimestamp(ts('0001-01-01T00:00:00Z')), '0001-01-01T00:00:00Z');
    });
    it('prints durations in seconds (CEL) and compactly (suggestions)', () => {
      assert.equal(formatDuration(new Duration(1_000_000_000_000_000n)), '1000000s');
      assert.equal(formatDuration(new Duration(-1_500_000_000n)), '-1.5s');
      assert.equal(formatDuration(new Duration(1n)), '0.000000001s');
      assert.equal(formatDurationCompact(new Duration(dur('36h'))), '36h');
      assert.equal(formatDurationCompact(new Duration(dur('90m1.5s'))), '1h30m1.5s');
      assert.equal(formatDurationCompact(new Duration(0n)), '0s');
    });
  });

  describe('arithmetic', () => {
    it('adds and subtracts with nanosecond carries', () => {
      assert.deepEqual(addDuration(ts('0001-01-01T00:00:01.000000001Z'), new Duration(-999_999_999n)), ts('0001-01-01T00:00:00.000000002Z'));
      assert.deepEqual(addDuration(ts('0001-01-01T00:00:01.999999999Z'), new Duration(999_999_999n)), ts('0001-01-01T00:00:02.999999998Z'));
      assert.deepEqual(subtractTimestamps(ts('2009-02-13T23:31:00Z'), ts('2009-02-13T23:29:00Z')), new Duration(120_000_000_000n));
    });
    it('errors outside the timestamp and duration ranges', () => {
      assert.ok(addDuration(ts('9999-12-31T23:59:59.999999999Z'), new Duration(1n)) instanceof EvalError);
      assert.ok(addDuration(ts('0001-01-01T00:00:00Z'), new Duration(-1n)) instanceof EvalError);
      assert.ok(subtractTimestamps(ts('9999-12-31T23:59:59Z'), ts('0001-01-01T00:00:00Z')) instanceof EvalError);
    });
    it('reads record timestamps (Unix ms with a µs fraction) exactly', () => {
      assert.deepEqual(timestampFromMillis(1773507600000.123), new Timestamp(1773507600, 123000));
      assert.deepEqual(timestampFromMillis(-1.5), new Timestamp(-1, 998500000));
      assert.ok(timestampFromMillis(NaN) instanceof EvalError);
    });
    it('converts civil dates both ways across eras', () => {
      for (const days of [-719162, -1, 0, 59, 60, 11016, 2932896]) {
        const { year, month, day } = civilFromDays(days);
        assert.equal(daysFromCivil(year, month, day), days);
        assert.equal(new Date(days * 86400000).toISOString().slice(0, 10),
          `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }
    });
  });

  describe('accessors', () => {
    const t = ts('2009-02-13T23:31:30.123456789Z');
    it('read UTC fields as CEL numbers them', () => {
      assert.equal(timestampField(t, 'getFullYear'), 2009);
      assert.equal(timestampField(t, 'getMonth'), 1);
      assert.equal(timestampField(t, 'getDate'), 13);
      assert.equal(timestampField(t, 'getDayOfMonth'), 12);
      assert.equal(timestampField(t, 'getDayOfWeek'), 5);
      assert.equal(timestampField(t, 'getDayOfYear'), 43);
      assert.equal(timestampField(t, 'getHours'), 23);
      assert.equal(timestampField(t, 'getMinutes'), 31);
      assert.equal(timestampField(t, 'getSeconds'), 30);
      assert.equal(timestampField(t, 'getMilliseconds'), 123);
    });
    it('read fields in IANA zones and fixed offsets', () => {
      assert.equal(timestampField(t, 'getDate', 'Australia/Sydney'), 14);
      assert.equal(timestampField(t, 'getMinutes', 'Asia/Kathmandu'), 16);
      assert.equal(timestampField(t, 'getHours', '02:00'), 1);
      assert.equal(timestampField(ts('2009-02-13T02:00:00Z'), 'getDayOfMonth', '-02:30'), 11);
      assert.equal(timestampField(ts('2009-02-13T02:00:00Z'), 'getDayOfMonth', 'America/St_Johns'), 11);
      // Daylight saving: Berlin is UTC+2 in July, UTC+1 in January.
      assert.equal(timestampField(ts('2026-07-01T12:00:00Z'), 'getHours', 'Europe/Berlin'), 14);
      assert.equal(timestampField(ts('2026-01-01T12:00:00Z'), 'getHours', 'Europe/Berlin'), 13);
    });
    it('follows a daylight-saving switch minute by minute', () => {
      // Berlin moves from UTC+1 to UTC+2 at 2026-03-29T01:00:00Z.
      assert.equal(timestampField(ts('2026-03-29T00:59:30Z'), 'getHours', 'Europe/Berlin'), 1);
      assert.equal(timestampField(ts('2026-03-29T00:59:59Z'), 'getMinutes', 'Europe/Berlin'), 59);
      assert.equal(timestampField(ts('2026-03-29T01:00:00Z'), 'getHours', 'Europe/Berlin'), 3);
      assert.equal(timestampField(ts('2026-03-29T00:59:00Z'), 'getHours', 'Europe/Berlin'), 1);
    });
    it('errors on an unknown zone', () => {
      assert.ok(timestampField(t, 'getHours', 'Mars/Olympus_Mons') instanceof EvalError);
      assert.ok(timestampField(t, 'getHours', '25:00') instanceof EvalError);
    });
    it('read whole units of durations', () => {
      assert.equal(durationField(new Duration(dur('10000s')), 'getHours'), 2);
      assert.equal(durationField(new Duration(dur('3730s')), 'getMinutes'), 62);
      assert.equal(durationField(new Duration(dur('3730s')), 'getSeconds'), 3730);
      assert.equal(durationField(new Duration(dur('123.321456789s')), 'getMilliseconds'), 321);
    });
  });
});
